#!/usr/bin/env bash
# scripts/test-tools.sh — 테스트에 필요한 도구 / the tools the tests need, found or installed (scripts/test.sh runs it
# first, so the README's test command and .ci/run get it).
#   scripts/test-tools.sh             as root: installs what is missing; otherwise prints the exact command once
#   scripts/test-tools.sh --install   also through sudo when it needs no password (a CI runner that is not root);
#                                     CI=true (what CI runners set) does the same without the option
# The tools: /usr/bin/chromium and /usr/bin/chromedriver (the dashboard's browser tests; not with
# THEATER_SKIP_BROWSER=1), shellcheck (the scripts' tests), zsh and fish (theater completion's tests), kubectl 1.30+
# (deploy-tests, the local Kubernetes API's tests). A JDK 21+ is found by scripts/lib/find-jdk.sh, never installed.
# Exit: 0 every tool is there, 2 an unknown option, 3 the machine lacks a tool that cannot be installed here (the
# command that installs it is printed).
set -euo pipefail

kubectl_minor=30
as_root=()
use_sudo=false
[ "${CI:-}" = true ] && use_sudo=true
case "${1:-}" in
  -h|--help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  --install) use_sudo=true ;;
  "") ;;
  *)
    echo "오류: 알 수 없는 옵션 / error: unknown option: $1 (scripts/test-tools.sh [--install])" >&2
    exit 2
    ;;
esac
if $use_sudo && [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
fi

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
  if [ "$(id -u)" != 0 ] && [ ${#as_root[@]} -eq 0 ]; then
    {
      echo "테스트에 필요한 도구가 없습니다. 설치에는 root 권한이 필요합니다. 다음을 실행한 뒤 다시 실행하세요:"
      echo "the tests need tools this machine lacks; installing them needs root. Run this, then run the tests again:"
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
  "${as_root[@]}" apt-get update -qq
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
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" \
    >/dev/null
fi
