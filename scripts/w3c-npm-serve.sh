#!/usr/bin/env bash
# The npm W3C runner (scripts/w3c-npm.sh: rdf-test-suite's Protocol, Service Description and
# Graph Store Protocol tests) against a real `maillage serve` on a throw-away empty store
# (`--empty`: the tests begin with `DROP ALL`, which the system graphs of the default data
# refuse), with one URL for queries and updates (/sparql) as the runner expects. Run by
# `make test` beside the in-crate suite (crates/maillage-testsuite).
set -euo pipefail
cd "$(dirname "$0")/.."
# The dev-profile binary `make test` has just built (cargo build is a no-op when it is current).
binary=${MAILLAGE_BIN:-${CARGO_TARGET_DIR:-target}/debug/maillage}
[[ -n ${MAILLAGE_BIN:-} ]] || cargo build --bin maillage
source scripts/serve-lib.sh
serve_throwaway "$binary" --empty
RTS_TOKEN=$token scripts/w3c-npm.sh "http://127.0.0.1:$port/sparql"
