#!/usr/bin/env bash
# kind-up.sh — 노트북 하나에 kind 클러스터 두 개 + Istio 멀티 프라이머리·멀티 네트워크 + Theater MSA /
# two kind clusters, Istio multi-primary multi-network and Theater MSA on one laptop (needs Docker).
# UNTESTED on a real Docker engine (docs/deploy.md §9): only its --dry-run and shellcheck are tested.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

PREFIX=${KIND_PREFIX:-theater}
ISTIO_DIR=${ISTIO_DIR:-}
HOST=${THEATER_HOST:-theater.kind.test}
MESH_ID=mesh1
SKIP_IMAGES=0
DOWN=0
# Distinct pod and service ranges per cluster, so addresses never look alike across the two networks.
POD_SUBNET_1=10.110.0.0/16 SERVICE_SUBNET_1=10.111.0.0/16
POD_SUBNET_2=10.120.0.0/16 SERVICE_SUBNET_2=10.121.0.0/16
APP_MODULES=(gateway services/user services/movie services/booking)

usage() {
  cat <<EOF
사용법 / usage: scripts/kind-up.sh [옵션/options]

Docker 가 있는 컴퓨터에서 실제 두 클러스터 구성을 만듭니다 / builds the real two-cluster setup where Docker runs:
  1. kind 클러스터 ${PREFIX}-ctx1, ${PREFIX}-ctx2 (파드/서비스 대역이 서로 다름 / distinct pod and service subnets)
  2. 공통 루트 CA (Istio 의 tools/certs) → 각 클러스터의 istio-system/cacerts / a shared root CA
  3. istioctl install: meshID $MESH_ID, clusterName ctx1/ctx2, network network1/network2, CNI, 접근 로그 / access log
  4. east-west 게이트웨이 (samples/multicluster/gen-eastwest-gateway.sh) — 주소는 cloud-provider-kind 가 줌 /
     east-west gateways; their LoadBalancer addresses come from cloud-provider-kind (must be running)
  5. 원격 시크릿 양방향 (kind 내부 주소 https://<클러스터>-control-plane:6443) / remote secrets both ways
  6. 이미지: scripts/build-images.sh --tar, kind load image-archive (레지스트리 불필요 / no registry)
  7. scripts/deploy-all.sh (사전 점검 포함 / with the preflight)
실제 Docker 에서는 아직 돌려보지 않았습니다 / not yet run on a real Docker engine (docs/deploy.md).

필요 / needs: docker (실행 중 / running), kind, kubectl, istioctl + 그 릴리스 폴더 / its release folder (samples/, tools/),
  cloud-provider-kind (다른 터미널에서 실행 중 / running in another terminal), make, openssl, JDK 21

옵션 / options:
  --dry-run          실행할 명령을 모두 출력, 아무것도 바꾸지 않음 / print every command, change nothing
  --prefix NAME      클러스터 이름 앞부분 (기본 $PREFIX → kind-$PREFIX-ctx1) / cluster name prefix
  --istio-dir DIR    Istio 릴리스 폴더 (기본 \$ISTIO_DIR 또는 istioctl 위치의 상위) / the Istio release folder
  --host NAME        대시보드 호스트 (기본 $HOST) / the dashboard's host name
  --skip-images      이미지 빌드와 적재를 건너뜀 / do not build and load the images
  --down             두 kind 클러스터 삭제 / delete both kind clusters
  -h, --help         도움말 / this help
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=1 ;;
      --prefix) need_value "$1" $#; PREFIX=$2; shift ;;
      --istio-dir) need_value "$1" $#; ISTIO_DIR=$2; shift ;;
      --host) need_value "$1" $#; HOST=$2; shift ;;
      --skip-images) SKIP_IMAGES=1 ;;
      --down) DOWN=1 ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
    esac
    shift
  done
  valid_host "$HOST" || usage_error "호스트 이름이 올바르지 않습니다 / not a DNS name: $HOST"
}

cluster() { printf '%s-%s' "$PREFIX" "$1"; }
context() { printf 'kind-%s' "$(cluster "$1")"; }
network() { if [ "$1" = ctx1 ]; then printf network1; else printf network2; fi; }

