#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Caja, and nothing it already has.
# Sourced by ./run and ./test; safe to run again.
set -euo pipefail

# System packages: a C toolchain for the bundled SQLite, D-Bus headers for the secret store (keyring),
# and poppler-utils, whose pdftotext/pdftoppm the tests use to read the PDFs back.
CAJA_APT_PACKAGES=(build-essential pkg-config libdbus-1-dev poppler-utils ca-certificates curl)

caja_log() { printf '\033[1m[caja]\033[0m %s\n' "$*" >&2; }

caja_install_apt_packages() {
  local missing=()
  for package in "${CAJA_APT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$package")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return 0
  fi
  caja_log "installing system packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      caja_log "need root to install ${missing[*]}: run as root or install sudo"; return 1
    fi
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

caja_check_rust() {
  if ! command -v cargo >/dev/null; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      caja_log "Rust is not installed: install it from https://rustup.rs (Rust 1.95 or newer), then run this again."
      return 1
    fi
  fi
}

caja_setup() {
  caja_install_apt_packages
  caja_check_rust
}
