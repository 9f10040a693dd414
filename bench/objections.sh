#!/usr/bin/env bash
# Objections under load (spec 14): `decide --all` on a stored run, then with wrk (Debian's, lua scripts) at LOAD_CONNECTIONS
# (default 64) connections, each phase LOAD_SECONDS (default 10):
#   1. submit: POST /api/v1/decisions/{id}/objections with the employer's token (each request keeps an objection);
#   2. list: GET /api/v1/objections?after=…&limit=50 with an analyst token, a page at a random place in the list
#      that step 1 filled;
#   3. mix: both at once, half of the connections each (two wrk processes side by side, so that each reports the
#      latency of its own operation).
# Each line: the operation, requests per second, p50 and p99 latency, non-2xx answers. Target (issue 21): p99 under
# 50 ms for both operations in the mix.
#
#   bash bench/objections.sh STORE RUN      (BANENAFSPRAAK_BIN, LOAD_SECONDS, LOAD_CONNECTIONS to change)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="$1"; RUN="$2"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/release/banenafspraak}"
SECONDS_EACH="${LOAD_SECONDS:-10}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
HALF=$(( CONNECTIONS / 2 ))
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
"$BIN" decide --store "$STORE" --run "$RUN" --all --simulation --out "$WORK/decisions" >/dev/null 2>&1 \
  || "$BIN" decide --store "$STORE" --run "$RUN" --all --out "$WORK/decisions" >/dev/null
LINE=$(sed -n 2p "$WORK/decisions/index.csv")
EMPLOYER=${LINE%%,*}; DECISION=$(echo "$LINE" | cut -d, -f2)
EMPLOYER_TOKEN=$("$BIN" token issue --store "$STORE" --employer "$EMPLOYER" | tail -n 1)
ANALYST_TOKEN=$("$BIN" token issue --store "$STORE" --role analyst | tail -n 1)
"$BIN" serve --store "$STORE" --port 0 --max-connections-per-client 256 >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
cat >"$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"grounds": "De uren van arbeidsbeperkten zijn te laag.", "disputed": "hours_c"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $EMPLOYER_TOKEN"
LUA
# A page after a random objection id below the highest at the start of the phase (ids grow by one per objection).
cat >"$WORK/list.lua" <<'LUA'
local top = tonumber(os.getenv("OBJECTIONS_TOP") or "1")
request = function()
  return wrk.format("GET", "/api/v1/objections?after=" .. math.random(0, top) .. "&limit=50")
end
LUA
report() { # operation, wrk output
  local rps p50 p99 non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$2")
  p50=$(awk '$1 == "50%" {print $2}' "$2")
  p99=$(awk '$1 == "99%" {print $2}' "$2")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$2")
  printf '%-8s %6s req/s  p50 %-9s p99 %-9s non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
highest() { # the id of the newest objection, by following the Link headers 500 at a time
  python3 - "$URL" "$ANALYST_TOKEN" <<'PY'
import json, sys, urllib.request
url, token = sys.argv[1], sys.argv[2]
after, top = 0, 0
while True:
    r = urllib.request.urlopen(urllib.request.Request(f"{url}api/v1/objections?after={after}&limit=500", headers={"Authorization": f"Bearer {token}"}))
    items = json.load(r)
    if items: top = items[-1]["id"]
    link = r.headers.get("Link")
    if not link: break
    after = top
print(top)
PY
}
echo "== $URL: decision $DECISION, $CONNECTIONS connections, ${SECONDS_EACH} s per phase"
wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --latency -s "$WORK/post.lua" "${URL}api/v1/decisions/$DECISION/objections" >"$WORK/submit.txt"
report submit "$WORK/submit.txt"
OBJECTIONS_TOP=$(highest) wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --latency -s "$WORK/list.lua" \
  -H "Authorization: Bearer $ANALYST_TOKEN" "${URL}api/v1/objections" >"$WORK/list.txt"
report list "$WORK/list.txt"
TOP=$(highest)
wrk -t 1 -c "$HALF" -d "${SECONDS_EACH}s" --latency -s "$WORK/post.lua" "${URL}api/v1/decisions/$DECISION/objections" >"$WORK/mix-submit.txt" &
MIX_PID=$!
OBJECTIONS_TOP=$TOP wrk -t 1 -c "$(( CONNECTIONS - HALF ))" -d "${SECONDS_EACH}s" --latency -s "$WORK/list.lua" \
  -H "Authorization: Bearer $ANALYST_TOKEN" "${URL}api/v1/objections" >"$WORK/mix-list.txt"
wait "$MIX_PID"
report "mix: submit" "$WORK/mix-submit.txt"
report "mix: list" "$WORK/mix-list.txt"
echo "objections kept: $(highest) (highest id)"
