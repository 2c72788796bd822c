#!/usr/bin/env bash
# Small-write benchmark: the latency of one small write through `maillage serve`, from the
# request until the analytics show it. Each write is one SPARQL `INSERT DATA` of 10 triples
# creating one shape-valid organisation in a user graph (sent to /update with the write token);
# once it is answered, GET /api/v1/organisations/{id} must find the new organisation (polled
# until it does, the wait counted). Reports p50, p90, p99 and max over N writes, for
# (a) a store with the default data and (b) the default data plus ORGS synthetic organisations.
# Run by hand, not in CI (see docs/benchmarks.md).
#
#   scripts/bench-write.sh                # both stores, N=200, ORGS=100000
#   STORES=a scripts/bench-write.sh       # only the default data
#   N=20 ORGS=10000 scripts/bench-write.sh
#
# Environment: N (200 writes per store), ORGS (100000), SEED (42), STORES ("a b"), MAILLAGE_BIN
# (default: target/release/maillage, built if missing), TIMEOUT (seconds per write, 600),
# KEEP=1 to keep the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
n=${N:-200}
orgs=${ORGS:-100000}
seed=${SEED:-42}
stores=${STORES:-a b}
timeout=${TIMEOUT:-600}
token=bench-write-token
maillage=$(maillage_binary)

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [[ ${KEEP:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $maillage, $(nproc) cores, N=$n" >&2

echo "| store | writes | p50 | p90 | p99 | max |"
echo "|---|---|---|---|---|---|"
for which in $stores; do
  store=$work/store-$which
  "$maillage" load --store "$store" --defaults >/dev/null 2>&1
  label="(a) default data"
  if [[ $which == b ]]; then
    "$maillage" generate synthetic --orgs "$orgs" --seed "$seed" -o "$work/synthetic.ttl" 2>/dev/null
    "$maillage" load --store "$store" --graph https://w3id.org/maillage/graph/synthetic "$work/synthetic.ttl" 2>&1 | tail -1 >&2
    label="(b) default data + $orgs synthetic organisations"
  fi
  port=$(free_port)
  RUST_LOG=warn "$maillage" serve --store "$store" --bind "127.0.0.1:$port" --write-token "$token" \
    --query-timeout "$timeout" >"$work/serve-$which.log" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "http://127.0.0.1:$port/health" || { echo "the server did not start:" >&2; tail "$work/serve-$which.log" >&2; exit 1; }
  quads=$(curl -fsS "http://127.0.0.1:$port/health" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("quads"))')
  echo "$label: $quads quads" >&2
  python3 - "$port" "$token" "$n" "$timeout" "$label" "$which" <<'PY'
import http.client, json, sys, time
port, token, n, timeout, label, which = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6]
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=timeout)

def request(method, path, body=None, headers=None):
    conn.request(method, path, body=body, headers=headers or {})
    r = conn.getresponse()
    return r.status, r.read()

def insert(i):
    org = f"bench-{which}-{i:04d}"
    return org, f"""PREFIX mo: <https://w3id.org/maillage/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {{ GRAPH <https://w3id.org/maillage/graph/bench-writes> {{
  <https://w3id.org/maillage/id/org/{org}> a mo:Company ;
    rdfs:label "Banc d'essai {i}"@fr , "Benchmark {i}"@en ;
    mo:locatedIn <https://w3id.org/maillage/id/municipality/23027> ;
    dcterms:source <https://example.org/bench/{org}> ;
    mo:offersExpertise <https://w3id.org/maillage/id/concept/computer-vision> ;
    mo:hasNeed <https://w3id.org/maillage/id/concept/demand-forecasting> ;
    mo:sector <https://w3id.org/maillage/id/naics/541> ;
    mo:capacity "2"^^xsd:integer ;
    mo:collaboratesWith <https://w3id.org/maillage/id/org/universite-laval> .
}} }}"""

latencies = []
for i in range(n):
    org, update = insert(i)
    t = time.perf_counter()
    status, body = request("POST", "/update", update.encode(), {
        "Authorization": f"Bearer {token}", "Content-Type": "application/sparql-update"})
    if status // 100 != 2:
        sys.exit(f"write {i}: {status} {body[:500]!r}")
    while True:
        status, body = request("GET", f"/api/v1/organisations/{org}", headers={"Accept": "application/json"})
        if status == 200:
            break
        if time.perf_counter() - t > timeout:
            sys.exit(f"write {i}: not visible after {timeout} s ({status})")
    latencies.append((time.perf_counter() - t) * 1000)
    if i == 0 or (i + 1) % max(1, n // 10) == 0:
        print(f"  {i + 1}/{n} writes, last {latencies[-1]:.1f} ms", file=sys.stderr, flush=True)

xs = sorted(latencies)
pct = lambda p: xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs))) - 1))]
print(f"| {label} | {n} | {pct(50):,.1f} ms | {pct(90):,.1f} ms | {pct(99):,.1f} ms | {xs[-1]:,.1f} ms |")
PY
  kill "$server"; wait "$server" 2>/dev/null || true; server=
done
