#!/usr/bin/env bash
# Installs what building Maillage needs on a fresh Debian machine, and only what is missing:
# libclang (bindgen for oxigraph's RocksDB), sccache (C++ compile cache) and, with --browser,
# Chromium and ChromeDriver for the web-page tests, and axe-core (the accessibility checker the
# browser tests inject into each page, from the npm registry, checked by its SHA-256) under
# ~/.cache/maillage/. Safe to run repeatedly.
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

if [[ "${1:-}" == "--browser" ]]; then
  axe_version=4.14.1
  axe_sha256=e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745
  axe_dir="${XDG_CACHE_HOME:-$HOME/.cache}/maillage/axe-core-$axe_version"
  if [[ ! -s "$axe_dir/axe.min.js" ]]; then
    echo "bootstrap: fetching axe-core $axe_version from the npm registry" >&2
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    curl -fsSL -o "$tmp/axe.tgz" "https://registry.npmjs.org/axe-core/-/axe-core-$axe_version.tgz"
    echo "$axe_sha256  $tmp/axe.tgz" | sha256sum --check --quiet
    tar -xzf "$tmp/axe.tgz" -C "$tmp" package/axe.min.js package/LICENSE
    mkdir -p "$axe_dir"
    mv "$tmp/package/axe.min.js" "$tmp/package/LICENSE" "$axe_dir/"
  fi
fi
