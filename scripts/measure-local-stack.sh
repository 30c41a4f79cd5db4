#!/usr/bin/env bash
# Measures the local stack: time from `./theater up` to a served /users/ through the gateway, and resident memory
# (JVM + embedded redis-server) after warm-up traffic. Prints one line per run and a summary.
#   scripts/measure-local-stack.sh [runs] [requests]      (defaults: 3 runs, 500 warm-up requests)
set -euo pipefail

runs=${1:-3}
requests=${2:-500}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
command -v curl >/dev/null || { echo "error: curl is required" >&2; exit 1; }
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1

# shellcheck source=scripts/lib/harness.sh
. "$root/scripts/lib/harness.sh"
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

harness_build

for run in $(seq 1 "$runs"); do
  port=$(harness_free_port)
  out=$(mktemp)
  start=$(date +%s%N)
  THEATER_NO_BUILD=1 "$root/theater" up --port "$port" >"$out" 2>&1 &
  pid=$!
  harness_wait 120 "$pid" "the stack answers /users/" curl -fsS -o /dev/null "http://127.0.0.1:$port/users/" \
    || { cat "$out" >&2; kill -TERM "$pid" 2>/dev/null || true; exit 1; }
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  for _ in $(seq 1 "$requests"); do curl -fsS -o /dev/null "http://127.0.0.1:$port/users/"; done
  redis_pid=$(pgrep -P "$pid" redis-server || true)
  jvm=$(rss_kib "$pid")
  redis=$([ -n "$redis_pid" ] && rss_kib "$redis_pid" || echo 0)
  heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null \
           | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  kill -TERM "$pid"
  wait "$pid" || true
  echo "run $run: ready in ${ready_ms} ms; RSS jvm $((jvm / 1024)) MiB + redis $((redis / 1024)) MiB; heap used ${heap:-?}"
  rm -f "$out"
done
