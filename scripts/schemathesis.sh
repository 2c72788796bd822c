#!/usr/bin/env bash
# Property-based tests of the REST API against its own OpenAPI document (schemathesis, PyPI),
# on a real server over loopback with a throw-away copy of the default data.
#
# Checks: every check except `positive_data_acceptance`, because a body can fit the schema and
# still be refused on meaning (an unknown concept or municipality, a SHACL violation): those
# answers are documented 400/404/409/422 problem documents, never a 5xx.
set -euo pipefail
cd "$(dirname "$0")/.."
# The dev-profile binary `make test` has just built (cargo build is a no-op when it is current).
binary=${MAILLAGE_BIN:-${CARGO_TARGET_DIR:-target}/debug/maillage}
[[ -n ${MAILLAGE_BIN:-} ]] || cargo build --bin maillage
python3 -m pip install --quiet --disable-pip-version-check "schemathesis==4.32.5" 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "schemathesis==4.32.5"

source scripts/serve-lib.sh
serve_throwaway "$binary"

python3 -m schemathesis.cli run "http://127.0.0.1:$port/api-docs/openapi.json" \
  --checks all --exclude-checks positive_data_acceptance \
  -H "Authorization: Bearer $token" \
  --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" --workers 2 --seed 20251215 \
  --suppress-health-check all
