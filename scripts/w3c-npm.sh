#!/usr/bin/env bash
# The W3C SPARQL 1.1 Protocol, Service Description and Graph Store Protocol tests, run by the npm
# package rdf-test-suite (2.8.0, by rubensworks) against a SPARQL server that is already running:
# a second, independent implementation of the checks crates/maillage-testsuite makes.
#
#   scripts/w3c-npm.sh [SPARQL_URL [GSP_URL [UPDATE_URL]]]
#
#   SPARQL_URL  queries and updates (env RTS_SPARQL; default http://127.0.0.1:8080/sparql)
#   GSP_URL     Graph Store Protocol (env RTS_GSP; default SPARQL_URL with /sparql -> /store)
#   UPDATE_URL  only for a server with a separate update URL (env RTS_UPDATE; default SPARQL_URL)
#   RTS_TOKEN   bearer token added to writes (default $MAILLAGE_WRITE_TOKEN); Maillage refuses
#               writes without it
#   RTS_SD      URL of the service description (default SPARQL_URL)
#   RTS_MANIFESTS, RTS_TESTS, RTS_SKIP, RTS_TIMEOUT, RTS_OUTPUT: see tests/rdf-test-suite/run.js
#   RTS_NPM_DIR where the npm packages go (default target/rdf-test-suite)
#
# Maillage:  maillage serve --store /tmp/x.store --bind 127.0.0.1:8080 --write-token T &
#            RTS_TOKEN=T scripts/w3c-npm.sh http://127.0.0.1:8080/sparql
# Oxigraph:  oxigraph serve --location /tmp/ox --bind 127.0.0.1:7878 &
#            scripts/w3c-npm.sh http://127.0.0.1:7878/query http://127.0.0.1:7878/store \
#              http://127.0.0.1:7878/update
#
# DESTRUCTIVE: the Protocol tests run `DROP SILENT ALL` on the server and the GSP tests replace
# and delete graphs: use a throw-away store. Needs node and npm; the manifests are read from
# crates/maillage-testsuite/w3c-sparql11/ (no network but the npm registry, for the install).
# Exit status: 0 all passed, 1 a test failed, 2 could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

export RTS_SPARQL=${1:-${RTS_SPARQL:-http://127.0.0.1:8080/sparql}}
default_gsp=
[[ $RTS_SPARQL == */sparql ]] && default_gsp=${RTS_SPARQL%/sparql}/store
export RTS_GSP=${2:-${RTS_GSP:-$default_gsp}}
export RTS_UPDATE=${3:-${RTS_UPDATE:-$RTS_SPARQL}}
export RTS_TOKEN=${RTS_TOKEN:-${MAILLAGE_WRITE_TOKEN:-}}
if [[ -z $RTS_GSP ]]; then
  echo "w3c-npm: give the Graph Store URL (second argument or RTS_GSP)" >&2
  exit 2
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "w3c-npm: needs node and npm" >&2; exit 2; }

# Exact versions from tests/rdf-test-suite/package-lock.json (n3 pinned to 2.7.12: with n3 2.13
# rdf-test-suite 2.8.0's parser patch crashes on the Graph Store Protocol manifests).
npm_dir=${RTS_NPM_DIR:-$root/target/rdf-test-suite}
mkdir -p "$npm_dir"
if ! cmp -s tests/rdf-test-suite/package-lock.json "$npm_dir/.installed-lock.json" \
  || [[ ! -d $npm_dir/node_modules/rdf-test-suite ]]; then
  cp tests/rdf-test-suite/package.json tests/rdf-test-suite/package-lock.json "$npm_dir/"
  (cd "$npm_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2 \
    || { echo "w3c-npm: npm ci failed in $npm_dir" >&2; exit 2; }
  cp tests/rdf-test-suite/package-lock.json "$npm_dir/.installed-lock.json"
fi

export RTS_NODE_MODULES=$npm_dir/node_modules
exec node tests/rdf-test-suite/run.js
