#!/bin/bash
# Waits until the vitrine server answers GET /healthz, so the browser never shows an error page.
# Usage: vitrine-wait.sh [BASE_URL]   (default: $VITRINE_URL, else http://127.0.0.1:8080)
set -u

url=${1:-${VITRINE_URL:-http://127.0.0.1:8080}}
waited=0
until curl --silent --fail --max-time 2 --output /dev/null "$url/healthz"; do
  # One line every 30 s is enough to see in the journal why the screen stays dark.
  if ((waited % 30 == 0)); then
    echo "vitrine-wait: $url/healthz does not answer yet (waited ${waited}s)" >&2
  fi
  sleep 1
  waited=$((waited + 1))
done
