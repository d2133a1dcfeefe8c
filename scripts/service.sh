#!/usr/bin/env bash
# Helpers for scripts that start the packaged service in the background (demo, bench).
# Usage: source scripts/service.sh; service_start <name> [extra args…]; …; service_stop
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GEOETL_PORT=${GEOETL_PORT:-8080}
GEOETL_URL="http://localhost:$GEOETL_PORT"
# Every API call of these scripts authenticates with the local admin key (make setup writes it);
# curl reads the header from a file so the key never shows in the process list.
GEOETL_KEY_FILE=${GEOETL_KEY_FILE:-$here/.local/admin.key}
if [ -s "$GEOETL_KEY_FILE" ]; then
  GEOETL_CURL_HEADERS="$here/.local/api-key.header"
  (umask 077 && printf 'X-API-Key: %s\n' "$(cat "$GEOETL_KEY_FILE")" > "$GEOETL_CURL_HEADERS")
  curl() { command curl -H "@$GEOETL_CURL_HEADERS" "$@"; }
fi

service_start() {
  local name=$1; shift
  local log="$here/target/$name.log"
  if curl -fs "$GEOETL_URL/livez" >/dev/null 2>&1; then
    echo "port $GEOETL_PORT is already serving; stop that service first (or set GEOETL_PORT)" >&2; exit 1
  fi
  java ${GEOETL_JAVA_OPTS:-} -Djava.library.path="$here/.local/gdal-jni" -jar "$here/target/geoetl-0.1.0-SNAPSHOT.jar" \
       --server.port="$GEOETL_PORT" --geoetl.broker.data-dir="$here/target/$name-artemis" "$@" >"$log" 2>&1 &
  GEOETL_PID=$!
  for _ in $(seq 1 90); do
    if curl -fs "$GEOETL_URL/readyz" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$GEOETL_PID" 2>/dev/null; then echo "service failed to start; see $log" >&2; tail -n 30 "$log" >&2; exit 1; fi
    sleep 1
  done
  echo "service did not become ready in 90 s; see $log" >&2; exit 1
}

service_stop() {
  [ -n "${GEOETL_PID:-}" ] || return 0
  kill "$GEOETL_PID" 2>/dev/null || true
  wait "$GEOETL_PID" 2>/dev/null || true
  GEOETL_PID=""
}

# submit <job_type> <json> → prints the job id
submit() {
  curl -fsS -X POST -H 'Content-Type: application/json' -d "$2" "$GEOETL_URL/api/jobs/submit/$1" | jq -r .job_id
}

# wait_job <job_id> [timeout_s] → prints the final status document
wait_job() {
  local id=$1 timeout=${2:-300} status
  for _ in $(seq 1 $((timeout * 5))); do
    status=$(curl -fsS "$GEOETL_URL/api/jobs/status/$id" | jq -r .status)
    case "$status" in completed|failed|cancelled) break ;; esac
    sleep 0.2
  done
  curl -fsS "$GEOETL_URL/api/jobs/status/$id"
}
