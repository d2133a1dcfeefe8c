#!/usr/bin/env bash
# Engine benchmark: benchmark_fanout no-op tasks through the real persistent broker and
# PostgreSQL, beside a raw PostgreSQL FOR UPDATE SKIP LOCKED claim/complete loop (pgbench).
# Writes target/bench/engine.json.
set -euo pipefail
source "$(dirname "$0")/service.sh"
trap service_stop EXIT
out="$here/target/bench/engine.json"
mkdir -p "$here/target/bench"
export PGPASSWORD=${GEOETL_DB_PASSWORD:-geoetl}
psql_q() { psql -h localhost -U geoetl -d geoetl -qAt "$@"; }
tasks=${BENCH_TASKS:-10000}

echo "== anchor: raw PostgreSQL SKIP LOCKED queue, $tasks claim+complete cycles"
psql_q <<'SQL'
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.queue;
CREATE TABLE bench.queue (id bigserial PRIMARY KEY, status text NOT NULL DEFAULT 'queued',
                          payload jsonb NOT NULL DEFAULT '{}', claimed_at timestamptz, done_at timestamptz);
CREATE INDEX ON bench.queue (status, id);
SQL
script=$(mktemp)
cat > "$script" <<'SQL'
UPDATE bench.queue SET status = 'processing', claimed_at = now()
 WHERE id = (SELECT id FROM bench.queue WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING id AS task \gset
UPDATE bench.queue SET status = 'done', done_at = now() WHERE id = :task;
SQL
anchor_json="{}"
for clients in 1 4; do
  psql_q -c "TRUNCATE bench.queue" -c "INSERT INTO bench.queue (payload) SELECT jsonb_build_object('i', g) FROM generate_series(1, $tasks) g" -c "VACUUM ANALYZE bench.queue"
  per_client=$((tasks / clients))
  tps=$(pgbench -h localhost -U geoetl -n -f "$script" -c "$clients" -j "$clients" -t "$per_client" geoetl 2>/dev/null \
        | awk -F'= ' '/^tps/ {split($2, a, " "); print a[1]; exit}')
  printf '   %d worker(s): %.0f tasks/s\n' "$clients" "$tps"
  anchor_json=$(jq -c --arg k "workers_$clients" --argjson v "$tps" '. + {($k): ($v | floor)}' <<<"$anchor_json")
done
rm -f "$script"
psql_q -c "SET client_min_messages = warning" -c "DROP SCHEMA bench CASCADE"

light=${BENCH_LIGHT_CONSUMERS:-8}
echo "== GeoETL: starting the service (embedded persistent Artemis, $light light consumers)"
service_start bench --geoetl.consumers.light="$light"
label="bench-$(date +%s)"

echo "== throughput: one stage of $tasks no-op tasks"
job=$(submit benchmark_fanout "{\"tasks\": $tasks, \"stages\": 1, \"label\": \"$label-throughput\"}")
wait_job "$job" 900 >/dev/null
read -r e2e_s exec_s status <<<"$(psql_q -F' ' -c "
  SELECT EXTRACT(EPOCH FROM j.completed_at - j.created_at),
         EXTRACT(EPOCH FROM max(t.completed_at) - min(t.execution_started_at)), j.status
    FROM app.jobs j JOIN app.tasks t ON t.parent_job_id = j.job_id
   WHERE j.job_id = '$job' GROUP BY j.job_id")"
[ "$status" = "completed" ] || { echo "benchmark job $job ended $status" >&2; exit 1; }
e2e_tps=$(awk -v n="$tasks" -v s="$e2e_s" 'BEGIN {printf "%.0f", n / s}')
exec_tps=$(awk -v n="$tasks" -v s="$exec_s" 'BEGIN {printf "%.0f", n / s}')
echo "   end to end (submit → job completed): $e2e_tps tasks/s ($e2e_s s)"
echo "   execution window (first start → last completion): $exec_tps tasks/s"
read -r first_ms submit_first_ms planned_ms <<<"$(psql_q -F' ' -c "
  SELECT round(EXTRACT(EPOCH FROM min(t.execution_started_at) - e.created_at) * 1000),
         round(EXTRACT(EPOCH FROM min(t.execution_started_at) - j.created_at) * 1000),
         round(EXTRACT(EPOCH FROM max(t.created_at) - e.created_at) * 1000)
    FROM app.jobs j JOIN app.job_events e ON e.job_id = j.job_id AND e.event_type = 'stage_started' AND e.stage = 1
    JOIN app.tasks t ON t.parent_job_id = j.job_id AND t.stage = 1
   WHERE j.job_id = '$job' GROUP BY e.created_at, j.created_at")"
echo "   first task running after planning started: $first_ms ms (after submit: $submit_first_ms ms; all $tasks planned after $planned_ms ms)"

echo "== stage barrier: 5 jobs × 10 stages of 100 tasks (45 stage transitions; one unmeasured warm-up job first)"
warm=$(submit benchmark_fanout "{\"tasks\": 100, \"stages\": 10, \"label\": \"$label-barrier-warmup\"}")
wait_job "$warm" 300 >/dev/null
for i in 1 2 3 4 5; do
  j=$(submit benchmark_fanout "{\"tasks\": 100, \"stages\": 10, \"label\": \"$label-barrier-$i\"}")
  wait_job "$j" 300 >/dev/null
  jobs+=("'$j'")
done
ids=$(IFS=,; echo "${jobs[*]}")
read -r p50 p95 n <<<"$(psql_q -F' ' -c "
  WITH s AS (SELECT parent_job_id, stage, min(execution_started_at) AS first_start, max(completed_at) AS last_done
               FROM app.tasks WHERE parent_job_id IN ($ids) GROUP BY parent_job_id, stage),
       gap AS (SELECT EXTRACT(EPOCH FROM n.first_start - p.last_done) * 1000 AS ms
                 FROM s p JOIN s n ON n.parent_job_id = p.parent_job_id AND n.stage = p.stage + 1)
  SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 1),
         round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 1), count(*) FROM gap")"
