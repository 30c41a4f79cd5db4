# shellcheck shell=bash
# shellcheck disable=SC2034 # DRY_RUN and the image settings are read by the sourcing scripts
# The deploy steps shared by deploy-all.sh, deploy-ctx1.sh and deploy-ctx2.sh (needs common.sh).

# The images we build (build-images.sh); any other image (Redis) is never rewritten.
APP_IMAGES=(api-gateway user-service movie-service booking-service)
REGISTRY=${REGISTRY:-}
TAG=${TAG:-}
ROLLOUT_TIMEOUT=${ROLLOUT_TIMEOUT:-300s}
INITIAL_SCENARIO=$PRACTICE_DIR/01-initial

# parse_deploy_args "$@": the options of the three deploy scripts.
parse_deploy_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --dry-run) DRY_RUN=1 ;;
      --ctx1) need_value "$1" $#; CTX1=$2; shift ;;
      --ctx2) need_value "$1" $#; CTX2=$2; shift ;;
      --registry) need_value "$1" $#; REGISTRY=$2; shift ;;
      --tag) need_value "$1" $#; TAG=$2; shift ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
    esac
    shift
  done
  if [ -n "$REGISTRY" ] && [ -z "$TAG" ]; then
    TAG=$(project_version) # the same default as build-images.sh
  fi
}

deploy_options_help() {
  cat <<'EOF'
  --dry-run          실행할 kubectl 명령만 출력 (클러스터 불필요) / print the kubectl commands, change nothing
  --ctx1 NAME        ctx1 역할의 컨텍스트 (기본 $CTX1 또는 ctx1) / context of the ctx1 cluster
  --ctx2 NAME        ctx2 역할의 컨텍스트 (기본 $CTX2 또는 ctx2) / context of the ctx2 cluster
  --registry REG     이미지 레지스트리 (기본 $REGISTRY) / image registry, e.g. harbor.example.com/theater-msa
  --tag TAG          이미지 태그 (기본 $TAG, 레지스트리만 주면 프로젝트 버전) / image tag (default: project version)
  -h, --help         도움말 / this help
환경변수 / environment: REDIS_PASSWORD (없으면 기존 Secret 또는 새로 생성, 출력하지 않음 /
  else the existing Secret or a generated one, never printed), THEATER_NAMESPACE, ROLLOUT_TIMEOUT
EOF
}

# ---- images ----

