#!/usr/bin/env bash
# fault-injection-demo.sh — 장애 주입 실습 / the fault-injection practice, on the clusters or locally.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COMMAND=''
SCENARIO_ARG=''
CONTEXTS=()
LOCAL=0
UNDO=0
REQUESTS=${REQUESTS:-20}
GATEWAY_URL=${GATEWAY_URL:-}
THEATER_STATE=${THEATER_STATE:-$THEATER_ROOT/.theater/state.json}
EW_GATEWAY=istio-eastwestgateway

usage() {
  cat <<EOF
사용법 / usage: scripts/fault-injection-demo.sh [옵션/options] <명령/command>

명령 / commands (시나리오는 k8s/practice/, 모든 VS/DR 을 선택한 모든 컨텍스트에 적용 /
scenarios from k8s/practice/, every VS/DR applied to every selected context):
  reset            초기 상태 01-initial (사용자 70/30, 영화 30/70, 예약 50/50) / back to 01-initial
  recover          reset 의 옛 이름 / old name of reset
  setup            02-circuit-breaker: 원본의 서킷 브레이커 DR / the original's circuit breaker
  delay            03-delay-fault: 영화 요청 70% 에 3초 지연 / 3 s delay on 70% of movie requests
  error            04-error-fault: 사용자 요청 30% 에 HTTP 500 / HTTP 500 on 30% of user requests
  block            05-block-fault: 예약 서비스의 ctx2 차단 / booking-service ctx2 blocked
  chaos            99-scenarios: 복합 장애 (delay + error + block) / compound fault
  circuit-breaker  06-circuit-breaker-real: 실제로 격리되는 서킷 브레이커 / an outlier detection that really ejects
  failover         07-locality-failover: 클러스터 장애 시 다른 클러스터로 / cluster failover
  apply DIR        임의의 시나리오 디렉터리 / any scenario directory (e.g. k8s/practice/08-timeouts-retries)
  partition        ctx2 의 east-west 게이트웨이를 0 으로 (네트워크 분할) / scale ctx2's $EW_GATEWAY to 0
  partition --undo 다시 1 로 / back to 1
  status           적용된 VirtualService/DestinationRule 과 게이트웨이 / what is applied, per context
  test             게이트웨이로 요청을 보내 클러스터별 응답 수와 시간을 잽니다 /
                   requests through the gateway: responses per cluster, status codes, times

옵션 / options:
  --context C[,C]  대상 컨텍스트 (반복 가능, 기본 \$CTX1,\$CTX2 = ctx1,ctx2) / contexts (repeatable; default both)
  --local          클러스터 대신 실행 중인 ./theater up 에 / drive a running ./theater up instead of a cluster
  --url URL        test 의 게이트웨이 주소 (또는 \$GATEWAY_URL) / gateway URL for test
  --requests N     test 의 경로당 요청 수 (기본 $REQUESTS) / requests per path for test
  --dry-run        실행할 kubectl/curl/theater 명령만 출력 / print the commands, change nothing
  -h, --help       도움말 / this help

partition 은 \$CTX2 (기본 ctx2) 의 게이트웨이를 자릅니다 / partition cuts the gateway of \$CTX2 (default ctx2).
권장 순서 / suggested order: reset → setup → delay → error → block → chaos → circuit-breaker → failover → partition
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --context) need_value "$1" $#; mapfile -t -O "${#CONTEXTS[@]}" CONTEXTS < <(split_contexts "$2"); shift ;;
      --local) LOCAL=1 ;;
      --url) need_value "$1" $#; GATEWAY_URL=$2; shift ;;
      --requests) need_value "$1" $#; REQUESTS=$2; shift ;;
      --undo) UNDO=1 ;;
      --dry-run) DRY_RUN=1 ;;
      -h|--help) usage; exit 0 ;;
      -*) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
      *)
        if [ -z "$COMMAND" ]; then COMMAND=$1
        elif [ "$COMMAND" = apply ] && [ -z "$SCENARIO_ARG" ]; then SCENARIO_ARG=$1
        else usage_error "인자가 너무 많습니다 / unexpected argument: $1"; fi ;;
    esac
    shift
  done
  [ -n "$COMMAND" ] || usage_error "명령이 필요합니다 / a command is required"
  [[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || usage_error "--requests 는 양의 정수 / --requests must be a positive integer"
  [ ${#CONTEXTS[@]} -gt 0 ] || CONTEXTS=("$CTX1" "$CTX2")
}

# ---- scenarios ----

scenario_dir() {
  case $1 in
    reset|recover) echo "$PRACTICE_DIR/01-initial" ;;
    setup) echo "$PRACTICE_DIR/02-circuit-breaker" ;;
    delay) echo "$PRACTICE_DIR/03-delay-fault" ;;
    error) echo "$PRACTICE_DIR/04-error-fault" ;;
    block) echo "$PRACTICE_DIR/05-block-fault" ;;
    chaos) echo "$PRACTICE_DIR/99-scenarios" ;;
    circuit-breaker) echo "$PRACTICE_DIR/06-circuit-breaker-real" ;;
    failover) echo "$PRACTICE_DIR/07-locality-failover" ;;
    apply) echo "${SCENARIO_ARG%/}" ;;
    *) return 1 ;;
  esac
}

