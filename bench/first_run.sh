#!/usr/bin/env bash
# First run: how long a newcomer waits, from `cargo run --release` on a fresh clone
# (empty target folder; crates already downloaded, as after any earlier build on the machine)
# to the first 200 on GET /. Clones the committed HEAD into a temporary folder, so nothing of
# this checkout's target/ is reused; the machine's load is printed beside the figure. Then
# writes its section of BENCHMARKS.md.
#
# Needs: git, cargo, curl. Not run by .ci/run (minutes of a whole build).
# Usage: bench/first_run.sh    (PORT overrides the loopback port, LIMIT the target in seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/section.sh
. bench/section.sh

PORT="${PORT:-18651}"
# The issue's bound for a 2-core machine.
LIMIT="${LIMIT:-120}"
# Never wait longer than this for the first page (a build that hangs, a port taken).
GIVE_UP=900

for tool in git cargo curl; do
  command -v "$tool" >/dev/null || { echo "first_run: $tool is missing" >&2; exit 1; }
done
if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then
  echo "first_run: port $PORT is already in use; set PORT" >&2
  exit 1
fi

WORK="$(mktemp -d)"
PID=""
cleanup() {
  [ -n "$PID" ] && kill -- -"$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

commit=$(git rev-parse --short HEAD)
git clone --quiet . "$WORK/clone"
cargo fetch --quiet --manifest-path "$WORK/clone/Cargo.toml"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
echo "first_run: cargo run --release in a fresh clone of $commit (load $load_start)" >&2
start=$(date +%s%N)
# Its own process group, so that cargo and the server it starts are stopped together.
(cd "$WORK/clone" && exec setsid env -u CARGO_TARGET_DIR cargo run --release --quiet -- \
  --data "$WORK/data" --listen "127.0.0.1:$PORT" >"$WORK/run.log" 2>&1) &
PID=$!
seconds=""
while kill -0 "$PID" 2>/dev/null; do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$PORT/")" = 200 ]; then
    seconds=$(awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.0f", ns / 1e9 }')
    break
  fi
  if [ $(($(date +%s%N) - start)) -gt $((GIVE_UP * 1000000000)) ]; then break; fi
  sleep 0.5
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -z "$seconds" ]; then
  echo "first_run: no page within ${GIVE_UP}s; the run's output:" >&2
  cat "$WORK/run.log" >&2
  exit 1
fi
size=$(stat -c %s "$WORK/clone/target/release/vitrine")
verdict=pass
[ "$seconds" -le "$LIMIT" ] || verdict=FAIL
cpu=$(lscpu 2>/dev/null | awk -F': +' '/Model name/ { print $2; exit }')

section="$WORK/section.md"
{
  echo "<!-- bench/first_run.sh: from here to its end mark, written by the script -->"
  echo "## First run: \`cargo run --release\` on a fresh clone"
  echo
  echo "Written by \`bench/first_run.sh\`: from the command to the first \`200\` on \`GET /\`, in a"
  echo "fresh clone (empty \`target/\`; crates already downloaded)."
  echo
  echo "| date | commit | machine | load average at the start / the end | first page | target | result | binary |"
  echo "|---|---|---|---|---|---|---|---|"
  echo "| $(date -u '+%Y-%m-%d %H:%M UTC') | $commit | ${cpu:-unknown CPU}, $(nproc) cores | $load_start / $load_end | **$seconds s** | ≤ $LIMIT s | $verdict | $((size / 1024)) KiB |"
  echo "<!-- end of bench/first_run.sh -->"
} >"$section"
write_section bench/first_run.sh "$section"
cat "$section"
