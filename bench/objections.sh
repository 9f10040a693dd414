#!/usr/bin/env bash
# Objections under load (spec 14): `decide --all` on a stored run, then with wrk at 64 connections
#   1. POST /api/v1/decisions/{id}/objections with the employer's token (each request keeps an objection), and
#   2. GET /api/v1/objections with an analyst token (the list grows with step 1),
# each for LOAD_SECONDS (default 10): requests per second, p50 and p99 latency.
#
#   bash bench/objections.sh STORE RUN      (BANENAFSPRAAK_BIN, LOAD_SECONDS, LOAD_CONNECTIONS to change)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="$1"; RUN="$2"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/release/banenafspraak}"
SECONDS_EACH="${LOAD_SECONDS:-10}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
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
echo "== POST ${URL}api/v1/decisions/$DECISION/objections, $CONNECTIONS connections, ${SECONDS_EACH} s"
wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --latency -s "$WORK/post.lua" "${URL}api/v1/decisions/$DECISION/objections" | grep -E "Requests/sec|50%|99%|Non-2xx|requests in"
echo "== GET ${URL}api/v1/objections (analyst), $CONNECTIONS connections, ${SECONDS_EACH} s"
wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --latency -H "Authorization: Bearer $ANALYST_TOKEN" "${URL}api/v1/objections" | grep -E "Requests/sec|50%|99%|Non-2xx|requests in"
