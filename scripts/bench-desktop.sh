#!/usr/bin/env bash
# Desktop bench: on this machine, how long Caja takes from spawn to an interactive Cobro screen, and how
# much memory (PSS, the app plus all its WebKit processes) it holds after the happy path, beside the same
# figures for an empty Tauri 2 window built the same way (benches/desktop/empty-window).
# Goals: start within 1.0 s; PSS at most 1.1 times the empty window's.
#
#   scripts/bench-desktop.sh [-n RUNS] [--no-build] [--out DIR]
#
#   -n RUNS      cold starts per app (default 5); then one more run per app measures memory
#   --no-build   use the binaries already in $CARGO_TARGET_DIR/debug
#   --out DIR    keep logs and screenshots there (default: a new /tmp/caja-bench.* folder)
#
# "Ready" is the `ui ready` line on the app's stderr: Caja logs it when the mounted UI first calls
# `app_info`; the empty window's page calls a `ready` command on load. Each run gets a fresh process, a
# fresh CAJA_DATA_DIR and a fresh HOME/XDG folders (no WebKit caches), on a clean environment; the files
# themselves stay in the page cache. Start times are spawn -> `ui ready`, stamped as the line arrives.
# The memory run of Caja creates the first supervisor, then types the happy path on the Cobro screen
# (14159265 / 1234567 / pay / confirm),
# checks it ended green (journal row paid_and_billed confirmed, screenshot green with no red or amber,
# no ERROR/panic on stderr), waits 2 s, then sums `Pss:` of /proc/PID/smaps_rollup over the app and
# all its descendants. A run that does not reach its end reports no memory.
#
# Each run's folder keeps `spawned` (the spawn instant), stderr.log (each line stamped as it arrived, same
# clock) and, for Caja's memory run, the screenshots of the happy path; pss-breakdown.txt has the
# per-process figures. BENCH_READY_TIMEOUT changes the 20 s allowed for `ui ready`.
#
# Exit status: 0 when every figure was measured (whatever the verdicts), 1 when a run failed, 2 on usage.
# Needs Xvfb, xdotool, ImageMagick (import, convert) and sqlite3 (`scripts/setup.sh` installs them).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
empty_dir="$repo/benches/desktop/empty-window"

runs=5
build=1
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="${2:?-n needs a number}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --out) out="${2:?--out needs a folder}"; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-desktop: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
case "$runs" in '' | *[!0-9]* | 0) echo "bench-desktop: -n wants a positive number" >&2; exit 2 ;; esac

READY_TIMEOUT=${BENCH_READY_TIMEOUT:-20} # seconds from spawn to `ui ready` before a run counts as failed
SETTLE=2         # seconds after the last action before memory is read
GOAL_START=1.0   # seconds
GOAL_RATIO=1.1   # Caja's PSS over the empty window's

log() { printf '[bench] %s\n' "$*" >&2; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

for tool in Xvfb xdotool import convert sqlite3 awk; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh installs it: run ./test or ./run once)"
done

