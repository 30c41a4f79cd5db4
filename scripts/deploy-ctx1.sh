#!/usr/bin/env bash
# deploy-ctx1.sh — ctx1 클러스터만 배포 / deploy the ctx1 cluster only (api-gateway + services).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/deploy.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"

usage() {
  cat <<EOF
사용법 / usage: scripts/deploy-ctx1.sh [옵션/options]

ctx1 에 api-gateway 와 서비스들을 배포합니다 (k8s/clusters/ctx1). Redis 는 ctx2 에만 있으므로
보통은 scripts/deploy-all.sh 를 쓰세요 (ctx2 먼저).
Deploys api-gateway and the services to ctx1 (k8s/clusters/ctx1). Redis lives in ctx2 only, so
scripts/deploy-all.sh (ctx2 first) is the usual entry point.

단계 / steps: 점검 (kubectl, 컨텍스트, Istio) / checks → namespace → Secret redis-auth →
  Secret $REMOTE_KUBECONFIG_SECRET (ctx2 의 $REMOTE_TOKEN_SECRET 를 읽어서 / read from ctx2's token Secret;
  ctx2 가 먼저 배포돼 있어야 함 / ctx2 must be deployed first) → (--admin) Secret $ADMIN_SECRET →
  kubectl kustomize k8s/clusters/ctx1 | kubectl --context ctx1 apply -f - → rollout 대기 / wait →
  k8s/istio + $INITIAL_SCENARIO 적용 / apply
  --admin: k8s/clusters/ctx1-admin (두 클러스터 모두에 / apply it to both clusters)

옵션 / options:
$(deploy_options_help)
EOF
}

cd "$THEATER_ROOT"
deploy_one ctx1 "$@"
