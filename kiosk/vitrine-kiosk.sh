#!/bin/bash
# Shows vitrine full screen inside a Wayland session (labwc, wayfire or cage) with the chosen
# engine (VITRINE_ENGINE): Chromium, or WPE WebKit's cog, light enough for boards with less
# than 1 GB. Waits for the server, starts the screen schedule, and restarts the engine
# whenever it exits or the page it shows stops reporting to the server (GET /api/screen/local).
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
# Extra Chromium flags, split at spaces (e.g. --disable-gpu on a screen without a usable GPU);
# cog's likewise (e.g. --web-mem-limit=200).
read -r -a extra_flags <<<"${VITRINE_CHROMIUM_FLAGS:-}"
read -r -a cog_flags <<<"${VITRINE_COG_FLAGS:-}"

# Chromium's HTTP cache lives in its profile, in RAM (under $XDG_RUNTIME_DIR): 32 MB at most,
# on every board. (One renderer process, --renderer-process-limit=1, was tried on 1 GB and
# dropped: a 30-minute soak kept 2 renderers with it or without it, and MemAvailable's lowest
# differed by 11 MB, within the soak's own noise. See BENCHMARKS.md, "The 1 GB soak".)
cache_flags=(--disk-cache-size=33554432)

# From a desktop autostart, our output would go nowhere: send it to the journal
# (journalctl -t vitrine-kiosk). Under vitrine-kiosk.service it is there already.
if [ -z "${JOURNAL_STREAM:-}" ] && [ -S /run/systemd/journal/stdout ] && command -v systemd-cat >/dev/null; then
  exec > >(exec systemd-cat -t vitrine-kiosk) 2>&1
fi

engine=${VITRINE_ENGINE:-chromium}
browser=""
case $engine in
  chromium)
    for candidate in chromium-browser chromium; do
      if command -v "$candidate" >/dev/null; then
        browser=$candidate
        break
      fi
    done
    if [ -z "$browser" ]; then
      echo "vitrine-kiosk: Chromium is not installed (sudo apt install chromium)" >&2
      exit 1
    fi
    ;;
  cog)
    if ! command -v cog >/dev/null; then
      echo "vitrine-kiosk: cog is not installed (sudo apt install cog libgles2)" >&2
      exit 1
    fi
    browser=cog
    ;;
  *)
    echo "vitrine-kiosk: unknown VITRINE_ENGINE=$engine in $config (chromium or cog)" >&2
    exit 1
    ;;
esac

# Chromium's profile lives in RAM and starts empty every time: no first-run screens, no
# "restore pages?" bubble after a power cut, and no writes to the SD card.
runtime=${XDG_RUNTIME_DIR:-/tmp}
profile=$runtime/vitrine-chromium
export XDG_CONFIG_HOME=$runtime/vitrine-config XDG_CACHE_HOME=$runtime/vitrine-cache
# WPE WebKit keeps its cookies, local storage and caches under XDG_DATA_HOME: in RAM too.
export XDG_DATA_HOME=$runtime/vitrine-data

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
# Ended with the session: run the EXIT trap, so no screen loop is left behind.
trap 'exit 0' TERM INT HUP

# The page reports itself through its event stream; GET /api/screen/local says whether this
# machine's own screen has done so lately. Only meaningful when the server is this machine.
report_timeout=${VITRINE_REPORT_TIMEOUT:-120}
report_check=${VITRINE_REPORT_CHECK:-10}
case $VITRINE_URL in
  http://127.*| http://localhost[:/]* | http://localhost | http://\[::1\]*) watch_reports=1 ;;
  *) watch_reports=0 ;;
esac

# What the server says of this machine's screen (GET /api/screen/local), or nothing when it
# does not answer; then one of its fields (a number, true or false) out of that answer.
local_report() {
  curl --silent --fail --max-time 5 "$VITRINE_URL/api/screen/local"
}
field() { # ANSWER NAME
  sed -n "s/.*\"$2\":\([0-9a-z]*\).*/\1/p" <<<"$1"
}

