#!/usr/bin/env bash
# The package as a store's IT installs it: builds the Debian package with the Tauri bundler, installs it
# with apt-get on this machine, starts the INSTALLED desktop app under Xvfb and sees its first-run screen
# through WebDriver, runs the installed `caja --version` and `caja check` against the simulator, lets the
# installed app update itself to a signed next version offered by a Caja Central (the updater's swap,
# through dpkg), removes the package and shows that the cashier's data folder is still there.
#
# Run by ./test after the cargo tests; also alone: scripts/package-test.sh. Needs root or sudo (it
# installs and removes the `caja` package). Everything it starts is stopped on exit, and the package is
# removed on exit whatever happened, so the machine is left as it was found and a second run works.
# The bundle is a debug build (`tauri build --debug`): it reuses the dev-profile artifacts the workspace's
# tests already built, where a release bundle would be another full optimised build (about 10 minutes).
# Logs, the screenshots and the data folders of the run are kept in $CAJA_PACKAGE_TEST_DIR
# (default /tmp/caja-package-test), emptied at the start of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/setup.sh

started=$(date +%s)
step() { caja_log "package: $* (+$(($(date +%s) - started)) s)"; }
fail() { caja_log "package: FAILED: $*"; exit 1; }

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
apt_get() { DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get "$@"; }
installed() { dpkg-query -W -f='${Status}' caja 2>/dev/null | grep -q "install ok installed"; }

# One package test at a time on a machine: two would install and remove the same system package under
# each other (several clones may run ./test on one CI machine).
exec 9>"${TMPDIR:-/tmp}/caja-package-test.lock"
if ! flock -n 9; then
  caja_log "package: another package test is running on this machine; waiting for it (at most 30 min)"
  flock -w 1800 9 || fail "the other package test did not finish in 30 minutes"
fi

work="${CAJA_PACKAGE_TEST_DIR:-/tmp/caja-package-test}"
rm -rf "$work"
mkdir -p "$work"
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$root/$target" ;; esac

pids=()
we_installed=false
cleanup() {
  local status=$?
  # tauri-driver stops its WebKitWebDriver child only on SIGTERM (a stray child keeps its port).
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$we_installed" = true ] && installed; then
    caja_log "package: removing the caja package (cleanup)"
    apt_get remove -y -qq caja >>"$work/apt.log" 2>&1 || caja_log "package: apt-get remove failed, see $work/apt.log"
  fi
  if [ "$status" -eq 0 ]; then
    caja_log "package: passed in $(($(date +%s) - started)) s; logs and screenshots in $work"
  else
    caja_log "package: failed (exit $status); logs and screenshots in $work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Build --------------------------------------------------------------------------------------------
caja_check_rust
version=$(cargo metadata --no-deps --format-version 1 |
  jq -r '.packages[] | select(.name == "caja-desktop") | .version')
[ -n "$version" ] || fail "cannot read the workspace version"
step "workspace version $version; building the UI and the .deb (tauri build --debug --bundles deb)"
caja_setup
rm -rf "$target/debug/bundle/deb"
tauri="$root/ui/node_modules/.bin/tauri"
[ -x "$tauri" ] || fail "the Tauri CLI is missing: (cd ui && npm ci)"
"$tauri" build --debug --bundles deb --ci >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log" >&2
  fail "the bundle did not build (log: $work/build.log)"
}
deb=$(find "$target/debug/bundle/deb" -maxdepth 1 -name "*_${version}_*.deb" | head -1)
[ -n "$deb" ] || fail "no .deb for version $version in $target/debug/bundle/deb"
step "built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends Section | sed 's/^/  /' >&2
dpkg-deb --contents "$deb" >"$work/contents.txt"
for path in ./usr/bin/caja ./usr/bin/caja-desktop ./usr/share/applications/Caja.desktop \
  ./usr/share/icons/hicolor/128x128/apps/caja-desktop.png ./usr/share/doc/caja/changelog.gz; do
  grep -Eq " (\./)?${path#./}\$" "$work/contents.txt" || fail "the package lacks $path (see $work/contents.txt)"
done

# --- Install ------------------------------------------------------------------------------------------
if installed; then
  step "a caja package is already installed (an earlier run stopped half way?): removing it first"
  apt_get remove -y -qq caja >>"$work/apt.log" 2>&1
