# Shared by the scripts that test a real server (sourced, not run): starts `maillage serve` on a
# throw-away copy of the default data, over loopback, with a random write token.
#
#   source scripts/serve-lib.sh
#   serve_throwaway "$binary"          # sets work, port, token, server; stops it all on exit
#   serve_throwaway "$binary" --empty  # the same on an empty store (no built-in data)
#
# The caller's own EXIT trap, if any, must call stop_throwaway.

source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"   # free_port

stop_throwaway() {
  if [[ -n ${server:-} ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  [[ -n ${work:-} ]] && rm -rf "$work"
  return 0
}

serve_throwaway() {
  local binary=$1
  shift
  work=$(mktemp -d)
  trap stop_throwaway EXIT
  [[ ${1:-} == --empty ]] || "$binary" load --store "$work/store" --defaults 2>/dev/null
  port=$(free_port)
  token=throwaway-$RANDOM$RANDOM$RANDOM
  RUST_LOG=warn "$binary" serve --store "$work/store" --bind "127.0.0.1:$port" --write-token "$token" \
    "$@" 2>"$work/server.log" &
  server=$!
  for _ in $(seq 1 150); do
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not answer on port $port; its log:" >&2
  cat "$work/server.log" >&2
  return 1
}