# pipeline "A | B": a pipeline of our own fixed commands, printed under --dry-run.
pipeline() {
  if is_dry_run; then show_cmd "$1"; return 0; fi
  bash -o pipefail -c "$1"
}

# need TOOL HINT: a prerequisite, with how to install it.
need() {
  have "$1" && return 0
  is_dry_run && { warn "$1 없음 (드라이런이라 계속)" "$1 not found (dry run, going on)"; return 0; }
  die "'$1' 이 없습니다 — 설치: $2" "'$1' is not installed — install: $2"
}

check_prerequisites() {
  need docker "https://docs.docker.com/engine/install/"
  need kind "go install sigs.k8s.io/kind@latest  (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)"
  need kubectl "https://kubernetes.io/docs/tasks/tools/"
  need istioctl "curl -L https://istio.io/downloadIstio | sh -  그리고/then PATH=\$PWD/istio-<버전/version>/bin:\$PATH"
  need cloud-provider-kind "go install sigs.k8s.io/cloud-provider-kind@latest  (https://kind.sigs.k8s.io/docs/user/loadbalancer/)"
  need make "sudo apt-get install make"
  need openssl "sudo apt-get install openssl"
  if [ -z "$ISTIO_DIR" ] && have istioctl; then ISTIO_DIR=$(cd "$(dirname "$(command -v istioctl)")/.." && pwd); fi
  ISTIO_DIR=${ISTIO_DIR:-<istio-dir>}
  if ! is_dry_run; then
    docker info >/dev/null 2>&1 || die "Docker 엔진이 응답하지 않습니다" "the Docker engine does not answer (docker info)"
    [ -x "$ISTIO_DIR/samples/multicluster/gen-eastwest-gateway.sh" ] ||
      die "$ISTIO_DIR 에 samples/multicluster 가 없습니다 (--istio-dir)" "no samples/multicluster under $ISTIO_DIR (pass --istio-dir)"
    pgrep -x cloud-provider-kind >/dev/null 2>&1 ||
      die "cloud-provider-kind 가 실행 중이 아닙니다. 다른 터미널에서: sudo cloud-provider-kind" \
          "cloud-provider-kind is not running; in another terminal: sudo cloud-provider-kind"
  fi
}

kind_config() {
  local pods=$POD_SUBNET_1 services=$SERVICE_SUBNET_1
  if [ "$1" = ctx2 ]; then pods=$POD_SUBNET_2 services=$SERVICE_SUBNET_2; fi
  cat <<EOF
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  podSubnet: "$pods"
  serviceSubnet: "$services"
EOF
}

create_cluster() {
  local file
  file=$(temp_dir)/kind-$1.yaml
  kind_config "$1" >"$file"
  if ! is_dry_run && kind get clusters 2>/dev/null | grep -qxF "$(cluster "$1")"; then
    ok "kind 클러스터 $(cluster "$1") 가 이미 있습니다" "kind cluster $(cluster "$1") exists"
    return 0
  fi
  if is_dry_run; then sed 's/^/  # /' "$file"; fi
  run kind create cluster --name "$(cluster "$1")" --config "$file"
}

# install_ca ROLE: one root (made once), an intermediate CA per cluster, as istio-system/cacerts.
install_ca() {
  local dir=target/kind-certs ctx
  ctx=$(context "$1")
  run mkdir -p "$dir"
  [ -f "$dir/root-cert.pem" ] || pipeline "cd $dir && make -f $ISTIO_DIR/tools/certs/Makefile.selfsigned.mk root-ca"
  pipeline "cd $dir && make -f $ISTIO_DIR/tools/certs/Makefile.selfsigned.mk $1-cacerts"
  pipeline "kubectl --context $ctx create namespace istio-system --dry-run=client -o yaml | kubectl --context $ctx apply -f -"
  run kubectl --context "$ctx" label namespace istio-system "topology.istio.io/network=$(network "$1")" --overwrite
  pipeline "kubectl --context $ctx -n istio-system create secret generic cacerts --from-file=$dir/$1/ca-cert.pem --from-file=$dir/$1/ca-key.pem --from-file=$dir/$1/root-cert.pem --from-file=$dir/$1/cert-chain.pem --dry-run=client -o yaml | kubectl --context $ctx apply -f -"
}

