#!/bin/bash
# Screen schedule: asks vitrine whether the screen should be on (GET /api/screen answers
# {"awake": true|false} from the opening hours in the content) and switches the display
# off and on to match, with wlr-randr (the Pi's own HDMI output) or cec-ctl (a TV over HDMI-CEC).
# Runs inside the kiosk's Wayland session, started by vitrine-kiosk.sh.
# Settings (from /etc/default/vitrine-kiosk): VITRINE_URL, VITRINE_SCREEN (auto, wlr-randr,
# cec or none), VITRINE_OUTPUT (e.g. HDMI-A-1; default: every output), VITRINE_SCREEN_POLL (s).
set -u

url=${VITRINE_URL:-http://127.0.0.1:8080}
method=${VITRINE_SCREEN:-auto}
poll=${VITRINE_SCREEN_POLL:-60}
cec_device=${VITRINE_CEC_DEVICE:-/dev/cec0}

log() { echo "vitrine-screen: $*" >&2; }

# Output names as wlr-randr lists them: the lines that do not start with a space.
outputs() {
  if [ -n "${VITRINE_OUTPUT:-}" ]; then
    echo "$VITRINE_OUTPUT"
  else
    wlr-randr 2>/dev/null | grep -v '^ ' | cut -d' ' -f1
  fi
}

choose_method() {
  case $method in
    auto)
      if command -v wlr-randr >/dev/null && [ -n "$(outputs)" ]; then
        method=wlr-randr
      elif command -v cec-ctl >/dev/null && [ -e "$cec_device" ]; then
        method=cec
      else
        method=none
        log "neither wlr-randr nor an HDMI-CEC device works here: the screen stays on (dark outside opening hours)"
      fi
      ;;
  esac
  log "switching the screen with: $method"
  if [ "$method" = cec ]; then
    # Present ourselves to the TV as a playback device, once.
    cec-ctl --device "$cec_device" --playback >/dev/null 2>&1 || log "cec-ctl could not register on $cec_device"
  fi
}

switch() { # on|off
  local state=$1 output
  case $method in
    wlr-randr)
      for output in $(outputs); do
        if [ "$state" = on ]; then
          # Switched back on, an output may come back in its default mode: reapply ours.
          wlr-randr --output "$output" --on ${VITRINE_MODE:+--mode "$VITRINE_MODE"} \
            ${VITRINE_TRANSFORM:+--transform "$VITRINE_TRANSFORM"} || log "wlr-randr could not turn $output on"
        else
          wlr-randr --output "$output" --off || log "wlr-randr could not turn $output off"
        fi
      done
      ;;
    cec)
      if [ "$state" = on ]; then
        cec-ctl --device "$cec_device" --to 0 --image-view-on >/dev/null || log "cec-ctl: TV did not wake"
      else
        cec-ctl --device "$cec_device" --to 0 --standby >/dev/null || log "cec-ctl: TV did not go to standby"
      fi
      ;;
  esac
}

# "on", "off", or "" when the server does not answer (then nothing changes).
wanted() {
  local answer
  answer=$(curl --silent --fail --max-time 5 "$url/api/screen") || return 0
  case $answer in
    *'"awake":false'*) echo off ;;
    *'"awake":true'*) echo on ;;
  esac
}

choose_method
current=unknown
while true; do
  state=$(wanted)
  if [ -n "$state" ] && [ "$state" != "$current" ]; then
    # The first answer is applied too: a restart at night must not leave the screen on.
    log "screen $state"
    switch "$state"
    current=$state
  fi
  sleep "$poll"
done