# The compositor draws its mouse pointer (labwc near the top left, over the QR code as often
# as not; cage in the middle) until the pointer moves over the page, whose `cursor: none` then
# hides it. So, once the page is up, the pointer is moved by a pixel and back through the
# compositor's virtual-pointer protocol (wlrctl, Debian 13 and later). Chromium shows its arrow
# again after the page reloads (an upgrade): under labwc the move is made at every check
# (two short calls every VITRINE_REPORT_CHECK seconds), which hides it again. Not under cage:
# there each new virtual pointer puts cage's arrow back, and Chromium, whose cursor has not
# changed, does not hide it again (seen in the Trixie Lite VM); once per browser is what works.
# Said once per browser (SAY=1). A real mouse shows the pointer again as soon as it moves.
hide_pointer() { # SAY
  if ! command -v wlrctl >/dev/null; then
    (($1)) && echo "vitrine-kiosk: wlrctl is not installed: the compositor's mouse pointer may stay on the screen (sudo apt install wlrctl)" >&2
    return 0
  fi
  if timeout 5 wlrctl pointer move 1 0 && timeout 5 wlrctl pointer move -1 0; then
    (($1)) && echo "vitrine-kiosk: the mouse pointer was moved over the page, which hides it" >&2
  else
    (($1)) && echo "vitrine-kiosk: wlrctl could not move the mouse pointer: it may stay on the screen" >&2
  fi
  return 0
}

# A picture of the real screen for the dashboard ("is it really showing?"): taken with grim
# (the compositor's screenshot protocol, under cage and labwc) every VITRINE_PICTURE_EVERY
# seconds (0: never) and when a volunteer asks, and sent to the server on this machine only.
picture_every=${VITRINE_PICTURE_EVERY:-300}
picture_file=$runtime/vitrine-screen.png
take_pictures=0
if ((watch_reports && picture_every > 0)); then
  if command -v grim >/dev/null; then
    take_pictures=1
  else
    echo "vitrine-kiosk: grim is not installed: the dashboard cannot show the screen (sudo apt install grim)" >&2
  fi
fi

# Takes one picture (at half size: the server keeps it 480 px wide) and sends it; prints the
# seconds after which the server wants another, if it does.
send_picture() {
  rm -f "$picture_file"
  grim -s "${VITRINE_PICTURE_SCALE:-0.5}" -l 1 "$picture_file" 2>/dev/null ||
    grim -l 1 "$picture_file" || return 0
  curl --silent --fail --max-time 20 -H 'Content-Type: image/png' \
    --data-binary @"$picture_file" "$VITRINE_URL/api/screen/picture" |
    sed -n 's/.*"again_in":\([0-9]*\).*/\1/p'
  rm -f "$picture_file"
}

# A picture, then the second one the server may ask for: the same picture again after more
# than a slide's time, but within one round of the slides, is a frozen screen.
pictures() {
  local again
  again=$(send_picture)
  if [ -n "$again" ] && ((again <= 600)); then
    sleep "$again"
    send_picture >/dev/null
  fi
}
picture_pid=""
pointer_pid=""
last_picture=""
answered=0

# Chromium ends with the session too; a bounded wait, then it is killed.
stop_browser() {
  kill "$browser_pid" 2>/dev/null || return 0
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$browser_pid" 2>/dev/null || return 0
    sleep 1
  done
  kill -KILL "$browser_pid" 2>/dev/null
}
browser_pid=""
trap 'stop_browser; kill "$screen_pid" $picture_pid 2>/dev/null' EXIT

# Starts Chromium in the background.
start_chromium() {
  # A fresh profile offers to translate a page whose language is not the browser's: a bar
  # in the screen's corner that nobody at the till can close (seen on the system test's VM;
  # Chromium no longer has a flag for it). Its preference turns that off.
  mkdir -p "$profile/Default"
  printf '{"translate":{"enabled":false}}\n' >"$profile/Default/Preferences"
  # --no-memcheck: Raspberry Pi OS's chromium-browser wrapper otherwise stops at a "less
  # than 1 GB of RAM" dialog on a Pi 3 (harmless elsewhere).
  "$browser" \
    --kiosk \
    --start-fullscreen \
    --ozone-platform=wayland \
    --no-memcheck \
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
    "${cache_flags[@]}" \
    "${extra_flags[@]}" \
    "$VITRINE_URL/" &
}

