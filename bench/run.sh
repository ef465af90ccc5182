#!/usr/bin/env bash
# Benchmark of the display (issues 2 and 10): builds the binary the packages ship (the `dist`
# profile, whole-program optimisation; PROFILE=release measures `cargo run --release`'s one),
# serves the default content on loopback from a temporary data folder, and measures in one run
#   - GET / with wrk against nginx serving the very same bytes from a file, with -t1 -c32 and
#     -t2 -c64, plain and gzip (nginx's gzip_static on a copy of vitrine's own gzip bytes);
#     the two servers alternate, round after round, and each round notes how busy the machine
#     was just before it (other programs: both servers are idle then);
#   - vitrine's memory (VmRSS) when idle and after the load;
#   - the time from start to the first 200 on /healthz;
#   - the page's weight (HTML + CSS + JS), plain and gzipped as served;
#   - that the page refers to nothing outside the machine;
#   - the page's own work in headless chromium (bench/display_idle.rs), unless NO_BROWSER=1.
# Then it writes its section of BENCHMARKS.md (between its two marks; the rest is kept).
#
# Needs: cargo, curl, wrk, nginx (Debian: nginx-light), gzip, chromium. Not run by .ci/run.
# Usage: bench/run.sh   (PROFILE, ROUNDS, DURATION, VITRINE_PORT / NGINX_PORT, NO_BROWSER override)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/section.sh
. bench/section.sh

VITRINE_PORT="${VITRINE_PORT:-18631}"
NGINX_PORT="${NGINX_PORT:-18632}"
DURATION="${DURATION:-5s}"
ROUNDS="${ROUNDS:-5}"
LOADS=("-t1 -c32" "-t2 -c64")
# A round counts only if, in the second before it, the machine's CPUs were at most this
# busy (percent, all cores) with other programs, and nginx's rounds agree within this much.
QUIET_BUSY=15
QUIET_SPREAD=20
HOST=127.0.0.1

for tool in cargo curl wrk nginx gzip; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
for port in "$VITRINE_PORT" "$NGINX_PORT"; do
  if curl -s -o /dev/null --max-time 1 "http://$HOST:$port/"; then
    echo "bench: port $port is already in use; set VITRINE_PORT / NGINX_PORT" >&2
    exit 1
  fi
done

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
WORK="$(mktemp -d)"
VITRINE_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$VITRINE_PID" ] && kill "$VITRINE_PID" 2>/dev/null && wait "$VITRINE_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

PROFILE="${PROFILE:-dist}"
case "$PROFILE" in
  dist) PROFILE_WHY="what the packages ship to the Pi" ;;
  release) PROFILE_WHY="what cargo run --release runs, no whole-program optimisation" ;;
  *) PROFILE_WHY="chosen by hand" ;;
esac
echo "bench: building the $PROFILE binary" >&2
cargo build --profile "$PROFILE" --quiet
BIN="${CARGO_TARGET_DIR:-target}/$PROFILE/vitrine"

now_ns() { date +%s%N; }
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
rps() { awk '/^Requests\/sec:/ { printf "%d", $2 }' "$1"; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# Percent of all CPU time spent busy over one second, read from /proc/stat.
busy_pct() {
  local a b
  a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
    busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%d", 100 * busy / (busy + idle + 0.0001) }'
}

# --- start and readiness -------------------------------------------------------------
mkdir -p "$WORK/data"
start=$(now_ns)
VITRINE_LOG=warn "$BIN" --listen "$HOST:$VITRINE_PORT" --data "$WORK/data" &
VITRINE_PID=$!
until curl -sf -o /dev/null "http://$HOST:$VITRINE_PORT/healthz"; do
  kill -0 "$VITRINE_PID" 2>/dev/null || { echo "bench: vitrine exited" >&2; exit 1; }
done
ready_ms=$(( ($(now_ns) - start) / 1000000 ))
# How long one curl takes on its own: the readiness figure includes at most one of these.
probe_start=$(now_ns)
curl -sf -o /dev/null "http://$HOST:$VITRINE_PORT/healthz"
probe_ms=$(( ($(now_ns) - probe_start) / 1000000 ))

# --- the page and its weight -----------------------------------------------------------
BASE="http://$HOST:$VITRINE_PORT"
mkdir -p "$WORK/www"
curl -sf "$BASE/" -o "$WORK/www/index.html"
curl -sf -H 'Accept-Encoding: gzip' "$BASE/" -o "$WORK/www/index.html.gz"
html=$(wc -c <"$WORK/www/index.html")
html_gz=$(wc -c <"$WORK/www/index.html.gz")
gzip -dc "$WORK/www/index.html.gz" | cmp -s - "$WORK/www/index.html" \
  || { echo "bench: vitrine's gzip page does not decode to its plain page" >&2; exit 1; }
assets=$(grep -oE '(href|src)="/assets/[^"]+"' "$WORK/www/index.html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g')
css=0; css_gz=0; js=0; js_gz=0
for url in $assets; do
  size=$(curl -sf "$BASE$url" | tee "$WORK/asset" | wc -c)
  size_gz=$(curl -sf -H 'Accept-Encoding: gzip' "$BASE$url" | wc -c)
  case "$url" in
    *.css*) css=$((css + size)); css_gz=$((css_gz + size_gz)) ;;
    *.js*) js=$((js + size)); js_gz=$((js_gz + size_gz)) ;;
  esac
  cat "$WORK/asset" >>"$WORK/assets.txt"
