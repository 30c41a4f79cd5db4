#!/usr/bin/env bash
# Run by Maven (the root pom.xml) around each module's tests, which get DIR as their temporary folder (java.io.tmpdir
# and TMPDIR, inherited by every process they start):
#   test-leftovers.sh prepare DIR   before the tests: DIR exists and is empty
#   test-leftovers.sh check DIR     after the tests: fails when a file or folder is left in DIR, or when a process
#                                   started by the tests (TMPDIR=DIR in its environment) still runs
# DIR belongs to one module of one checkout, so builds running side by side never see each other's leftovers.
set -euo pipefail

usage() {
  echo "usage: $0 prepare|check DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2

case "$action" in
  prepare)
    rm -rf "$dir"
    mkdir -p "$dir"
    ;;
  check)
    [ -d "$dir" ] || exit 0
    failed=0
    left=$(find "$dir" -mindepth 1 -maxdepth 1 | sed "s|^$dir/|  |" | sort)
    if [ -n "$left" ]; then
      echo "오류: 테스트가 임시 폴더에 남긴 것 / error: the tests left these in their temporary folder $dir:" >&2
      echo "$left" >&2
      failed=1
    fi
    # Linux only: a process's environment is readable in /proc by its owner.
    for environ in /proc/[0-9]*/environ; do
      pid=${environ#/proc/}
      pid=${pid%/environ}
      [ "$pid" != $$ ] || continue
      if { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "TMPDIR=$dir"; then
        if [ "$failed" != 2 ]; then
          echo "오류: 테스트가 시작한 프로세스가 아직 실행 중 / error: processes started by the tests still run:" >&2
        fi
        echo "  pid $pid: $({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | cut -c1-160)" >&2
        failed=2
      fi
    done
    exit "$failed"
    ;;
  *)
    usage
    ;;
esac
