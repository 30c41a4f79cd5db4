#!/usr/bin/env bash
# 규모 측정 / Measures the cinema at scale on `./theater up` (a real redis-server, real HTTP):
#  1. 영화 10,000편 목록 / 10,000 movies listed: plants movies until there are 10,000 (POST /movies/ to a movie
#     pod), then times GET /movies/ (whole list) and GET /movies/?limit=100 with `theater load -c 1`: straight to a
#     movie pod in the store's cluster, to one in the other cluster (over the east-west path) and through the
#     gateway. Prints p50/p90/max per target.
#  2. 인기 좌석 / hot seats: 10,000 booking attempts (4 loads of 2,500 in parallel, 32 connections each, through
#     the gateway to booking pods in both clusters) for four overlapping seat pairs of one showtime of a fresh
#     movie; then reads every booking back and checks that no seat is booked twice and that every answer 201 is a
#     stored booking. A booking may also be stored whose answer the client never saw as 201 (a 503 or no answer:
#     the reservation committed while the service or the load gave up waiting); the Idempotency-Key header is how
#     a client settles that. Those are counted apart.
#   scripts/measure-scale.sh [listing-requests]     (default 50 requests per listing target)
set -euo pipefail

requests=${1:-50}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
for tool in curl python3; do
  command -v "$tool" >/dev/null || { echo "오류: $tool 이 필요합니다 / error: $tool is required" >&2; exit 1; }
done
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1
# shellcheck source=scripts/lib/harness.sh
. "$root/scripts/lib/harness.sh"

theater() { THEATER_NO_BUILD=1 "$root/theater" "$@"; }

harness_build
work=$(mktemp -d)
port=$(harness_free_port)
gw="http://127.0.0.1:$port"
stack_pid=
cleanup() {
  if [ -n "$stack_pid" ]; then kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Not through the function: $! must be the script itself, which becomes the stack's JVM (exec), so that the
# cleanup stops the stack.
THEATER_NO_BUILD=1 "$root/theater" up --port "$port" >"$work/up.log" 2>&1 &
stack_pid=$!
harness_wait 120 "$stack_pid" "the gateway answers /movies/" curl -fsS -o /dev/null "$gw/movies/" \
  || { cat "$work/up.log" >&2; exit 1; }
pod_url() { # $1 service, $2 cluster
  theater status -o json | python3 -c "
import json, sys
print(next(w['url'] for w in json.load(sys.stdin)['workloads'] if w['service'] == '$1' and w['cluster'] == '$2'))"
}
movies_ctx1=$(pod_url movie-service ctx1)
movies_ctx2=$(pod_url movie-service ctx2)

# Every pod ready (its store answers) before anything is measured.
every_pod_ready() {
  theater status -o json | python3 -c '
import json, sys
sys.exit(0 if all(w["ready"] for w in json.load(sys.stdin)["workloads"]) else 1)'
}
harness_wait 120 "$stack_pid" "every pod ready" every_pod_ready
movie_count() { curl -fsS --retry 5 --retry-all-errors "$movies_ctx2/movies/" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

echo "uptime: $(uptime)"
movie='{"title":"규모 시험 / scale test","director":"harness","genre":"드라마","year":2024,"runningTime":100,"showtimes":[{"startsAt":"2026-12-24T19:30","hall":"1관","seatMap":{"rows":8,"columns":12}}]}'
# Plant until there are 10,000 (a loaded machine may answer a create 503; those are planted again, 3 tries).
for _ in 1 2 3; do
  have=$(movie_count)
  [ "$have" -lt 10000 ] || break
  theater load -q -n $((10000 - have)) -c 16 --method POST --path /movies/ --body "$movie" --url "$movies_ctx2" \
    --json >"$work/plant.json"
done
echo "movies: $(movie_count)"

listing() { # $1 label, $2 base URL, $3 path
  theater load -q -n "$requests" -c 1 --path "$3" --url "$2" --json | python3 -c "
import json, sys
r = json.load(sys.stdin)['report']; l = r['latencyMillis']
print(f\"{'$1':28} {'$3':18} n={r['completed']:4}  p50 {l['p50']:7.1f} ms  p90 {l['p90']:7.1f} ms  max {l['max']:7.1f} ms  statuses {r['byStatus']}\")"
}
listing "movie pod, ctx2 (with Redis)" "$movies_ctx2" /movies/
listing "movie pod, ctx1 (east-west)" "$movies_ctx1" /movies/
listing "gateway (mesh, both clusters)" "$gw" /movies/
listing "movie pod, ctx2 (with Redis)" "$movies_ctx2" "/movies/?limit=100"
listing "gateway (mesh, both clusters)" "$gw" "/movies/?limit=100"
bytes=$(curl -fsS -o /dev/null -w '%{size_download}' "$movies_ctx2/movies/")
echo "whole list: $bytes bytes"

# Hot seats: a fresh movie whose first showtime has a 2 x 2 hall, so four seats take all the load.
hot=$(curl -fsS -H 'Content-Type: application/json' -d '{"title":"매진 / sold out","director":"harness","genre":"드라마","year":2024,"runningTime":90,"showtimes":[{"startsAt":"2026-12-24T20:00","hall":"소관","seatMap":{"rows":2,"columns":2}}]}' \
        "$gw/movies/" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
wait_loads() { local job; for job in $(jobs -p); do [ "$job" = "$stack_pid" ] || wait "$job"; done; }
pairs=('"A1","A2"' '"A2","B1"' '"B1","B2"' '"B2","A1"')
start=$(date +%s%N)
for i in 0 1 2 3; do
  theater load -q -n 2500 -c 32 --method POST --path /bookings/ --json \
    --body "{\"userId\":\"1\",\"movieId\":\"$hot\",\"showtimeId\":\"1\",\"seats\":[${pairs[$i]}]}" >"$work/hot$i.json" &
done
wait_loads
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -fsS "$gw/bookings/" >"$work/bookings.json"
python3 - "$hot" "$elapsed_ms" "$work/bookings.json" "$work"/hot0.json "$work"/hot1.json "$work"/hot2.json \
  "$work"/hot3.json <<'EOF'
import collections, json, sys
hot, elapsed, stored = sys.argv[1], int(sys.argv[2]), sys.argv[3]
statuses = collections.Counter()
for path in sys.argv[4:]:
    for status, n in json.load(open(path))["report"]["byStatus"].items():
        statuses[status] += n
bookings = [b for b in json.load(open(stored)) if b["movieId"] == hot]
seats = collections.Counter(s for b in bookings for s in b["seats"])
twice = {s: n for s, n in seats.items() if n > 1}
print(f"hot seats: {sum(statuses.values())} attempts in {elapsed} ms, answers {dict(statuses)}")
print(f"hot seats: {len(bookings)} bookings hold {sum(seats.values())} seats; seats booked twice: {len(twice)} {twice}")
acked = statuses.get('201', 0)
print(f"hot seats: answers 201 = {acked}, bookings stored = {len(bookings)}"
      f" ({len(bookings) - acked} stored although the client saw 503 or no answer)"
      f" -> {'every 201 stored' if acked <= len(bookings) else 'LOST ACKNOWLEDGED BOOKINGS'}")
sys.exit(1 if twice or acked > len(bookings) else 0)
EOF
