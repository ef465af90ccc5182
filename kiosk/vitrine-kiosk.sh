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

"$here/vitrine-screen.sh" &
screen_pid=$!
trap 'kill "$screen_pid" 2>/dev/null' EXIT

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
