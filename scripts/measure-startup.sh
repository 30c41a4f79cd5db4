#!/usr/bin/env bash
# 시작 시간 측정 / Measures start-up as a user waits for it, on a built tree:
#  - `./theater up`: from the command until /users/, /movies/ and /bookings/ all answer 2xx through the gateway;
#  - `./theater lint FILE`: the whole command, JVM start included.
# Both run through ./theater exactly as typed (JDK lookup, staleness check, class-data sharing archive). The first
# run of each builds the tree if needed and writes the archive (JDK 25+: records what the AOT cache will hold, and
# the second run assembles the cache in the background); they are reported apart, and once no cache is being
# assembled N runs give min, median and max. Prints the machine's load (uptime) before and after: other work on the
# machine slows every figure.
#   scripts/measure-startup.sh [runs]      (default 5)
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
command -v curl >/dev/null || { echo "오류: curl 이 필요합니다 / error: curl is required" >&2; exit 1; }
command -v python3 >/dev/null || { echo "오류: python3 이 필요합니다 / error: python3 is required" >&2; exit 1; }

# shellcheck source=scripts/lib/harness.sh
. "$root/scripts/lib/harness.sh"
now_ns() { date +%s%N; }
lint_file="$root/k8s/practice/01-initial/virtualservices.yaml"

all_2xx() {
  local path
  for path in /users/ /movies/ /bookings/; do
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1$path" 2>/dev/null || return 1
  done
}

# The stack being measured and its log: stopped and removed however the script ends (Ctrl-C included).
stack_pid=
stack_log=$(mktemp)
stop_stack() {
  if [ -n "$stack_pid" ]; then kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  stack_pid=
}
trap 'stop_stack; rm -f "$stack_log"' EXIT

# One `up`: sets up_ms to the milliseconds until all three paths answered 2xx, then stops the stack. Not run in
# $(...): the stack's process id must stay with this shell for the trap above.
up_once() {
  local port start
  port=$(harness_free_port)
  start=$(now_ns)
  "$root/theater" up -q --port "$port" >"$stack_log" 2>&1 &
  stack_pid=$!
  harness_wait 120 "$stack_pid" "three paths 2xx" all_2xx "$port" || { cat "$stack_log" >&2; exit 1; }
  up_ms=$(( ($(now_ns) - start) / 1000000 ))
  stop_stack
}

lint_once() {
  local start
  start=$(now_ns)
  "$root/theater" lint "$lint_file" >/dev/null
  echo $(( ($(now_ns) - start) / 1000000 ))
}

# True while no AOT cache is being assembled (./theater holds a lock meanwhile).
no_cache_assembling() {
  ! compgen -G "$root/cli/target/cds/*.lock" >/dev/null
}

summary() { # $1 label, then the figures in ms
  python3 - "$@" <<'EOF'
import statistics, sys
label, ms = sys.argv[1], sorted(int(x) for x in sys.argv[2:])
print(f"{label:34} runs {len(ms)}  min {ms[0] / 1000:5.2f} s  median {statistics.median(ms) / 1000:5.2f} s"
      f"  max {ms[-1] / 1000:5.2f} s   ({' '.join(f'{m / 1000:.2f}' for m in ms)})")
EOF
}

echo "before: $(uptime)"
echo "first lint (build if needed, writes the archive or the AOT cache's record): $(lint_once) ms"
up_once
echo "first up (writes the archive or the record at exit): $up_ms ms"
echo "second lint (JDK 25+: assembles the AOT cache meanwhile): $(lint_once) ms"
up_once
echo "second up (JDK 25+: assembles the AOT cache meanwhile): $up_ms ms"
harness_wait 180 - "AOT caches assembled" no_cache_assembling
for record in "$root"/cli/target/cds/{cli-lint,up}-*.aot.conf; do
  [ -f "$record" ] || continue
  echo "경고 / warning: ${record##*/} 에서 AOT 캐시를 만들지 못했습니다 / no AOT cache was assembled from it:" \
       "the figures below are without one" >&2
done
lints=()
ups=()
for _ in $(seq 1 "$runs"); do
  lints+=("$(lint_once)")
  up_once
  ups+=("$up_ms")
done
summary "./theater lint $(basename "$lint_file")" "${lints[@]}"
summary "./theater up -> 3 paths 2xx" "${ups[@]}"
echo "after: $(uptime)"
