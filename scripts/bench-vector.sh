#!/usr/bin/env bash
# Vector benchmark: N generated polygons (default 1,000,000; a quarter of them invalid bowties)
# through process_vector, beside ogr2ogr -makevalid -nlt PROMOTE_TO_MULTI -t_srs EPSG:4326 with
# PG_USE_COPY into the same PostGIS, same file, same run. Writes target/bench/vector.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap service_stop EXIT
export PGPASSWORD=${GEOETL_DB_PASSWORD:-geoetl}
n=${BENCH_FEATURES:-1000000}
out="$here/target/bench/vector.json"
mkdir -p "$here/target/bench"
work=$(mktemp -d)
src="$work/polygons.gpkg"

echo "== generating $n polygons (GeoPackage; every 4th one self-intersecting)"
awk -v n="$n" 'BEGIN { print "id,kind,wkt"; for (i = 0; i < n; i++) { x = (i % 3000) * 0.1 - 150; y = int(i / 3000) % 1500 * 0.1 - 75;
  if (i % 4 == 0) printf "%d,bowtie,\"POLYGON ((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f))\"\n", i, x, y, x+0.05, y+0.05, x+0.05, y, x, y+0.05, x, y;
  else printf "%d,square,\"POLYGON ((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f))\"\n", i, x, y, x+0.05, y, x+0.05, y+0.05, x, y+0.05, x, y } }' > "$work/polygons.csv"
ogr2ogr -q -f GPKG "$src" "$work/polygons.csv" -oo GEOM_POSSIBLE_NAMES=wkt -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326 -nln polygons
rm "$work/polygons.csv"

pg="PG:host=localhost user=geoetl password=$PGPASSWORD dbname=geoetl"
echo "== anchor: ogr2ogr -makevalid -nlt PROMOTE_TO_MULTI -t_srs EPSG:4326 (PG_USE_COPY)"
psql -h localhost -U geoetl -d geoetl -qAt -c "SET client_min_messages = warning" -c "DROP TABLE IF EXISTS geo.bench_ogr2ogr"
start=$(date +%s.%N)
ogr2ogr -f PostgreSQL "$pg" "$src" -nln geo.bench_ogr2ogr -makevalid -nlt PROMOTE_TO_MULTI -t_srs EPSG:4326 \
        --config PG_USE_COPY YES -lco SPATIAL_INDEX=GIST -lco GEOMETRY_NAME=geom
anchor_s=$(echo "$(date +%s.%N) - $start" | bc)
anchor_rows=$(psql -h localhost -U geoetl -d geoetl -qAt -c "SELECT count(*) FROM geo.bench_ogr2ogr")
anchor_rate=$(awk -v n="$anchor_rows" -v s="$anchor_s" 'BEGIN {printf "%.0f", n / s}')
echo "   $anchor_rows features in $anchor_s s: $anchor_rate features/s"
psql -h localhost -U geoetl -d geoetl -qAt -c "DROP TABLE geo.bench_ogr2ogr"

echo "== GeoETL process_vector (upload, then prepare → parallel chunk loads → swap)"
service_start bench-vector
curl -fsS -T "$src" "$GEOETL_URL/api/storage/bronze/bench/polygons-$n.gpkg" >/dev/null
start=$(date +%s.%N)
job=$(submit process_vector "{\"blob_name\": \"bench/polygons-$n.gpkg\", \"table_name\": \"bench_geoetl\", \"overwrite\": true, \"chunk_size\": 50000, \"title\": \"bench $(date +%s)\"}")
doc=$(wait_job "$job" 3600)
geo_s=$(echo "$(date +%s.%N) - $start" | bc)
[ "$(echo "$doc" | jq -r .status)" = "completed" ] || { echo "process_vector ended $(echo "$doc" | jq -r .status): $(echo "$doc" | jq -r .errorDetails)" >&2; exit 1; }
loaded=$(echo "$doc" | jq '.resultData.results[0].features_loaded')
repaired=$(echo "$doc" | jq '.resultData.results[0].features_repaired')
rate=$(awk -v n="$loaded" -v s="$geo_s" 'BEGIN {printf "%.0f", n / s}')
ratio=$(awk -v a="$rate" -v b="$anchor_rate" 'BEGIN {printf "%.2f", a / b}')
echo "   $loaded features ($repaired repaired) in $geo_s s: $rate features/s — ratio to ogr2ogr $ratio"
rm -rf "$work"
jq -n --argjson n "$n" --argjson rate "$rate" --argjson anchor "$anchor_rate" --argjson ratio "$ratio" \
      --argjson repaired "$repaired" --arg when "$(date -u +%FT%TZ)" '{benchmark: "vector", measured_at: $when,
  features: $n, geoetl_features_per_s: $rate, geoetl_repaired: $repaired,
  anchor_ogr2ogr_features_per_s: $anchor, ratio: $ratio, target_ratio: 1.0,
  note: "GeoETL figure is submit to job completed (per-feature repair accounting, report table, metadata, STAC item, atomic swap); ogr2ogr wall time of the same GeoPackage"}' > "$out"
echo "== written $out"
