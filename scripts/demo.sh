#!/usr/bin/env bash
# `make demo`: start the service, run real vector and raster jobs end to end on the bundled samples, print a readable
# summary and where the results are, stop the service.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap service_stop EXIT
export PGPASSWORD=${GEOETL_DB_PASSWORD:-geoetl}

echo "== starting GeoETL (log: target/demo.log)"
service_start demo

echo "== uploading the samples into the bronze zone"
curl -fsS -X PUT -H "Content-Type: application/octet-stream" --data-binary @"$here/samples/messy_parks.kml" "$GEOETL_URL/api/storage/bronze/demo/messy_parks.kml" >/dev/null
shp=$(mktemp -d)
ogr2ogr -q -f "ESRI Shapefile" "$shp/parcels.shp" "$here/samples/parcels_utm33.geojson"
rm -f "$shp/parcels.prj"   # the point: a shapefile whose CRS nobody wrote down
(cd "$shp" && jar --create --no-manifest --file parcels.zip parcels.shp parcels.shx parcels.dbf)
curl -fsS -X PUT -H "Content-Type: application/octet-stream" --data-binary @"$shp/parcels.zip" "$GEOETL_URL/api/storage/bronze/demo/parcels_no_prj.zip" >/dev/null
rm -rf "$shp"

summary() {
  jq -r '
    "job       \(.jobId)  \(.jobType)  status: \(.status)",
    (if .status == "failed" then "error     \(.errorDetails)" else empty end),
    (.resultData.results[0] // {} | select(.tables != null) |
      "tables    \(.tables | join(", "))   report: \(.report_table)",
      "features  \(.features_read) read · \(.features_loaded) loaded (\(.features_repaired) repaired) · \(.features_rejected) rejected",
      "repairs   \(.repairs | to_entries | map("\(.key) \(.value)") | join(", "))",
      "rejected  \(.rejections | to_entries | map("\(.key) \(.value)") | join(", "))",
      "CRS       \(.source_crs)",
      "STAC      \(.stac_items | map("'"$GEOETL_URL"'/api/stac/collections/system-vectors/items/\(.)?include_unpublished=true") | join("\n          "))")'
}

echo
echo "== process_vector: messy KML → repaired PostGIS table"
job=$(submit process_vector '{"blob_name": "demo/messy_parks.kml", "table_name": "demo_parks", "overwrite": true, "title": "Parks (demo)"}')
wait_job "$job" 120 | summary
echo
echo "== process_vector: shapefile without .prj, no source_crs → refused with a reason"
job=$(submit process_vector '{"blob_name": "demo/parcels_no_prj.zip", "table_name": "demo_parcels", "overwrite": true}')
wait_job "$job" 120 | summary
echo
echo "== process_vector: the same shapefile with source_crs EPSG:32633"
job2=$(submit process_vector '{"blob_name": "demo/parcels_no_prj.zip", "table_name": "demo_parcels", "overwrite": true, "source_crs": "EPSG:32633"}')
doc=$(wait_job "$job2" 120)
echo "$doc" | summary
[ "$(echo "$doc" | jq -r .status)" = "completed" ] || { echo "demo job did not complete" >&2; exit 1; }

echo
echo "== the loaded rows"
psql -h localhost -U geoetl -d geoetl -P pager=off -c "SELECT fid, name, ST_GeometryType(geom) AS type, ST_NumGeometries(geom) AS parts, round(ST_Area(geom::geography)) AS m2, ST_IsValid(geom) AS valid FROM geo.demo_parks ORDER BY fid"
psql -h localhost -U geoetl -d geoetl -P pager=off -c "SELECT fid, outcome, details FROM geo.demo_parks_etl_report ORDER BY fid"
psql -h localhost -U geoetl -d geoetl -P pager=off -c "SELECT parcel, round(ST_X(ST_Centroid(geom))::numeric, 4) AS lon, round(ST_Y(ST_Centroid(geom))::numeric, 4) AS lat FROM geo.demo_parcels ORDER BY parcel"

echo
echo "== process_raster: elevation grid → Cloud-Optimized GeoTIFF (type inferred, COG settings by type)"
tif=$(mktemp -d)/hills.tif
gdal_translate -q -of GTiff "$here/samples/hills_utm33.asc" "$tif"
curl -fsS -X PUT --data-binary @"$tif" "$GEOETL_URL/api/storage/bronze/demo/hills.tif" >/dev/null
rm -rf "$(dirname "$tif")"
raster=$(submit process_raster '{"blob_name": "demo/hills.tif", "collection_id": "demo-rasters", "input_crs": "EPSG:32733", "title": "Hills (demo)"}')
rdoc=$(wait_job "$raster" 120)
echo "$rdoc" | jq -r '
  "job       \(.jobId)  \(.jobType)  status: \(.status)",
  (if .status == "failed" then "error     \(.errorDetails)" else empty end),
  (.resultData.results[0] // {} | select(.cog != null) |
    "type      \(.raster_type) (\(.confidence)): \(.evidence | join("; "))",
    "COG       \(.cog.container)/\(.cog.blob)  \(.cog.compression), overviews \(.cog.overview_levels), \(.cog.size_bytes) bytes",
    "          \(.cog.href)",
    "STAC      '"$GEOETL_URL"'/api/stac/collections/demo-rasters/items/\(.stac_item)?include_unpublished=true")'
[ "$(echo "$rdoc" | jq -r .status)" = "completed" ] || { echo "demo raster job did not complete" >&2; exit 1; }

echo
echo "== engine check: hello_world (10 greetings fanned out, one reply each)"
hello=$(submit hello_world '{"n": 10, "message": "Hello from the GeoETL demo"}')
wait_job "$hello" 60 | jq -r '"job \(.jobId): \(.status), \(.taskSummary.completed) of \(.taskSummary.total) tasks"'

echo
echo "== reference data: Natural Earth countries and provinces (curated datasets admin0, admin1, offline)"
for ds in admin0 admin1; do
  cj=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"force_update": true}' \
        "$GEOETL_URL/api/curated/datasets/$ds/update" | jq -r .job_id)
  cdoc=$(wait_job "$cj" 300)
  echo "$cdoc" | jq -r --arg ds "$ds" '"\($ds): \(.status), \(.resultData.results[0].counts.features_loaded // 0) features into \(.resultData.results[0].tables[0] // "-")"'
  [ "$(echo "$cdoc" | jq -r .status)" = "completed" ] || { echo "curated update of $ds did not complete" >&2; exit 1; }
done

cat <<MSG

== where the results are
  tables:     psql -h localhost -U geoetl geoetl   (password geoetl) — geo.demo_parks, geo.demo_parks_etl_report, geo.demo_parcels,
              geo.curated_admin0 (240 countries), geo.curated_admin1 (4,556 provinces)
  metadata:   app.table_catalog, app.vector_etl_tracking; approvals pending in app.dataset_approvals
  over HTTP:  run \`make run\`, then $GEOETL_URL/api/stac/search?include_unpublished=true · $GEOETL_URL/api/approvals?status=pending
              · $GEOETL_URL/api/jobs/status/$job2 · $GEOETL_URL/api/curated/datasets/admin0/history
              every call needs the local admin key: curl -H "X-API-Key: \$(cat .local/admin.key)" …
              (or create keys for scripts: POST /api/admin/api-keys; see docs/security.md)
MSG
