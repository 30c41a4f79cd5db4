#!/usr/bin/env bash
# scripts/test.sh — 모든 테스트를 실행하는 하나의 명령 / the one command that runs every test (README, .ci/run).
#   scripts/test.sh [MAVEN_ARGUMENTS...]     e.g. scripts/test.sh -o, scripts/test.sh -pl mesh -am
# 1. 테스트에 필요한 도구를 찾고, 없으면 설치합니다 (root) 또는 설치 명령을 먼저 한 번 알려 주고 멈춥니다 (root 아님).
#    Finds what the tests need and installs what is missing (as root), or, before running anything, prints the exact
#    command once and stops (not root):
#      JDK 21+ (JAVA_HOME, PATH, the usual folders; never installed), /usr/bin/chromium and /usr/bin/chromedriver
#      (the dashboard's browser tests; not with THEATER_SKIP_BROWSER=1), shellcheck (the scripts' tests), zsh and
#      fish (theater completion's tests), kubectl 1.30+ (deploy-tests, the local Kubernetes API's tests).
# 2. ./mvnw -B verify: builds and runs every module's tests; each module's tests must leave nothing in their temporary
#    folder and no process running (pom.xml, scripts/lib/test-leftovers.sh).
# 3. Fails when the tests left a file in the working tree outside target/ (a git checkout only).
# Exit: 0 passed, 1 build or tests failed or left something behind, 3 the machine lacks a tool (the command
# that installs it is printed).
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
kubectl_minor=30

case "${1:-}" in
  -h|--help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
esac

# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 3

# The installed kubectl's minor version (30 for v1.30.x), or nothing.
kubectl_version() {
  kubectl version --client 2>/dev/null | sed -n 's/^Client Version: v1\.\([0-9][0-9]*\).*/\1/p' | head -n 1
}

# True when apt knows a package NAME can be installed from the configured sources.
apt_has() {
  command -v apt-cache >/dev/null 2>&1 || return 1
  apt-cache policy "$1" 2>/dev/null | grep -q '^ *Candidate: [^(]'
}

packages=()
if [ "${THEATER_SKIP_BROWSER:-}" != 1 ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
fi
command -v shellcheck >/dev/null 2>&1 || packages+=(shellcheck)
# theater completion's tests run the scripts it prints in the real shells.
for shell in zsh fish; do
  [ -x "/usr/bin/$shell" ] || [ -x "/bin/$shell" ] || packages+=("$shell")
done
kubectl_problem=
if ! command -v kubectl >/dev/null 2>&1; then
  kubectl_problem="kubectl 이 없습니다 / kubectl is not installed"
elif [ "$(kubectl_version)" = "" ] || [ "$(kubectl_version)" -lt "$kubectl_minor" ]; then
  kubectl_problem="kubectl 1.$kubectl_minor 이상이 필요합니다 / kubectl 1.$kubectl_minor or newer is needed ($(command -v kubectl): $(kubectl version --client 2>/dev/null | head -n 1))"
fi

# Debian's own kubectl (kubernetes-client) is far older than 1.30: Kubernetes' apt repository provides it.
kubectl_howto() {
  cat <<EOF
  sudo apt-get install -y ca-certificates curl gpg
  sudo mkdir -p -m 755 /etc/apt/keyrings
  curl -fsSL https://pkgs.k8s.io/core:/stable:/v1.$kubectl_minor/deb/Release.key | sudo gpg --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg
  echo 'deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.$kubectl_minor/deb/ /' | sudo tee /etc/apt/sources.list.d/kubernetes.list
  sudo apt-get update && sudo apt-get install -y kubectl
EOF
}

if [ ${#packages[@]} -gt 0 ] || [ -n "$kubectl_problem" ]; then
  if [ "$(id -u)" != 0 ]; then
    {
      echo "테스트에 필요한 도구가 없습니다. 설치에는 root 권한이 필요합니다. 다음을 실행한 뒤 다시 실행하세요:"
      echo "the tests need tools this machine lacks; installing them needs root. Run this, then run $0 again:"
      if [ ${#packages[@]} -gt 0 ]; then
        echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}"
      fi
      if [ -n "$kubectl_problem" ]; then
        echo "  # $kubectl_problem"
        kubectl_howto
      fi
    } >&2
    exit 3
  fi
  echo "설치 중 / installing: ${packages[*]}${kubectl_problem:+ kubectl}"
  apt-get update -qq
  if [ -n "$kubectl_problem" ]; then
    if apt_has kubectl; then
      packages+=(kubectl)
    else
      {
        echo "오류: $kubectl_problem, 그리고 설정된 apt 저장소에는 kubectl 패키지가 없습니다. 쿠버네티스의 apt 저장소를 추가하세요:"
        echo "error: $kubectl_problem, and the configured apt sources have no kubectl package. Add Kubernetes' apt repository:"
        kubectl_howto | sed 's/sudo //g'
      } >&2
      exit 3
    fi
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# Files the tests might leave in the working tree: untracked or ignored, outside the build's target/ folders.
stray_files() {
  git -C "$root" status --porcelain --ignored --untracked-files=all 2>/dev/null | grep -v '[ /]target/' || true
}
in_git=false
git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 && in_git=true
before=
if $in_git; then
  before=$(stray_files)
fi

echo "JDK: $JAVA_HOME"
"$root/mvnw" -f "$root/pom.xml" -B --no-transfer-progress verify "$@"

if $in_git; then
  left=$(comm -13 <(printf '%s\n' "$before" | sort) <(stray_files | sort) | sed '/^$/d')
  if [ -n "$left" ]; then
    echo "오류: 테스트가 작업 트리에 남긴 파일 / error: the tests left files in the working tree:" >&2
    printf '%s\n' "$left" >&2
    exit 1
  fi
fi