done
total=$((html + css + js))
total_gz=$((html_gz + css_gz + js_gz))
# Anything that would make the browser reach another machine: absolute URLs in attributes,
# CSS url()s or @imports, or script fetches of a full address.
external=$( { grep -oE '(href|src|action)="(https?:)?//[^"]*"' "$WORK/www/index.html" || true;
              grep -oE "(url\\(|@import|fetch\\(|EventSource\\()[[:space:]]*[\"']?(https?:)?//" "$WORK/assets.txt" || true; } | wc -l)

sleep 1
idle_kb=$(rss_kb "$VITRINE_PID")

# --- nginx on the same bytes -------------------------------------------------------------
chmod 755 "$WORK" "$WORK/www"
chmod 644 "$WORK/www/index.html" "$WORK/www/index.html.gz"
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # The gzip answer is the pre-compressed copy (vitrine's own gzip bytes), never compressed
  # on the fly: vitrine too compresses its page once per revision.
  gzip off;
  gzip_static on;
  gzip_vary on;
  # As in Debian's stock nginx.conf.
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  types { text/html html; }
  server {
    listen $HOST:$NGINX_PORT;
    root $WORK/www;
    index index.html;
  }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NGINX_PID=$!
until curl -sf -o /dev/null "http://$HOST:$NGINX_PORT/"; do
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "bench: nginx exited" >&2; cat "$WORK/nginx/error.log" >&2; exit 1; }
done
cmp -s "$WORK/www/index.html" <(curl -sf "http://$HOST:$NGINX_PORT/") \
  || { echo "bench: nginx does not serve the same bytes" >&2; exit 1; }
cmp -s "$WORK/www/index.html.gz" <(curl -sf -H 'Accept-Encoding: gzip' "http://$HOST:$NGINX_PORT/") \
  || { echo "bench: nginx does not serve the same gzip bytes" >&2; exit 1; }

# --- load: every wrk setting, plain and gzip, the servers alternating ---------------------
v_errors=0
rows=()
noisy_any=0
for load in "${LOADS[@]}"; do
  for enc in plain gzip; do
    header=()
    [ "$enc" = gzip ] && header=(-H 'Accept-Encoding: gzip')
    tag="$(echo "$load" | tr -d ' -')-$enc"
    : >"$WORK/$tag-v"; : >"$WORK/$tag-n"; : >"$WORK/$tag-r"; : >"$WORK/$tag-busy"
    for round in $(seq "$ROUNDS"); do
      busy=$(busy_pct)
      echo "$busy" >>"$WORK/$tag-busy"
      # Odd rounds vitrine first, even rounds nginx first.
      order=(vitrine nginx)
      [ $((round % 2)) -eq 0 ] && order=(nginx vitrine)
      for server in "${order[@]}"; do
        port=$VITRINE_PORT
        [ "$server" = nginx ] && port=$NGINX_PORT
        echo "bench: wrk $load $enc, round $round/$ROUNDS, $server (machine busy before: $busy %)" >&2
        # shellcheck disable=SC2086 # $load is two wrk flags
        wrk $load -d"$DURATION" "${header[@]}" "http://$HOST:$port/" >"$WORK/wrk-$tag-$server-$round.txt"
      done
      v=$(rps "$WORK/wrk-$tag-vitrine-$round.txt")
      n=$(rps "$WORK/wrk-$tag-nginx-$round.txt")
      echo "$v" >>"$WORK/$tag-v"; echo "$n" >>"$WORK/$tag-n"
      awk -v v="$v" -v n="$n" 'BEGIN { printf "%.3f\n", v / n }' >>"$WORK/$tag-r"
      v_errors=$((v_errors + $(grep -cE 'Non-2xx|Socket errors' "$WORK/wrk-$tag-vitrine-$round.txt" || true)))
    done
    v_med=$(median <"$WORK/$tag-v")
    n_med=$(median <"$WORK/$tag-n")
    r_med=$(median <"$WORK/$tag-r")
    busy_max=$(sort -n "$WORK/$tag-busy" | tail -n 1)
    spread=$(sort -n "$WORK/$tag-n" | awk '{ v[NR] = $1 } END { printf "%d", 100 * (v[NR] - v[1]) / v[int((NR + 1) / 2)] }')
    if [ "$busy_max" -le "$QUIET_BUSY" ] && [ "$spread" -le "$QUIET_SPREAD" ]; then
      quiet=yes
      result=$(awk -v r="$r_med" 'BEGIN { printf "%.2f× %s", r, (r >= 1.0 ? "pass" : "FAIL") }')
    else
      quiet=no
      noisy_any=1
      result=$(awk -v r="$r_med" 'BEGIN { printf "%.2f× — too noisy to count", r }')
    fi
    rows+=("| \`wrk $load\`, $enc | $v_med | $n_med | $(paste -sd/ "$WORK/$tag-r") | $(paste -sd/ "$WORK/$tag-busy") % (nginx spread $spread %) | $quiet | $result |")
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
after_kb=$(rss_kb "$VITRINE_PID")
peak_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$VITRINE_PID/status")

