# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are read by the scripts that source this file
# Shared by every script under scripts/: bilingual logging, --dry-run, option helpers,
# prerequisite checks and kustomize rendering. Source it; it defines functions and variables only
# (and this process's temp dir, removed on exit).

THEATER_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Contexts of the two clusters (multicluster.md §1: cluster names match the context names).
CTX1=${CTX1:-ctx1}
CTX2=${CTX2:-ctx2}
# The namespace is fixed: the overlays, the DestinationRule hosts and the AuthorizationPolicy principals
# (cluster.local/ns/theater-msa/sa/…) all name it, so moving only part of it would break the mesh.
NAMESPACE=theater-msa
if [ -n "${THEATER_NAMESPACE:-}" ] && [ "$THEATER_NAMESPACE" != "$NAMESPACE" ]; then
  printf '오류 / error: THEATER_NAMESPACE=%s 는 지원하지 않습니다. 매니페스트와 정책이 네임스페이스 %s 를 씁니다 (docs/deploy.md) / THEATER_NAMESPACE is not supported: the manifests and policies name the namespace %s (docs/deploy.md); unset it\n' \
    "$THEATER_NAMESPACE" "$NAMESPACE" "$NAMESPACE" >&2
  exit 2
fi
# The dashboard's host name (k8s/istio/ingress/host.yaml holds the default); the deploy scripts set it.
DEFAULT_THEATER_HOST=theater.example.com
THEATER_HOST=${THEATER_HOST:-}
# Where build-images.sh records the tag it built last; the deploy scripts use it when no tag is given.
IMAGE_TAG_FILE=${THEATER_IMAGE_TAG_FILE:-target/image-tag}
DRY_RUN=${DRY_RUN:-0}
PRACTICE_DIR=k8s/practice
# The Secrets the deploy scripts create in $NAMESPACE (no manifest holds a secret value): redis-auth in both
# clusters; in ctx1 the gateway's optional remote-kubeconfig (key kubeconfig) and gateway-admin (key token).
REDIS_SECRET=redis-auth
REMOTE_KUBECONFIG_SECRET=remote-kubeconfig
ADMIN_SECRET=gateway-admin

# Colour only when a person reads the terminal; logs and tests get plain text.
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  C_RED=$'\033[0;31m' C_GREEN=$'\033[0;32m' C_YELLOW=$'\033[1;33m' C_BLUE=$'\033[0;34m' C_OFF=$'\033[0m'
else
  C_RED='' C_GREEN='' C_YELLOW='' C_BLUE='' C_OFF=''
fi

# Every message is "한국어 / English": info KO EN.
info() { printf '%s==>%s %s / %s\n' "$C_BLUE" "$C_OFF" "$1" "$2"; }
ok()   { printf '%s OK%s %s / %s\n' "$C_GREEN" "$C_OFF" "$1" "$2"; }
warn() { printf '%s경고 / warning:%s %s / %s\n' "$C_YELLOW" "$C_OFF" "$1" "$2" >&2; }
hint() { printf '    %s\n' "$@" >&2; }

# die KO EN [exit-code]
die() {
  printf '%s오류 / error:%s %s / %s\n' "$C_RED" "$C_OFF" "$1" "$2" >&2
  exit "${3:-1}"
}

# usage_error MESSAGE: bad command line → usage on stderr, exit 2.
usage_error() {
  printf '%s오류 / error:%s %s\n\n' "$C_RED" "$C_OFF" "$1" >&2
  usage >&2
  exit 2
}

is_dry_run() { [ "$DRY_RUN" = 1 ]; }

# Prints a command line as the shell would read it back.
show_cmd() { printf '+ %s\n' "$*"; }

quoted() {
  local out='' arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+="$arg "; else out+="$(printf '%q' "$arg") "; fi
  done
  printf '%s' "${out% }"
}

# run CMD ARGS...: prints the command under --dry-run, runs it otherwise.
run() {
  if is_dry_run; then
    show_cmd "$(quoted "$@")"
    return 0
  fi
  "$@"
}

# need_value OPTION "$#": an option that takes a value must have one.
need_value() {
  [ "$2" -ge 2 ] || usage_error "$1 에 값이 필요합니다 / $1 needs a value"
}

