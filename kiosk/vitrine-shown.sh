#!/bin/bash
# Waits until this machine's own screen shows the vitrine page: the page's event stream is
# open (GET /api/screen/local answers "connected":true). vitrine-kiosk.service runs it after
# starting cage, so that the unit is active only once the page is on screen: a compositor or
# browser that does not get there in time fails the unit, and systemd starts it again.
# Usage: vitrine-shown.sh [BASE_URL]   (default: $VITRINE_URL, else http://127.0.0.1:8080)
# The time counts only while the server answers (a server still starting is not the screen's
# fault): VITRINE_SHOWN_TIMEOUT seconds (default 240) of it, and 900 s in all.
set -u

config=${VITRINE_KIOSK_CONFIG:-/etc/default/vitrine-kiosk}
if [ -r "$config" ]; then
  # shellcheck source=/dev/null
  . "$config"
fi
url=${1:-${VITRINE_URL:-http://127.0.0.1:8080}}
limit=${VITRINE_SHOWN_TIMEOUT:-240}
waited=0
start=$SECONDS
while ((waited < limit && SECONDS - start < 900)); do
  if answer=$(curl --silent --fail --max-time 2 "$url/api/screen/local"); then
    case $answer in
      *'"connected":true'*)
        echo "vitrine-shown: the screen shows the page (after ${waited}s)"
        exit 0
        ;;
    esac
    waited=$((waited + 1))
  fi
  sleep 1
done
echo "vitrine-shown: the screen did not show the page within ${limit}s: giving up this session" >&2
exit 1
