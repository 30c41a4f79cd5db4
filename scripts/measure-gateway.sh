#!/usr/bin/env bash
# 게이트웨이 처리량을 nginx 와 비교합니다 (issue 14) / the api-gateway's throughput against nginx (issue 14).
# Starts `./theater up` (embedded redis-server, user/movie/booking in ctx1 and ctx2, the gateway with its emulated
# sidecar), then nginx (Debian's nginx-light, 2 workers, upstream keep-alive) proxying the same backend pods with the
# same split (read from the gateway's /traffic-weights), and a reference: benchmarks' EventLoopProxy (a JVM proxy on
# Netty's event loops that does only what this nginx does, none of the mesh), and runs wrk on GET /users/1 against
# the gateway, nginx, the reference and one user-service pod directly, interleaved and repeated. Prints every run,
# then the medians (rps, p50, p99, errors at c32 and c1) and the ratios. The order of the targets changes per round
# (a Williams square: over 4 rounds each runs first once and follows each other once). Loopback only; bounded:
# rounds x 8 runs of the given seconds, plus warm-up.
#   scripts/measure-gateway.sh [-r ROUNDS] [-d SECONDS] [--jfr FILE]
set -euo pipefail

usage() {
  cat <<'EOF'
사용법 / usage: scripts/measure-gateway.sh [-r ROUNDS] [-d SECONDS] [--jfr FILE]
  -r, --rounds N     반복 횟수 / rounds of (gateway, nginx, netty, direct) x (c32, c1) (기본값 / default 4;
                     4 의 배수면 순서가 고르게 섞입니다 / a multiple of 4 balances the order)
  -d, --duration S   wrk 실행 하나의 초 / seconds of each wrk run, 1-60        (기본값 / default 10)
      --jfr FILE     스택 JVM 을 JFR 로 기록 / record the stack's JVM with JFR (settings=profile) into FILE
  -h, --help         이 도움말 / this help
필요한 것 / needs: wrk, nginx (nginx-light), curl, python3, JDK 21+ (sudo apt-get install nginx-light wrk)
netty = 기준 프록시 / the reference: benchmarks 의 EventLoopProxy, 메시 없이 nginx 와 같은 일만 하는 JVM 프록시
        (Netty 이벤트 루프) / a JVM proxy on Netty's event loops doing only what nginx does, no mesh.
THEATER_JAVA_OPTS 는 스택 JVM 에 전달됩니다 / is passed to the stack's JVM.
EOF
}

rounds=4
duration=10
jfr=
while [ $# -gt 0 ]; do
  case "$1" in
    -r|--rounds) rounds=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
    -d|--duration) duration=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
    --jfr) jfr=${2:-}; shift 2 || { usage >&2; exit 2; } ;;
    -h|--help) usage; exit 0 ;;
    *) printf '오류 / error: 알 수 없는 옵션 / unknown option: %s\n\n' "$1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*|0) echo "오류 / error: --rounds 는 1 이상 / must be 1 or more" >&2; exit 2 ;; esac
case "$duration" in ''|*[!0-9]*|0) echo "오류 / error: --duration 은 1-60 / must be 1-60" >&2; exit 2 ;; esac
[ "$duration" -le 60 ] || { echo "오류 / error: --duration 은 1-60 / must be 1-60" >&2; exit 2; }
[ "$rounds" -le 20 ] || { echo "오류 / error: --rounds 는 20 이하 / must be 20 or fewer" >&2; exit 2; }
if [ -n "$jfr" ]; then
  jfr=$(readlink -f "$jfr")
fi

nginx_bin=$(command -v nginx || { [ -x /usr/sbin/nginx ] && echo /usr/sbin/nginx; } || true)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
[ -n "$nginx_bin" ] || missing+=(nginx-light)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "오류 / error: 필요한 도구가 없습니다 / missing tools: ${missing[*]}" >&2
  echo "    sudo apt-get install ${missing[*]}" >&2
  exit 3
