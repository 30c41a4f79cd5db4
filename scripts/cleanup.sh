#!/usr/bin/env bash
# cleanup.sh — 두 클러스터에서 Theater MSA 삭제 / remove Theater MSA from both clusters.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ASSUME_YES=0
# k8s/istio's cross-network-gateway is the mesh's (the same object as Istio's expose-services.yaml): other
# applications use it too, so it stays unless asked for.
REMOVE_MESH_GATEWAY=0

usage() {
  cat <<EOF
사용법 / usage: scripts/cleanup.sh [옵션/options]

두 클러스터(ctx1, ctx2)에서 Theater MSA 를 지웁니다: 각 클러스터의 매니페스트
(k8s/clusters/ctxN) 를 렌더링해 delete 하고, 스크립트가 만든 Secret ($REDIS_SECRET,
ctx1 의 $REMOTE_KUBECONFIG_SECRET, $ADMIN_SECRET) 과 네임스페이스 $NAMESPACE 를 지웁니다.
Istio 자체, east-west 게이트웨이, 공유 Gateway istio-system/cross-network-gateway 는 그대로 둡니다
(--remove-cross-network-gateway 를 주면 그것도 지움).
Removes Theater MSA from both clusters: deletes what k8s/clusters/ctxN renders, the
Secrets the deploy scripts created ($REDIS_SECRET; in ctx1 also $REMOTE_KUBECONFIG_SECRET, $ADMIN_SECRET),
then the namespace $NAMESPACE. Istio itself, the east-west gateways and the shared Gateway
istio-system/cross-network-gateway stay (unless --remove-cross-network-gateway).

옵션 / options:
  --yes, -y      확인 없이 삭제 / do not ask for confirmation
  --remove-cross-network-gateway
                 공유 istio-system/cross-network-gateway 도 삭제 (메시의 다른 앱의 클러스터 간 호출이 끊김) /
                 also delete the shared istio-system/cross-network-gateway (breaks cross-cluster calls of every app)
  --dry-run      실행할 kubectl 명령만 출력 / print the kubectl commands, delete nothing
  --ctx1 NAME    ctx1 역할의 컨텍스트 (기본 \$CTX1 또는 ctx1) / context of the ctx1 cluster
  --ctx2 NAME    ctx2 역할의 컨텍스트 (기본 \$CTX2 또는 ctx2) / context of the ctx2 cluster
  -h, --help     도움말 / this help
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      -y|--yes) ASSUME_YES=1 ;;
      --dry-run) DRY_RUN=1 ;;
      --remove-cross-network-gateway) REMOVE_MESH_GATEWAY=1 ;;
      --ctx1) need_value "$1" $#; CTX1=$2; shift ;;
      --ctx2) need_value "$1" $#; CTX2=$2; shift ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
    esac
    shift
  done
}

confirm() {
  local answer
  [ "$ASSUME_YES" = 1 ] && return 0
  is_dry_run && return 0
  [ -t 0 ] || die "확인할 수 없습니다 (터미널 아님). --yes 를 붙이세요" \
                  "cannot ask for confirmation (stdin is not a terminal); pass --yes"
  read -r -p "$CTX1, $CTX2 에서 $NAMESPACE 를 삭제할까요? / delete $NAMESPACE from $CTX1 and $CTX2? [y/N] " answer
  case $answer in
    y|Y|yes|YES) ;;
    *) die "취소했습니다" "cancelled" 1 ;;
  esac
}

# clean_cluster ROLE CTX
clean_cluster() {
  local role=$1 ctx=$2
  info "$ctx ($role) 정리" "cleaning $ctx ($role)"
  if [ "$REMOVE_MESH_GATEWAY" = 1 ] && has_kustomization k8s/istio; then delete_dir "$ctx" k8s/istio; fi
  # The deploy scripts' Secrets (none is in a manifest); all of them live in the namespace.
  if [ "$role" = ctx1 ]; then
    run kubectl --context "$ctx" -n "$NAMESPACE" delete secret "$REDIS_SECRET" "$REMOTE_KUBECONFIG_SECRET" \
      "$ADMIN_SECRET" --ignore-not-found
  else
    run kubectl --context "$ctx" -n "$NAMESPACE" delete secret "$REDIS_SECRET" --ignore-not-found
  fi
  # Cluster-scoped or istio-system objects of the overlay would outlive the namespace.
  delete_dir "$ctx" "k8s/clusters/$role"
  run kubectl --context "$ctx" delete namespace "$NAMESPACE" --ignore-not-found
}

main() {
  parse_args "$@"
  if ! is_dry_run; then
    require_command kubectl
    require_context "$CTX1"
    require_context "$CTX2"
  fi
  confirm
  clean_cluster ctx1 "$CTX1"
  clean_cluster ctx2 "$CTX2"
  ok "정리 완료" "removed from $CTX1 and $CTX2"
}

cd "$THEATER_ROOT"
main "$@"
