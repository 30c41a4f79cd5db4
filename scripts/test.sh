#!/usr/bin/env bash
# scripts/test.sh — 모든 테스트를 실행하는 하나의 명령 / the one command that runs every test (README, .ci/run).
#   scripts/test.sh [MAVEN_ARGUMENTS...]     e.g. scripts/test.sh -o, scripts/test.sh -pl mesh -am
# 1. 테스트에 필요한 도구를 찾고, 없으면 설치합니다 (root, 또는 CI=true 에서 암호 없는 sudo) 또는 설치 명령을 먼저 한 번
#    알려 주고 멈춥니다. Finds a JDK 21+ (JAVA_HOME, PATH, the usual folders; never installed) and what else the tests
#    need (scripts/test-tools.sh: Chromium and its driver, shellcheck, zsh and fish, kubectl 1.30+), installing what
#    is missing (as root, or with CI=true through sudo when it needs no password) or, before running anything,
#    printing the exact command once and stopping.
# 2. ./mvnw -B verify: builds and runs every module's tests; each module's tests must leave nothing in their temporary
#    folder and no process running (pom.xml, scripts/lib/test-leftovers.sh).
# 3. Fails when the tests left a file in the working tree outside target/ (a git checkout only).
# Exit: 0 passed, 1 build or tests failed or left something behind, 3 the machine lacks a tool (the command
# that installs it is printed).
set -euo pipefail

root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

case "${1:-}" in
  -h|--help)
    sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
esac

# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 3

"$root/scripts/test-tools.sh"

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
