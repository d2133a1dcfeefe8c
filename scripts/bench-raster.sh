#!/usr/bin/env bash
# Raster benchmark: a generated ≥ 1 GB Float32 GeoTIFF through process_raster, beside
# gdal_translate -of COG with the same creation options on the same file, same run.
# Reports MB/s of both, the ratio, and the service's peak JVM heap. Writes target/bench/raster.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap 'service_stop' EXIT
out="$here/target/bench/raster.json"
mkdir -p "$here/target/bench"
size=${BENCH_RASTER_SIZE:-17000}
work=$(mktemp -d)
src="$work/big.tif"

echo "== generating a ${size} × ${size} Float32 elevation raster (bilinear upsampling of the demo grid)"
gdal_translate -q -of GTiff -ot Float32 -r bilinear -outsize "$size" "$size" -a_srs EPSG:32733 \
               -co TILED=YES -co BIGTIFF=YES "$here/samples/hills_utm33.asc" "$src"
sync
mb=$(du -m "$src" | cut -f1)
echo "   $mb MB"

# the profile process_raster chooses for a DEM at the analysis tier (raster/CogProfile.java)
co=(-co BLOCKSIZE=512 -co NUM_THREADS=ALL_CPUS -co OVERVIEWS=AUTO -co RESAMPLING=AVERAGE -co BIGTIFF=IF_SAFER
    -co COMPRESS=DEFLATE -co LEVEL=6 -co PREDICTOR=3)
rounds=${BENCH_RASTER_ROUNDS:-3}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

# One service for the whole-raster rounds; the upload is not measured, and its dirty pages are
# flushed before anything is timed (writeback of a 1 GB upload would slow whichever run came next).
# Peak heap from the GC log (heap in use before each collection): sampling with jcmd would start a
# JVM every half second and steal a core from the run being measured.
gclog="$work/gc-whole.log"
GEOETL_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$gclog" service_start bench-raster
curl -fsS -T "$src" "$GEOETL_URL/api/storage/bronze/bench/big-$size.tif" >/dev/null
sync

# process_raster once: sets secs, strategy, tiles
run_job() {
  local start job doc
  start=$(date +%s.%N)
  job=$(submit process_raster "{\"blob_name\": \"bench/big-$size.tif\", \"collection_id\": \"bench\", \"item_id\": \"big-$size-$(date +%s%N)\"}")
  doc=$(wait_job "$job" 3600)
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  [ "$(echo "$doc" | jq -r .status)" = "completed" ] || { echo "process_raster ended: $(echo "$doc" | jq -r .errorDetails)" >&2; exit 1; }
  strategy=$(echo "$doc" | jq -r '.resultData.results[0].strategy')
  tiles=$(echo "$doc" | jq -r '.resultData.results[0].tile_count // 1')
}

echo "== $rounds interleaved rounds: gdal_translate -of COG ${co[*]}  vs  GeoETL process_raster, whole"
echo "   (GeoETL: validate, infer, source SHA-256, COG, verify, COG SHA-256, store, publish — submit to completed)"
anchor_times=(); geo_times=(); translate_ms=()
for r in $(seq 1 "$rounds"); do
  start=$(date +%s.%N)
  gdal_translate -q -of COG "${co[@]}" "$src" "$work/anchor.tif"
  anchor_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
  rm -f "$work/anchor.tif"; sync
  run_job
  [ "$strategy" = "single" ] || { echo "expected the whole-raster path, got $strategy" >&2; exit 1; }
  geo_times+=("$secs")
  translate_ms+=("$(grep 'COG written in' "$here/target/bench-raster.log" | tail -1 | sed 's/.*COG written in \([0-9]*\) ms.*/\1/')")
  sync
  echo "   round $r: gdal_translate ${anchor_times[-1]} s · GeoETL ${geo_times[-1]} s (of which gdal.Translate ${translate_ms[-1]} ms)"
done
service_stop
GEOETL_PID=""
heap=$(grep -oE '[0-9]+M->' "$gclog" | tr -d 'M>-' | sort -n | tail -1); heap=${heap:-0}
anchor_s=$(printf '%s\n' "${anchor_times[@]}" | median)
geo_s=$(printf '%s\n' "${geo_times[@]}" | median)
translate_s=$(printf '%s\n' "${translate_ms[@]}" | median | awk '{printf "%.3f", $1 / 1000}')
anchor_rate=$(awk -v m="$mb" -v s="$anchor_s" 'BEGIN {printf "%.1f", m / s}')
rate=$(awk -v m="$mb" -v s="$geo_s" 'BEGIN {printf "%.1f", m / s}')
ratio=$(awk -v a="$rate" -v b="$anchor_rate" 'BEGIN {printf "%.2f", a / b}')
translate_ratio=$(awk -v a="$anchor_s" -v b="$translate_s" 'BEGIN {printf "%.2f", a / b}')
echo "   medians: gdal_translate $anchor_s s ($anchor_rate MB/s) · GeoETL $geo_s s ($rate MB/s): ratio $ratio;"
echo "   gdal.Translate inside the service alone: $translate_s s (ratio $translate_ratio); peak JVM heap ${heap} MB"
single_heap=$heap

# One process_raster run on a fresh service started with the given arguments; sets secs and heap.
run_geoetl() {
  local gclog="$work/gc-$RANDOM.log"
  GEOETL_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$gclog" service_start bench-raster "$@"
  curl -fsS -T "$src" "$GEOETL_URL/api/storage/bronze/bench/big-$size.tif" >/dev/null
  sync
  run_job
  service_stop
  GEOETL_PID=""
  heap=$(grep -oE '[0-9]+M->' "$gclog" | tr -d 'M>-' | sort -n | tail -1)
  heap=${heap:-0}
}

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
      --argjson rounds "$rounds" --argjson tratio_only "$translate_ratio" --argjson translate_s "$translate_s" \
      --arg when "$(date -u +%FT%TZ)" '{benchmark: "raster", measured_at: $when, input_mb: $mb, rounds: $rounds,
  geoetl_mb_per_s: $rate, anchor_gdal_translate_mb_per_s: $anchor, ratio: $ratio, target_ratio: 0.9,
  translate_inside_service_s: $translate_s, translate_only_ratio: $tratio_only,
  tiled: {tiles: $tiles, geoetl_mb_per_s: $trate, ratio: $tratio},
  peak_jvm_heap_mb: $heap, target_heap_mb: 512,
  note: "medians of interleaved rounds, one service for all whole-raster rounds, upload not timed and flushed before timing; GeoETL figures are submit to job completed: header validation, type inference sample, source SHA-256, COG write (same options), COG check, output SHA-256, copy into the silver zone, metadata and STAC item; the tiled run writes one COG per tile and a VRT mosaic. Heap is the peak over both runs."}' > "$out"
echo "== written $out"
