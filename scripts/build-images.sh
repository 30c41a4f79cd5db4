#!/usr/bin/env bash
# build-images.sh — Jib 으로 컨테이너 이미지 빌드 (Docker 불필요) / build the images with Jib (no Docker).
set -euo pipefail
# shellcheck source=scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=scripts/lib/find-jdk.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/find-jdk.sh"

# module → image name (image.name in each module's pom; the manifests use the same names).
MODULES=(gateway services/user services/movie services/booking)
IMAGES=(api-gateway user-service movie-service booking-service)
REGISTRY=${REGISTRY:-}
TAG=${TAG:-}
TAR=0

usage() {
  cat <<EOF
사용법 / usage: scripts/build-images.sh [옵션/options]

Jib 으로 네 이미지(${IMAGES[*]})를 빌드해 레지스트리에 바로 푸시합니다 (Docker 데몬 불필요).
Builds the four images with Jib and pushes them straight to the registry (no Docker daemon).

  ./mvnw -B -q compile jib:build -pl $(IFS=,; echo "${MODULES[*]}") -am -Dimage.registry=<REGISTRY> -Dimage.tag=<TAG>
  이미지 이름은 pom 의 Jib 설정 (image.name) / image names come from the poms' Jib config (image.name);
  platform/mesh 는 jib.skip / skipped by jib.skip.
  --tar 이면 / with --tar: jib:buildTar → <module>/target/jib-image.tar

옵션 / options:
  --registry REG  푸시할 레지스트리 (또는 \$REGISTRY), 예 harbor.example.com/theater-msa /
                  registry to push to (or \$REGISTRY); required unless --tar
  --tag TAG       이미지 태그 (또는 \$TAG, 기본은 빌드마다 새 태그 <버전>-<UTC 시각>-g<커밋>, 예 $(build_tag)) /
                  image tag (default: a new one per build, so nodes never keep a stale image under IfNotPresent);
                  $IMAGE_TAG_FILE 에 기록되어 deploy 스크립트가 씁니다 / recorded in $IMAGE_TAG_FILE for the deploy scripts
  --tar           레지스트리 없이 이미지 tar 파일로 (오프라인) / offline image tars instead of a push
  --dry-run       실행할 ./mvnw 명령만 출력 / print the ./mvnw commands, run nothing
  -h, --help      도움말 / this help

자체 서명 인증서 레지스트리 (Harbor) / self-signed registry: 실패하면 해결 방법을 출력합니다 /
  on a TLS failure the remedies are printed (docs/deploy.md).
EOF
}

parse_args() {
  while [ $# -gt 0 ]; do
    case $1 in
      --registry) need_value "$1" $#; REGISTRY=$2; shift ;;
      --tag) need_value "$1" $#; TAG=$2; shift ;;
      --tar) TAR=1 ;;
      --dry-run) DRY_RUN=1 ;;
      -h|--help) usage; exit 0 ;;
      *) usage_error "알 수 없는 옵션 / unknown option: $1" ;;
    esac
    shift
  done
  TAG=${TAG:-$(build_tag)}
  if [ "$TAR" = 0 ] && [ -z "$REGISTRY" ]; then
    usage_error "레지스트리가 필요합니다: --registry 또는 REGISTRY (오프라인이면 --tar) / a registry is required: --registry or REGISTRY (or --tar offline)"
  fi
}

image_ref() {
  local prefix=${REGISTRY:-theater-msa}
  printf '%s/%s:%s' "${prefix%/}" "$1" "$TAG"
}

print_tls_remedies() {
  cat >&2 <<EOF

레지스트리 인증서를 신뢰하지 못했습니다 (자체 서명 CA, 예: Harbor) / the registry's certificate is not trusted:
  1. 푸시 쪽 (Jib, 이 컴퓨터) / push side (Jib, this machine): Jib 은 JVM 트러스트스토어만 믿습니다 / trusts the JVM truststore only
       keytool -importcert -alias harbor-ca -file ca.crt -keystore harbor-truststore.p12 -storepass changeit -noprompt
       MAVEN_OPTS="-Djavax.net.ssl.trustStore=\$PWD/harbor-truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit" \\
         scripts/build-images.sh --registry $REGISTRY
     (또는 JDK 의 cacerts 에 CA 추가 / or import the CA into the JDK's cacerts;
      -Djib.allowInsecureRegistries=true 는 검증을 끄므로 권장하지 않음 / disables verification, not recommended)
  2. 풀 쪽 (모든 노드) / pull side (every node): 노드의 containerd 도 이 CA 가 필요합니다. 없으면
     ImagePullBackOff "x509: certificate signed by unknown authority" (새로 추가한 노드에서 흔함 / typical for a new node).
       /etc/containerd/certs.d/<registry-host>/hosts.toml + ca.crt (docs/deploy.md)
EOF
}

# build: one reactor run; the poms name each image ${image.registry}/${image.name}:${image.tag}.
build() {
  local goal=jib:build log modules
  [ "$TAR" = 1 ] && goal=jib:buildTar
  modules=$(IFS=,; echo "${MODULES[*]}")
  local cmd=(./mvnw -B -q compile "$goal" -pl "$modules" -am "-Dimage.registry=${REGISTRY:-theater-msa}" "-Dimage.tag=$TAG")
  if is_dry_run; then
    run "${cmd[@]}"
    return 0
  fi
  info "이미지 빌드 중: ${IMAGES[*]}" "building the images: ${IMAGES[*]}"
  log=$(temp_dir)/jib.log
  if ! "${cmd[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    if grep -qiE 'PKIX|x509|SSLHandshake|unable to find valid certification path|certificate' "$log"; then
      print_tls_remedies
    fi
    die "이미지 빌드 실패" "the image build failed (log above)"
  fi
}

report() {
  local i
  for i in "${!MODULES[@]}"; do
    if [ "$TAR" = 1 ]; then
      ok "${IMAGES[$i]} → ${MODULES[$i]}/target/jib-image.tar" "${IMAGES[$i]} written"
    else
      ok "${IMAGES[$i]} → $(image_ref "${IMAGES[$i]}")" "${IMAGES[$i]} pushed"
    fi
  done
}

main() {
  parse_args "$@"
  if ! is_dry_run; then theater_find_jdk || exit 1; fi
  build
  if is_dry_run; then
    show_cmd "echo $TAG > $IMAGE_TAG_FILE"
    return 0
  fi
  mkdir -p "$(dirname "$IMAGE_TAG_FILE")"
  printf '%s\n' "$TAG" >"$IMAGE_TAG_FILE"
  report
  info "태그 $TAG 를 $IMAGE_TAG_FILE 에 기록 (deploy-all.sh 가 씀)" "tag $TAG recorded in $IMAGE_TAG_FILE (deploy-all.sh uses it)"
}

cd "$THEATER_ROOT"
main "$@"
