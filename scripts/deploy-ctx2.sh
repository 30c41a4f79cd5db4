#!/usr/bin/env bash
# deploy-ctx2.sh — ctx2 클러스터만 배포 / deploy the ctx2 cluster only (services + Redis).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/deploy.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/deploy.sh"

usage() {
  cat <<EOF
사용법 / usage: scripts/deploy-ctx2.sh [옵션/options]

ctx2 에 서비스들과 Redis 를 배포합니다 (k8s/clusters/ctx2). ctx1 의 서비스도 이 Redis 를
east-west 게이트웨이를 거쳐 씁니다.
Deploys the services and Redis to ctx2 (k8s/clusters/ctx2); ctx1's services use this Redis
through the east-west gateway.

단계 / steps: 점검 (kubectl, 컨텍스트, Istio) / checks → namespace → Secret redis-auth →
  kubectl kustomize k8s/clusters/ctx2 | kubectl --context ctx2 apply -f - → rollout 대기 / wait →
  k8s/istio + $INITIAL_SCENARIO 적용 / apply
  --admin: k8s/clusters/ctx2-admin (두 클러스터 모두에 / apply it to both clusters)

옵션 / options:
$(deploy_options_help)
EOF
}

cd "$THEATER_ROOT"
deploy_one ctx2 "$@"
