#!/usr/bin/env bash
# Tauri's beforeBundleCommand (src-tauri/tauri.conf.json): what the package carries besides the app,
# put where bundle.linux.deb.files and appimage.files take it from (src-tauri/target-cli/, not in git):
#   caja           the `caja` command, built with the app's profile        -> /usr/bin/caja
#   changelog.gz   CHANGELOG.md, compressed as Debian's policy asks        -> /usr/share/doc/caja/changelog.gz
# (bundle.linux.deb.changelog would put it under the product's name, /usr/share/doc/Caja/.)
# The bundler runs this from ui/, with TAURI_ENV_DEBUG=true for `tauri build --debug`; it works from
# anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
if [ "${TAURI_ENV_DEBUG:-}" = true ]; then
  cargo build --quiet -p cli --bin caja
  built="$target/debug/caja"
else
  cargo build --quiet --release -p cli --bin caja
  built="$target/release/caja"
fi
mkdir -p src-tauri/target-cli
install -m 0755 "$built" src-tauri/target-cli/caja
gzip -9 --no-name --stdout CHANGELOG.md >src-tauri/target-cli/changelog.gz
echo "[caja] for the package: $built and CHANGELOG.md in src-tauri/target-cli/" >&2