have() { command -v "$1" >/dev/null 2>&1; }

require_command() {
  have "$1" || die "'$1' 명령이 없습니다" "'$1' is not installed or not on PATH"
}

# Absolute or repo-relative directory that must exist.
require_dir() {
  [ -d "$THEATER_ROOT/$1" ] || [ -d "$1" ] ||
    die "디렉터리가 없습니다: $1" "no such directory: $1"
}

# Created here, not lazily: $(temp_dir) runs in a subshell, which could neither keep nor clean it.
THEATER_TMP=$(mktemp -d "${TMPDIR:-/tmp}/theater.XXXXXX")
trap 'rm -rf "$THEATER_TMP"' EXIT
temp_dir() { printf '%s' "$THEATER_TMP"; }

# ---- cluster prerequisites (skipped under --dry-run: it must work without a cluster) ----

# has_context CTX: whether the kubeconfig has CTX. Read whole first: "kubectl … | grep -q" under pipefail fails
# whenever grep stops at the match before kubectl has written its last line (SIGPIPE).
has_context() {
  local contexts
  contexts=$(kubectl config get-contexts -o name 2>/dev/null) || return 1
  grep -qxF "$1" <<<"$contexts"
}

require_context() {
  local ctx=$1
  if ! has_context "$ctx"; then
    printf '%s오류 / error:%s kubectl 컨텍스트 "%s" 가 없습니다 / kubectl context "%s" not found\n' \
      "$C_RED" "$C_OFF" "$ctx" "$ctx" >&2
    hint "목록 / list:        kubectl config get-contexts" \
         "이름 바꾸기 / rename: kubectl config rename-context <현재이름/current> $ctx" \
         "다른 이름 쓰기 / or use another name: CTX1=<name> CTX2=<name> (또는/or --ctx1 / --ctx2)"
    exit 1
  fi
}