echo "   last task of stage N done → first task of stage N+1 running: p50 $p50 ms, p95 $p95 ms ($n transitions)"

service_stop

echo "== kill -9 recovery: 3,000 tasks of 20 ms, the service killed mid-stage and restarted (lease 5 min)"
service_start bench-kill --geoetl.consumers.light="$light"
kjob=$(submit benchmark_fanout "{\"tasks\": 3000, \"stages\": 1, \"work_ms\": 20, \"label\": \"$label-kill\"}")
for _ in $(seq 1 600); do
  [ "$(psql_q -c "SELECT count(*) FROM app.tasks WHERE parent_job_id = '$kjob' AND status = 'completed'")" -ge 600 ] && break
  sleep 0.1
done
kill -9 "$GEOETL_PID"; wait "$GEOETL_PID" 2>/dev/null || true; GEOETL_PID=""
killed_at=$(psql_q -c "SELECT now()")
orphans=$(psql_q -c "SELECT count(*) FROM app.tasks WHERE parent_job_id = '$kjob' AND status = 'processing'")
restart_ns=$(date +%s%N)
service_start bench-kill --geoetl.consumers.light="$light"
ready_ns=$(date +%s%N)
recovered_ns=""
for _ in $(seq 1 1200); do
  left=$(psql_q -c "SELECT count(*) FROM app.tasks WHERE parent_job_id = '$kjob'
                     AND (status = 'processing' AND execution_started_at < '$killed_at' OR status = 'queued'
                          AND execution_started_at < '$killed_at')")
  if [ "$left" -eq 0 ]; then recovered_ns=$(date +%s%N); break; fi
  sleep 0.1
done
[ -n "$recovered_ns" ] || { echo "orphaned tasks of $kjob were not running again within 120 s" >&2; exit 1; }
wait_job "$kjob" 300 >/dev/null
kstatus=$(psql_q -c "SELECT status FROM app.jobs WHERE job_id = '$kjob'")
[ "$kstatus" = "completed" ] || { echo "kill -9 job $kjob ended $kstatus" >&2; exit 1; }
recovery_s=$(awk -v a="$restart_ns" -v b="$recovered_ns" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
after_ready_s=$(awk -v a="$ready_ns" -v b="$recovered_ns" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
echo "   $orphans task(s) orphaned; restart → all running again: $recovery_s s ($after_ready_s s after the service was ready)"
service_stop

best_anchor=$(jq '[.[]] | max' <<<"$anchor_json")
ratio=$(awk -v a="$e2e_tps" -v b="$best_anchor" 'BEGIN {printf "%.2f", a / b}')
echo "== GeoETL end to end / best raw-queue anchor: $ratio (target ≥ 1.0)"
jq -n --argjson tasks "$tasks" --argjson e2e "$e2e_tps" --argjson exec "$exec_tps" --argjson anchor "$anchor_json" \
      --argjson p50 "$p50" --argjson p95 "$p95" --argjson n "$n" --argjson ratio "$ratio" \
      --argjson first "$first_ms" --argjson submit_first "$submit_first_ms" --argjson planned "$planned_ms" \
      --argjson orphans "$orphans" --argjson recovery "$recovery_s" --argjson after_ready "$after_ready_s" \
      --arg cpus "$(nproc)" --arg light "$light" --arg when "$(date -u +%FT%TZ)" '{
  benchmark: "engine", measured_at: $when, cpus: ($cpus | tonumber),
  fanout: {tasks: $tasks, end_to_end_tasks_per_s: $e2e, execution_tasks_per_s: $exec, target_tasks_per_s: 1000},
  first_task_ms: {after_planning_started: $first, after_submit: $submit_first, all_planned_after: $planned,
                  target_after_planning_started: 300},
  stage_barrier_ms: {p50: $p50, p95: $p95, transitions: $n, target_p95: 50},
  kill9_recovery_s: {orphaned_tasks: $orphans, restart_to_all_running: $recovery, after_ready: $after_ready,
                     target: 30},
  anchor_raw_postgres_skip_locked_tasks_per_s: $anchor,
  ratio_end_to_end_vs_best_anchor: $ratio, target_ratio: 1.0,
  light_consumers: ($light | tonumber),
  setup: "embedded Artemis (persistent), PostgreSQL 15 local; anchor: pgbench claim+complete, two transactions per task; GeoETL claims and completes light tasks in batches per message"
}' > "$out"
echo "== written $out"
