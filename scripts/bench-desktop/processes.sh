# shellcheck shell=bash
# Sourced by scripts/bench-desktop.sh: the processes a run starts, found by descent from the app's PID
# (WebKit's helpers are children), stopped on exit, and measured by PSS (smaps_rollup).

# ---- processes ---------------------------------------------------------------------------------------
# The pids of $1's descendants (not $1 itself), from the ppid field of /proc/*/stat.
descendants() {
  local root=$1 stat p fields
  local -A kids=()
  for p in /proc/[0-9]*; do
    { read -r stat <"$p/stat"; } 2>/dev/null || continue
    # After the command name (which may hold spaces and parentheses): state, ppid, ...
    read -ra fields <<<"${stat##*) }"
    kids[${fields[1]}]+="${p#/proc/} "
  done
  local queue=("$root") found=() next
  while [ ${#queue[@]} -gt 0 ]; do
    next=${queue[0]}
    queue=("${queue[@]:1}")
    for p in ${kids[$next]:-}; do
      found+=("$p")
      queue+=("$p")
    done
  done
  echo "${found[@]}"
}

# Remembers the app's current descendants so that cleanup can reach them after the app is gone.
remember_tree() {
  local pid
  for pid in $(descendants "$1"); do started+=("$pid"); done
}

# True while $1 runs; a zombie counts as gone (the WebKit processes outlive the app by a moment and are
# then reparented to a pid 1 that may never reap them).
alive() {
  local stat
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
  stat=${stat##*) }
  [ "${stat:0:1}" != Z ]
}

# Stops the app and every descendant: SIGTERM, up to 5 s, then SIGKILL; waits until all are gone.
stop_app() {
  local app=$1 tree pid deadline
  tree="$app $(descendants "$app")"
  for pid in $tree; do started+=("$pid"); done
  kill -TERM "$app" 2>/dev/null || true
  deadline=$((SECONDS + 5))
  while alive "$app" && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
  for pid in $tree; do kill -KILL "$pid" 2>/dev/null || true; done
  wait "$app" 2>/dev/null || true
  deadline=$((SECONDS + 5))
  for pid in $tree; do
    while alive "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.05; done
  done
}

# Sum of `Pss:` (kB) over $1 and its descendants; one "pid comm kB" line per process on fd 3.
pss_tree() {
  local total=0 pid kb comm
  for pid in "$1" $(descendants "$1"); do
    kb=$(awk '/^Pss:/ { print $2; exit }' "/proc/$pid/smaps_rollup" 2>/dev/null) || continue
    [ -n "$kb" ] || continue
    { read -r comm <"/proc/$pid/comm"; } 2>/dev/null || comm="?"
    printf '    %-8s %-22s %8.1f MiB\n' "$pid" "$comm" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" >&3
    total=$((total + kb))
  done
  echo "$total"
}

# Prefixes each line of stdin with the moment it arrived (seconds, microseconds).
stamp_lines() {
  local line
  while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done
}