# local_stack_context CTX: whether CTX is a cluster of ./theater up (its API server on this machine's loopback).
local_stack_context() {
  local server
  server=$(kubectl config view --minify --context "$1" -o jsonpath='{.clusters[0].cluster.server}' 2>/dev/null) ||
    return 1
  [[ "$server" == https://127.0.0.1:* ]]
}

require_istio() {
  local ctx=$1 crd
  if ! kubectl --context "$ctx" get namespace istio-system >/dev/null 2>&1; then
    if local_stack_context "$ctx"; then
      die "$ctx 는 ./theater up 의 로컬 클러스터입니다 (Istio 대신 에뮬레이터): 이 스크립트에 --local 이 있으면 --local 로, 없으면 ./theater 로" \
          "$ctx is a cluster of ./theater up (an emulated mesh, no Istio): use --local where the script has it, else ./theater"
    fi
    die "$ctx 에 istio-system 네임스페이스가 없습니다 (Istio 설치 필요, docs/deploy.md)" \
        "no istio-system namespace in $ctx (install Istio first, see docs/deploy.md)"
  fi
  for crd in virtualservices.networking.istio.io destinationrules.networking.istio.io; do
    kubectl --context "$ctx" get crd "$crd" >/dev/null 2>&1 ||
      die "$ctx 에 CRD $crd 가 없습니다" "CRD $crd is missing in $ctx (is Istio installed?)"
  done
}

# check_clusters CTX...: kubectl, each context, Istio in each. Nothing to check in a dry run.
check_clusters() {
  local ctx
  if is_dry_run; then
    info "드라이런: 클러스터 점검 생략" "dry run: cluster checks skipped"
    return 0
  fi
  require_command kubectl
  for ctx in "$@"; do require_context "$ctx"; done
  for ctx in "$@"; do require_istio "$ctx"; done
}

# ---- kustomize ----

has_kustomization() { [ -f "$THEATER_ROOT/$1/kustomization.yaml" ]; }

# render DIR: the manifests of a kustomization, offline (kubectl's built-in kustomize, v5).
render() {
  kubectl kustomize "$1"
}

# can_render: whether manifests can be rendered here; only a dry run may go on without kubectl.
can_render() {
  have kubectl && return 0
  is_dry_run || require_command kubectl
  warn "kubectl 이 없어 매니페스트를 렌더링하지 않습니다" "kubectl not found: manifests not rendered"
  return 1
}

# kubectl_stream CTX VERB SOURCE [FLAGS...]: stdin → kubectl --context CTX VERB -f - FLAGS.
# SOURCE describes where stdin comes from; a dry run prints "SOURCE | kubectl ..." and applies nothing.
kubectl_stream() {
  local ctx=$1 verb=$2 source=$3
  shift 3
  if is_dry_run; then
    cat >/dev/null
    show_cmd "$source | kubectl --context $ctx $verb -f -${*:+ $*}"
    return 0
  fi
  kubectl --context "$ctx" "$verb" -f - "$@"
}

# apply_dir CTX DIR: kubectl kustomize DIR | kubectl --context CTX apply -f -
apply_dir() {
  local ctx=$1 dir=$2
  require_dir "$dir"
  if can_render; then
    render "$dir" | kubectl_stream "$ctx" apply "kubectl kustomize $dir"
  else
    show_cmd "kubectl kustomize $dir | kubectl --context $ctx apply -f -"
  fi
}

# delete_dir CTX DIR: the objects DIR renders, deleted from CTX (missing ones ignored).
delete_dir() {
  local ctx=$1 dir=$2
  require_dir "$dir"
  if can_render; then
    render "$dir" | kubectl_stream "$ctx" delete "kubectl kustomize $dir" --ignore-not-found
  else
    show_cmd "kubectl kustomize $dir | kubectl --context $ctx delete -f - --ignore-not-found"
  fi
}

# other_scenarios_extras KEEP_DIR: what the practice scenarios other than KEEP_DIR render besides VS/DR
# (PeerAuthentication, AuthorizationPolicy, …). Applying a scenario only replaces objects of the same name,
# so these would outlive a switch back to KEEP_DIR.
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

# remove_other_scenario_extras CTX KEEP_DIR: deletes those objects from CTX (missing ones ignored).
remove_other_scenario_extras() {
  local extras=''
  if can_render; then extras=$(other_scenarios_extras "$2"); fi
  [ -n "$extras" ] || return 0
  kubectl_stream "$1" delete "(다른 시나리오의 VS/DR 외 객체 / other scenarios' non-VS/DR objects)" \
    --ignore-not-found <<<"$extras"
}

# split_contexts "a,b" → one per line (for --context lists).
split_contexts() {
  tr ',' '\n' <<<"$1" | sed '/^$/d'
}

# select_docs keep|drop KIND_REGEX: the YAML documents (of a rendered stream) whose top-level kind
# matches (keep) or does not match (drop), e.g. select_docs keep 'Namespace'.
select_docs() {
  awk -v keep="$([ "$1" = keep ] && echo 1 || echo 0)" -v re="^kind: ($2)\$" '
    function flush() { if (doc != "" && hit == keep) printf "---\n%s", doc; doc = ""; hit = 0 }
    /^---$/ { flush(); next }
    { doc = doc $0 "\n"; if ($0 ~ re) hit = 1 }
    END { flush() }'
}

# build_tag: a tag that changes with every build, so IfNotPresent never keeps a stale image on a node:
# <project version>-<UTC time>[-g<commit>], e.g. 0.1.0-SNAPSHOT-20261207070000-g7ccdcd2.
build_tag() {
  local tag commit
  tag="$(project_version)-$(date -u +%Y%m%d%H%M%S)"
  commit=$(git -C "$THEATER_ROOT" rev-parse --short HEAD 2>/dev/null) || commit=''
  printf '%s%s' "$tag" "${commit:+-g$commit}"
}

# recorded_tag: the tag build-images.sh built last (empty if none). The scripts run from $THEATER_ROOT.
recorded_tag() {
  [ -f "$IMAGE_TAG_FILE" ] && tr -d ' \n' <"$IMAGE_TAG_FILE"
  return 0
}

# valid_host NAME: a DNS name the ingress Gateway accepts (no scheme, port or wildcard).
valid_host() {
  [[ $1 =~ ^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$ ]]
}

# The project version from the parent pom (the base of every image tag).
project_version() {
  awk '/<artifactId>theater-parent<\/artifactId>/ { f = 1 }
       f && /<version>/ { gsub(/.*<version>|<\/version>.*/, ""); print; exit }' "$THEATER_ROOT/pom.xml"
}