fi
[ ! -e /usr/bin/caja ] && [ ! -e /usr/bin/caja-desktop ] || fail "/usr/bin/caja* exists without the package"
step "apt-get install $deb"
# Recommends (cups-client, gnome-keyring, xdg-utils) are not installed here: removing the package would
# leave them behind, and the test leaves the machine as it found it. Depends are resolved by apt.
we_installed=true
apt_get install -y -qq --no-install-recommends "$deb" >>"$work/apt.log" 2>&1 || {
  tail -20 "$work/apt.log" >&2
  fail "apt-get install failed"
}
installed_version=$(dpkg-query -W -f='${Version}' caja)
[ "$installed_version" = "$version" ] || fail "dpkg says caja $installed_version, the workspace $version"
dpkg -L caja | grep -E '^/usr/(bin|share/applications|share/doc)/' | sed 's/^/  /' >&2
sed 's/^/  /' /usr/share/applications/Caja.desktop >&2
zcat /usr/share/doc/caja/changelog.gz | grep -q "^## \[$version\]" ||
  fail "the installed changelog has no section for $version"

# --- The installed caja command -------------------------------------------------------------------------
step "/usr/bin/caja --version"
/usr/bin/caja --version | tee "$work/version.txt" | sed 's/^/  /' >&2
grep -q "^caja $version\$" "$work/version.txt" || fail "caja --version does not say $version"

mkdir -p "$work/cli-home" "$work/cli-data"
clean_env=(env -i PATH=/usr/bin:/bin HOME="$work/cli-home" LANG=C.UTF-8)
"${clean_env[@]}" /usr/bin/caja --json sandbox >"$work/sandbox.log" 2>&1 &
pids+=($!)
sandbox_url=""
for _ in $(seq 100); do
  sandbox_url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/sandbox.log" | head -1 || true)
  [ -n "$sandbox_url" ] && break
  sleep 0.1
done
[ -n "$sandbox_url" ] || fail "caja sandbox printed no URL ($work/sandbox.log)"
step "caja sandbox serves $sandbox_url; caja check against it"
caja_env=("${clean_env[@]}" CAJA_DATA_DIR="$work/cli-data" CAJA_MODE=sandbox CAJA_API_URL="$sandbox_url")
"${caja_env[@]}" /usr/bin/caja check --dni 14159265 --funding-code 1234567 | tee "$work/check.txt" |
  sed 's/^/  /' >&2
"${caja_env[@]}" /usr/bin/caja --json check --dni 14159265 --funding-code 1234567 >"$work/check.json"
jq -e '.ok == true and .amount_to_collect != null' "$work/check.json" >/dev/null || fail "caja check did not succeed: $(cat "$work/check.json")"
[ -f "$work/cli-data/caja.sqlite3" ] || fail "caja check made no database in $work/cli-data"

# --- The installed desktop app, under Xvfb, through WebDriver ------------------------------------------
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
caja_install_cargo_tools
exec 3>"$work/display"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
pids+=($!)
exec 3>&-
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start ($work/xvfb.log)"
display=":$(head -1 "$work/display")"
# A fresh cashier: a home of its own and no CAJA_DATA_DIR, so the app uses the platform's data folder,
# the one a package removal must keep.
app_home="$work/cashier-home"
data_folder="$app_home/.local/share/pe.caja.till"
mkdir -p "$app_home"
port=$(free_port)
native_port=$(free_port)
step "installed app under Xvfb $display (HOME=$app_home), tauri-driver on $port"
env -i PATH="/usr/bin:/bin:$HOME/.cargo/bin" HOME="$app_home" DISPLAY="$display" LANG=C.UTF-8 \
  CAJA_MODE=sandbox CAJA_API_URL="$sandbox_url" \
  "$(command -v tauri-driver)" --port "$port" --native-port "$native_port" >"$work/driver.log" 2>&1 &
pids+=($!)
webdriver="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -s "$webdriver/status" >/dev/null && break; sleep 0.1; done
capabilities='{"capabilities":{"alwaysMatch":{"browserName":"wry","tauri:options":{"application":"/usr/bin/caja-desktop"}}}}'
session=""
for attempt in 1 2 3; do
  session=$(curl -s -X POST -H 'Content-Type: application/json' -d "$capabilities" "$webdriver/session" |
    jq -r '.value.sessionId // empty' || true)
  [ -n "$session" ] && break
  caja_log "package: the WebDriver session did not open (attempt $attempt); retrying"
  sleep 1
