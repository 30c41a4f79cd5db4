#!/usr/bin/env bash
# fault-injection-demo.sh — 장애 주입 실습 / the fault-injection practice, on the clusters or locally.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COMMAND=''
ARGS=()
CONTEXTS=()
LOCAL=0
UNDO=0
REQUESTS=${REQUESTS:-20}
GATEWAY_URL=${GATEWAY_URL:-}
THEATER_STATE=${THEATER_STATE:-$THEATER_ROOT/.theater/state.json}
EW_GATEWAY=istio-eastwestgateway
ONE_WAY=0
# Service faults live in the one Redis both clusters share: k8s/components/redis in ctx2's overlay, whose
# deployment-suffix.yaml names the Deployment redis-ctx2 (whatever the context is called).
REDIS_DEPLOYMENT=${REDIS_DEPLOYMENT:-redis-ctx2}
FAULTS_KEY=faults:active
FAULTS_CHANNEL=faults:changed

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
  circuit          circuit-breaker 의 다른 이름 (원본의 명령) / alias of circuit-breaker (the original's word)
  failover         07-locality-failover: 클러스터 장애 시 다른 클러스터로 / cluster failover
  apply DIR        임의의 시나리오 디렉터리 / any scenario directory (e.g. k8s/practice/08-timeouts-retries)
  rollback delay|error|block
                   그 장애 하나만 되돌림: 01-initial 의 VirtualService 하나 (movie-service-vs / user-service-vs /
                   booking-service-vs) 를 kubectl 로 다시 적용, 나머지는 그대로 (예: chaos 뒤 delay 만 해제).
                   --local 은 .theater/kubeconfig 로 로컬 클러스터에 / rolls back that one fault alone: 01-initial's
                   VirtualService of that service re-applied with kubectl, everything else kept (e.g. only the
                   delay of chaos); --local applies it to the local clusters through .theater/kubeconfig
  partition        ctx2 의 east-west 게이트웨이를 0 으로 (네트워크 분할) / scale ctx2's $EW_GATEWAY to 0
                   (--local: ./theater fault partition [--one-way])
  partition --undo 다시 1 로 / back to 1 (--local: ./theater fault heal); heal 과 같음 / same as heal
  status           적용된 VirtualService/DestinationRule 과 게이트웨이 / what is applied, per context
  test             게이트웨이로 요청을 보내 클러스터별 응답 수와 시간을 잽니다 /
                   requests through the gateway: responses per cluster, status codes, times

서비스 장애 / service faults (인스턴스가 실제로 오류·지연을 냄, outlier detection 이 셉니다 /
instances really fail, so outlier detection counts it; 로컬은 ./theater fault, 클러스터는 $CTX2 의 Redis /
locally ./theater fault, on clusters the Redis in \$CTX2). CLUSTER = ctx1|ctx2|all (기본/default ctx2):
  service-error SERVICE [CLUSTER] [RATE=100] [STATUS=503] [DURATION=2m]   HTTP 오류 / answer errors
  service-latency SERVICE [CLUSTER] [DELAY=1500ms] [DURATION=2m]          지연 / fixed latency
  service-hang SERVICE [CLUSTER] [DURATION=1m]                            요청을 붙잡음 / hold requests
  service-down SERVICE [CLUSTER] [DURATION=1m]                            연결 거부 / connections refused
  degrade SERVICE [CLUSTER] [ERROR_TO=50] [LATENCY_TO=1s] [OVER=60s] [DURATION=3m]
                   점진적 악화: 오류율 0→ERROR_TO %, 지연 0→LATENCY_TO / gradual degradation
  chaos-service [DURATION=3m]  복합: user-service@ctx2 503 100%, movie-service@ctx2 1.5s,
                   booking-service@ctx1 오류 0→30% / compound: three services at once
  service-list     적용 중인 서비스 장애 / the service faults in force
  service-clear [ID]  하나 또는 전부 해제 / clear one fault, or all
  (서비스 장애 실습은 k8s/practice/10-service-faults 를 먼저 적용 / apply 10-service-faults first)

옵션 / options:
  --context C[,C]  대상 컨텍스트 (반복 가능, 기본 \$CTX1,\$CTX2 = ctx1,ctx2) / contexts (repeatable; default both)
  --local          클러스터 대신 실행 중인 ./theater up 에 / drive a running ./theater up instead of a cluster
  --url URL        test 의 게이트웨이 주소 (또는 \$GATEWAY_URL) / gateway URL for test
  --requests N     test 의 경로당 요청 수 (기본 $REQUESTS) / requests per path for test
  --one-way        partition --local: 한 방향만 / one direction only
  --dry-run        실행할 kubectl/curl/theater 명령만 출력 / print the commands, change nothing
  -h, --help       도움말 / this help

partition 은 \$CTX2 (기본 ctx2) 의 게이트웨이를 자릅니다 / partition cuts the gateway of \$CTX2 (default ctx2).
권장 순서 / suggested order: reset → setup → delay → error → block → chaos → rollback delay → circuit-breaker
  → failover → partition
  → apply k8s/practice/10-service-faults → service-error → degrade → chaos-service → service-clear
워크북 / workbook: docs/course/workbook.md
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
      --one-way) ONE_WAY=1 ;;
      --dry-run) DRY_RUN=1 ;;
      -h|--help) usage; exit 0 ;;
      -*) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
      *)
        if [ -z "$COMMAND" ]; then COMMAND=$1
        else ARGS+=("$1"); fi ;;
    esac
    shift
  done
  [ -n "$COMMAND" ] || usage_error "명령이 필요합니다 / a command is required"
  [[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || usage_error "--requests 는 양의 정수 / --requests must be a positive integer"
  [ ${#CONTEXTS[@]} -gt 0 ] || CONTEXTS=("$CTX1" "$CTX2")
  local max=0
  case $COMMAND in
    apply|rollback|service-clear|chaos-service) max=1 ;;
    service-hang|service-down) max=3 ;;
    service-latency) max=4 ;;
    service-error) max=5 ;;
    degrade) max=6 ;;
  esac
  [ ${#ARGS[@]} -le "$max" ] || usage_error "인자가 너무 많습니다 / unexpected argument: ${ARGS[$max]}"
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
    circuit-breaker|circuit) echo "$PRACTICE_DIR/06-circuit-breaker-real" ;;
    failover) echo "$PRACTICE_DIR/07-locality-failover" ;;
    apply) local arg=${ARGS[0]:-}; echo "${arg%/}" ;;
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
    circuit-breaker|circuit) echo "기대 / expect: 실패하는 엔드포인트가 격리되어 잠시 트래픽을 받지 않습니다 / the failing endpoint is ejected for a while" ;;
    failover) echo "기대 / expect: 같은 클러스터 우선, 장애 시 다른 클러스터로 넘어갑니다 / local cluster first, the other one on failure" ;;
    *) echo "적용 후 대시보드와 test 로 확인하세요 / check the dashboard and the test command" ;;
  esac
}

