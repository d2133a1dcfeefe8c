#!/usr/bin/env bash
# Raster benchmark: a generated ≥ 1 GB Float32 GeoTIFF through process_raster, beside
# gdal_translate -of COG with the same creation options on the same file, same run.
# Reports MB/s of both, the ratio, and the service's peak JVM heap. Writes target/bench/raster.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap 'service_stop' EXIT
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

# One process_raster run on a fresh service started with the given arguments; sets secs and heap.
run_geoetl() {
  # peak heap from the GC log (heap in use before each collection): sampling with jcmd would start a
  # JVM every half second and steal a core from the run being measured
  local gclog="$work/gc-$RANDOM.log"
  GEOETL_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$gclog" service_start bench-raster "$@"
  curl -fsS -T "$src" "$GEOETL_URL/api/storage/bronze/bench/big-$size.tif" >/dev/null
  local start job doc
  start=$(date +%s.%N)
  job=$(submit process_raster "{\"blob_name\": \"bench/big-$size.tif\", \"collection_id\": \"bench\", \"item_id\": \"big-$size-$(date +%s%N)\"}")
  doc=$(wait_job "$job" 3600)
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  service_stop
  GEOETL_PID=""
  [ "$(echo "$doc" | jq -r .status)" = "completed" ] || { echo "process_raster ended: $(echo "$doc" | jq -r .errorDetails)" >&2; exit 1; }
  strategy=$(echo "$doc" | jq -r '.resultData.results[0].strategy')
  tiles=$(echo "$doc" | jq -r '.resultData.results[0].tile_count // 1')
  heap=$(grep -oE '[0-9]+M->' "$gclog" | tr -d 'M>-' | sort -n | tail -1)
  heap=${heap:-0}
}

echo "== GeoETL process_raster, whole (validate, infer, source SHA-256, COG, verify, COG SHA-256, store, publish)"
run_geoetl
[ "$strategy" = "single" ] || { echo "expected the whole-raster path, got $strategy" >&2; exit 1; }
geo_s=$secs
rate=$(awk -v m="$mb" -v s="$geo_s" 'BEGIN {printf "%.1f", m / s}')
ratio=$(awk -v a="$rate" -v b="$anchor_rate" 'BEGIN {printf "%.2f", a / b}')
echo "   $geo_s s: $rate MB/s — ratio to gdal_translate $ratio; peak JVM heap ${heap} MB"
single_heap=$heap

echo "== GeoETL process_raster, tiled (threshold lowered to 512 MB: tiles of the default 400 MB target)"
run_geoetl --geoetl.raster.tiling-threshold=512MB
[ "$strategy" = "tiled" ] || { echo "expected the tiled path, got $strategy" >&2; exit 1; }
tiled_rate=$(awk -v m="$mb" -v s="$secs" 'BEGIN {printf "%.1f", m / s}')
tiled_ratio=$(awk -v a="$tiled_rate" -v b="$anchor_rate" 'BEGIN {printf "%.2f", a / b}')
echo "   $secs s for $tiles tiles: $tiled_rate MB/s — ratio to gdal_translate $tiled_ratio; peak JVM heap ${heap} MB"
heap=$(( heap > single_heap ? heap : single_heap ))
rm -rf "$work"
jq -n --argjson mb "$mb" --argjson rate "$rate" --argjson anchor "$anchor_rate" --argjson ratio "$ratio" \
      --argjson heap "$heap" --argjson trate "$tiled_rate" --argjson tratio "$tiled_ratio" --argjson tiles "$tiles" \
      --arg when "$(date -u +%FT%TZ)" '{benchmark: "raster", measured_at: $when, input_mb: $mb,
  geoetl_mb_per_s: $rate, anchor_gdal_translate_mb_per_s: $anchor, ratio: $ratio, target_ratio: 0.9,
  tiled: {tiles: $tiles, geoetl_mb_per_s: $trate, ratio: $tratio},
  peak_jvm_heap_mb: $heap, target_heap_mb: 512,
  note: "GeoETL figures are submit to job completed: header validation, type inference sample, source SHA-256, COG write (same options), COG check, output SHA-256, copy into the silver zone, metadata and STAC item; the tiled run writes one COG per tile and a VRT mosaic. Heap is the peak over both runs."}' > "$out"
echo "== written $out"
