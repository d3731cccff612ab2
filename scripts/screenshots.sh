#!/usr/bin/env bash
# Takes the README's screenshots from the running app at 1366x768: the first run, Cobro (pending and
# done), Resumen del día, Historial, Ajustes and Supervisión, on the embedded sandbox's demo data. Drives the real window with the
# keyboard (xdotool) on a virtual display, as a cashier would.
#   scripts/screenshots.sh [OUT_DIR]   (default docs/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-docs/screenshots}"
target="${CARGO_TARGET_DIR:-target}"
app="$target/debug/caja-desktop"
[ -x "$app" ] || cargo build --quiet -p caja-desktop
mkdir -p "$out"

display_number=$(for n in $(seq 150 199); do [ -e "/tmp/.X11-unix/X$n" ] || { echo "$n"; break; }; done)
export DISPLAY=":$display_number"
data_dir=$(mktemp -d)
log="$data_dir/app.log"
cleanup() {
  kill "${app_pid:-}" 2>/dev/null || true
  kill "${xvfb_pid:-}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$data_dir"
}
trap cleanup EXIT

Xvfb "$DISPLAY" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$display_number" ] && break; sleep 0.05; done

CAJA_DATA_DIR="$data_dir" CAJA_MODE=sandbox CAJA_LOG=info \
  CAJA_STORE_NAME="Bodega Señor de Muruhuay" "$app" >"$log" 2>&1 &
app_pid=$!
for _ in $(seq 200); do grep -q "ui ready" "$log" && break; sleep 0.1; done
grep -q "ui ready" "$log" || { echo "the app never became ready:" >&2; cat "$log" >&2; exit 1; }
sleep 1

shot() { sleep "${2:-1}"; import -window root "$out/$1.png"; echo "wrote $out/$1.png"; }
key() { xdotool key --delay 60 "$@"; }

# First run: the till's first supervisor (name, PIN, PIN again).
xdotool type --delay 40 "Rosa Quispe"
shot primer-inicio 0.5
key Tab; xdotool type --delay 40 2468; key Tab; xdotool type --delay 40 2468; key Return
sleep 1.5
xdotool type --delay 40 14159265; key Return
xdotool type --delay 40 1234567; key Return
shot cobro-pendiente 1.5
key Return            # Marcar pagado y facturado
shot cobro-confirmar 0.8
key Return            # confirm
shot cobro-entregar 1.5
key F2
shot resumen-del-dia 2
key F3
shot historial 1.5
key F4
shot ajustes 1.5
key F5
shot supervision 1.5