done
[ -n "$session" ] || fail "no WebDriver session with /usr/bin/caja-desktop ($work/driver.log)"
pgrep -f '^/usr/bin/caja-desktop' >/dev/null || fail "no /usr/bin/caja-desktop process is running"
# The first-run screen: the till's first supervisor (name, PIN, the PIN again, the store's country).
first_run='[data-testid=\"signin-pin-again\"]'
found=""
for _ in $(seq 60); do
  found=$(curl -s -X POST -H 'Content-Type: application/json' \
    -d "{\"using\":\"css selector\",\"value\":\"$first_run\"}" "$webdriver/session/$session/element" |
    jq -r '.value | to_entries[0].value // empty' 2>/dev/null || true)
  [ -n "$found" ] && break
  sleep 0.5
done
[ -n "$found" ] || fail "the installed app never showed its first-run screen"
curl -s -X POST -H 'Content-Type: application/json' -d '{"script":"return document.body.innerText","args":[]}' \
  "$webdriver/session/$session/execute/sync" | jq -r '.value' >"$work/first-run.txt"
step "the installed app shows its first-run screen:"
grep -v '^\s*$' "$work/first-run.txt" | head -12 | sed 's/^/  /' >&2
sleep 1
curl -s "$webdriver/session/$session/screenshot" | jq -r '.value' | base64 -d >"$work/installed-first-run.png"
DISPLAY="$display" import -window root "$work/installed-screen.png" 2>>"$work/xvfb.log" || true
curl -s -X DELETE "$webdriver/session/$session" >/dev/null || true
[ -d "$data_folder" ] || fail "the app made no data folder at $data_folder"
ls -la "$data_folder" | sed 's/^/  /' >&2
database="$data_folder/caja.sqlite3"   # till::db::DATABASE_FILE
[ -f "$database" ] || fail "no database $database"

# --- A signed update, installed by the installed app ---------------------------------------------------
# The next version is this package repacked with the next version number (the binary inside is the same;
# dpkg's version is what shows the swap happened), signed as a chain's release manager signs one: the
# Tauri CLI's signer with the development key a debug build trusts (tests/fixtures/updates). The test
# binary is the one ./test built (--workspace: the same features, nothing rebuilt).
next=$(echo "$version" | awk -F. -v OFS=. '{ $3 = $3 + 1; print }')
step "repacking the package as $next and signing it (tauri signer sign --app-version $next)"
rm -rf "$work/next"
dpkg-deb -R "$deb" "$work/next"
sed -i "s/^Version: .*/Version: $next/" "$work/next/DEBIAN/control"
next_deb="$work/Caja_${next}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip -z1 -b "$work/next" "$next_deb" >/dev/null
"$tauri" signer sign -f "$root/tests/fixtures/updates/dev-key" -p '' --app-version "$next" "$next_deb" \
  >"$work/sign.log" 2>&1 || fail "the signer failed ($work/sign.log)"
step "the installed app finds $next in a Caja Central, verifies it and installs it (tests/e2e/updates_installed.rs)"
update_test=updates_installed::the_installed_app_installs_a_signed_update_and_starts_again
CAJA_E2E_APP=/usr/bin/caja-desktop CAJA_E2E_UPDATE_DEB="$next_deb" CAJA_E2E_UPDATE_VERSION="$next" \
  CAJA_E2E_SHOTS="$work" cargo test --workspace --test e2e -- --exact "$update_test" \
  >"$work/update-e2e.log" 2>&1 || {
  tail -40 "$work/update-e2e.log" >&2
  fail "the installed app did not update itself ($work/update-e2e.log)"
}
grep -q "test result: ok. 1 passed" "$work/update-e2e.log" || fail "the update test did not run ($work/update-e2e.log)"
pkill -f '^/usr/bin/caja-desktop' 2>/dev/null || true
[ "$(dpkg-query -W -f='${Version}' caja)" = "$next" ] || fail "dpkg does not say caja $next after the update"
grep -h 'installed by the app' "$work/update-e2e.log" | sed 's/^/  /' >&2 || true

# --- Remove: the package goes, the cashier's data stays ----------------------------------------------
step "apt-get remove caja"
apt_get remove -y -qq caja >>"$work/apt.log" 2>&1 || fail "apt-get remove failed"
we_installed=false
! installed || fail "caja is still installed after apt-get remove"
[ ! -e /usr/bin/caja ] && [ ! -e /usr/bin/caja-desktop ] || fail "/usr/bin/caja* left after removal"
[ -f "$database" ] || fail "the removal took the cashier's database $database"
integrity=$(sqlite3 "$database" 'PRAGMA integrity_check')
[ "$integrity" = ok ] || fail "the kept database is not intact: $integrity"
[ -f "$work/cli-data/caja.sqlite3" ] || fail "the removal took the CLI's database"
step "after removal the data folder is kept: $database (integrity_check: $integrity, $(du -h "$database" | cut -f1))"
