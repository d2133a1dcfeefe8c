#!/usr/bin/env bash
# A GeoETL cluster on this machine: a standalone Artemis broker (Artemis's own distribution, from
# Maven Central), one api,orchestrator,scheduler process and worker processes, all on one
# PostgreSQL database. See docs/deploy.md.
#
#   scripts/cluster.sh start              broker, api on :8080, workers 1 and 2 on :8081, :8082
#                                         (GEOETL_CLUSTER_WORKERS=1 starts worker 1 only)
#   scripts/cluster.sh stop               SIGTERM to every process (workers finish their tasks), broker last
#   scripts/cluster.sh status             which processes run, their pids, ports and readiness
#   scripts/cluster.sh start-worker N     one more worker (port 8080+N)
#   scripts/cluster.sh stop-worker N      SIGTERM to worker N (it finishes its tasks first)
#   scripts/cluster.sh kill-worker N      kill -9 worker N (chaos)
#
# Environment: GEOETL_CLUSTER_DIR (.local/cluster: logs, pids, broker instance and journal),
# GEOETL_CLUSTER_DB_URL (the geoetl database), GEOETL_CLUSTER_BASE_PORT (8080; worker N is on
# base+N), GEOETL_BROKER_PORT (61616), GEOETL_CLUSTER_ARGS (more arguments for every service
# process), GEOETL_CLUSTER_STORAGE (the local storage root all processes share).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mkdir -p "${GEOETL_CLUSTER_DIR:-$here/.local/cluster}" && cd "${GEOETL_CLUSTER_DIR:-$here/.local/cluster}" && pwd)
db_url=${GEOETL_CLUSTER_DB_URL:-jdbc:postgresql://localhost:5432/geoetl?reWriteBatchedInserts=true}
base_port=${GEOETL_CLUSTER_BASE_PORT:-8080}
broker_port=${GEOETL_BROKER_PORT:-61616}
storage=${GEOETL_CLUSTER_STORAGE:-$dir/storage}
key_file=${GEOETL_CLUSTER_ADMIN_KEY_FILE:-$here/.local/admin.key}
jar=$(ls "$here"/target/geoetl-*.jar 2>/dev/null | head -n 1 || true)

say() { printf '  [cluster] %s\n' "$*"; }
die() { echo "cluster: $*" >&2; exit 1; }
alive() { [ -s "$dir/$1.pid" ] && kill -0 "$(cat "$dir/$1.pid")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The broker's version is the client's: the one Spring Boot manages, read from the packaged jar.
artemis_home() {
  local version
  version=$(unzip -Z1 "$jar" | sed -n 's|^BOOT-INF/lib/artemis-server-\([0-9.]*\)\.jar$|\1|p' | head -n 1)
  [ -n "$version" ] || die "no artemis-server in $jar"
  local home="$here/.local/artemis/apache-artemis-$version"
  if [ ! -x "$home/bin/artemis" ]; then
    say "fetching Artemis $version (org.apache.activemq:apache-artemis:$version:zip:bin)" >&2
    mkdir -p "$here/.local/artemis"
    mvn -B -q dependency:copy -Dartifact="org.apache.activemq:apache-artemis:$version:zip:bin" \
        -DoutputDirectory="$here/.local/artemis" >&2
    unzip -q -o "$here/.local/artemis/apache-artemis-$version-bin.zip" -d "$here/.local/artemis"
  fi
  echo "$home"
}

start_broker() {
  if alive broker; then say "broker running (pid $(cat "$dir/broker.pid"))"; return; fi
  port_open "$broker_port" && die "port $broker_port is taken by another process"
  local home instance="$dir/broker"
  home=$(artemis_home)
  if [ ! -d "$instance/etc" ]; then
    "$home/bin/artemis" create --silent --no-web --allow-anonymous --user geoetl --password geoetl \
        --host 127.0.0.1 "$instance" >"$dir/broker-create.log" 2>&1 || die "artemis create failed; see $dir/broker-create.log"
  fi
  # our settings, not the generated ones: the journal under the cluster dir, the CORE acceptor only
  sed -e "s|@PORT@|$broker_port|" -e "s|@DATA@|$instance/data|" "$here/deploy/artemis/broker.xml" > "$instance/etc/broker.xml"
  nohup "$instance/bin/artemis" run >"$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 120); do
    port_open "$broker_port" && { say "broker on tcp://127.0.0.1:$broker_port (pid $(cat "$dir/broker.pid"))"; return; }
    alive broker || { tail -n 20 "$dir/broker.log" >&2; die "broker exited; see $dir/broker.log"; }
    sleep 0.5
  done
  die "broker not listening after 60 s; see $dir/broker.log"
}

# launch <name> <port> <roles>: in the background; readiness is awaited by await_ready.
# consumerWindowSize=0: a consumer holds no prefetched messages, so a worker that joins gets the
# next message at once instead of waiting for the others' buffers to drain.
launch() {
  local name=$1 port=$2 roles=$3
  if alive "$name"; then say "$name running (pid $(cat "$dir/$name.pid"))"; return; fi
  port_open "$port" && die "port $port is taken by another process"
  [ -n "$jar" ] || die "package the service first (make build)"
  mkdir -p "$storage" "$dir/$name"
  # shellcheck disable=SC2086
  nohup java ${GEOETL_JAVA_OPTS:--Xmx768m} -Djava.library.path="$here/.local/gdal-jni" -jar "$jar" \
      --server.port="$port" --spring.datasource.url="$db_url" \
      --geoetl.broker.url="tcp://127.0.0.1:$broker_port?consumerWindowSize=0" --geoetl.roles="$roles" \
      --geoetl.storage.accounts.local.root="$storage" --geoetl.worker.work-dir="$dir/$name/work" \
      --geoetl.security.admin-key-file="$key_file" ${GEOETL_CLUSTER_ARGS:-} >"$dir/$name.log" 2>&1 &
  echo $! > "$dir/$name.pid"
  echo "$port" > "$dir/$name.port"
}

await_ready() {
  local name=$1 port
  port=$(cat "$dir/$name.port")
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && { say "$name ready on :$port (pid $(cat "$dir/$name.pid"))"; return; }
    alive "$name" || { tail -n 30 "$dir/$name.log" >&2; die "$name exited during start-up; see $dir/$name.log"; }
    sleep 0.5
  done
  die "$name not ready after 120 s; see $dir/$name.log"
}

stop_one() {
  local name=$1
  alive "$name" || { rm -f "$dir/$name.pid"; return 0; }
  local pid
  pid=$(cat "$dir/$name.pid")
  kill "$pid"
  # a worker drains for up to camel.main.shutdown-timeout (60 s)
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { say "$name did not stop in 100 s; killing it"; kill -9 "$pid"; }
  rm -f "$dir/$name.pid"
  say "$name stopped"
}

workers() { for f in "$dir"/worker-*.pid; do [ -e "$f" ] && basename "$f" .pid; done; }

case "${1:-}" in
  start)
    start_broker
    # the api process migrates the database first; workers start once it is ready
    launch api "$base_port" api,orchestrator,scheduler
    await_ready api
    for n in $(seq 1 "${GEOETL_CLUSTER_WORKERS:-2}"); do launch "worker-$n" $((base_port + n)) worker-heavy,worker-light; done
    for n in $(seq 1 "${GEOETL_CLUSTER_WORKERS:-2}"); do await_ready "worker-$n"; done
    ;;
  start-worker)
    n=${2:?worker number}
    launch "worker-$n" $((base_port + n)) worker-heavy,worker-light
    await_ready "worker-$n"
    ;;
  stop-worker)
    stop_one "worker-${2:?worker number}"
    ;;
  kill-worker)
    n=${2:?worker number}
    alive "worker-$n" || die "worker-$n is not running"
    kill -9 "$(cat "$dir/worker-$n.pid")"
    rm -f "$dir/worker-$n.pid"
    say "worker-$n killed (kill -9)"
    ;;
  stop)
    for w in $(workers); do stop_one "$w"; done
    stop_one api
    stop_one broker
    ;;
  status)
    for name in broker api $(workers); do
      if alive "$name"; then
        state="running, pid $(cat "$dir/$name.pid")"
        if [ -s "$dir/$name.port" ] && [ "$name" != broker ]; then
          p=$(cat "$dir/$name.port")
          if curl -fs "http://127.0.0.1:$p/readyz" >/dev/null 2>&1; then state+=", ready on :$p"; else state+=", not ready on :$p"; fi
        fi
      else
        state="stopped"
      fi
      printf '  %-10s %s\n' "$name" "$state"
    done
    ;;
  *)
    sed -n '2,18p' "$0" >&2; exit 2 ;;
esac