# Objects other scenarios add besides VS/DR (e.g. PeerAuthentication, AuthorizationPolicy) would
# outlive a switch, because applying only replaces objects of the same name.
apply_scenario_to_clusters() {
  local dir=$1 ctx
  require_dir "$dir"
  has_kustomization "$dir" || die "$dir 에 kustomization.yaml 이 없습니다" "$dir has no kustomization.yaml"
  check_clusters "${CONTEXTS[@]}"
  for ctx in "${CONTEXTS[@]}"; do
    remove_other_scenario_extras "$ctx" "$dir"
    apply_dir "$ctx" "$dir"
  done
}

# Lesson 09's kinds: enforced by the receiving sidecars in both modes (locally by the emulated ones), so say so.
security_note() {
  local dir=$1
  [ -d "$dir" ] || return 0
  if grep -qsE '^kind: (PeerAuthentication|AuthorizationPolicy)$' "$dir"/*.yaml "$dir"/*.yml; then
    info "PeerAuthentication·AuthorizationPolicy 도 적용: 받는 쪽 사이드카가 자기 클러스터의 정책으로 검사하고, 허용되지 않은 호출은 403 RBAC: access denied (접근 로그에 rbac_access_denied_matched_policy[…])" \
      "PeerAuthentication/AuthorizationPolicy applied too: the receiving sidecars enforce their own cluster's policies; a call they do not allow gets 403 RBAC: access denied (rbac_access_denied_matched_policy[…] in the access log)"
  fi
}

run_scenario() {
  local dir check
  dir=$(scenario_dir "$COMMAND")
  [ -n "$dir" ] || usage_error "apply 에는 디렉터리가 필요합니다 / apply needs a directory"
  info "$COMMAND: $dir" "$COMMAND: $dir"
  expectation "$COMMAND"
  security_note "$dir"
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

# ---- rollback of one fault (the original's rollback_scenario) ----

# The one VirtualService a fault scenario changes; its 01-initial version undoes that fault and nothing else.
rollback_target() {
  case $1 in
    delay) echo movie-service-vs ;;
    error) echo user-service-vs ;;
    block) echo booking-service-vs ;;
    *) return 1 ;;
  esac
}

# select_object KIND NAME: the document of a rendered stream with that kind and metadata.name.
select_object() {
  awk -v kind="kind: $1" -v name="  name: $2" '
    function flush() { if (k && n) printf "---\n%s", doc; doc = ""; k = 0; n = 0 }
    /^---$/ { flush(); next }
    { doc = doc $0 "\n" }
    $0 == kind { k = 1 }
    $0 == name { n = 1 }
    END { flush() }'
}

rollback() {
  local fault=${ARGS[0]:-} name initial="$PRACTICE_DIR/01-initial" object ctx kube=() where="kubectl"
  name=$(rollback_target "$fault") ||
    usage_error "rollback 에는 delay, error, block 중 하나가 필요합니다 / rollback takes delay, error or block${fault:+: $fault}"
  info "$fault 되돌리기: $initial 의 $name 만 다시 적용" "rolling back $fault: $initial's $name alone"
  echo "기대 / expect: $name 만 처음 상태로 (다른 VirtualService, DestinationRule, 서비스 장애는 그대로) /
  only $name back to its first state (other VirtualServices, DestinationRules and service faults stay)"
  if [ "$LOCAL" = 1 ]; then
    require_local_stack
    kube=(--kubeconfig "$(dirname "$THEATER_STATE")/kubeconfig")
    where="kubectl --kubeconfig .theater/kubeconfig"
    is_dry_run || require_command kubectl
  else
    check_clusters "${CONTEXTS[@]}"
  fi
  if can_render; then
    object=$(render "$initial" | select_object VirtualService "$name")
    [ -n "$object" ] || die "$initial 에 VirtualService $name 이 없습니다" "$initial has no VirtualService $name"
  fi
  for ctx in "${CONTEXTS[@]}"; do
    if is_dry_run; then
      show_cmd "kubectl kustomize $initial | (VirtualService $name) | $where --context $ctx apply -f -"
    else
      kubectl "${kube[@]}" --context "$ctx" apply -f - <<<"$object"
    fi
  done
  ok "$fault 되돌림" "$fault rolled back — 확인 / check: scripts/fault-injection-demo.sh$([ "$LOCAL" = 1 ] && echo ' --local') status"
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

# local_partition_available: whether this ./theater has "fault partition" (being added; older jars lack it).
# picocli answers an unknown subcommand's --help with the parent's help, so look for the command's own usage line.
local_partition_available() {
  local help
  help=$(./theater fault partition --help 2>/dev/null) || return 1
  grep -q 'theater fault partition' <<<"$help"
}

local_partition() {
  local heal=$1 args=(./theater fault partition)
  [ "$ONE_WAY" = 1 ] && args+=(--one-way)
  [ "$heal" = 1 ] && args=(./theater fault heal)
  if ! is_dry_run && ! local_partition_available; then
    die "네트워크 분할은 아직 로컬 모드에서 지원하지 않습니다 (./theater fault partition 없음, 실제 클러스터에서만)" \
        "partition is not available in local mode yet (no ./theater fault partition; real clusters only)" 1
  fi
  require_local_stack
  if [ "$heal" = 1 ]; then
    info "에뮬레이터의 네트워크 분할 해제" "healing the emulator's network partition"
    echo "기대 / expect: 클러스터를 넘는 호출이 곧 다시 성공합니다. 격리된 엔드포인트는 baseEjectionTime 뒤에 돌아옵니다 /
  cross-cluster calls succeed again; ejected endpoints return after baseEjectionTime"
  else
    cat <<'EOF'
기대 / expect: 에뮬레이터가 ctx1 ↔ ctx2 사이의 연결을 끊습니다 (--one-way: ctx1 → ctx2 만).
  다른 클러스터로 가는 요청은 503 UF/URX, 같은 클러스터 안의 요청은 정상. Redis 는 ctx2 쪽이라 ctx1 의 서비스가 먼저 실패합니다.
  The emulator cuts ctx1 ↔ ctx2 (--one-way: ctx1 → ctx2 only): cross-cluster calls fail (503 UF/URX),
  calls inside a cluster succeed. 되돌리기 / undo: partition --undo (또는/or heal)
EOF
  fi
  run "${args[@]}"
}

partition() {
  local replicas=0 heal=$UNDO
  [ "$COMMAND" = heal ] && heal=1
  if [ "$LOCAL" = 1 ]; then local_partition "$heal"; return; fi
  [ "$ONE_WAY" = 1 ] && usage_error "--one-way 는 --local 에서만 / --one-way is for --local only"
  [ "$heal" = 1 ] && replicas=1
  check_clusters "$CTX2"
  if [ "$heal" = 1 ]; then
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

# ---- service faults (./theater fault locally; the shared Redis in $CTX2 on clusters) ----
# The fault JSON is the one platform's FaultChannel reads (io.theatermsa.platform.fault.Fault, Jackson with
# JavaTimeModule): {"id","target":{"service","cluster"?},"effect":{"kind",...},"created":ISO-8601,"duration":ISO}.

# A duration needs its unit, as ./theater fault and Istio want: a bare 10 could be 10 ms or 10 s.
is_duration() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?(ms|s|m|h)$ ]]; }
is_percent() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v v="$1" 'BEGIN { exit !(v <= 100) }'; }

# iso_duration TEXT: 800ms / 1.5s / 2m / 1h (is_duration) → PT0.8S, PT1.5S, PT120S, ...
iso_duration() {
  awk -v t="$1" 'BEGIN {
    n = t; u = t; sub(/[a-z]+$/, "", n); sub(/^[0-9.]+/, "", u)
    f = (u == "s") ? 1 : (u == "m") ? 60 : (u == "h") ? 3600 : 0.001
    s = sprintf("%.3f", n * f); sub(/0+$/, "", s); sub(/\.$/, "", s)
    printf "PT%sS", s }'
}

# millis TEXT: the same text as milliseconds (for the latency ramp of gradual faults).
millis() {
  awk -v t="$1" 'BEGIN {
    n = t; u = t; sub(/[a-z]+$/, "", n); sub(/^[0-9.]+/, "", u)
    f = (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : 1
    printf "%d", n * f + 0.5 }'
}

check_service_args() {
  local service=$1 cluster=$2
  [[ $service =~ ^[a-z0-9][a-z0-9-]*$ ]] || usage_error "서비스 이름이 필요합니다 (예: user-service) / a service name is required, e.g. user-service"
  [[ $cluster =~ ^[A-Za-z0-9][A-Za-z0-9_-]*$ ]] || usage_error "잘못된 클러스터 / bad cluster: $cluster (ctx1, ctx2, all)"
}

need_duration() { is_duration "$2" || usage_error "$1: 단위를 붙인 시간이어야 합니다 (예: 10s, 500ms, 2m) / $1 must be a duration with its unit, e.g. 10s, 500ms, 2m: $2"; }
need_percent() { is_percent "$2" || usage_error "$1: 0-100 이어야 합니다 / $1 must be 0-100: $2"; }
need_status() { [[ $1 =~ ^[45][0-9][0-9]$ ]] || usage_error "STATUS 는 400-599 / STATUS must be 400-599: $1"; }

new_fault_id() { printf 'demo%04x%04x' "$RANDOM" "$RANDOM"; }

# fault_json ID SERVICE CLUSTER EFFECT_JSON DURATION
fault_json() {
  local target="\"service\":\"$2\""
  [ "$3" = all ] || target+=",\"cluster\":\"$3\""
  printf '{"id":"%s","target":{%s},"effect":%s,"created":"%s","duration":"%s"}' \
    "$1" "$target" "$4" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(iso_duration "$5")"
}

# redis_cli ARGS...: redis-cli in ctx2's Redis container. It authenticates with REDISCLI_AUTH, which the
# Deployment sets from Secret redis-auth, so the password never leaves the cluster nor reaches a command line.
redis_cli() {
  local cmd=(kubectl --context "$CTX2" -n "$NAMESPACE" exec "deploy/$REDIS_DEPLOYMENT" -c redis -- redis-cli)
  if is_dry_run; then
    # JSON shown in single quotes (it has none), as a student would type it.
    local shown=() arg
    for arg in "$@"; do
      if [[ $arg == \{* ]] || [ "$arg" = '*' ]; then shown+=("'$arg'"); else shown+=("$arg"); fi
    done
    show_cmd "${cmd[*]} ${shown[*]}   # 비밀번호는 파드의 REDISCLI_AUTH (Secret $REDIS_SECRET) / password: the pod's REDISCLI_AUTH"
    return 0
  fi
  "${cmd[@]}" "$@"
}

# redis_cli_quiet ARGS...: the same, without redis-cli's "(integer) 1" (the dry-run line still shows).
redis_cli_quiet() {
  if is_dry_run; then redis_cli "$@"; else redis_cli "$@" >/dev/null; fi
}

# inject_fault SERVICE CLUSTER EFFECT_JSON DURATION THEATER_ARGS...: one fault, locally or on the clusters.
inject_fault() {
  local service=$1 cluster=$2 effect=$3 duration=$4 id json
  shift 4
  local target=(--service "$service")
  [ "$cluster" = all ] || target+=(--cluster "$cluster")
  if [ "$LOCAL" = 1 ]; then
    run ./theater fault "$1" "${target[@]}" "${@:2}" --duration "$duration"
    return
  fi
  id=$(new_fault_id)
  json=$(fault_json "$id" "$service" "$cluster" "$effect" "$duration")
  info "$CTX2 의 Redis 에 장애 $id 기록 (두 클러스터의 모든 인스턴스가 읽음)" \
       "writing fault $id to the Redis in $CTX2 (read by every instance of both clusters)"
  redis_cli_quiet HSET "$FAULTS_KEY" "$id" "$json"
  redis_cli_quiet PUBLISH "$FAULTS_CHANNEL" "$id"
  is_dry_run || ok "장애 $id 적용 ($duration 후 자동 해제)" "fault $id in force (expires after $duration) — 해제 / clear: service-clear $id"
}

fault_preflight() {
  if [ "$LOCAL" = 1 ]; then require_local_stack; else check_clusters "$CTX2"; fi
}

where() { [ "$1" = all ] && echo "$2 (모든 클러스터 / all clusters)" || echo "$2@$1"; }

service_error() {
  local service=${ARGS[0]:-} cluster=${ARGS[1]:-$CTX2} rate=${ARGS[2]:-100} status=${ARGS[3]:-503} duration=${ARGS[4]:-2m}
  check_service_args "$service" "$cluster"; need_percent RATE "$rate"; need_status "$status"; need_duration DURATION "$duration"
  info "서비스 오류: $(where "$cluster" "$service") 가 요청의 $rate% 에 $status" "service error: $(where "$cluster" "$service") answers $status to $rate%"
  cat <<EOF
기대 / expect: $(where "$cluster" "$service") 로 간 요청의 $rate% 가 $status {"error":"injected_fault"} 로 돌아옵니다.
  VirtualService 의 fault.abort 와 달리 업스트림의 진짜 응답이라 outlier detection 이 셉니다:
  10-service-faults (= 06) 에서는 user-service 의 연속 5xx 3번이면 그 클러스터가 30초 격리되고 분산이 다른 클러스터로 옮겨 갑니다.
  Real upstream answers (unlike fault.abort): with 10/06 applied, 3 consecutive 5xx eject that cluster for 30 s
  and the split moves to the other one (dashboard: ejection countdown).
EOF
  fault_preflight
  inject_fault "$service" "$cluster" "{\"kind\":\"error\",\"ratePercent\":$rate,\"status\":$status}" "$duration" \
    error --rate "$rate" --status "$status"
}

service_latency() {
  local service=${ARGS[0]:-} cluster=${ARGS[1]:-$CTX2} delay=${ARGS[2]:-1500ms} duration=${ARGS[3]:-2m}
  check_service_args "$service" "$cluster"; need_duration DELAY "$delay"; need_duration DURATION "$duration"
  info "서비스 지연: $(where "$cluster" "$service") 가 $delay 늦게 응답" "service latency: $(where "$cluster" "$service") answers $delay late"
  cat <<EOF
기대 / expect: $(where "$cluster" "$service") 로 간 요청이 모두 $delay 더 걸립니다. 오류는 없습니다 — 느린 것은 outlier detection
  의 대상이 아닙니다 (5xx·연결 실패만 셉니다). 타임아웃이 있는 라우트(08)라면 504 UT 가 됩니다.
  Every request to it takes $delay more, no errors: slowness is not an outlier (only 5xx and connect failures are);
  behind a route timeout (08) it becomes 504 UT.
EOF
  fault_preflight
  inject_fault "$service" "$cluster" "{\"kind\":\"latency\",\"delay\":{\"shape\":\"fixed\",\"delay\":\"$(iso_duration "$delay")\"}}" \
    "$duration" latency --fixed "$delay"
}

service_hang() {
  local service=${ARGS[0]:-} cluster=${ARGS[1]:-$CTX2} duration=${ARGS[2]:-1m}
  check_service_args "$service" "$cluster"; need_duration DURATION "$duration"
  info "서비스 멈춤: $(where "$cluster" "$service")" "service hang: $(where "$cluster" "$service")"
  cat <<EOF
기대 / expect: $(where "$cluster" "$service") 로 간 요청이 끝나지 않습니다 (클라이언트가 포기하거나 $duration 후 해제될 때까지).
  타임아웃이 없으면 test 의 curl 이 15초 뒤 000 으로 끝납니다. Requests to it never finish until the client gives up
  (test: curl's 15 s → 000) or the fault ends; set a route timeout (08) to turn them into 504 UT.
EOF
  fault_preflight
  inject_fault "$service" "$cluster" '{"kind":"hang"}' "$duration" hang
}

service_down() {
  local service=${ARGS[0]:-} cluster=${ARGS[1]:-$CTX2} duration=${ARGS[2]:-1m}
  check_service_args "$service" "$cluster"; need_duration DURATION "$duration"
  info "서비스 다운: $(where "$cluster" "$service") 의 포트가 닫힘" "service down: $(where "$cluster" "$service") stops listening"
  cat <<EOF
기대 / expect: $(where "$cluster" "$service") 가 연결을 거부합니다 (죽은 파드처럼). 기본 재시도(connect-failure)가 다른 호스트로
  다시 보내므로 오류가 거의 안 보일 수 있고, outlier detection 은 연결 실패를 5xx 로 세어 격리합니다. 남는 곳이 없으면 503 UF/URX.
  Connections refused, as a crashed pod: default retries resend them elsewhere, outlier detection ejects it;
  with nowhere left, 503 UF/URX. $duration 후 같은 포트로 돌아옵니다 / it listens again after $duration.
EOF
  fault_preflight
  inject_fault "$service" "$cluster" '{"kind":"down"}' "$duration" down
}

degrade() {
  local service=${ARGS[0]:-} cluster=${ARGS[1]:-$CTX2} to=${ARGS[2]:-50} latency=${ARGS[3]:-1s} over=${ARGS[4]:-60s} duration=${ARGS[5]:-3m}
  check_service_args "$service" "$cluster"; need_percent ERROR_TO "$to"; need_duration LATENCY_TO "$latency"
  need_duration OVER "$over"; need_duration DURATION "$duration"
  info "점진적 악화: $(where "$cluster" "$service"), $over 동안 오류 0→$to%, 지연 0→$latency" \
       "gradual degradation: $(where "$cluster" "$service"), errors 0→$to% and latency 0→$latency over $over"
  cat <<EOF
기대 / expect: 처음에는 정상, 이후 $over 동안 오류율과 지연이 조금씩 커집니다. 처음에는 5xx 가 드물어 "연속 3번" 이 안 되므로
  격리되지 않다가, 오류율이 높아지면 (대략 30-50%) 격리와 복귀를 되풀이합니다 (baseEjectionTime 30s → 60s → 90s ...).
  Healthy at first, then errors and latency grow over $over. Rare 5xx are seldom 3 in a row, so nothing is ejected
  until the rate is high (~30-50%); then the endpoint flaps: ejected, back, ejected for longer.
EOF
  fault_preflight
  inject_fault "$service" "$cluster" \
    "{\"kind\":\"gradual\",\"errorRate\":{\"from\":0,\"to\":$to},\"latencyMillis\":{\"from\":0,\"to\":$(millis "$latency")},\"over\":\"$(iso_duration "$over")\",\"status\":503}" \
    "$duration" gradual --error-rate "0..$to" --latency "0ms..$latency" --over "$over"
}

chaos_service() {
  local duration=${ARGS[0]:-3m}
  need_duration DURATION "$duration"
  info "복합 서비스 장애 ($duration)" "compound service faults ($duration)"
  cat <<EOF
기대 / expect (10-service-faults 적용 상태 / with 10-service-faults applied):
  /users/    처음 몇 번 503, 곧 user-service@ctx2 가 격리되어 모두 ctx1 (오류 사라짐) / a few 503s, then ctx2 ejected, all ctx1
  /movies/   약 70% (ctx2 subset) 가 1.5초 느림, 오류 없음 / ~70% (the ctx2 subset) 1.5 s slower, no errors
  /bookings/ ctx1 의 오류율이 60초 동안 0→30%: 전체의 약 0→15% 가 503, subset 이라 격리 없음 /
             ctx1's error rate grows 0→30% over 60 s: ~0→15% of all bookings fail; subsets, so no ejection
EOF
  fault_preflight
  inject_fault user-service "$CTX2" '{"kind":"error","ratePercent":100,"status":503}' "$duration" \
    error --rate 100 --status 503
  inject_fault movie-service "$CTX2" '{"kind":"latency","delay":{"shape":"fixed","delay":"PT1.5S"}}' "$duration" \
    latency --fixed 1500ms
  inject_fault booking-service "$CTX1" \
    '{"kind":"gradual","errorRate":{"from":0,"to":30},"over":"PT60S","status":503}' "$duration" \
    gradual --error-rate 0..30 --over 60s
}

service_list() {
  fault_preflight
  if [ "$LOCAL" = 1 ]; then run ./theater fault list; return; fi
  info "$CTX2 의 Redis 에 저장된 장애 (만료된 것 포함, created+duration 이 지나면 무시됨)" \
       "faults stored in $CTX2's Redis (expired ones included; instances ignore them after created+duration)"
  redis_cli HGETALL "$FAULTS_KEY"
}

service_clear() {
  local id=${ARGS[0]:-}
  [ -z "$id" ] || [[ $id =~ ^[A-Za-z0-9_-]+$ ]] || usage_error "잘못된 장애 ID / bad fault id: $id"
  echo "기대 / expect: 1초 안에 모든 인스턴스가 정상으로. 격리된 엔드포인트는 baseEjectionTime (30s) 이 지나야 돌아옵니다 /
  every instance healthy within a second; an ejected endpoint returns only after baseEjectionTime (30 s)"
  fault_preflight
  if [ "$LOCAL" = 1 ]; then
    if [ -n "$id" ]; then run ./theater fault clear "$id"; else run ./theater fault clear --all; fi
    return
  fi
  if [ -n "$id" ]; then
    redis_cli HDEL "$FAULTS_KEY" "$id"
    redis_cli_quiet PUBLISH "$FAULTS_CHANNEL" "$id"
  else
    redis_cli DEL "$FAULTS_KEY"
    redis_cli_quiet PUBLISH "$FAULTS_CHANNEL" '*'
  fi
  is_dry_run || ok "장애 해제" "faults cleared"
}

# ---- test ----

# cluster_gateway_url: ctx1's ingress gateway: its load balancer's IP or host name, else spec.externalIPs,
# else a node's address with the NodePort of port 80 (on-prem clusters without a load balancer).
cluster_gateway_url() {
  local ip name external node_port node
  IFS='|' read -r ip name external node_port < <(kubectl --context "$CTX1" -n istio-system get svc istio-ingressgateway \
    -o jsonpath='{.status.loadBalancer.ingress[0].ip}|{.status.loadBalancer.ingress[0].hostname}|{.spec.externalIPs[0]}|{.spec.ports[?(@.port==80)].nodePort}{"\n"}' \
    2>/dev/null || true)
  if [ -n "$ip$name$external" ]; then printf 'http://%s' "${ip:-${name:-$external}}"; return 0; fi
  if [ -n "$node_port" ]; then
    node=$(kubectl --context "$CTX1" get nodes \
      -o jsonpath='{.items[0].status.addresses[?(@.type=="ExternalIP")].address}' 2>/dev/null || true)
    [ -n "$node" ] || node=$(kubectl --context "$CTX1" get nodes \
      -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}' 2>/dev/null || true)
    if [ -n "$node" ]; then printf 'http://%s:%s' "${node%% *}" "$node_port"; return 0; fi
  fi
  die "게이트웨이 주소를 모릅니다 (LoadBalancer ip/hostname, externalIPs, NodePort 모두 없음). --url 또는 GATEWAY_URL 을 주세요" \
      "cannot find the gateway address (no load balancer ip/hostname, externalIPs or NodePort); pass --url or set GATEWAY_URL"
}

# dashboard_host: the Host the ingress Gateway answers (THEATER_HOST, else ctx1's dashboard Gateway, else the
# default); the ingress routes by Host, so a request to its bare address would get 404.
dashboard_host() {
  local host=${THEATER_HOST:-}
  if [ -z "$host" ] && ! is_dry_run; then
    host=$(kubectl --context "$CTX1" -n "$NAMESPACE" get gateway.networking.istio.io dashboard \
      -o jsonpath='{.spec.servers[0].hosts[0]}' 2>/dev/null || true)
  fi
  printf '%s' "${host:-$DEFAULT_THEATER_HOST}"
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
  out=$(curl -sS -o /dev/null -D - -w '\n%{http_code} %{time_total}' --max-time 15 "${HOST_HEADER[@]}" "$1" 2>/dev/null) ||
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
  HOST_HEADER=()
  if [ "$LOCAL" != 1 ]; then HOST_HEADER=(-H "Host: $(dashboard_host)"); fi
  require_command curl
  info "$url 로 경로당 $REQUESTS 건" "$REQUESTS requests per path to $url"
  for path in /users/ /movies/ /bookings/; do
    if is_dry_run; then
      show_cmd "curl -sS -o /dev/null -D - -w '%{http_code} %{time_total}' --max-time 15 ${HOST_HEADER[*]:+$(quoted "${HOST_HEADER[@]}") }$url$path   (× $REQUESTS)"
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
    rollback) rollback ;;
    partition|heal) partition ;;
    service-error) service_error ;;
    service-latency) service_latency ;;
    service-hang) service_hang ;;
    service-down) service_down ;;
    degrade) degrade ;;
    chaos-service) chaos_service ;;
    service-list) service_list ;;
    service-clear) service_clear ;;
    *)
      scenario_dir "$COMMAND" >/dev/null || usage_error "알 수 없는 명령 / unknown command: $COMMAND"
      run_scenario ;;
  esac
}

cd "$THEATER_ROOT"
main "$@"
