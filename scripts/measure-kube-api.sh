#!/usr/bin/env bash
# 로컬 쿠버네티스 API 의 속도 (issue 12 §8) / the local Kubernetes API's speed (issue 12 §8), measured in-process on a
# whole local stack by cli's KubeApiLatencyHarness (a test class, not part of the theater jar):
#   - the list request behind `kubectl get vs` (Table output, TLS, admin token, kept-alive connection): round trip;
#   - an applied change: a PUT of user-service-vs (weights swapped) to ctx1's API, until it is answered and until
#     ctx1's control plane has the new snapshot in force (what every ctx1 sidecar reads on its next request),
#     timestamped by a listener on the mesh, so no polling is counted.
# Prints n, p50, p95 and max of each.
#   scripts/measure-kube-api.sh [gets] [changes]      (defaults: 200 list requests, 100 changes)
set -euo pipefail

gets=${1:-200}
changes=${2:-100}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Compile the reactor up to cli's tests and write cli's test classpath (cli is the reactor's last module, so the
# file holds its classpath when Maven is done).
"$root/mvnw" -f "$root/pom.xml" -B -q -pl cli -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
"$JAVA_HOME/bin/java" -Dtheater.home="$root" \
  -cp "$root/cli/target/test-classes:$root/cli/target/classes:$(cat "$work/classpath")" \
  io.theatermsa.cli.local.KubeApiLatencyHarness "$gets" "$changes" 2>/dev/null