# What the student should see, said before the fault is applied (a planted failure is easily read as a bug).
expectation() {
  case $1 in
    reset|recover) echo "기대 / expect: 사용자 70/30, 영화 30/70, 예약 50/50 (ctx1/ctx2), 오류 없음 / no errors" ;;
    setup) echo "기대 / expect: 분산은 그대로. 이 DR 은 주입된 abort 로는 격리하지 않습니다 (학습 포인트) / same split; this DR never ejects on injected aborts" ;;
    delay) echo "기대 / expect: 영화 요청의 약 70% 가 3초 늦게 옵니다. 오류가 아니라 설계된 지연입니다 / ~70% of movie requests take 3 s more, by design" ;;
    error) echo "기대 / expect: 사용자 요청의 약 30% 가 HTTP 500 (fault filter abort) / ~30% of user requests fail with 500" ;;
    block) echo "기대 / expect: 예약 요청이 모두 ctx1 에서 처리됩니다 / every booking request is served by ctx1" ;;
    chaos) echo "기대 / expect: delay + error + block 동시에 / all three at once" ;;
    circuit-breaker) echo "기대 / expect: 실패하는 엔드포인트가 격리되어 잠시 트래픽을 받지 않습니다 / the failing endpoint is ejected for a while" ;;
    failover) echo "기대 / expect: 같은 클러스터 우선, 장애 시 다른 클러스터로 넘어갑니다 / local cluster first, the other one on failure" ;;
    *) echo "적용 후 대시보드와 test 로 확인하세요 / check the dashboard and the test command" ;;
  esac
}

