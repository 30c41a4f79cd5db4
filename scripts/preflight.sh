#!/usr/bin/env bash
# preflight.sh — 배포 전 두 클러스터 점검 / checks both clusters before a deploy (deploy-all.sh runs it first).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# v1 networking/security APIs (the manifests' apiVersion) are served from Istio 1.22 on.
MIN_ISTIO=1.22
FAILURES=0
WARNINGS=0
# check_mesh_values leaves the values it read here, for the comparison of the two clusters.
LAST_MESH=''
LAST_NETWORK=''

usage() {
  cat <<EOF
사용법 / usage: scripts/preflight.sh [옵션/options]

배포 전에 두 클러스터가 준비됐는지 읽기만 해서 점검합니다 (아무것도 바꾸지 않음). 실패마다 고치는 명령을 보여줍니다.
Checks, read-only, that both clusters are ready for a deploy; every failure comes with the command that fixes it.

점검 / checks (ctx1, ctx2 각각 / each):
  1. kubectl 과 컨텍스트 / kubectl and the contexts
  2. Istio 버전 >= $MIN_ISTIO (v1 API) / Istio version >= $MIN_ISTIO (the manifests use the v1 APIs)
  3. meshID (둘이 같음), clusterName (= ctx1/ctx2, DestinationRule 이 씀), network (서로 다름, istio-system 라벨과 같음) /
     meshID (same in both), clusterName (= ctx1/ctx2, the DestinationRules use it), network (different, = istio-system's label)
  4. east-west 게이트웨이 (istio-eastwestgateway, 주소 있음) 와 cross-network-gateway (expose-services) /
     the east-west gateway (with an address) and cross-network-gateway (expose-services)
  5. 원격 시크릿 양방향 (istio-remote-secret-<상대>) 과 istioctl remote-clusters 의 synced /
     remote secrets both ways, and "synced" in istioctl remote-clusters (경고 없이 istioctl 필요 / needs istioctl)
  6. Istio CNI (네임스페이스가 Pod Security restricted 라 istio-init 은 거부됨) / Istio CNI (restricted rejects istio-init)
  7. 접근 로그 (meshConfig.accessLogFile 또는 Telemetry) / access logging on (경고 / warning)
  8. 대시보드 호스트 (--host 또는 THEATER_HOST) 와 ctx1 의 istio-ingressgateway / the dashboard host and ctx1's ingress

옵션 / options:
  --ctx1 NAME    ctx1 역할의 컨텍스트 (기본 \$CTX1 또는 ctx1) / context of the ctx1 cluster
  --ctx2 NAME    ctx2 역할의 컨텍스트 (기본 \$CTX2 또는 ctx2) / context of the ctx2 cluster
  --host NAME    대시보드 호스트 (기본 \$THEATER_HOST) / the dashboard's host name
  (환경변수 / environment: ISTIO_REVISION — istiod 가 리비전으로 설치됐을 때 / when istiod has a revision)
  -h, --help     도움말 / this help
종료 코드 / exit code: 0 통과 (경고 가능) / passed (maybe with warnings), 1 실패 / a check failed, 2 잘못된 옵션 / bad option
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --ctx1) need_value "$1" $#; CTX1=$2; shift ;;
      --ctx2) need_value "$1" $#; CTX2=$2; shift ;;
      --host) need_value "$1" $#; THEATER_HOST=$2; shift ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
    esac
    shift
  done
}

