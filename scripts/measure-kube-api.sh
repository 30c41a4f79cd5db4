#!/usr/bin/env bash
# Measures the local Kubernetes API of `./theater up` (issue 12's targets): the server-side time of the list request
# behind `kubectl get vs` (curl's time from the request sent to the first byte, over a kept-alive TLS connection's
# worth of work on loopback), and how long an applied change takes to be in force in the gateway's sidecar (a PUT of
# user-service-vs to ctx1's API until /api/mesh/config shows the new generation). Prints percentiles of each.
#   scripts/measure-kube-api.sh [gets] [changes]      (defaults: 200 list requests, 20 changes)
set -euo pipefail

gets=${1:-200}
changes=${2:-20}
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
for tool in curl kubectl python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 1; }
done
# shellcheck source=scripts/lib/find-jdk.sh
. "$root/scripts/lib/find-jdk.sh"
theater_find_jdk || exit 1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
percentiles() { sort -n | python3 -c '
import sys
v = [float(x) for x in sys.stdin if x.strip()]
p = lambda q: v[min(len(v) - 1, int(q * len(v)))]
print(f"n={len(v)} p50={p(0.5):.1f} ms p95={p(0.95):.1f} ms max={v[-1]:.1f} ms")'; }

THEATER_NO_BUILD=0 "$root/theater" --version >/dev/null

work=$(mktemp -d)
port=$(free_port)
THEATER_NO_BUILD=1 "$root/theater" up --port "$port" >"$work/up.log" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
# The Kubernetes APIs start last; `up` prints the export line once they serve.
until grep -qs '^export KUBECONFIG=' "$work/up.log"; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/up.log" >&2; exit 1; }
  sleep 0.05
done

KUBECONFIG=$(sed -n 's/^export KUBECONFIG=//p' "$work/up.log" | head -1)
export KUBECONFIG
server=$(kubectl config view --raw -o jsonpath='{.clusters[?(@.name=="ctx1")].cluster.server}')
kubectl config view --raw -o jsonpath='{.clusters[?(@.name=="ctx1")].cluster.certificate-authority-data}' \
  | base64 -d >"$work/ca.pem"
token=$(kubectl config view --raw -o jsonpath='{.users[0].user.token}')
vs="$server/apis/networking.istio.io/v1/namespaces/theater-msa/virtualservices"
api() { curl -sS --cacert "$work/ca.pem" -H "Authorization: Bearer $token" "$@"; }

table='application/json;as=Table;v=v1;g=meta.k8s.io,application/json'
for _ in $(seq 1 20); do api -o /dev/null -H "Accept: $table" "$vs"; done   # warm-up
for _ in $(seq 1 "$gets"); do
  api -o /dev/null -H "Accept: $table" -w '%{time_pretransfer} %{time_starttransfer}\n' "$vs"
done | awk '{printf "%.3f\n", ($2 - $1) * 1000}' | percentiles | sed 's/^/kubectl get vs, server side: /'

# The config's first "generation" is the gateway cluster's (the per-cluster list follows it).
generation() { curl -fsS "http://127.0.0.1:$port/api/mesh/config" | grep -o '"generation":[0-9]*' | head -1 | cut -d: -f2; }
for i in $(seq 1 "$changes"); do
  api "$vs/user-service-vs" | python3 -c '
import json, sys
vs = json.load(sys.stdin)
for route in vs["spec"]["http"]:
    for d in route.get("route", []):
        if "weight" in d:
            d["weight"] = 60 if d["weight"] == 70 else 40 if d["weight"] == 30 else 70 if d["weight"] == 60 else 30 if d["weight"] == 40 else d["weight"]
json.dump(vs, sys.stdout)' >"$work/vs.json"
  before=$(generation)
  start=$(date +%s%N)
  api -o /dev/null -X PUT -H 'Content-Type: application/json' --data-binary "@$work/vs.json" "$vs/user-service-vs"
  until [ "$(generation)" -gt "$before" ]; do
    [ $(( ($(date +%s%N) - start) / 1000000 )) -lt 5000 ] || { echo "change $i not in force after 5 s" >&2; exit 1; }
  done
  echo "$(( ($(date +%s%N) - start) / 1000 ))" | awk '{printf "%.1f\n", $1 / 1000}'
done | percentiles | sed 's/^/applied change in force (PUT to ctx1 until the gateway'"'"'s generation moves, incl. polling): /'