# ---- everything this script starts is killed on exit -------------------------------------------------
xvfb_pid=""
started=() # app pids, plus every descendant seen while they ran
cleanup() {
  local pid
  for pid in "${started[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  if [ -n "$xvfb_pid" ]; then
    kill -TERM "$xvfb_pid" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do alive "$xvfb_pid" || break; sleep 0.1; done
    kill -KILL "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- processes: finding, stopping and measuring what the run started (scripts/bench-desktop/processes.sh)
source "$(dirname "${BASH_SOURCE[0]}")/bench-desktop/processes.sh"

# ---- one run -----------------------------------------------------------------------------------------
# Starts app $1 (caja | empty) for run folder $2; sets app_pid, t0, and writes $2/stderr.log.
spawn() {
  local which=$1 dir=$2
  mkdir -p "$dir/home" "$dir/xdg-runtime" "$dir/data"
  chmod 700 "$dir/xdg-runtime"
  local envs=(
    PATH="$PATH" LANG="${LANG:-C.UTF-8}" DISPLAY="$DISPLAY" NO_COLOR=1
    HOME="$dir/home" XDG_RUNTIME_DIR="$dir/xdg-runtime"
    XDG_CACHE_HOME="$dir/home/.cache" XDG_CONFIG_HOME="$dir/home/.config" XDG_DATA_HOME="$dir/home/.local/share"
  )
  local bin
  if [ "$which" = caja ]; then
    bin="$CARGO_TARGET_DIR/debug/caja-desktop"
    envs+=(CAJA_MODE=sandbox CAJA_DATA_DIR="$dir/data" CAJA_LOG=info)
  else
    bin="$CARGO_TARGET_DIR/debug/empty-window"
  fi
  # The stamping reader is the script's child, not the app's (it must not count as the app's memory).
  mkfifo "$dir/stderr.fifo"
  stamp_lines <"$dir/stderr.fifo" >"$dir/stderr.log" &
  started+=("$!")
  t0=$EPOCHREALTIME
  echo "$t0 spawn $bin" >"$dir/spawned"
  env -i "${envs[@]}" "$bin" >"$dir/stdout.log" 2>"$dir/stderr.fifo" &
  app_pid=$!
  started+=("$app_pid")
}

# Waits for `ui ready` in $1/stderr.log; prints seconds from t0, or fails (app gone or timeout).
wait_ready() {
  local dir=$1 line deadline=$((SECONDS + READY_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    line=$(grep -m1 'ui ready' "$dir/stderr.log" 2>/dev/null || true)
    if [ -n "$line" ]; then
      awk -v a="$t0" -v b="${line%% *}" 'BEGIN { printf "%.3f\n", b - a }'
      return 0
    fi
    alive "$app_pid" || { log "the app exited before it was ready (see $dir/stderr.log)"; return 1; }
    sleep 0.02
  done
  log "no 'ui ready' within ${READY_TIMEOUT}s (see $dir/stderr.log)"
  return 1
}

# Pixels of colour $2 (#RRGGBB) in screenshot $1.
pixels() {
  convert "$1" -format %c histogram:info:- 2>/dev/null |
    awk -v c="$(tr '[:lower:]' '[:upper:]' <<<"$2")" 'toupper($0) ~ c { gsub(":", "", $1); n += $1 } END { print n + 0 }'
}

# Caja's journal: how many paid_and_billed operations of the demo financing are confirmed.
confirmed_payments() {
  sqlite3 "file:$1/data/caja.sqlite3?mode=ro" \
    "SELECT count(*) FROM journal WHERE kind = 'paid_and_billed' AND state = 'confirmed'
       AND customer_number = '14159265' AND funding_code = '1234567';" 2>/dev/null || echo 0
}

RED='#B3261E' GREEN='#176B2C' AMBER='#F0A500' # the result card's head, ui/src/app.css

# The happy path on Caja's Cobro screen; fails unless the card ends green ("Puede entregar el producto").
happy_path() {
  local dir=$1 deadline shot
  sleep 0.5 # the field gets its focus as the UI mounts
  xdotool mousemove 683 384 # no window manager: keyboard focus follows the pointer
  # A fresh till first asks for its supervisor (name, PIN, PIN again), then opens Cobro.
  xdotool type --delay 20 "Rosa Quispe"
  xdotool key Tab; xdotool type --delay 20 2468; xdotool key Tab; xdotool type --delay 20 2468
  xdotool key Return
  sleep 1
  xdotool type --delay 20 14159265
  xdotool key Return
  sleep 0.2
  xdotool type --delay 20 1234567
  xdotool key Return
  # The red card with the amount to collect.
  deadline=$((SECONDS + 10))
  shot="$dir/1-pending.png"
  while :; do
    import -window root "$shot"
    [ "$(pixels "$shot" "$RED")" -gt 1000 ] && break
    [ $SECONDS -lt $deadline ] || { log "no red card after the check (see $shot)"; return 1; }
    sleep 0.2
  done
  xdotool key Return # "Marcar pagado y facturado" has the focus: opens the confirmation
  sleep 0.5
  import -window root "$dir/2-confirm.png"
  xdotool key Return # confirms
  last_action=$EPOCHREALTIME
  deadline=$((SECONDS + 10))
  until [ "$(confirmed_payments "$dir")" -ge 1 ]; do
    [ $SECONDS -lt $deadline ] || { log "the journal has no confirmed payment"; return 1; }
    sleep 0.1
  done
  sleep 0.3 # the card repaints after the answer
  shot="$dir/3-done.png"
  import -window root "$shot"
  local green red amber
  green=$(pixels "$shot" "$GREEN") red=$(pixels "$shot" "$RED") amber=$(pixels "$shot" "$AMBER")
  if [ "$green" -lt 1000 ] || [ "$red" -gt 0 ] || [ "$amber" -gt 0 ]; then
    log "the screen is not the green 'done' card: green=$green red=$red amber=$amber px (see $shot)"
    return 1
  fi
}

# No errors on the app's stderr (tracing's ERROR level, Rust panics).
clean_stderr() {
  if grep -E ' ERROR |panicked' "$1/stderr.log" >&2; then
    log "errors on stderr (see $1/stderr.log)"
    return 1
  fi
}

# Sleeps until $SETTLE seconds after the moment $1.
settle_after() {
  local left
  left=$(awk -v t="$1" -v now="$EPOCHREALTIME" -v s="$SETTLE" 'BEGIN { d = t + s - now; print (d > 0 ? d : 0) }')
  sleep "$left"
}

# ---- build -------------------------------------------------------------------------------------------
if [ "$build" = 1 ]; then
  [ -f "$repo/ui/dist/index.html" ] || die "ui/dist is not built (run ./run once, or npm run build in ui/)"
  log "building caja-desktop (debug) into $CARGO_TARGET_DIR"
  (cd "$repo" && cargo build --quiet -p caja-desktop)
  # Same dependency versions as Caja, hence the reuse of its compiled crates; cargo drops the rest.
  cp "$repo/Cargo.lock" "$empty_dir/Cargo.lock"
  log "building the empty window (debug)"
  cargo build --quiet --manifest-path "$empty_dir/Cargo.toml"
fi
for bin in caja-desktop empty-window; do
  [ -x "$CARGO_TARGET_DIR/debug/$bin" ] || die "$CARGO_TARGET_DIR/debug/$bin is not built (drop --no-build)"
done

# ---- display -----------------------------------------------------------------------------------------
out="${out:-$(mktemp -d /tmp/caja-bench.XXXXXX)}"
mkdir -p "$out"
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$out/display" >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
deadline=$((SECONDS + 10))
until [ -s "$out/display" ]; do
  alive "$xvfb_pid" || die "Xvfb did not start (see $out/xvfb.log)"
  [ $SECONDS -lt $deadline ] || die "Xvfb gave no display within 10 s"
  sleep 0.05
done
export DISPLAY=":$(tr -d '[:space:]' <"$out/display")"
log "Xvfb on $DISPLAY; logs and screenshots in $out"

busy=$(ps -eo comm= | grep -cxE 'cargo|rustc|clippy-driver|cc1|cc1plus|ld|node' || true)
load=$(cut -d' ' -f1 /proc/loadavg)
if [ "${busy:-0}" -gt 0 ]; then
  log "warning: $busy compiler/node processes are running (load $load): start times will be slower"
fi
# PSS splits shared pages between the processes that map them: another WebKit app running meanwhile
# (an E2E test, say) lowers both figures.
others=$(ps -eo stat=,comm= | awk '$1 !~ /^Z/ && $2 ~ /^WebKit/' | wc -l)
if [ "$others" -gt 0 ]; then
  log "warning: $others other WebKit processes are running: PSS figures will read low"
fi

# ---- measure -----------------------------------------------------------------------------------------
declare -A median lo hi fails pss
failed=0
exec 3>"$out/pss-breakdown.txt"

for app in empty caja; do
  times=()
  fails[$app]=0
  for i in $(seq 1 "$runs"); do
    dir="$out/$app-start-$i"
    spawn "$app" "$dir"
    if t=$(wait_ready "$dir"); then
      times+=("$t")
      log "$app start $i/$runs: ${t}s"
    else
      fails[$app]=$((fails[$app] + 1))
      log "$app start $i/$runs: FAILED"
    fi
    remember_tree "$app_pid"
    stop_app "$app_pid"
    rm -rf "$dir/data" "$dir/home" "$dir/xdg-runtime" "$dir/stderr.fifo"
    sleep 0.3
  done
  if [ ${#times[@]} -gt 0 ]; then
    read -r median[$app] lo[$app] hi[$app] < <(printf '%s\n' "${times[@]}" | sort -g | awk '
      { v[NR] = $1 }
      END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }')
  fi
  [ "${fails[$app]}" -eq 0 ] || failed=1

  # The memory run.
  dir="$out/$app-memory"
  spawn "$app" "$dir"
  if wait_ready "$dir" >/dev/null; then
    remember_tree "$app_pid"
    ok=1
    if [ "$app" = caja ]; then
      happy_path "$dir" || ok=0
    else
      last_action=$EPOCHREALTIME
    fi
    if [ "$ok" = 1 ]; then
      settle_after "$last_action"
      clean_stderr "$dir" || ok=0
    fi
    if [ "$ok" = 1 ] && alive "$app_pid"; then
      printf '%s (after %s):\n' "$app" "$([ "$app" = caja ] && echo 'the happy path' || echo 'ready')" >&3
      pss[$app]=$(pss_tree "$app_pid")
      log "$app memory: $(awk -v k="${pss[$app]}" 'BEGIN { printf "%.1f", k / 1024 }') MiB PSS"
    else
      log "$app memory run: FAILED, no memory reported"
      failed=1
    fi
    remember_tree "$app_pid"
  else
    log "$app memory run: FAILED (never ready)"
    failed=1
  fi
  stop_app "$app_pid"
  rm -rf "$dir/data" "$dir/home" "$dir/xdg-runtime" "$dir/stderr.fifo"
done
exec 3>&-

# ---- report ------------------------------------------------------------------------------------------
mib() { [ -n "${1:-}" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }' || echo "-"; }
sec() { [ -n "${1:-}" ] && awk -v s="$1" 'BEGIN { printf "%.2f", s }' || echo "-"; }

echo
echo "Caja desktop bench — $(hostname), $(nproc) cores, load $load at start; debug builds, Xvfb 1366x768x24"
echo "$runs cold starts per app (spawn -> 'ui ready'); PSS = app + all descendants, 2 s after the last action"
echo
printf '%-14s %12s %8s %8s %7s %10s\n' app "start med" min max failed "PSS MiB"
for app in caja empty; do
  name=$([ "$app" = caja ] && echo caja-desktop || echo empty-window)
  printf '%-14s %10s s %6s s %6s s %4s/%-2s %10s\n' "$name" "$(sec "${median[$app]:-}")" \
    "$(sec "${lo[$app]:-}")" "$(sec "${hi[$app]:-}")" "${fails[$app]}" "$runs" "$(mib "${pss[$app]:-}")"
done
echo
verdict() { awk -v v="$1" -v g="$2" 'BEGIN { print (v <= g ? "PASS" : "OVER") }'; }
if [ -n "${median[caja]:-}" ]; then
  printf '%-38s %-26s %s\n' "goal: start <= $GOAL_START s" \
    "$(sec "${median[caja]}") s ($(awk -v m="${median[caja]}" -v g="$GOAL_START" 'BEGIN { printf "%.2f", m / g }') x goal)" \
    "$(verdict "${median[caja]}" "$GOAL_START")"
else
  printf '%-38s %-26s %s\n' "goal: start <= $GOAL_START s" "not measured" FAILED
fi
if [ -n "${pss[caja]:-}" ] && [ -n "${pss[empty]:-}" ]; then
  ratio=$(awk -v a="${pss[caja]}" -v b="${pss[empty]}" 'BEGIN { printf "%.4f", a / b }')
  printf '%-38s %-26s %s\n' "goal: PSS <= $GOAL_RATIO x empty ($(awk -v k="${pss[empty]}" -v r="$GOAL_RATIO" 'BEGIN { printf "%.1f", k * r / 1024 }') MiB)" \
    "$(mib "${pss[caja]}") MiB ($(sec "$ratio") x empty)" "$(verdict "$ratio" "$GOAL_RATIO")"
else
  printf '%-38s %-26s %s\n' "goal: PSS <= $GOAL_RATIO x empty" "not measured" FAILED
fi
if [ -n "${median[empty]:-}" ]; then
  printf '%-38s %s\n' "for reference: caja / empty start" \
    "$(awk -v a="${median[caja]:-0}" -v b="${median[empty]}" 'BEGIN { printf "%.2f x", a / b }')"
fi
echo
echo "Per-process PSS: $out/pss-breakdown.txt"
sed 's/^/  /' "$out/pss-breakdown.txt"
exit "$failed"
