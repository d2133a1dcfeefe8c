#!/usr/bin/env bash
# Raster benchmark: a generated ≥ 1 GB Float32 GeoTIFF through process_raster, beside
# gdal_translate -of COG with the same creation options on the same file, same run.
# Reports MB/s of both, the ratio, and the service's peak JVM heap. Writes target/bench/raster.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap 'service_stop; [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true' EXIT
out="$here/target/bench/raster.json"
size=${BENCH_RASTER_SIZE:-17000}
work=$(mktemp -d)
src="$work/big.tif"

echo "== generating a ${size} × ${size} Float32 elevation raster (bilinear upsampling of the demo grid)"
gdal_translate -q -of GTiff -ot Float32 -r bilinear -outsize "$size" "$size" -a_srs EPSG:32733 \
               -co TILED=YES -co BIGTIFF=YES "$here/samples/hills_utm33.asc" "$src"
mb=$(du -m "$src" | cut -f1)
echo "   $mb MB"

# the profile process_raster chooses for a DEM at the analysis tier (raster/CogProfile.java)
co=(-co BLOCKSIZE=512 -co NUM_THREADS=ALL_CPUS -co OVERVIEWS=AUTO -co RESAMPLING=AVERAGE -co BIGTIFF=IF_SAFER
    -co COMPRESS=DEFLATE -co LEVEL=6 -co PREDICTOR=3)
echo "== anchor: gdal_translate -of COG ${co[*]}"
start=$(date +%s.%N)
gdal_translate -q -of COG "${co[@]}" "$src" "$work/anchor.tif"
anchor_s=$(echo "$(date +%s.%N) - $start" | bc)
anchor_rate=$(awk -v m="$mb" -v s="$anchor_s" 'BEGIN {printf "%.1f", m / s}')
echo "   $anchor_s s: $anchor_rate MB/s"
rm -f "$work/anchor.tif"

echo "== GeoETL process_raster (validate, infer, COG, verify, checksum, store, publish)"
GEOETL_JAVA_OPTS="-Xmx512m" service_start bench-raster
curl -fsS -T "$src" "$GEOETL_URL/api/storage/bronze/bench/big-$size.tif" >/dev/null
peak="$work/heap"
echo 0 > "$peak"
( while kill -0 "$GEOETL_PID" 2>/dev/null; do
    used=$(jcmd "$GEOETL_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for (i=1;i<=NF;i++) if ($i=="used") {gsub("K,?","",$(i+1)); print int($(i+1)/1024)}}')
    [ -n "$used" ] && [ "$used" -gt "$(cat "$peak")" ] && echo "$used" > "$peak"
    sleep 0.5
  done ) & sampler=$!
start=$(date +%s.%N)
job=$(submit process_raster "{\"blob_name\": \"bench/big-$size.tif\", \"collection_id\": \"bench\", \"item_id\": \"big-$size-$(date +%s)\"}")
doc=$(wait_job "$job" 3600)
geo_s=$(echo "$(date +%s.%N) - $start" | bc)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""
[ "$(echo "$doc" | jq -r .status)" = "completed" ] || { echo "process_raster ended: $(echo "$doc" | jq -r .errorDetails)" >&2; exit 1; }
rate=$(awk -v m="$mb" -v s="$geo_s" 'BEGIN {printf "%.1f", m / s}')
ratio=$(awk -v a="$rate" -v b="$anchor_rate" 'BEGIN {printf "%.2f", a / b}')
heap=$(cat "$peak")
echo "   $geo_s s: $rate MB/s — ratio to gdal_translate $ratio; peak JVM heap ${heap} MB"
rm -rf "$work"
jq -n --argjson mb "$mb" --argjson rate "$rate" --argjson anchor "$anchor_rate" --argjson ratio "$ratio" \
      --argjson heap "$heap" --arg when "$(date -u +%FT%TZ)" '{benchmark: "raster", measured_at: $when, input_mb: $mb,
  geoetl_mb_per_s: $rate, anchor_gdal_translate_mb_per_s: $anchor, ratio: $ratio, target_ratio: 0.9,
  peak_jvm_heap_mb: $heap, target_heap_mb: 512,
  note: "GeoETL figure is submit to job completed: header validation, type inference sample, COG write (same options), COG check, SHA-256, copy into the silver zone, metadata and STAC item"}' > "$out"
echo "== written $out"