install_istio() {
  local ctx
  ctx=$(context "$1")
  run istioctl install --context "$ctx" -y \
    --set "values.global.meshID=$MESH_ID" \
    --set "values.global.multiCluster.clusterName=$1" \
    --set "values.global.network=$(network "$1")" \
    --set components.cni.enabled=true \
    --set meshConfig.accessLogFile=/dev/stdout
  pipeline "$ISTIO_DIR/samples/multicluster/gen-eastwest-gateway.sh --network $(network "$1") | istioctl --context $ctx install -y -f -"
  run kubectl --context "$ctx" apply -n istio-system -f "$ISTIO_DIR/samples/multicluster/expose-services.yaml"
}

# remote_secret FROM TO: FROM's endpoints made visible to TO's istiod. kind's kubeconfig says 127.0.0.1:<port>,
# which the other cluster cannot reach; on kind's Docker network the control plane answers by its name.
remote_secret() {
  pipeline "istioctl create-remote-secret --context=$(context "$1") --name=$1 --server=https://$(cluster "$1")-control-plane:6443 | kubectl apply -f - --context=$(context "$2")"
}

wait_for_addresses() {
  local role svc
  for role in ctx1 ctx2; do
    for svc in istio-eastwestgateway istio-ingressgateway; do
      [ "$role" = ctx2 ] && [ "$svc" = istio-ingressgateway ] && continue
      run kubectl --context "$(context "$role")" -n istio-system wait "svc/$svc" \
        --for=jsonpath='{.status.loadBalancer.ingress}' --timeout=180s
    done
  done
}

load_images() {
  local tag module role
  tag=$(build_tag)
  run scripts/build-images.sh --tar --tag "$tag"
  for role in ctx1 ctx2; do
    for module in "${APP_MODULES[@]}"; do
      run kind load image-archive "$module/target/jib-image.tar" --name "$(cluster "$role")"
    done
  done
  DEPLOY_TAG=$tag
}

print_hosts_line() {
  local address='<ingress 주소/address>'
  is_dry_run || address=$(kubectl --context "$(context ctx1)" -n istio-system get svc istio-ingressgateway \
    -o jsonpath='{.status.loadBalancer.ingress[0].ip}' 2>/dev/null || true)
  cat <<EOF

대시보드 / dashboard: /etc/hosts 에 한 줄 / add one line to /etc/hosts:
  $address $HOST
그다음 / then: http://$HOST/   ·   CTX1=$(context ctx1) CTX2=$(context ctx2) scripts/fault-injection-demo.sh test
EOF
}

main() {
  local deploy_args
  parse_args "$@"
  if [ "$DOWN" = 1 ]; then
    run kind delete cluster --name "$(cluster ctx1)"
    run kind delete cluster --name "$(cluster ctx2)"
    return 0
  fi
  check_prerequisites
  DEPLOY_TAG=''
  create_cluster ctx1
  create_cluster ctx2
  install_ca ctx1
  install_ca ctx2
  install_istio ctx1
  install_istio ctx2
  remote_secret ctx1 ctx2
  remote_secret ctx2 ctx1
  wait_for_addresses
  if [ "$SKIP_IMAGES" = 0 ]; then load_images; fi
  deploy_args=(--ctx1 "$(context ctx1)" --ctx2 "$(context ctx2)" --host "$HOST"
    --remote-server "https://$(cluster ctx2)-control-plane:6443")
  if [ -n "$DEPLOY_TAG" ]; then deploy_args+=(--tag "$DEPLOY_TAG"); fi
  if is_dry_run; then deploy_args+=(--dry-run); fi
  show_cmd "$(quoted scripts/deploy-all.sh "${deploy_args[@]}")"
  scripts/deploy-all.sh "${deploy_args[@]}"
  print_hosts_line
}

cd "$THEATER_ROOT"
main "$@"
