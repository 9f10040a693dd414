#!/usr/bin/env bash
# The server's tests outside Swift (spec 10): the pages in headless Chromium (selenium, axe-core, keyboard
# only, screenshots at 1280 and 390 px into docs/screenshots/), schemathesis on every documented
# operation and the HTTP fuzzer (fuzz/http, HTTP_FUZZ_SECONDS, default 60), against a real `banenafspraak serve`
# on a free loopback port; schemathesis a second time on a
# PostgreSQL store when BANENAFSPRAAK_TEST_POSTGRES_URL is set (scripts/test.sh sets it). Installs what it needs.
#
#   bash scripts/test-server.sh            (after `swift build`; BANENAFSPRAAK_BIN picks another binary)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/debug/banenafspraak}"
[ -x "$BIN" ] || { echo "test-server.sh: build first (swift build); $BIN is missing" >&2; exit 1; }

# Debian's Chromium and its driver.
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi
# Python packages, pinned, in their own environment.
VENV="$ROOT/tests/browser/.venv"
if [ ! -x "$VENV/bin/pytest" ] || [ ! -x "$VENV/bin/schemathesis" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check selenium==4.39.0 axe-selenium-python==2.1.6 schemathesis==4.32.0 pytest
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# fill_store STORE: one run of `tiny` data and two tokens (exported for the browser tests and schemathesis).
export BANENAFSPRAAK_EMPLOYER_TOKEN="" BANENAFSPRAAK_EMPLOYER_ID="" BANENAFSPRAAK_ANALYST_TOKEN=""
export BANENAFSPRAAK_DECISION_EMPLOYER_ID="" BANENAFSPRAAK_DECISION_EMPLOYER_TOKEN=""
fill_store() {
  local store="$1"
  [ -d "$WORK/in" ] || "$BIN" generate --scale tiny --year 2024 --seed 3 --out "$WORK/in" >/dev/null
  QP=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['quota_percent']; print(' '.join(f'--quota-percent {k}={v}' for k,v in m.items()))" "$WORK/in/manifest.json")
  # shellcheck disable=SC2086
  "$BIN" quota --year 2024 --in "$WORK/in" --out "$WORK/out" --store "$store" $QP >/dev/null
  BANENAFSPRAAK_EMPLOYER_ID=$(awk -F, 'NR>1 && $3=="true" {print $1; exit}' "$WORK/out/employers.csv")
  BANENAFSPRAAK_EMPLOYER_TOKEN=$("$BIN" token issue --store "$store" --employer "$BANENAFSPRAAK_EMPLOYER_ID" | tail -n 1)
  BANENAFSPRAAK_ANALYST_TOKEN=$("$BIN" token issue --store "$store" --role analyst | tail -n 1)
  # Decisions (spec 14): a simulation, as 2024 lies before 2026; an employer with a levy objects in the browser.
  "$BIN" decide --store "$store" --run 1 --all --simulation --out "$WORK/decisions" >/dev/null
  BANENAFSPRAAK_DECISION_EMPLOYER_ID=$(awk -F, 'NR>1 && $9!="0.00" {print $1; exit}' "$WORK/out/employers.csv")
  BANENAFSPRAAK_DECISION_EMPLOYER_TOKEN=$("$BIN" token issue --store "$store" --employer "$BANENAFSPRAAK_DECISION_EMPLOYER_ID" | tail -n 1)
}

# start_server STORE: `serve` on a free port; sets SERVER_PID and URL.
start_server() {
  "$BIN" serve --store "$1" --port 0 --read-timeout 3 >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break
    sleep 0.1
  done
  URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
  [ -n "$URL" ] || { echo "test-server.sh: the server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
  echo "== server at $URL"
  export BANENAFSPRAAK_URL="$URL"
}

# schemathesis_run: every documented operation, with the analyst token.
schemathesis_run() {
  local auth=()
  [ -n "$BANENAFSPRAAK_ANALYST_TOKEN" ] && auth=(-H "Authorization: Bearer $BANENAFSPRAAK_ANALYST_TOKEN")
  "$VENV/bin/schemathesis" --config-file "$ROOT/schemathesis.toml" run "${URL}openapi.json" --checks all --exclude-checks positive_data_acceptance \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-50}" --workers 2 "${auth[@]}"
}

fill_store "$WORK/store.sqlite"
start_server "$WORK/store.sqlite"

status=0
echo "== browser tests (Chromium, selenium, axe-core)"
"$VENV/bin/pytest" -q -s tests/browser -p no:cacheprovider || status=1

echo "== schemathesis on every documented operation (SQLite store)"
schemathesis_run || status=1

echo "== read timeout: a body that trickles in gets 408, and the server keeps serving"
python3 - "$URL" <<'PY' || status=1
import http.client, socket, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
s = socket.create_connection((u.hostname, u.port)); s.settimeout(0.5)
s.sendall(b"POST /api/v1/calc HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
start, got = time.time(), b""
while time.time() - start < 10 and not got:
    try: s.sendall(b" ")
    except OSError: break
    try: got = s.recv(200)
    except socket.timeout: pass
c = http.client.HTTPConnection(u.hostname, u.port, timeout=5); c.request("GET", "/api/v1/health")
ok = got.startswith(b"HTTP/1.1 408") and c.getresponse().status == 200
first = got.split(bytes([13, 10]))[0].decode()
print(f"slow body answered after {time.time() - start:.1f} s: {first}; health 200: {ok}")
sys.exit(0 if ok else 1)
PY

echo "== HTTP fuzzer for ${HTTP_FUZZ_SECONDS:-60} s (fuzz/http/fuzz_http.py: mutated requests to every operation and page)"
python3 fuzz/http/fuzz_http.py "$URL" "${HTTP_FUZZ_SECONDS:-60}" --pid "$SERVER_PID" --seed "${HTTP_FUZZ_SEED:-$RANDOM}" || status=1

echo "== graceful stop on SIGTERM"
kill -TERM "$SERVER_PID"
if wait "$SERVER_PID"; then echo "server stopped cleanly"; else echo "server exit status $?" >&2; status=1; fi
SERVER_PID=""

# The same API on a PostgreSQL store, when the test server of scripts/postgres.sh runs (as in CI).
if [ -n "${BANENAFSPRAAK_TEST_POSTGRES_URL:-}" ]; then
  DB="server_$(date +%s)_$$"
  psql "$BANENAFSPRAAK_TEST_POSTGRES_URL" -qc "CREATE DATABASE $DB"
  fill_store "${BANENAFSPRAAK_TEST_POSTGRES_URL%/*}/$DB"
  start_server "${BANENAFSPRAAK_TEST_POSTGRES_URL%/*}/$DB"
  echo "== schemathesis on every documented operation (PostgreSQL store)"
  schemathesis_run || status=1
  kill -TERM "$SERVER_PID"
  if wait "$SERVER_PID"; then echo "server stopped cleanly"; else echo "server exit status $?" >&2; status=1; fi
  SERVER_PID=""
fi
exit $status
