#!/usr/bin/env bash
# `make demo`: start the service, run the demo job end to end, print a readable summary and where
# the results are, stop the service.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap service_stop EXIT

echo "== starting GeoETL (log: target/demo.log)"
service_start demo

echo "== hello_world: 10 greetings fanned out in parallel, then one reply per greeting"
job=$(submit hello_world '{"n": 10, "message": "Hello from the GeoETL demo"}')
doc=$(wait_job "$job" 120)
echo "$doc" | jq -r '
  "job       \(.jobId)",
  "type      \(.jobType)   status: \(.status)   attempt: \(.attempt)",
  "stages    " + ([.stageResults[] | "\(.stage). \(.stageName) [\(.fanOut)] \(.totalTasks) tasks \(.status)"] | join("\n          ")),
  "tasks     \(.taskSummary.completed) completed, \(.taskSummary.failed) failed of \(.taskSummary.total)",
  "sample    " + ([.resultData.results[:3][] | "\(.greeting) -> \(.reply)"] | join("\n          "))'
status=$(echo "$doc" | jq -r .status)

cat <<MSG

== where the results are
  job row and result:  psql -h localhost -U geoetl geoetl -c "select status, result_data from app.jobs where job_id = '$job'"
  tasks:               psql -h localhost -U geoetl geoetl -c "select stage, task_index, status, result_data from app.tasks where parent_job_id = '$job' order by stage, task_index"
  timeline:            psql -h localhost -U geoetl geoetl -c "select event_type, stage, created_at from app.job_events where job_id = '$job' order by event_id"
  over HTTP (make run): $GEOETL_URL/api/jobs/status/$job  ·  /api/jobs/$job/tasks  ·  /api/jobs/$job/events
  (database password: geoetl)
MSG
[ "$status" = "completed" ] || { echo "demo job did not complete" >&2; exit 1; }