# fail KO EN FIX...: one failed check and the commands that fix it.
fail() {
  printf '%sFAIL%s %s / %s\n' "$C_RED" "$C_OFF" "$1" "$2"
  shift 2
  printf '     고치기 / fix: %s\n' "$1"
  shift
  [ $# -eq 0 ] || printf '                   %s\n' "$@"
  FAILURES=$((FAILURES + 1))
}

# caution KO EN FIX...: works, but not as the course expects.
caution() {
  printf '%sWARN%s %s / %s\n' "$C_YELLOW" "$C_OFF" "$1" "$2"
  shift 2
  printf '     고치기 / fix: %s\n' "$@"
  WARNINGS=$((WARNINGS + 1))
}

# kube_read CTX ARGS…: a read that may fail (missing object, unreachable cluster): its output or nothing.
kube_read() { kubectl --context "$1" "${@:2}" 2>/dev/null || true; }

other_of() { if [ "$1" = "$CTX1" ]; then printf '%s' "$CTX2"; else printf '%s' "$CTX1"; fi; }

# role_of CTX: the cluster name the manifests expect (DestinationRule subsets select topology.istio.io/cluster).
role_of() { if [ "$1" = "$CTX1" ]; then printf ctx1; else printf ctx2; fi; }

network_of() { if [ "$(role_of "$1")" = ctx1 ]; then printf network1; else printf network2; fi; }

# version_at_least A B: A >= B for dotted versions.
version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# injector_value CTX KEY: a global value (meshID, clusterName, network) from the values istiod's chart stored in
# ConfigMap istio-sidecar-injector (pretty JSON, one key per line). A revisioned istiod names it …-<revision>.
injector_value() {
  kube_read "$1" -n istio-system get configmap "istio-sidecar-injector${ISTIO_REVISION:+-$ISTIO_REVISION}" \
    -o jsonpath='{.data.values}' |
    sed -n "s/.*\"$2\": *\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

install_cmd() {
  printf 'istioctl install --context %s -y --set values.global.meshID=mesh1 --set values.global.multiCluster.clusterName=%s --set values.global.network=%s --set components.cni.enabled=true --set meshConfig.accessLogFile=/dev/stdout' \
    "$1" "$(role_of "$1")" "$(network_of "$1")"
}

check_istio_version() {
  local ctx=$1 image version
  image=$(kube_read "$ctx" -n istio-system get deployment -l app=istiod -o jsonpath='{.items[0].spec.template.spec.containers[0].image}')
  if [ -z "$image" ]; then
    fail "$ctx 에 istiod 가 없습니다" "no istiod in $ctx" "$(install_cmd "$ctx")   (docs/deploy.md §1)"
    return 1
  fi
  version=${image##*:}
  version=${version%%-*}
  if [[ ! $version =~ ^[0-9]+\.[0-9]+ ]]; then
    caution "$ctx: istiod 이미지 태그에서 버전을 읽지 못했습니다 ($image)" "$ctx: cannot read the version from istiod's image ($image)" \
      "istioctl version --context $ctx   # $MIN_ISTIO 이상이어야 함 / must be >= $MIN_ISTIO"
  elif version_at_least "$version" "$MIN_ISTIO"; then
    ok "$ctx: Istio $version" "$ctx: Istio $version (>= $MIN_ISTIO)"
  else
    fail "$ctx: Istio $version 는 v1 API 를 모릅니다 ($MIN_ISTIO 이상 필요)" "$ctx: Istio $version lacks the v1 APIs (need >= $MIN_ISTIO)" \
      "istioctl upgrade --context $ctx   (istioctl $MIN_ISTIO+ 로 / with istioctl $MIN_ISTIO or newer)"
  fi
}

check_mesh_values() {
  local ctx=$1 mesh cluster network label
  mesh=$(injector_value "$ctx" meshID)
  cluster=$(injector_value "$ctx" clusterName)
  network=$(injector_value "$ctx" network)
  label=$(kube_read "$ctx" get namespace istio-system -o jsonpath='{.metadata.labels.topology\.istio\.io/network}')
  if [ "$cluster" != "$(role_of "$ctx")" ]; then
    fail "$ctx: clusterName 이 '${cluster:-없음}' 입니다 ('$(role_of "$ctx")' 이어야 DestinationRule 의 subset 이 맞음)" \
         "$ctx: clusterName is '${cluster:-unset}', must be '$(role_of "$ctx")' (the DestinationRule subsets select it)" \
      "$(install_cmd "$ctx")"
  else
    ok "$ctx: clusterName $cluster" "$ctx: clusterName $cluster"
  fi
  if [ -z "$network" ] || [ "$network" != "$label" ]; then
    fail "$ctx: network '${network:-없음}' 와 istio-system 라벨 '${label:-없음}' 이 맞지 않습니다" \
         "$ctx: network '${network:-unset}' and istio-system's label '${label:-unset}' differ" \
      "kubectl --context $ctx label namespace istio-system topology.istio.io/network=$(network_of "$ctx") --overwrite" \
      "$(install_cmd "$ctx")"
  else
    ok "$ctx: network $network" "$ctx: network $network"
  fi
  LAST_MESH=${mesh:--}
  LAST_NETWORK=${network:--}
}

check_east_west() {
  local ctx=$1 address
  address=$(kube_read "$ctx" -n istio-system get svc istio-eastwestgateway \
    -o jsonpath='{.status.loadBalancer.ingress[0].ip}{.status.loadBalancer.ingress[0].hostname}{.spec.externalIPs[0]}')
  if ! kube_read "$ctx" -n istio-system get svc istio-eastwestgateway -o name | grep -q .; then
    fail "$ctx 에 east-west 게이트웨이가 없습니다" "no east-west gateway in $ctx" \
      "samples/multicluster/gen-eastwest-gateway.sh --network $(network_of "$ctx") | istioctl --context $ctx install -y -f -" \
      "(Istio 릴리스 폴더에서 / from the Istio release folder; docs/deploy.md §1.1)"
  elif [ -z "$address" ]; then
    fail "$ctx: istio-eastwestgateway 에 주소가 없습니다 (EXTERNAL-IP <pending>)" "$ctx: istio-eastwestgateway has no address (EXTERNAL-IP <pending>)" \
      "kubectl --context $ctx -n istio-system patch svc istio-eastwestgateway -p '{\"spec\":{\"externalIPs\":[\"<노드 IP/node IP>\"]}}'" \
      "(또는 로드밸런서 / or a load balancer: MetalLB, cloud-provider-kind)"
  else
    ok "$ctx: east-west 게이트웨이 $address" "$ctx: east-west gateway at $address"
  fi
  if kube_read "$ctx" -n istio-system get gateway.networking.istio.io cross-network-gateway -o name | grep -q .; then
    ok "$ctx: cross-network-gateway (expose-services)" "$ctx: cross-network-gateway (expose-services)"
  else
    info "$ctx: cross-network-gateway 없음 — deploy-all.sh 가 k8s/istio 로 적용합니다" \
         "$ctx: no cross-network-gateway yet — deploy-all.sh applies it (k8s/istio, = expose-services.yaml)"
  fi
}

check_remote_secret() {
  local ctx=$1 other
  other=$(other_of "$ctx")
  if kube_read "$ctx" -n istio-system get secret "istio-remote-secret-$(role_of "$other")" -o name | grep -q .; then
    ok "$ctx: $other 의 원격 시크릿" "$ctx: remote secret for $other"
  else
    fail "$ctx 에 $other 의 원격 시크릿이 없습니다 (istiod 가 $other 의 엔드포인트를 모름)" \
         "no remote secret for $other in $ctx (its istiod cannot see $other's endpoints)" \
      "istioctl create-remote-secret --context=$other --name=$(role_of "$other") | kubectl apply -f - --context=$ctx"
  fi
}

# check_remote_sync CTX: whether CTX's istiod actually reads the other cluster (a secret with an API server address
# that istiod cannot reach shows "timeout"). Needs istioctl; without it only the secret was checked.
check_remote_sync() {
  local ctx=$1 other clusters line
  other=$(role_of "$(other_of "$ctx")")
  if ! have istioctl; then
    caution "istioctl 이 없어 $ctx 의 원격 클러스터 동기화를 확인하지 못했습니다" "istioctl not found: $ctx's remote cluster sync not checked" \
      "curl -L https://istio.io/downloadIstio | sh -   그다음/then istioctl remote-clusters --context $ctx"
    return 0
  fi
  clusters=$(istioctl remote-clusters --context "$ctx" 2>/dev/null || true)
  line=$(grep -E "^${other}[[:space:]]" <<<"$clusters" | tr -s ' ' || true)
  if grep -Eq "[[:space:]]synced([[:space:]]|$)" <<<"$line"; then
    ok "$ctx: istiod 가 $other 를 읽습니다 (synced)" "$ctx: istiod reads $other (synced)"
  else
    fail "$ctx 의 istiod 가 $other 와 동기화되지 않았습니다 (${line:-목록에 없음})" \
         "$ctx's istiod is not synced with $other (${line:-not listed})" \
      "istioctl create-remote-secret --context=$(other_of "$ctx") --name=$other --server=https://<$ctx 에서 닿는 주소/address reachable from $ctx>:6443 | kubectl apply -f - --context=$ctx" \
      "istioctl remote-clusters --context $ctx   # synced 가 될 때까지 / until synced"
  fi
}

check_cni() {
  local ctx=$1
  if kube_read "$ctx" get daemonset -A -l k8s-app=istio-cni-node -o name | grep -q .; then
    ok "$ctx: Istio CNI" "$ctx: Istio CNI"
  else
    fail "$ctx 에 Istio CNI 가 없습니다: Pod Security restricted 가 istio-init (root, NET_ADMIN) 을 거부합니다" \
         "no Istio CNI in $ctx: Pod Security restricted rejects istio-init (root, NET_ADMIN)" \
      "$(install_cmd "$ctx")"
  fi
}

check_access_log() {
  local ctx=$1
  if kube_read "$ctx" -n istio-system get configmap istio -o jsonpath='{.data.mesh}' | grep -Eq '^ *accessLogFile: *[^ "]' ||
     kube_read "$ctx" get telemetry.telemetry.istio.io -A -o jsonpath='{.items[*].spec.accessLogging}' | grep -q .; then
    ok "$ctx: 접근 로그 켜짐" "$ctx: access logging on"
  else
    caution "$ctx: 접근 로그가 꺼져 있어 응답 플래그 (UF, UO, ...) 를 볼 수 없습니다" \
            "$ctx: access logging is off, so the response flags (UF, UO, …) the course reads are not logged" \
      "istioctl install --context $ctx -y --set meshConfig.accessLogFile=/dev/stdout   (설치 때의 다른 --set 도 함께 / with the install's other --set flags)"
  fi
}

check_host() {
  local address
  address=$(kube_read "$CTX1" -n istio-system get svc istio-ingressgateway \
    -o jsonpath='{.status.loadBalancer.ingress[0].ip}{.status.loadBalancer.ingress[0].hostname}{.spec.externalIPs[0]}')
  if ! kube_read "$CTX1" -n istio-system get svc istio-ingressgateway -o name | grep -q .; then
    fail "$CTX1 에 istio-ingressgateway 가 없습니다 (대시보드 입구)" "no istio-ingressgateway in $CTX1 (the dashboard's entry)" \
      "istioctl install --context $CTX1 -y --set components.ingressGateways[0].name=istio-ingressgateway --set components.ingressGateways[0].enabled=true   (설치 때의 다른 --set 도 / with the other --set flags)"
    return 0
  fi
  if [ -z "$THEATER_HOST" ]; then
    caution "대시보드 호스트가 기본값 $DEFAULT_THEATER_HOST 입니다" "the dashboard host is the placeholder $DEFAULT_THEATER_HOST" \
      "scripts/deploy-all.sh --host theater.<당신의 도메인/your domain>   (또는/or THEATER_HOST=…)" \
      "DNS 또는 /etc/hosts: ${address:-<ingress 주소/address>} <호스트/host>   (docs/deploy.md)"
    return 0
  fi
  valid_host "$THEATER_HOST" || { fail "호스트 이름이 올바르지 않습니다: $THEATER_HOST" "not a DNS name: $THEATER_HOST" \
    "--host theater.lab.example   (소문자, 점 포함 / lower case with a dot)"; return 0; }
  if getent hosts "$THEATER_HOST" >/dev/null 2>&1; then
    ok "호스트 $THEATER_HOST 가 풀립니다" "host $THEATER_HOST resolves"
  else
    caution "$THEATER_HOST 가 이 컴퓨터에서 풀리지 않습니다" "$THEATER_HOST does not resolve on this machine" \
      "DNS 에 A/CNAME 레코드, 또는 /etc/hosts 에 / a DNS record, or in /etc/hosts: ${address:-<ingress 주소/address>} $THEATER_HOST"
  fi
}

check_cluster() {
  local ctx=$1
  if ! has_context "$ctx"; then
    fail "kubectl 컨텍스트 \"$ctx\" 가 없습니다" "kubectl context \"$ctx\" not found" \
      "kubectl config rename-context <현재이름/current> $ctx   (목록/list: kubectl config get-contexts; 또는/or --ctx1/--ctx2)"
    return 1
  fi
  if ! kubectl --context "$ctx" get namespace istio-system >/dev/null 2>&1; then
    fail "$ctx 에 istio-system 이 없거나 API 서버에 닿지 않습니다" "$ctx has no istio-system or its API server is unreachable" \
      "kubectl --context $ctx label namespace istio-system topology.istio.io/network=$(network_of "$ctx")   (kubectl create namespace istio-system 먼저 / first)" \
      "$(install_cmd "$ctx")"
    return 1
  fi
  check_istio_version "$ctx" || return 1
  check_east_west "$ctx"
  check_remote_secret "$ctx"
  check_remote_sync "$ctx"
  check_cni "$ctx"
  check_access_log "$ctx"
}

# compare_clusters MESH1 NETWORK1 MESH2 NETWORK2: one mesh, two networks.
compare_clusters() {
  if [ "$1" = - ] || [ "$1" != "$3" ]; then
    fail "meshID 가 다릅니다 ($CTX1: $1, $CTX2: $3)" "meshID differs ($CTX1: $1, $CTX2: $3)" \
      "$(install_cmd "$CTX1")" "$(install_cmd "$CTX2")   (같은 meshID / the same meshID in both)"
  else
    ok "meshID $1 (둘 다 / both)" "meshID $1 in both"
  fi
  if [ "$2" = "$4" ] && [ "$2" != - ]; then
    fail "두 클러스터의 network 가 같습니다 ($2); 멀티 네트워크여야 합니다" "both clusters are on network $2; this mesh is multi-network" \
      "kubectl --context $CTX2 label namespace istio-system topology.istio.io/network=network2 --overwrite" "$(install_cmd "$CTX2")"
  fi
}

main() {
  local mesh1='' network1=''
  parse_args "$@"
  require_command kubectl
  info "사전 점검: $CTX1, $CTX2" "preflight: $CTX1, $CTX2"
  if check_cluster "$CTX1"; then
    check_mesh_values "$CTX1"
    mesh1=$LAST_MESH network1=$LAST_NETWORK
  fi
  if check_cluster "$CTX2"; then
    check_mesh_values "$CTX2"
    [ -z "$mesh1" ] || compare_clusters "$mesh1" "$network1" "$LAST_MESH" "$LAST_NETWORK"
  fi
  if has_context "$CTX1"; then check_host; fi
  if [ "$FAILURES" -gt 0 ]; then
    printf '%s사전 점검 실패 %d건, 경고 %d건 / preflight: %d failed, %d warnings%s\n' \
      "$C_RED" "$FAILURES" "$WARNINGS" "$FAILURES" "$WARNINGS" "$C_OFF"
    exit 1
  fi
  ok "사전 점검 통과 (경고 $WARNINGS건)" "preflight passed ($WARNINGS warnings)"
}

cd "$THEATER_ROOT"
main "$@"
