#!/usr/bin/env bash
# Bulk-load benchmark: `maillage load` (SHACL validation, one all-or-nothing write) against the
# stock `oxigraph load` (no validation) of the same synthetic file, in the same run: wall time,
# quads per second and peak resident memory of each (GNU time), and the ratios. Run by hand,
# not in CI (see docs/benchmarks.md).
#
#   pip install oxigraph==0.5.13          # the peer: the `oxigraph` command-line tool
#   scripts/bench-load.sh                 # ORGS=100000 by default
#   ORGS=10000 scripts/bench-load.sh      # a shorter run
#
# Environment: ORGS (100000), SEED (42), MAILLAGE_BIN (default: target/release/maillage, built
# if missing), OXIGRAPH (default: `oxigraph` on the PATH), KEEP=1 to keep the work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-lib.sh
orgs=${ORGS:-100000}
seed=${SEED:-42}
graph=https://w3id.org/maillage/graph/synthetic
oxigraph=${OXIGRAPH:-oxigraph}
maillage=$(maillage_binary)
command -v "$oxigraph" >/dev/null || [[ -x $oxigraph ]] || { echo "no oxigraph binary (pip install oxigraph==0.5.13, or set OXIGRAPH)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "GNU time is needed for peak memory (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
cleanup() { if [[ ${KEEP:-} == 1 ]]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
file=$work/synthetic-$orgs.ttl

echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $maillage, $("$oxigraph" --version), $(nproc) cores" >&2
"$maillage" generate synthetic --orgs "$orgs" --seed "$seed" -o "$file" 2>&1 | tail -1 >&2
triples=$("$oxigraph" convert --from-file "$file" --to-format nt 2>/dev/null | wc -l)
echo "file: $triples triples, $(du -h "$file" | cut -f1)" >&2

# Maillage loads into a store that already holds the default data (as a deployment's does);
# preparing it is not timed.
"$maillage" load --store "$work/maillage" --defaults >/dev/null 2>&1

# run NAME COMMAND...: wall seconds and peak RSS (kB) of COMMAND, into $work/NAME.time
run() {
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || {
    echo "$name failed:" >&2; tail -20 "$work/$name.out" >&2; exit 1; }
}
wall() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/$1.time"; }
rss() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/$1.time"; }

run maillage "$maillage" load --store "$work/maillage" --graph "$graph" "$file"
run oxigraph "$oxigraph" load --location "$work/oxigraph" --file "$file" --graph "$graph"
tail -1 "$work/maillage.out" >&2

python3 - "$triples" "$(wall maillage)" "$(rss maillage)" "$(wall oxigraph)" "$(rss oxigraph)" <<'PY'
import sys
n = int(sys.argv[1])
mw, mr, ow, orss = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"| tool | wall time | quads/s | peak RSS |")
print(f"|---|---|---|---|")
print(f"| maillage load (validated) | {mw:.1f} s | {n / mw:,.0f} | {mr / 1024:,.0f} MiB |")
print(f"| oxigraph load | {ow:.1f} s | {n / ow:,.0f} | {orss / 1024:,.0f} MiB |")
print(f"| ratio maillage / oxigraph | {mw / ow:.2f}× the time | {(n / mw) / (n / ow):.2f}× the quads/s | {mr / orss:.2f}× the memory |")
PY