# Starts cog in the background, on the Wayland compositor (its wl platform): full screen on
# its own, with no browser interface, its profile in RAM (XDG_DATA_HOME, XDG_CACHE_HOME).
# (Its DRM platform, drawing with no compositor at all, crashes where the web process has no
# GPU to draw with, as in a virtual machine: cog's issue #722.)
# Its JavaScript without the JIT (the display's script is small and runs at a slide's pace):
# WPE WebKit's web process then took about 50 MB less in the 512 MB VM. --doc-viewer is
# WebKit's cache model for local content (its HTTP cache in RAM fell from 16 to 2 MB there,
# the lowest MemAvailable under 200 groups and 8 pictures rose from 138 to 147 MB); no
# back/forward cache and no WebGL, which the display never uses.
start_cog() {
  COG_PLATFORM_WL_VIEW_FULLSCREEN=1 JSC_useJIT=false NO_AT_BRIDGE=1 \
    cog --platform=wl --doc-viewer --enable-page-cache=false --enable-webgl=false \
    "${cog_flags[@]}" "$VITRINE_URL/" &
}

# Engine restarts in a row that did not bring the page back; then the whole session is
# given up (exit 1), so that the compositor is restarted too (vitrine-kiosk.service).
silent_restarts=0
max_silent_restarts=${VITRINE_MAX_SILENT_RESTARTS:-3}
desktop_retry=${VITRINE_DESKTOP_RETRY:-60}
while true; do
  "$here/vitrine-wait.sh" "$VITRINE_URL"
  rm -rf "$profile" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_DATA_HOME"
  "start_$engine"
  browser_pid=$!
  started=$SECONDS
  reported=0
  while kill -0 "$browser_pid" 2>/dev/null; do
    # In the background, so that a TERM from the session is handled at once.
    sleep "$report_check" &
    wait $!
    ((watch_reports)) || continue
    answer=$(local_report)
    missing=$(field "$answer" missing_for)
    [ -n "$missing" ] || continue # the server is away: not the browser's fault
    # Pictures in the background, one series at a time, so that the watchdog keeps its pace:
    # the first once the page is up (a browser still starting is black), then every
    # picture_every seconds; a volunteer's request comes first, even before a series' second.
    wanted=$(field "$answer" picture_wanted)
    [ "$wanted" = true ] || answered=0
    if ((take_pictures)); then
      running=0
      if [ -n "$picture_pid" ] && kill -0 "$picture_pid" 2>/dev/null; then running=1; fi
      due=0
      if [ "$wanted" = true ] && ((!answered)); then
        ((running)) && kill "$picture_pid" 2>/dev/null
        running=0 due=1 answered=1
      elif [ -z "$last_picture" ]; then
        ((missing == 0)) && due=1
      elif ((SECONDS - last_picture >= picture_every)); then
        due=1
      fi
      if ((due && !running)); then
        pictures &
        picture_pid=$!
        last_picture=$SECONDS
      fi
    fi
    if ((missing == 0)); then
      # One at a time: a compositor slow to answer never piles them up.
      if { ((!reported)) || [ -n "${LABWC_PID:-}" ]; } &&
        { [ -z "$pointer_pid" ] || ! kill -0 "$pointer_pid" 2>/dev/null; }; then
        hide_pointer $((!reported)) &
        pointer_pid=$!
      fi
      reported=1
      silent_restarts=0
    elif ((SECONDS - started >= report_timeout && missing >= report_timeout)); then
      echo "vitrine-kiosk: the screen has not reported to the server for ${missing}s: restarting $browser" >&2
      stop_browser
      if ((!reported)); then
        silent_restarts=$((silent_restarts + 1))
      fi
      break
    fi
  done
  wait "$browser_pid"
  status=$?
  browser_pid=""
  if ((silent_restarts >= max_silent_restarts)); then
    if [ -n "${VITRINE_SESSION_RESTARTS:-}" ]; then
      echo "vitrine-kiosk: $browser never showed the page in $silent_restarts tries: giving up the session" >&2
      exit 1
    fi
    # From a desktop's autostart nothing starts this script again: a slow first boot must not
    # leave the screen dark for good. Wait a while, then try afresh.
    echo "vitrine-kiosk: $browser never showed the page in $silent_restarts tries: trying again in ${desktop_retry}s" >&2
    sleep "$desktop_retry" &
    wait $!
    silent_restarts=0
    continue
  fi
  echo "vitrine-kiosk: $browser exited with status $status, starting it again" >&2
  sleep 2
done
