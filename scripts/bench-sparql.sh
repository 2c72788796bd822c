#!/usr/bin/env bash
# SPARQL latency of `maillage serve` against the stock `oxigraph serve` (crate oxigraph-cli) on
# the same data, in the same run: 100 sequential requests per query and server, medians and
# 95th percentiles, and the ratio maillage / oxigraph.
#
#   cargo build --release && cargo install oxigraph-cli --root /opt/oxigraph-cli
#   OXIGRAPH=/opt/oxigraph-cli/bin/oxigraph scripts/bench-sparql.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
maillage=${MAILLAGE_BIN:-target/release/maillage}
oxigraph=${OXIGRAPH:-oxigraph}
runs=${RUNS:-100}
command -v "$oxigraph" >/dev/null || [[ -x $oxigraph ]] || { echo "no oxigraph binary (set OXIGRAPH)" >&2; exit 1; }
[[ -x $maillage ]] || { echo "build first: cargo build --release" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

"$maillage" load --store "$work/maillage" --defaults 2>/dev/null
"$maillage" export --store "$work/maillage" --format nquads -o "$work/dump.nq"
"$oxigraph" load --location "$work/oxigraph" --file "$work/dump.nq" >/dev/null 2>&1

mport=$(free_port); oport=$(free_port)
RUST_LOG=warn "$maillage" serve --store "$work/maillage" --bind "127.0.0.1:$mport" 2>/dev/null & pids+=($!)
"$oxigraph" serve --location "$work/oxigraph" --bind "127.0.0.1:$oport" --union-default-graph >/dev/null 2>&1 & pids+=($!)
for port in "$mport" "$oport"; do
  for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$port/query?query=ASK%7B%7D" 2>/dev/null && break
    curl -fsS -o /dev/null "http://127.0.0.1:$port/sparql?query=ASK%7B%7D" 2>/dev/null && break; sleep 0.2; done
done

python3 - "$mport" "$oport" "$runs" <<'PY'
import statistics, sys, time, urllib.parse, urllib.request
mport, oport, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
P = "PREFIX mo: <https://w3id.org/maillage/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
queries = {
    "count companies": P + "SELECT (COUNT(?o) AS ?n) WHERE { ?o a mo:Company }",
    "suppliers per ZEM municipality": P + "SELECT ?m (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o mo:offersExpertise ?e ; mo:locatedIn ?m . ?m mo:inZone <https://w3id.org/maillage/id/zone/zem-quebec> } GROUP BY ?m",
    "one organisation's labels": P + "SELECT ?l WHERE { <https://w3id.org/maillage/id/org/universite-laval> rdfs:label ?l }",
}
def timed(url):
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req) as r:
        r.read()
        assert r.status == 200
    return (time.perf_counter() - t) * 1000
print(f"{'query':<34} {'maillage median':>16} {'oxigraph median':>16} {'ratio':>6} {'maillage p95':>13} {'oxigraph p95':>13}")
for name, q in queries.items():
    enc = urllib.parse.quote(q)
    m_url = f"http://127.0.0.1:{mport}/sparql?query={enc}"
    o_url = f"http://127.0.0.1:{oport}/query?query={enc}"
    for u in (m_url, o_url):
        for _ in range(5): timed(u)  # warm-up
    m, o = [], []
    for _ in range(runs):  # interleaved so both see the same machine state
        m.append(timed(m_url)); o.append(timed(o_url))
    p95 = lambda xs: sorted(xs)[int(0.95 * len(xs)) - 1]
    mm, om = statistics.median(m), statistics.median(o)
    print(f"{name:<34} {mm:>13.2f} ms {om:>13.2f} ms {mm/om:>6.2f} {p95(m):>10.2f} ms {p95(o):>10.2f} ms")
print(f"{runs} sequential requests per query and server, after 5 warm-up requests, on 127.0.0.1")
PY