# --- the page's work in the browser --------------------------------------------------------
browser_table="(not measured: NO_BROWSER=1)"
if [ "${NO_BROWSER:-0}" != 1 ]; then
  echo "bench: the page in headless chromium (bench/display_idle.rs, a few minutes)" >&2
  browser_load=$(cut -d' ' -f1-3 /proc/loadavg)
  browser_table="$(cargo test --quiet --bench display_idle)"
  browser_table="machine load when it started: $browser_load

$browser_table"
fi

# --- report ---------------------------------------------------------------------------------
verdict() { if awk "BEGIN { exit !($1) }"; then echo pass; else echo FAIL; fi; }
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
[ -n "$cpu" ] || cpu=$(lscpu 2>/dev/null | awk -F': +' '/Model name/ { print $2; exit }')
cores=$(nproc)
version=$("$BIN" --version)
section="$WORK/section.md"
{
  echo "<!-- bench/run.sh: from here to its end mark, written by the script -->"
  echo "## The display: server against nginx, and the page at rest"
  echo
  echo "Written by \`bench/run.sh\`: the display's \`GET /\` on the default content, vitrine"
  echo "against nginx serving the same bytes from a file (gzip: nginx's \`gzip_static\` on a copy"
  echo "of vitrine's own gzip answer), both on loopback, wrk on the same cores."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: ${cpu:-unknown CPU}, $cores cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sm)"
  echo "- $version ($PROFILE build: $PROFILE_WHY), nginx $(nginx -v 2>&1 | sed 's|.*/||')"
  echo "- $ROUNDS rounds of ${DURATION} per server and setting, vitrine and nginx alternating (which goes first swaps every round)"
  echo "- machine load average (1, 5, 15 min): $load_start at the start, $load_end after the wrk rounds"
  echo
  echo "A setting counts only when, in the second before each of its rounds, the machine's CPUs"
  echo "were at most $QUIET_BUSY % busy with other programs, and nginx's rounds agree within"
  echo "$QUIET_SPREAD %; otherwise it says **too noisy to count** and the ratio is only indicative."
  echo "The ratio is the median over the rounds of vitrine ÷ nginx within a round."
  echo
  echo "| GET / | vitrine, median req/s | nginx, median req/s | vitrine ÷ nginx, every round | machine busy before each round | quiet | result (≥ 1.0×) |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "| measure | vitrine | target | result |"
  echo "|---|---|---|---|"
  echo "| RSS when idle | $(mb "$idle_kb") MB | ≤ 10 MB | $(verdict "$idle_kb <= 10240") |"
  echo "| RSS after the load | $(mb "$after_kb") MB (peak $(mb "$peak_kb") MB) | ≤ 20 MB | $(verdict "$after_kb <= 20480") |"
  echo "| start to first 200 on /healthz | $ready_ms ms (one curl alone: $probe_ms ms) | ≤ 100 ms | $(verdict "$ready_ms <= 100") |"
  echo "| page weight, HTML + CSS + JS | $(kb "$total") KB ($(kb "$html") + $(kb "$css") + $(kb "$js")) | ≤ 100 KB | $(verdict "$total <= 102400") |"
  echo "| page weight, gzipped as served | $(kb "$total_gz") KB ($(kb "$html_gz") + $(kb "$css_gz") + $(kb "$js_gz")) | | |"
  echo "| references to other machines | $external | 0 | $(verdict "$external == 0") |"
  echo "| wrk errors (non-2xx, socket) | $v_errors | 0 | $(verdict "$v_errors == 0") |"
  echo
  if [ "$noisy_any" = 1 ]; then
    echo "**Some settings were too noisy to count** (other programs were using the machine):"
    echo "run again at a quiet moment before drawing a conclusion from their ratio."
    echo
  fi
  echo "RSS is \`VmRSS\` from \`/proc/PID/status\`: idle is one second after the first page was"
  echo "served (the page is rendered once per content revision), after the load is right after wrk."
  echo "The readiness time is measured by polling with curl, so it includes up to one curl start."
  echo
  echo "### The page in the browser (bench/display_idle.rs)"
  echo
  echo "Headless chromium at 1920×1080, DevTools \`Performance.getMetrics\` before and after: the"
  echo "renderer's main-thread time (\`TaskDuration\`) against the wall time, layouts"
  echo "(\`LayoutCount\`) and style recalculations (\`RecalcStyleCount\`). A live refresh is counted"
  echo "from the save to 1.5 s later (the page at rest costs nothing in between)."
  echo
  echo "$browser_table"
  echo "<!-- end of bench/run.sh -->"
} >"$section"

write_section bench/run.sh "$section"
cat "$section"