fi

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/measure-gateway.XXXXXX")
stack_pid=
nginx_pid=
netty_pid=
stop() {
  if [ -n "$netty_pid" ]; then kill -TERM "$netty_pid" 2>/dev/null || true; wait "$netty_pid" 2>/dev/null || true; fi
  if [ -n "$nginx_pid" ]; then kill -TERM "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ -n "$stack_pid" ]; then kill -TERM "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

# shellcheck source=scripts/lib/harness.sh
. "$root/scripts/lib/harness.sh"
answers_2xx() { curl -fsS -o /dev/null "$1" 2>/dev/null; }

harness_build

echo "==> 스택 시작 / starting the local stack"
gateway_port=$(harness_free_port)
THEATER_NO_BUILD=1 "$root/theater" up -q --port "$gateway_port" >"$work/stack.log" 2>&1 &
stack_pid=$!
gateway="http://127.0.0.1:$gateway_port"
harness_wait 60 "$stack_pid" "the stack answers" answers_2xx "$gateway/users/1" || { cat "$work/stack.log" >&2; exit 1; }
THEATER_NO_BUILD=1 "$root/theater" status -o json >"$work/status.json"
curl -fsS "$gateway/traffic-weights" >"$work/weights.json"

# nginx: the same pods, each service's split as the gateway's cluster has it configured.
nginx_port=$(harness_free_port)
python3 - "$work" "$nginx_port" >"$work/nginx.conf" <<'EOF'
import json, sys
work, port = sys.argv[1], sys.argv[2]
status = json.load(open(f"{work}/status.json"))
weights = json.load(open(f"{work}/weights.json"))
services = [s for s in weights["services"] if s["configured"]]
print(f"""worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-body;
  proxy_temp_path {work}/nginx-proxy;""")
for service in services:
    print(f"  upstream {service['service'].replace('-', '_')} {{")
    for w in status["workloads"]:
        weight = round(service["weights"].get(w["cluster"], 0))
        if w["service"] == service["service"] and weight > 0:
            print(f"    server {w['url'].removeprefix('http://')} weight={weight};")
            if service["service"] == "user-service":
                with open(f"{work}/netty-upstreams", "a") as upstreams:
                    print(f"{w['url'].removeprefix('http://')}={weight}", file=upstreams)
    print("    keepalive 64;\n  }")
print(f"  server {{\n    listen 127.0.0.1:{port};")
for service in services:
    print(f"    location {service['path']} {{ proxy_pass http://{service['service'].replace('-', '_')}; "
          "proxy_http_version 1.1; proxy_set_header Connection \"\"; }")
print("  }\n}")
EOF
"$nginx_bin" -c "$work/nginx.conf" -e "$work/nginx-error.log" &
nginx_pid=$!
nginx="http://127.0.0.1:$nginx_port"
harness_wait 60 "$nginx_pid" "nginx answers" answers_2xx "$nginx/users/1" || { cat "$work/nginx.conf" "$work/nginx-error.log" >&2; exit 1; }

# The reference proxy: the same user-service pods and weights as nginx, two event loops as nginx's two workers.
netty_port=$(harness_free_port)
mapfile -t netty_upstreams < <(cat "$work/netty-upstreams" 2>/dev/null)
if [ ${#netty_upstreams[@]} -eq 0 ]; then
  echo "오류 / error: user-service 에 가중치가 있는 파드가 없습니다 / no user-service pod has a weight" >&2
  cat "$work/weights.json" >&2
  exit 1
fi
"$JAVA_HOME/bin/java" -cp "$root/benchmarks/target/benchmarks.jar" io.theatermsa.benchmarks.proxy.EventLoopProxy \
  "$netty_port" 2 "${netty_upstreams[@]}" >"$work/netty.log" 2>&1 &
netty_pid=$!
netty="http://127.0.0.1:$netty_port"
harness_wait 60 "$netty_pid" "the reference proxy answers" answers_2xx "$netty/users/1" || { cat "$work/netty.log" >&2; exit 1; }

direct=$(python3 -c 'import json,sys; print(next(w["url"] for w in json.load(open(sys.argv[1]))["workloads"]
                     if w["service"] == "user-service" and w["cluster"] == "ctx1"))' "$work/status.json")
declare -A url=([gateway]="$gateway" [nginx]="$nginx" [netty]="$netty" [direct]="$direct")
echo "    gateway $gateway, nginx $nginx ($(grep -c 'server 127' "$work/nginx.conf") upstream pods), netty $netty, direct $direct"
grep -A3 'upstream user_service' "$work/nginx.conf" | sed 's/^/    /'

# wrk's latency in ms ("512.00us", "2.10ms", "1.02s").
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.3f", n }'; }

# run TARGET CONNECTIONS SECONDS: one wrk run; prints "rps p50 p99 errors".
run() {
  local threads=2 out
  [ "$2" -ge 2 ] || threads=1
  out=$(wrk -t"$threads" -c"$2" -d"$3"s --latency "${url[$1]}/users/1")
  local rps p50 p99 non2xx socket
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' <<<"$out")
  socket=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
  echo "$rps $p50 $p99 $(( ${non2xx:-0} + ${socket:-0} ))"
}

echo "==> 예열 / warm-up (${duration}s each, the JVMs twice: their code is compiled as it runs)"
for target in gateway gateway nginx netty netty direct; do run "$target" 32 "$duration" >/dev/null; done

if [ -n "$jfr" ]; then
  "$JAVA_HOME/bin/jcmd" "$stack_pid" JFR.start name=measure-gateway settings=profile >/dev/null
fi

echo "==> 측정 / measuring: $rounds rounds x (c32, c1) x (gateway, nginx, netty, direct), ${duration}s each"
printf '%-5s %-4s %-8s %10s %9s %9s %7s  %s\n' round conn target rps p50_ms p99_ms errors "load average"
orders=("gateway nginx direct netty" "nginx netty gateway direct" "netty direct nginx gateway"
        "direct gateway netty nginx")
for round in $(seq 1 "$rounds"); do
  for conns in 32 1; do
    for target in ${orders[$(( (round - 1) % 4 ))]}; do
      load=$(awk '{print $1, $2, $3}' /proc/loadavg)
      read -r rps p50 p99 errors <<<"$(run "$target" "$conns" "$duration")"
      printf '%-5s %-4s %-8s %10s %9s %9s %7s  %s\n' "$round" "c$conns" "$target" "$rps" "$p50" "$p99" "$errors" \
        "$load" | tee -a "$work/runs.txt"
    done
  done
done

if [ -n "$jfr" ]; then
  "$JAVA_HOME/bin/jcmd" "$stack_pid" JFR.stop name=measure-gateway filename="$jfr" >/dev/null
  echo "    JFR: $jfr (jfr print --events jdk.ExecutionSample $jfr)"
fi

echo "==> 중앙값 / medians over $rounds rounds"
awk '
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  { k = $2 " " $3; rps[k] = rps[k] " " $4; p50[k] = p50[k] " " $5; p99[k] = p99[k] " " $6; err[k] += $7 }
  END {
    printf "%-4s %-8s %10s %9s %9s %7s\n", "conn", "target", "rps", "p50_ms", "p99_ms", "errors"
    split("c32 c1", conns, " "); split("gateway nginx netty direct", targets, " ")
    for (c = 1; c <= 2; c++) for (t = 1; t <= 4; t++) {
      k = conns[c] " " targets[t]
      m[k, "rps"] = median(rps[k]); m[k, "p50"] = median(p50[k])
      printf "%-4s %-8s %10.0f %9.3f %9.3f %7d\n", conns[c], targets[t], m[k, "rps"], m[k, "p50"], median(p99[k]), err[k]
    }
    printf "\ngateway / nginx rps at c32: %.2f (goal >= 0.90)\n", m["c32 gateway", "rps"] / m["c32 nginx", "rps"]
    printf "netty (the event-loop reference, no mesh) / nginx rps at c32: %.2f\n",
           m["c32 netty", "rps"] / m["c32 nginx", "rps"]
    printf "gateway / direct rps at c32: %.2f; nginx / direct: %.2f\n",
           m["c32 gateway", "rps"] / m["c32 direct", "rps"], m["c32 nginx", "rps"] / m["c32 direct", "rps"]
    printf "p50 added over direct at c1: gateway %.3f ms (goal <= 0.3), nginx %.3f ms\n",
           m["c1 gateway", "p50"] - m["c1 direct", "p50"], m["c1 nginx", "p50"] - m["c1 direct", "p50"]
  }' "$work/runs.txt"
