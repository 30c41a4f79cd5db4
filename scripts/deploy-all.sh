#!/usr/bin/env bash
# deploy-all.sh — 두 클러스터 전체 배포 / deploy everything to both clusters.
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/deploy.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"

usage() {
  cat <<EOF
사용법 / usage: scripts/deploy-all.sh [옵션/options]

두 클러스터에 Theater MSA 를 배포합니다. 여러 번 실행해도 안전합니다 (apply).
Deploys Theater MSA to both clusters; safe to run again (everything is applied, not created).

순서 / order:
  1. scripts/preflight.sh (컨텍스트, Istio 버전과 값, east-west 게이트웨이, 원격 시크릿, CNI, 접근 로그, 호스트 /
     contexts, Istio version and values, east-west gateway, remote secrets, CNI, access log, host);
     --skip-preflight 로 건너뜀 / skip with --skip-preflight
  2. ctx2 먼저 (Redis 가 여기 있음) / ctx2 first (Redis lives there): k8s/clusters/ctx2
  3. ctx1: k8s/clusters/ctx1 (api-gateway), 그 전에 ctx1 의 Secret $REMOTE_KUBECONFIG_SECRET (키 kubeconfig):
     ctx2 의 $REMOTE_TOKEN_SECRET 토큰으로 만든 kubeconfig (게이트웨이가 ctx2 의 파드를 읽음) /
     before it, Secret $REMOTE_KUBECONFIG_SECRET (key kubeconfig) in ctx1: a kubeconfig from ctx2's
     $REMOTE_TOKEN_SECRET token, so that ctx1's gateway can list ctx2's pods
  4. Istio 설정 (k8s/istio, $INITIAL_SCENARIO) 을 두 클러스터 모두에 /
     the Istio config to BOTH clusters (each istiod reads only its own cluster)
  클러스터마다 / per cluster: namespace, Secret redis-auth (같은 비밀번호 / same password),
  kubectl kustomize … | kubectl --context … apply -f -, rollout 대기 / wait
  --admin: 두 클러스터 모두 k8s/clusters/ctxN-admin, ctx1 에 Secret $ADMIN_SECRET (키 token) /
    k8s/clusters/ctxN-admin in BOTH clusters and Secret $ADMIN_SECRET (key token) in ctx1

옵션 / options:
$(deploy_options_help)
EOF
}

main() {
  parse_deploy_args "$@"
  if [ "$SKIP_PREFLIGHT" = 1 ]; then
    check_clusters "$CTX2" "$CTX1"
  elif is_dry_run; then
    show_cmd "$(quoted scripts/preflight.sh --ctx1 "$CTX1" --ctx2 "$CTX2" ${THEATER_HOST:+--host "$THEATER_HOST"})"
  else
    scripts/preflight.sh --ctx1 "$CTX1" --ctx2 "$CTX2" ${THEATER_HOST:+--host "$THEATER_HOST"} ||
      die "사전 점검 실패 (위의 명령으로 고친 뒤 다시, 또는 --skip-preflight)" \
          "preflight failed (fix it with the commands above and run again, or pass --skip-preflight)"
  fi
  deploy_cluster ctx2 "$CTX2"
  deploy_cluster ctx1 "$CTX1"
  apply_mesh_config "$CTX2"
  apply_mesh_config "$CTX1"
  ok "배포 완료" "deployed to $CTX2 and $CTX1"
  print_next_steps
  print_admin_token
}

cd "$THEATER_ROOT"
main "$@"
