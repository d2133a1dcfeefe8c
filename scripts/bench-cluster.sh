#!/usr/bin/env bash
# Scale-out benchmark: the same job set on the local cluster (scripts/cluster.sh: standalone
# Artemis, one api,orchestrator,scheduler process) with one worker process, then with two.
# Tasks do work (work_ms > 0), so the figure is how far a second process adds consumers; the
# anchor is linear scaling (twice the one-worker rate). Order: one worker, two, then one again
# (the speed-up is taken against that warm one-worker run). Writes target/bench/cluster.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
export GEOETL_CLUSTER_DIR="$here/target/bench-cluster"
export GEOETL_CLUSTER_BASE_PORT=$GEOETL_PORT
consumers=${BENCH_CLUSTER_CONSUMERS:-4}
export GEOETL_CLUSTER_ARGS="--geoetl.consumers.light=$consumers --geoetl.consumers.heavy=1"
jobs=${BENCH_CLUSTER_JOBS:-2} tasks=${BENCH_CLUSTER_TASKS:-1500} work_ms=${BENCH_CLUSTER_WORK_MS:-20}
out="$here/target/bench/cluster.json"
mkdir -p "$here/target/bench"
trap 'bash "$here/scripts/cluster.sh" stop >/dev/null' EXIT
export PGPASSWORD=${GEOETL_DB_PASSWORD:-geoetl}
psql_q() { psql -h localhost -U geoetl -d geoetl -qAt "$@"; }

# run_set <label> → prints "<seconds> <tasks/s>" for $jobs jobs of $tasks tasks submitted together
run_set() {
  local label=$1 ids=() j
  j=$(submit benchmark_fanout "{\"tasks\": 400, \"work_ms\": $work_ms, \"label\": \"$label-warmup\"}")
  wait_job "$j" 120 >/dev/null
  for i in $(seq 1 "$jobs"); do
    ids+=("$(submit benchmark_fanout "{\"tasks\": $tasks, \"work_ms\": $work_ms, \"label\": \"$label-$i\"}")")
  done
  for j in "${ids[@]}"; do
    [ "$(wait_job "$j" 900 | jq -r .status)" = completed ] || { echo "job $j did not complete" >&2; exit 1; }
  done
  local list
  list=$(printf "'%s'," "${ids[@]}")
  psql_q -F' ' -c "SELECT round(EXTRACT(EPOCH FROM max(completed_at) - min(created_at))::numeric, 2),
                          round($jobs * $tasks / EXTRACT(EPOCH FROM max(completed_at) - min(created_at)))
                     FROM app.jobs WHERE job_id IN (${list%,})"
}

echo "== cluster: $jobs jobs × $tasks tasks, work_ms $work_ms, $consumers light consumers per worker process"
GEOETL_CLUSTER_WORKERS=1 bash "$here/scripts/cluster.sh" start
label="cluster-$(date +%s)"
read -r one_s one_tps <<<"$(run_set "$label-one")"
echo "   one worker process:  $one_s s, $one_tps tasks/s"
bash "$here/scripts/cluster.sh" start-worker 2
read -r two_s two_tps <<<"$(run_set "$label-two")"
echo "   two worker processes: $two_s s, $two_tps tasks/s"
# one worker again, now as warm as the two were: the fair figure to compare with
bash "$here/scripts/cluster.sh" stop-worker 2
read -r again_s again_tps <<<"$(run_set "$label-again")"
echo "   one worker process again (warm): $again_s s, $again_tps tasks/s"
speedup=$(awk -v a="$again_s" -v b="$two_s" 'BEGIN {printf "%.2f", a / b}')
ideal=$(awk -v c="$consumers" -v w="$work_ms" 'BEGIN {printf "%.0f", c * 1000 / w}')
echo "   speed-up $speedup× (anchor: linear 2.00×; one process's ceiling $consumers consumers × 1000/$work_ms ms = $ideal tasks/s)"
jq -n --argjson jobs "$jobs" --argjson tasks "$tasks" --argjson work_ms "$work_ms" --argjson consumers "$consumers" \
      --argjson one_s "$one_s" --argjson one_tps "$one_tps" --argjson again_s "$again_s" --argjson again_tps "$again_tps" --argjson two_s "$two_s" --argjson two_tps "$two_tps" \
      --argjson speedup "$speedup" --argjson ideal "$ideal" \
  '{job_set: {jobs: $jobs, tasks_per_job: $tasks, work_ms: $work_ms, light_consumers_per_worker: $consumers},
    one_worker_first: {seconds: $one_s, tasks_per_s: $one_tps}, one_worker_warm: {seconds: $again_s, tasks_per_s: $again_tps},
    two_workers: {seconds: $two_s, tasks_per_s: $two_tps},
    speedup: $speedup, anchor: {linear_speedup: 2, one_worker_ceiling_tasks_per_s: $ideal}}' > "$out"
echo "   written to $out"
