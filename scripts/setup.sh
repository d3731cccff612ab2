#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test Caja, and nothing it already has.
# Sourced by ./run and ./test; safe to run again.
set -euo pipefail

# System packages: a C toolchain for the bundled SQLite, D-Bus headers for the secret store (keyring),
# WebKitGTK and friends for the Tauri window, Xvfb and WebKitWebDriver for the end-to-end tests,
# poppler-utils (pdftotext, pdftoppm) to read the PDFs back, ImageMagick to take screenshots, and a
# private Secret Service for the token tests (dbus-daemon, gnome-keyring, secret-tool), PostgreSQL for
# Caja Central (its tests start a server of their own), Chromium with its WebDriver for Central's pages,
# jq for the package test's WebDriver calls (scripts/package-test.sh), and sudo, through which the
# desktop's updater runs `dpkg -i` when no graphical prompt (pkexec) is there: the package test applies
# a signed update to the installed app.
CAJA_APT_PACKAGES=(
  build-essential pkg-config ca-certificates curl libdbus-1-dev libssl-dev
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev
  xvfb xauth webkit2gtk-driver poppler-utils imagemagick xdotool sqlite3
  dbus-daemon gnome-keyring libsecret-tools
  postgresql chromium chromium-driver zbar-tools jq sudo
)

caja_log() { printf '\033[1m[caja]\033[0m %s\n' "$*" >&2; }

caja_install_apt_packages() {
  local missing=()
  for package in "$@"; do
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

# The UI is built with Vite, which needs Node.js 20.19 or newer.
caja_check_node() {
  if ! command -v npm >/dev/null; then
    caja_install_apt_packages nodejs npm
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    caja_log "Node.js $(node --version) is too old for the UI build: install Node.js 20.19 or newer."
    return 1
  fi
}

# tauri-driver fronts WebKitWebDriver for the end-to-end tests.
caja_install_cargo_tools() {
  if ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    caja_log "installing tauri-driver"
    cargo install tauri-driver --version '^2' --locked --quiet
  fi
  export PATH="$HOME/.cargo/bin:$PATH"
}

# The UI is embedded in the app binary at compile time, so it is built before cargo runs.
caja_build_ui() {
  (
    cd ui
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      caja_log "installing the UI's npm packages"
      npm ci --no-audit --no-fund --loglevel=error
    fi
    caja_log "building the UI"
    npm run --silent build
  )
}

caja_setup() {
  caja_install_apt_packages "${CAJA_APT_PACKAGES[@]}"
  caja_check_rust
  caja_check_node
  caja_build_ui
}
