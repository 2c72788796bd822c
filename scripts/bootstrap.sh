#!/usr/bin/env bash
# Installs what building Maillage needs on a fresh Debian machine, and only what is missing:
# libclang (bindgen for oxigraph's RocksDB), sccache (C++ compile cache) and, with --browser,
# Chromium and ChromeDriver for the web-page tests. Safe to run repeatedly.
set -euo pipefail

packages=(libclang1-14 libclang-common-14-dev sccache make)
if [[ "${1:-}" == "--browser" ]]; then
  packages+=(chromium chromium-driver fonts-dejavu-core)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "bootstrap: need root or sudo to install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
