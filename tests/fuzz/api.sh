#!/usr/bin/env bash
# The JSON API against an outside fuzzer: schemathesis generates requests from the published
# OpenAPI description (/api/openapi.json) and checks that none gets a server error and that
# every answer conforms to the description (status, headers, body). Bounded: a fixed number
# of examples per operation, a fixed seed (the same requests on every run), and a time limit.
# A vitrine on 127.0.0.1 with a throwaway data folder and an API token; nothing else is reached.
#
#   tests/fuzz/api.sh [path/to/vitrine]     (needs `st`, from `pip install schemathesis`)
set -euo pipefail
cd "$(dirname "$0")/../.."

vitrine=${1:-${CARGO_TARGET_DIR:-target}/debug/vitrine}
examples=${FUZZ_EXAMPLES:-40}
st=${ST:-st}
command -v "$st" >/dev/null || { echo "api fuzz: schemathesis (st) is not installed" >&2; exit 1; }
[ -x "$vitrine" ] || { echo "api fuzz: no binary at $vitrine (cargo build first)" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

token=$("$vitrine" token --data "$work/data" fuzz | tail -n 1)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$vitrine" --listen "127.0.0.1:$port" --data "$work/data" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS "$base/healthz" >/dev/null

# not_a_server_error: no 5xx; the three conformance checks: the status, the headers and the
# body are those the description declares for the operation. The token is sent as a script
# sends it; the session cookie is not made up (a control character in a header is refused by
# the HTTP parser itself, with a bare 400, before any route: not a case for the description).
timeout 170 "$st" run "$base/api/openapi.json" \
  --checks not_a_server_error,status_code_conformance,response_headers_conformance,response_schema_conformance \
  --header "Authorization: Bearer $token" --generation-with-security-parameters false \
  --hypothesis-max-examples "$examples" \
  --hypothesis-derandomize --experimental=openapi-3.1 \
  --hypothesis-suppress-health-check all \
  --request-timeout 10000 \
  --no-color --sanitize-output false
if grep -q 'panicked' "$work/server.log"; then
  cat "$work/server.log" >&2
  echo "api fuzz: the server panicked" >&2
  exit 1
fi
echo "api fuzz: clean"
