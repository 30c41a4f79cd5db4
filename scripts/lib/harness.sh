# shellcheck shell=bash
# Shared by the measuring scripts (scripts/measure-*.sh), sourced after they set $root: a build before measuring,
# free loopback ports, and waits that always end.

# harness_build: builds the tree once, outside the measurement. (`./theater --version` never builds: help and
# version answer from the jar as it is.)
harness_build() {
  "${root:?the script sets root first}/mvnw" -f "$root/pom.xml" -q -B -DskipTests package
}

# harness_free_port: a loopback TCP port free right now.
harness_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# harness_wait SECONDS PID WHAT COMMAND...: runs COMMAND until it succeeds. Gives up, saying WHAT did not happen,
# after SECONDS or as soon as process PID has ended (PID "-": no process to watch); returns 1 then.
harness_wait() {
  local seconds=$1 pid=$2 what=$3 deadline
  shift 3
  deadline=$(( $(date +%s) + seconds ))
  until "$@"; do
    if [ "$pid" != - ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "오류: 프로세스가 끝났습니다 / error: the process ended before: $what" >&2
      return 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "오류: ${seconds}초 안에 되지 않았습니다 / error: not within ${seconds} s: $what" >&2
      return 1
    fi
    sleep 0.01
  done
}
