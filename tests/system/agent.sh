#!/bin/bash
# The system test's agent inside the VM (installed by image.sh, never by the package): runs
# the harness's commands from the second serial port, so they need no network and no login.
#   host -> guest:  PING                       guest -> host:  @@PONG <boot id>
#   host -> guest:  RUN <id> <seconds> <base64 script>
#   guest -> host:  @@DONE <id> <exit status> <base64 of stdout and stderr>
set -u
tty=${1:-/dev/ttyS1}
stty -F "$tty" raw -echo 115200
exec 3<>"$tty"
boot=$(cat /proc/sys/kernel/random/boot_id)
while read -r verb id limit script <&3; do
  case $verb in
    PING) printf '\n@@PONG %s\n' "$boot" >&3 ;;
    RUN)
      work=$(mktemp -d)
      printf '%s' "$script" | base64 -d >"$work/script"
      timeout --kill-after=5 "$limit" bash "$work/script" >"$work/out" 2>&1 </dev/null
      rc=$?
      printf '\n@@DONE %s %s %s\n' "$id" "$rc" "$(base64 -w0 "$work/out")" >&3
      rm -rf "$work"
      ;;
  esac
done
