#!/bin/bash
# Shows vitrine full screen in Chromium inside a Wayland session (labwc, wayfire or cage):
# waits for the server, starts the screen schedule, and restarts Chromium whenever it exits.
# Settings: /etc/default/vitrine-kiosk (written by install.sh; see it for every variable).
set -u

here=$(dirname "$(readlink -f "$0")")
config=${VITRINE_KIOSK_CONFIG:-/etc/default/vitrine-kiosk}
if [ -r "$config" ]; then
  # shellcheck source=/dev/null
  . "$config"
fi
export VITRINE_URL=${VITRINE_URL:-http://127.0.0.1:8080}
export VITRINE_SCREEN VITRINE_OUTPUT VITRINE_SCREEN_POLL VITRINE_CEC_DEVICE
export VITRINE_MODE VITRINE_TRANSFORM

# From a desktop autostart, our output would go nowhere: send it to the journal
# (journalctl -t vitrine-kiosk). Under vitrine-kiosk.service it is there already.
if [ -z "${JOURNAL_STREAM:-}" ] && [ -S /run/systemd/journal/stdout ] && command -v systemd-cat >/dev/null; then
  exec > >(exec systemd-cat -t vitrine-kiosk) 2>&1
fi

browser=""
for candidate in chromium-browser chromium; do
  if command -v "$candidate" >/dev/null; then
    browser=$candidate
    break
  fi
done
if [ -z "$browser" ]; then
  echo "vitrine-kiosk: Chromium is not installed (apt install chromium-browser)" >&2
  exit 1
fi

# Chromium's profile lives in RAM and starts empty every time: no first-run screens, no
# "restore pages?" bubble after a power cut, and no writes to the SD card.
runtime=${XDG_RUNTIME_DIR:-/tmp}
profile=$runtime/vitrine-chromium
export XDG_CONFIG_HOME=$runtime/vitrine-config XDG_CACHE_HOME=$runtime/vitrine-cache

# Resolution and rotation chosen in /etc/default/vitrine-kiosk, if any (works under labwc,
# wayfire and any cage that offers output management).
if [ -n "${VITRINE_MODE:-}${VITRINE_TRANSFORM:-}" ] && command -v wlr-randr >/dev/null; then
  for output in ${VITRINE_OUTPUT:-$(wlr-randr | grep -v '^ ' | cut -d' ' -f1)}; do
    wlr-randr --output "$output" ${VITRINE_MODE:+--mode "$VITRINE_MODE"} \
      ${VITRINE_TRANSFORM:+--transform "$VITRINE_TRANSFORM"} ||
      echo "vitrine-kiosk: wlr-randr could not set $output to ${VITRINE_MODE:-its mode} ${VITRINE_TRANSFORM:-}" >&2
  done
fi

"$here/vitrine-screen.sh" &
screen_pid=$!
trap 'kill "$screen_pid" 2>/dev/null' EXIT
# Ended with the session: run the EXIT trap, so no screen loop is left behind.
trap 'exit 0' TERM INT HUP

while true; do
  "$here/vitrine-wait.sh" "$VITRINE_URL"
  rm -rf "$profile" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
  mkdir -p "$profile"
  "$browser" \
    --kiosk \
    --start-fullscreen \
    --ozone-platform=wayland \
    --noerrdialogs \
    --disable-infobars \
    --no-first-run \
    --no-default-browser-check \
    --disable-session-crashed-bubble \
    --hide-crash-restore-bubble \
    --disable-translate \
    --disable-features=Translate,TranslateUI,TouchpadOverscrollHistoryNavigation,MediaRouter \
    --disable-pinch \
    --overscroll-history-navigation=0 \
    --disable-background-networking \
    --disable-component-update \
    --disable-sync \
    --disable-default-apps \
    --disable-extensions \
    --check-for-update-interval=31536000 \
    --password-store=basic \
    --autoplay-policy=no-user-gesture-required \
    --user-data-dir="$profile" \
    "$VITRINE_URL/"
  echo "vitrine-kiosk: $browser exited with status $?, starting it again" >&2
  sleep 2
done
