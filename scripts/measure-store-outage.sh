#!/usr/bin/env bash
# 데이터 저장소(Redis) 장애 측정 / Measures what a data-store (Redis) outage does to `./theater up`.
# Runs a redis-server of its own (the binary inside the embedded-redis jar, append-only file on), starts the stack
# on it (REDIS_URL), and for each outage — frozen (SIGSTOP), killed (SIGKILL, then restarted on the same port and
# file), unreachable (`theater fault partition`: ctx1's pods lose their east-west path) — sends requests through the
# gateway and to every service pod while Redis is away. Prints, per outage: answers, how many were 503 JSON with
# the identity headers, p50/max time to the answer, the pods' /health/ready answers, and the time from Redis's
# return to all three paths 2xx again; then whether every write acknowledged before the kill is still there.
#   scripts/measure-store-outage.sh [rounds]      (default 10 rounds of requests per outage)
set -euo pipefail

rounds=${1:-10}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
for tool in curl python3 unzip; do
  command -v "$tool" >/dev/null || { echo "오류: $tool 이 필요합니다 / error: $tool is required" >&2; exit 1; }
done
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1

# shellcheck source=scripts/lib/harness.sh
. "$root/scripts/lib/harness.sh"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

harness_build

work=$(mktemp -d)
redis_jar=$(ls "$root"/cli/target/lib/embedded-redis-*.jar)
unzip -p "$redis_jar" redis-server-6.2.6-v5-linux-amd64 >"$work/redis-server"
chmod +x "$work/redis-server"
redis_port=$(harness_free_port)
gateway_port=$(harness_free_port)
gw="http://127.0.0.1:$gateway_port"
redis_pid=
stack_pid=

redis_listens() { (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null; }
start_redis() {
  "$work/redis-server" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync always \
    --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  harness_wait 30 "$redis_pid" "redis-server listens" redis_listens
}
cleanup() {
  if [ -n "$redis_pid" ]; then kill -CONT "$redis_pid" 2>/dev/null || true; fi
  if [ -n "$stack_pid" ]; then kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  if [ -n "$redis_pid" ]; then kill -TERM "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

all_ready() {
  local path
  for path in /users/ /movies/ /bookings/; do
    curl -fsS -o /dev/null --max-time 2 "$gw$path" 2>/dev/null || return 1
  done
}

start_redis
REDIS_URL="redis://127.0.0.1:$redis_port" THEATER_NO_BUILD=1 "$root/theater" up --port "$gateway_port" \
  >"$work/up.log" 2>&1 &
stack_pid=$!
harness_wait 120 "$stack_pid" "all three paths answer" all_ready || { cat "$work/up.log" >&2; exit 1; }
pods=$(THEATER_NO_BUILD=1 "$root/theater" status -o json | python3 -c '
import json, sys
for w in json.load(sys.stdin)["workloads"]:
    if w["service"] != "api-gateway":
        print(w["cluster"], w["service"], w["url"])')

# One request: prints "status seconds json(0/1) identity(0/1)"; a client timeout (5 s) prints "timeout 5 0 0".
probe() {
  local out
  out=$(curl -sS -o /dev/null -D - --max-time 5 -w 'STATUS %{http_code} %{time_total}\n' "$@" 2>/dev/null) \
    || { echo "timeout 5 0 0"; return; }
  awk 'BEGIN { json = 0; id = 0 }
       tolower($1) == "content-type:" && $2 ~ /application\/json/ { json = 1 }
       tolower($1) == "x-service-cluster:" { id = 1 }
       $1 == "STATUS" { print $2, $3, json, id }' <<<"$out"
}

# Requests while Redis is away: through the gateway (reads and a booking) and straight to each pod; readiness of
# each pod. $1 names the outage; $2 limits the pods to one cluster (the partition only cuts ctx1's path).
measure_away() {
  local name=$1 cluster=${2:-} answers=$work/answers ready=$work/ready c service url
  : >"$answers"; : >"$ready"
  for _ in $(seq 1 "$rounds"); do
    if [ -z "$cluster" ]; then
      {
        probe "$gw/users/"
        probe "$gw/movies/"
        probe -X POST -H 'Content-Type: application/json' \
          -d '{"userId":"1","movieId":"1","showtimeId":"1","seats":["H12"]}' "$gw/bookings/"
      } >>"$answers"
    fi
    while read -r c service url; do
      [ -n "$cluster" ] && [ "$c" != "$cluster" ] && continue
      probe "$url/${service%-service}s/" >>"$answers"
      probe "$url/health/ready" >>"$ready"
    done <<<"$pods"
  done
  summarize "$name" "$answers" "$ready"
}

summarize() {
  python3 - "$@" <<'EOF'
import statistics, sys
name, answers, ready = sys.argv[1:4]
rows = [l.split() for l in open(answers) if l.strip()]
ok = [r for r in rows if r[0] == "503" and r[2] == "1" and r[3] == "1"]
times = sorted(float(r[1]) * 1000 for r in rows)
ready_rows = [l.split() for l in open(ready) if l.strip()]
ready_503 = sum(1 for r in ready_rows if r[0] == "503")
ready_times = sorted(float(r[1]) * 1000 for r in ready_rows)
print(f"{name:12} answers {len(rows):4}  503 JSON+identity {len(ok):4}  other {[r[0] for r in rows if r not in ok][:5]}"
      f"  p50 {statistics.median(times):6.0f} ms  max {max(times):6.0f} ms"
      f"  | /health/ready 503 {ready_503}/{len(ready_rows)}  max {max(ready_times):5.0f} ms")
EOF
}

# Milliseconds from $1 (ms) until all three paths answer 2xx through the gateway.
recovery_ms() {
  if harness_wait 60 "$stack_pid" "recovery" all_ready; then
    echo $(( $(now_ms) - $1 ))
  else
    echo "did-not-recover"
  fi
}

echo "uptime: $(uptime)"

kill -STOP "$redis_pid"
measure_away frozen
kill -CONT "$redis_pid"
echo "frozen: all three paths 2xx $(recovery_ms "$(now_ms)") ms after SIGCONT"

acked=$work/acked
: >"$acked"
for i in $(seq 1 50); do
  id=$(curl -fsS -H 'Content-Type: application/json' -d "{\"name\":\"outage $i\",\"email\":\"outage$i@example.com\"}" \
         "$gw/users/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  echo "$id" >>"$acked"
done
kill -KILL "$redis_pid"
wait "$redis_pid" 2>/dev/null || true
measure_away killed
start_redis
echo "killed: all three paths 2xx $(recovery_ms "$(now_ms)") ms after redis-server was started again"
lost=0
while read -r id; do
  curl -fsS -o /dev/null "$gw/users/$id" || lost=$((lost + 1))
done <"$acked"
echo "killed: $(wc -l <"$acked") users acknowledged (201) before the kill, $lost lost"

THEATER_NO_BUILD=1 "$root/theater" fault partition >/dev/null
measure_away unreachable ctx1
THEATER_NO_BUILD=1 "$root/theater" fault heal >/dev/null
echo "unreachable: all three paths 2xx $(recovery_ms "$(now_ms)") ms after \`theater fault heal\` returned"
