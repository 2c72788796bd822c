# Shared by the benchmark scripts (sourced, not run): `source "$(dirname "$0")/bench-lib.sh"`.

# maillage_binary: the maillage binary to benchmark, printed. MAILLAGE_BIN when set (it must
# exist); otherwise target/release/maillage, built first when missing.
maillage_binary() {
  local bin=${MAILLAGE_BIN:-target/release/maillage}
  if [[ ! -x $bin ]]; then
    if [[ -z ${MAILLAGE_BIN:-} ]]; then
      echo "no release build at $bin: building it (cargo build --release; 15-40 min the first time)" >&2
      cargo build --release >&2
    else
      echo "no maillage binary at $bin" >&2; return 1
    fi
  fi
  echo "$bin"
}

# free_port: a TCP port free on 127.0.0.1, printed.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