# Objects other scenarios add besides VS/DR (e.g. PeerAuthentication, AuthorizationPolicy) would
# outlive a switch, because applying only replaces objects of the same name.
other_scenarios_extras() {
  local keep=$1 dir docs
  for dir in "$PRACTICE_DIR"/*/; do
    dir=${dir%/}
    [ "$dir" = "$keep" ] && continue
    has_kustomization "$dir" || continue
    if docs=$(render "$dir" 2>/dev/null); then
      select_docs drop 'VirtualService|DestinationRule' <<<"$docs"
    else
      warn "$dir 를 렌더링할 수 없어 건너뜁니다" "cannot render $dir, skipped" # another scenario's problem
    fi
  done
}

apply_scenario_to_clusters() {
  local dir=$1 ctx extras=''
  require_dir "$dir"
  has_kustomization "$dir" || die "$dir 에 kustomization.yaml 이 없습니다" "$dir has no kustomization.yaml"
  check_clusters "${CONTEXTS[@]}"
  if can_render; then extras=$(other_scenarios_extras "$dir"); fi
  for ctx in "${CONTEXTS[@]}"; do
    if [ -n "$extras" ]; then
      kubectl_stream "$ctx" delete "(다른 시나리오의 VS/DR 외 객체 / other scenarios' non-VS/DR objects)" \
        --ignore-not-found <<<"$extras"
    fi
    apply_dir "$ctx" "$dir"
  done
}

run_scenario() {
  local dir check
  dir=$(scenario_dir "$COMMAND")
  [ -n "$dir" ] || usage_error "apply 에는 디렉터리가 필요합니다 / apply needs a directory"
  info "$COMMAND: $dir" "$COMMAND: $dir"
  expectation "$COMMAND"
  if [ "$LOCAL" = 1 ]; then
    require_local_stack
    if [ "$COMMAND" = reset ] || [ "$COMMAND" = recover ]; then
      run ./theater scenario reset
    else
      require_dir "$dir"
      run ./theater scenario apply "$dir"
    fi
  else
    apply_scenario_to_clusters "$dir"
  fi
  check="scripts/fault-injection-demo.sh test"
  [ "$LOCAL" = 1 ] && check="scripts/fault-injection-demo.sh --local test"
  ok "$COMMAND 적용" "$COMMAND applied — 확인 / check: $check"
}

# ---- local mode (./theater up) ----

no_local_stack() {
  die "실행 중인 로컬 스택이 없습니다. 먼저 ./theater up 을 실행하세요" \
      "no local stack is running; start one with ./theater up" 3
}

require_local_stack() {
  is_dry_run && return 0
  [ -f "$THEATER_STATE" ] || no_local_stack
}

local_gateway_url() {
  sed -n 's/.*"url"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$THEATER_STATE" | head -n 1
}

local_status() {
  local rc=0
  require_local_stack
  run ./theater status || rc=$?
  [ "$rc" = 3 ] && no_local_stack
  return "$rc"
}

# ---- status, partition ----

cluster_status() {
  local ctx
  check_clusters "${CONTEXTS[@]}"
  for ctx in "${CONTEXTS[@]}"; do
    info "$ctx" "$ctx"
    run kubectl --context "$ctx" -n "$NAMESPACE" get virtualservices,destinationrules
    run kubectl --context "$ctx" -n istio-system get deployment "$EW_GATEWAY"
  done
}

partition() {
  local replicas=0
  [ "$LOCAL" = 1 ] && die "네트워크 분할은 아직 로컬 모드에서 지원하지 않습니다 (실제 클러스터에서만)" \
                          "partition is not available in local mode yet (real clusters only)" 1
  [ "$UNDO" = 1 ] && replicas=1
  check_clusters "$CTX2"
  if [ "$UNDO" = 1 ]; then
    info "$CTX2 의 $EW_GATEWAY 복구 (replicas=1)" "restoring $EW_GATEWAY in $CTX2 (replicas=1)"
  else
    info "$CTX2 의 $EW_GATEWAY 를 0 으로: ctx1 → ctx2 통신 차단" "scaling $EW_GATEWAY in $CTX2 to 0: ctx1 → ctx2 cut"
    cat <<'EOF'
기대 / expect: ctx1 의 사이드카는 게이트웨이 주소(:15443)를 계속 가지고 있지만 연결이 거부되어 503 (UF, 재시도 후 URX).
  기본 재시도가 ctx1 파드로 다시 보내므로 오류가 안 보일 수 있습니다. Redis 는 ctx2 에만 있어 ctx1 의 서비스가 먼저 실패합니다.
  ctx1 sidecars keep the gateway endpoint (:15443); connects are refused → 503 UF (URX after retries).
  Default retries may hide it for services with ctx1 pods; Redis lives only in ctx2, so ctx1's services fail first.
  HPA 는 0 인 동안 멈춥니다 / the HPA pauses while scaled to 0. 되돌리기 / undo: partition --undo
EOF
  fi
  run kubectl --context "$CTX2" -n istio-system scale deployment "$EW_GATEWAY" --replicas="$replicas"
}

# ---- test ----

cluster_gateway_url() {
  local ip
  ip=$(kubectl --context "$CTX1" -n istio-system get svc istio-ingressgateway \
        -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null || true)
  [ -n "$ip" ] || die "게이트웨이 주소를 모릅니다. --url 또는 GATEWAY_URL 을 주세요" \
                      "cannot find the gateway address; pass --url or set GATEWAY_URL"
  printf 'http://%s' "$ip"
}

gateway_url() {
  if [ -n "$GATEWAY_URL" ]; then printf '%s' "${GATEWAY_URL%/}"
  elif [ "$LOCAL" = 1 ]; then local_gateway_url
  elif is_dry_run; then printf '<gateway-url>'
  else require_command kubectl; require_context "$CTX1"; cluster_gateway_url
  fi
}

# one_request URL: "<cluster> <status> <seconds>" from the identity header and curl's timings.
one_request() {
  local out last cluster
  out=$(curl -sS -o /dev/null -D - -w '\n%{http_code} %{time_total}' --max-time 15 "$1" 2>/dev/null) ||
    { echo "- 000 0"; return 0; }
  cluster=$(sed -n 's/^[Xx]-[Ss]ervice-[Cc]luster:[[:space:]]*//p' <<<"$out" | tail -n 1 | tr -d ' \r')
  last=$(tail -n 1 <<<"$out")
  echo "${cluster:--} $last"
}

summarize() {
  awk -v path="$1" '
    { n++; by[$1]++; if ($2 !~ /^2/) err++; t += $3; if ($3 > max) max = $3 }
    END {
      line = ""; for (c in by) line = line sprintf(" %s=%d", c, by[c])
      printf "%-11s 요청/requests %3d | 클러스터/cluster%s | 오류/errors %d | 평균/avg %.3fs 최대/max %.3fs\n",
             path, n, line, err, (n ? t / n : 0), max
    }'
}

measure() {
  local url path i
  if [ "$LOCAL" = 1 ]; then require_local_stack; fi
  url=$(gateway_url)
  require_command curl
  info "$url 로 경로당 $REQUESTS 건" "$REQUESTS requests per path to $url"
  for path in /users/ /movies/ /bookings/; do
    if is_dry_run; then
      show_cmd "curl -sS -o /dev/null -D - -w '%{http_code} %{time_total}' --max-time 15 $url$path   (× $REQUESTS)"
      continue
    fi
    for ((i = 0; i < REQUESTS; i++)); do one_request "$url$path"; done | summarize "$path"
  done
  echo "'-' = X-Service-Cluster 헤더 없음 (게이트웨이의 로컬 응답, 예: 주입된 오류) / no identity header (a local reply, e.g. an injected fault)"
}

main() {
  parse_args "$@"
  case $COMMAND in
    status) if [ "$LOCAL" = 1 ]; then local_status; else cluster_status; fi ;;
    test) measure ;;
    partition) partition ;;
    *)
      scenario_dir "$COMMAND" >/dev/null || usage_error "알 수 없는 명령 / unknown command: $COMMAND"
      run_scenario ;;
  esac
}

cd "$THEATER_ROOT"
main "$@"
