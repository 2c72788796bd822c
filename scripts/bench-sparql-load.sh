#!/usr/bin/env bash
# SPARQL throughput under load: `maillage serve` against the stock `oxigraph serve` 0.5.13 on the
# same data, in the same run, with wrk (16 connections by default) on six regional queries.
# Only 2xx answers count (a server that sheds load with 503 would otherwise look fast).
#
# Three servers, one at a time under load, query by query:
#   oxigraph  — `oxigraph serve --union-default-graph` (pip install oxigraph==0.5.13)
#   cold      — maillage with the result cache off (`--query-cache-bytes 0`): every request is
#               evaluated, as a first pass over new queries is
#   repeated  — maillage with its default result cache: the same query again and again
#
#   pip install oxigraph==0.5.13 && apt-get install wrk
#   MAILLAGE_BIN=target/debug/maillage scripts/bench-sparql-load.sh   # or a release build
#
# Settings: CONNECTIONS (16), DURATION (10s per run), THREADS (2).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
maillage=$(maillage_binary)
oxigraph=${OXIGRAPH:-oxigraph}
connections=${CONNECTIONS:-16}
duration=${DURATION:-10s}
threads=${THREADS:-2}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v "$oxigraph" >/dev/null || [[ -x $oxigraph ]] ||
  { echo "no oxigraph binary (pip install oxigraph==0.5.13, or set OXIGRAPH)" >&2; exit 1; }

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$maillage" load --store "$work/cold" --defaults >/dev/null 2>&1
cp -r "$work/cold" "$work/repeated"

oport=$(free_port); cport=$(free_port); rport=$(free_port)
# Anonymous readers, as the public sees the server (the demo and the confidential graphs out).
RUST_LOG=warn "$maillage" serve --store "$work/cold" --bind "127.0.0.1:$cport" \
  --query-cache-bytes 0 >"$work/cold.log" 2>&1 & pids+=($!)
RUST_LOG=warn "$maillage" serve --store "$work/repeated" --bind "127.0.0.1:$rport" \
  >"$work/repeated.log" 2>&1 & pids+=($!)
wait_up() {
  for _ in $(seq 1 300); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  echo "no answer from $1" >&2; return 1
}
wait_up "http://127.0.0.1:$cport/sparql?query=ASK%7B%7D"
wait_up "http://127.0.0.1:$rport/sparql?query=ASK%7B%7D"
# The peer holds exactly what an anonymous reader of Maillage sees: the Graph Store dump of
# every visible graph, as served.
curl -fsS -H 'Accept: application/n-quads' "http://127.0.0.1:$cport/store" -o "$work/dump.nq"
"$oxigraph" load --location "$work/oxigraph" --file "$work/dump.nq" >/dev/null 2>&1
"$oxigraph" serve --location "$work/oxigraph" --bind "127.0.0.1:$oport" --union-default-graph \
  >"$work/oxigraph.log" 2>&1 & pids+=($!)
wait_up "http://127.0.0.1:$oport/query?query=ASK%7B%7D"

python3 - "$oport" "$cport" "$rport" "$connections" "$duration" "$threads" "$work" <<'PY'
import json, re, subprocess, sys, urllib.parse, urllib.request
oport, cport, rport, connections, duration, threads, work = sys.argv[1:8]
P = ("PREFIX mo: <https://w3id.org/maillage/ontology#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
     "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> ")