# image_name REF: the image without tag or digest (host:port/repo/name:tag → host:port/repo/name).
image_name() {
  local ref=${1%%@*}
  if [[ ${ref##*/} == *:* ]]; then ref=${ref%:*}; fi
  printf '%s' "$ref"
}

is_app_image() {
  local base=${1##*/} app
  for app in "${APP_IMAGES[@]}"; do [ "$base" = "$app" ] && return 0; done
  return 1
}

# image_overrides RENDERED_FILE: kustomize images: entries moving our images to $REGISTRY:$TAG.
# Matched by the names the overlay renders, so whatever the base's images: says, the override fits.
image_overrides() {
  local ref name
  sed -n 's/^[[:space:]-]*image:[[:space:]]*//p' "$1" | tr -d '"'"'" | sort -u |
    while read -r ref; do
      name=$(image_name "$ref")
      is_app_image "$name" || continue
      printf -- '- name: %s\n' "$name"
      if [ -n "$REGISTRY" ]; then printf '  newName: "%s/%s"\n' "${REGISTRY%/}" "${name##*/}"; fi
      if [ -n "$TAG" ]; then printf '  newTag: "%s"\n' "$TAG"; fi
    done
}

# relative_path FROM TO: TO as seen from directory FROM (kustomize rejects absolute resource paths).
relative_path() {
  local from to up=''
  from=$(cd "$1" && pwd -P)
  to=$(cd "$2" && pwd -P)
  while [ "$from" != / ]; do up+='../'; from=$(dirname "$from"); done
  printf '%s%s' "$up" "${to#/}"
}

# render_cluster ROLE: k8s/clusters/ROLE rendered, with our images moved to $REGISTRY/$TAG if set.
# The base sets images in one place; we override them from a throwaway kustomization that
# references the overlay, so nothing under k8s/ is edited.
render_cluster() {
  local overlay=k8s/clusters/$1 plain wrapper
  require_dir "$overlay"
  plain=$(temp_dir)/$1.plain.yaml
  render "$overlay" >"$plain"
  if [ -z "$REGISTRY$TAG" ]; then
    cat "$plain"
    return 0
  fi
  wrapper=$(temp_dir)/$1-images
  mkdir -p "$wrapper"
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n'
    printf -- '- %s\n' "$(relative_path "$wrapper" "$THEATER_ROOT/$overlay")"
    printf 'images:\n'
    image_overrides "$plain"
  } >"$wrapper/kustomization.yaml"
  if is_dry_run; then
    printf '  # k8s/clusters/%s images:\n' "$1" >&2
    sed -n '/^images:/,$p' "$wrapper/kustomization.yaml" | sed '1d; s/^/  #   /' >&2
  fi
  render "$wrapper"
}

cluster_source() {
  local src="kubectl kustomize k8s/clusters/$1"
  if [ -n "$REGISTRY$TAG" ]; then src+=" (images: ${REGISTRY:-<overlay>}/*:${TAG:-<overlay>})"; fi
  printf '%s' "$src"
}

# ---- namespace and secret ----

namespace_yaml() {
  cat <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $NAMESPACE
  labels:
    istio-injection: enabled
    pod-security.kubernetes.io/enforce: restricted
EOF
}

# ensure_namespace CTX RENDERED_FILE ROLE: the manifests' own Namespace if they have one, else ours,
# applied before the rest because the Secret must exist before the pods start.
ensure_namespace() {
  local ns_docs
  ns_docs=$(select_docs keep Namespace <"$2")
  if [ -n "$ns_docs" ]; then
    kubectl_stream "$1" apply "(Namespace from $(cluster_source "$3"))" <<<"$ns_docs"
  else
    namespace_yaml | kubectl_stream "$1" apply "(Namespace $NAMESPACE: istio-injection=enabled, pod-security restricted)"
  fi
}

existing_redis_password() {
  kubectl --context "$1" -n "$NAMESPACE" get secret redis-auth -o jsonpath='{.data.password}' 2>/dev/null |
    base64 -d 2>/dev/null || true
}

# One password for both clusters: ctx1's services reach Redis in ctx2 with it. Reuse what a
# previous run stored, so running twice never changes the password under a running Redis.
resolve_redis_password() {
  [ -n "${REDIS_PASSWORD:-}" ] && return 0
  is_dry_run && return 0
  REDIS_PASSWORD=$(existing_redis_password "$CTX2")
  [ -n "$REDIS_PASSWORD" ] || REDIS_PASSWORD=$(existing_redis_password "$CTX1")
  if [ -z "$REDIS_PASSWORD" ]; then
    REDIS_PASSWORD=$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    REDIS_PASSWORD=${REDIS_PASSWORD:0:32}
    info "Redis 비밀번호를 새로 만들었습니다 (출력하지 않음)" "generated a Redis password (not printed)"
  fi
}

# apply_redis_secret CTX: Secret redis-auth (key password), idempotent, the value never on a command line.
apply_redis_secret() {
  local file
  resolve_redis_password
  if is_dry_run; then
    show_cmd "kubectl -n $NAMESPACE create secret generic redis-auth --from-file=password=<REDIS_PASSWORD, 출력 안 함/hidden> --dry-run=client -o yaml | kubectl --context $1 apply -f -"
    return 0
  fi
  file=$(temp_dir)/redis-password
  (umask 077 && printf '%s' "$REDIS_PASSWORD" >"$file")
  kubectl -n "$NAMESPACE" create secret generic redis-auth --from-file=password="$file" \
    --dry-run=client -o yaml | kubectl --context "$1" apply -f -
  rm -f "$file"
}

# ---- the steps ----

wait_for_rollout() {
  info "$1: 디플로이먼트 준비 대기 (최대 $ROLLOUT_TIMEOUT)" "$1: waiting for deployments (up to $ROLLOUT_TIMEOUT)"
  run kubectl --context "$1" -n "$NAMESPACE" wait --for=condition=Available deployment --all \
    --timeout="$ROLLOUT_TIMEOUT"
}

# deploy_cluster ROLE CTX: namespace, secret, workloads of k8s/clusters/ROLE into CTX, then wait.
deploy_cluster() {
  local role=$1 ctx=$2 rendered
  info "$role 배포 → 컨텍스트 $ctx" "deploying $role → context $ctx"
  rendered=$(temp_dir)/$role.yaml
  if can_render; then
    render_cluster "$role" >"$rendered"
  else
    : >"$rendered"
  fi
  ensure_namespace "$ctx" "$rendered" "$role"
  apply_redis_secret "$ctx"
  kubectl_stream "$ctx" apply "$(cluster_source "$role")" <"$rendered"
  wait_for_rollout "$ctx"
}

# apply_mesh_config CTX: the Istio objects and the first scenario. Every primary reads only its
# own API server, so each cluster needs its own copy (multicluster.md §2).
apply_mesh_config() {
  info "$1: Istio 설정과 초기 시나리오 적용" "$1: applying the Istio config and the initial scenario"
  if has_kustomization k8s/istio; then
    apply_dir "$1" k8s/istio
  else
    warn "k8s/istio 가 없어 건너뜁니다" "k8s/istio not found, skipped"
  fi
  apply_dir "$1" "$INITIAL_SCENARIO"
}

# deploy_one ROLE "$@": deploy-ctx1.sh / deploy-ctx2.sh — one cluster, with its own mesh config.
deploy_one() {
  local role=$1 ctx
  shift
  parse_deploy_args "$@"
  if [ "$role" = ctx1 ]; then ctx=$CTX1; else ctx=$CTX2; fi
  check_clusters "$ctx"
  deploy_cluster "$role" "$ctx"
  apply_mesh_config "$ctx"
  ok "$role 배포 완료 ($ctx)" "$role deployed ($ctx)"
}

print_next_steps() {
  cat <<EOF

다음 / next:
  istioctl remote-clusters --context $CTX1            # 모든 클러스터 synced / every cluster synced
  kubectl --context $CTX1 -n istio-system get svc istio-ingressgateway   # 대시보드 주소 / dashboard address
  scripts/fault-injection-demo.sh status              # 실습 / practice (docs/deploy.md)
EOF
}
