#!/bin/bash
# The Lite kiosk session (vitrine-kiosk.service): runs the cage compositor with
# vitrine-kiosk.sh inside, and ends with a failure, so that systemd starts it again, when cage
# exits or when the page is not on screen within vitrine-shown.sh's bound. Never a black
# screen behind an "active" unit for longer than that bound.
set -u

here=$(dirname "$(readlink -f "$0")")
config=${VITRINE_KIOSK_CONFIG:-/etc/default/vitrine-kiosk}
if [ -r "$config" ]; then
  # shellcheck source=/dev/null
  . "$config"
fi
cage=${VITRINE_CAGE:-cage}
# wlroots' renderer: empty lets it choose (the GPU's, on a Pi); pixman draws in software.
renderer=${VITRINE_RENDERER:-}

# The kiosk inside may give up (exit) when Chromium never shows the page: this session then
# ends and systemd starts cage again. On a desktop nobody would, so there it keeps trying.
export VITRINE_SESSION_RESTARTS=1

# cage draws its mouse arrow in the middle of the screen until the pointer moves over the page;
# Chromium then hides it (the page's `cursor: none`), cog does not. For cog, cage's cursor
# theme is one whose arrow is a single transparent pixel (an Xcursor file, written to RAM),
# named "default": cage loads the default theme whatever XCURSOR_THEME says, from XCURSOR_PATH.
if [ "${VITRINE_ENGINE:-chromium}" = cog ]; then
  cursors=${XDG_RUNTIME_DIR:-/tmp}/vitrine-cursors
  mkdir -p "$cursors/default/cursors"
  # Header (magic, 16, version 1.0, one entry), the entry (an image of nominal size 24 at
  # byte 28), the image (36-byte header, 1x1, hot spot 0,0) and its one ARGB pixel: 0.
  printf 'Xcur\x10\0\0\0\0\0\x01\0\x01\0\0\0\x02\0\xfd\xff\x18\0\0\0\x1c\0\0\0\x24\0\0\0\x02\0\xfd\xff\x18\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0' \
    >"$cursors/default/cursors/default"
  ln -sf default "$cursors/default/cursors/left_ptr"
  export XCURSOR_PATH=$cursors XCURSOR_THEME=default XCURSOR_SIZE=24
fi

start_cage() {
  if [ -n "$renderer" ]; then
    export WLR_RENDERER=$renderer
  fi
  "$cage" -d -- "$here/vitrine-kiosk.sh" &
  cage_pid=$!
  cage_started=$SECONDS
}
start_cage
"$here/vitrine-shown.sh" &
shown_pid=$!

# Bounded: TERM, ten seconds, then KILL.
stop() { # PID
  kill "$1" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 1
  done
  echo "vitrine-session: process $1 ignored TERM: killing it" >&2
  kill -KILL "$1" 2>/dev/null
}
trap 'stop "$shown_pid"; stop "$cage_pid"; exit 0' TERM INT HUP

wait -n "$cage_pid" "$shown_pid"
if ! kill -0 "$cage_pid" 2>/dev/null && [ -z "$renderer" ] && ((SECONDS - cage_started < 60)); then
  # Without a usable GPU (a virtual machine, a broken driver) wlroots' GL renderer may fail or
  # crash at once: one more try, drawing in software.
  wait "$cage_pid"
  echo "vitrine-session: the compositor exited at once (status $?): trying again with WLR_RENDERER=pixman" >&2
  renderer=pixman
  start_cage
  wait -n "$cage_pid" "$shown_pid"
fi
if ! kill -0 "$cage_pid" 2>/dev/null; then
  wait "$cage_pid"
  echo "vitrine-session: the compositor exited (status $?) before the page was on screen" >&2
  stop "$shown_pid"
  exit 1
fi
if ! wait "$shown_pid"; then
  echo "vitrine-session: no page on screen: restarting the compositor" >&2
  stop "$cage_pid"
  exit 1
fi
wait "$cage_pid"
echo "vitrine-session: the compositor exited (status $?)" >&2
exit 1