ZEM = "<https://w3id.org/maillage/id/zone/zem-quebec>"
queries = {
    "count companies": P + "SELECT (COUNT(?o) AS ?n) WHERE { ?o a mo:Company }",
    "suppliers per ZEM municipality": P + "SELECT ?m (COUNT(DISTINCT ?o) AS ?n) WHERE { ?o mo:offersExpertise ?e ; mo:locatedIn ?m . ?m mo:inZone " + ZEM + " } GROUP BY ?m",
    "one organisation's labels": P + "SELECT ?l WHERE { <https://w3id.org/maillage/id/org/universite-laval> rdfs:label ?l }",
    "stated adopters by sector": P + "SELECT ?sector ?company (GROUP_CONCAT(DISTINCT ?needLabel; separator = \", \") AS ?needs) WHERE { ?org a mo:Company ; mo:hasNeed ?need ; rdfs:label ?company . FILTER(lang(?company) = \"fr\") ?need skos:prefLabel ?needLabel . FILTER(lang(?needLabel) = \"fr\") OPTIONAL { ?org mo:sector/skos:broader* ?top . ?top mo:naicsLevel 1 ; skos:prefLabel ?sector . FILTER(lang(?sector) = \"fr\") } } GROUP BY ?sector ?company ORDER BY ?sector ?company",
    "supplier-adopter pairs in the ZEM": P + "SELECT ?adopterName ?needLabel ?supplierName WHERE { ?adopter a mo:Company ; mo:hasNeed ?need ; rdfs:label ?adopterName ; mo:locatedIn/mo:inZone " + ZEM + " . ?offered skos:broader* ?need . ?supplier mo:offersExpertise ?offered ; rdfs:label ?supplierName ; mo:locatedIn/mo:inZone " + ZEM + " . FILTER(?supplier != ?adopter) ?need skos:prefLabel ?needLabel . FILTER(lang(?adopterName) = \"fr\" && lang(?supplierName) = \"fr\" && lang(?needLabel) = \"fr\") } GROUP BY ?adopterName ?needLabel ?supplierName ORDER BY ?adopterName ?needLabel ?supplierName",
    "labels containing a word": P + "SELECT ?o ?l WHERE { ?o a mo:Organization ; rdfs:label ?l FILTER(CONTAINS(LCASE(STR(?l)), \"vision\")) }",
}
servers = [("oxigraph", f"http://127.0.0.1:{oport}/query"),
           ("cold", f"http://127.0.0.1:{cport}/sparql"),
           ("repeated", f"http://127.0.0.1:{rport}/sparql")]
accept = "application/sparql-results+json"

def rows(url, q):
    req = urllib.request.Request(url + "?query=" + urllib.parse.quote(q), headers={"Accept": accept})
    with urllib.request.urlopen(req) as r:
        return len(json.load(r)["results"]["bindings"])

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}
def ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]

def load(url, q):
    lua = f"{work}/wrk.lua"
    with open(lua, "w") as f:
        f.write('wrk.method = "GET"\nwrk.headers["Accept"] = "%s"\n' % accept)
    target = url + "?query=" + urllib.parse.quote(q, safe="")
    out = subprocess.run(["wrk", "-t", threads, "-c", connections, "-d", duration, "--latency",
                          "-s", lua, target], capture_output=True, text=True, check=True).stdout
    total, seconds = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out).group(1, 2)
    unit = re.search(r"\d+ requests in [\d.]+(ms|s|m)", out).group(1)
    seconds = float(seconds) * {"ms": 1e-3, "s": 1.0, "m": 60.0}[unit]
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    non2xx = int(non2xx.group(1)) if non2xx else 0
    errors = re.search(r"Socket errors: (.*)", out)
    lat = dict(re.findall(r"^\s+(50|99)(?:\.000)?%\s+(\S+)", out, re.M))
    return {"ok_per_s": (int(total) - non2xx) / seconds, "non2xx": non2xx,
            "p50": ms(lat["50"]), "p99": ms(lat["99"]), "errors": errors.group(1) if errors else ""}

print(f"wrk -t{threads} -c{connections} -d{duration}, 2xx answers per second; p50 / p99 in ms")
print(f"{'query':<34} {'rows':>5} | {'oxigraph':>9} {'cold':>9} {'repeated':>9} | {'cold/ox':>7} {'rep/ox':>7} | "
      f"{'ox p50/p99':>13} {'cold p50/p99':>13} {'rep p50/p99':>13} | non-2xx")
for name, q in queries.items():
    counts = {s: rows(u, q) for s, u in servers}
    assert len(set(counts.values())) == 1, f"{name}: different answers {counts}"
    r = {s: load(u, q) for s, u in servers}
    o, c, p = r["oxigraph"], r["cold"], r["repeated"]
    shed = " ".join(f"{s}:{r[s]['non2xx']}" for s in r)
    errs = " ".join(f"{s}:{r[s]['errors']}" for s in r if r[s]["errors"])
    print(f"{name:<34} {counts['oxigraph']:>5} | {o['ok_per_s']:>9.0f} {c['ok_per_s']:>9.0f} {p['ok_per_s']:>9.0f} | "
          f"{c['ok_per_s']/o['ok_per_s']:>7.2f} {p['ok_per_s']/o['ok_per_s']:>7.2f} | "
          f"{o['p50']:>6.2f}/{o['p99']:<6.2f} {c['p50']:>6.2f}/{c['p99']:<6.2f} {p['p50']:>6.2f}/{p['p99']:<6.2f} | {shed} {errs}")
PY
