#!/usr/bin/env bash
# One hire against the server's floor (spec 15): `POST /api/v1/hire` (the case of the hire scenario
# 07_werkgever_uit_tekort: five years, every instrument, the employer's effect) and `GET /api/v1/health`, in the same
# run, each with wrk at 64 connections for 30 s over loopback, on an empty SQLite store. Target: hire at least half
# the health rate. Not part of CI.
#
#   bash bench/hire.sh            (LOAD_SECONDS, LOAD_CONNECTIONS, BANENAFSPRAAK_BIN to change)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SECONDS_EACH="${LOAD_SECONDS:-30}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
export PATH="/opt/swift/usr/bin:$PATH"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/release/banenafspraak}"
if [ ! -x "$BIN" ]; then swift build -c release --product banenafspraak; fi
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
"$BIN" serve --store "$WORK/store.sqlite" --port 0 --log-level warning >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
[ -n "$URL" ] || { echo "hire.sh: the server did not start" >&2; exit 1; }

python3 - "$ROOT/Tests/BanenafspraakCalculatorTests/Scenarios/hire/07_werkgever_uit_tekort.json" "$WORK/hire.lua" <<'PY'
import json, sys
case = json.dumps(json.load(open(sys.argv[1]))["case"], separators=(",", ":"))
open(sys.argv[2], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(case) + "\n")
PY
BYTES=$(curl -s -X POST -H 'Content-Type: application/json' --data-binary "$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["case"]))' "$ROOT/Tests/BanenafspraakCalculatorTests/Scenarios/hire/07_werkgever_uit_tekort.json")" "${URL}api/v1/hire" | wc -c)
echo "# bench/hire.sh: $CONNECTIONS connections, ${SECONDS_EACH} s each, wrk 2 threads, loopback; $(date -u +%Y-%m-%dT%H:%M:%SZ); $(git rev-parse --short HEAD)"
echo "# machine: $(nproc) cores, load average before: $(cut -d" " -f1-3 /proc/loadavg); hire response $BYTES bytes"
declare -A RPS
for target in "health:${URL}api/v1/health" "hire:${URL}api/v1/hire"; do
  name="${target%%:*}"; url="${target#*:}"
  script=(); [ "$name" = hire ] && script=(-s "$WORK/hire.lua")
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "${script[@]}" "$url" >"$WORK/$name.wrk"
  RPS[$name]=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$name.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.wrk"); p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.wrk")
  echo "$name: ${RPS[$name]} req/s  p50 ${p50}  p99 ${p99}  non-2xx ${non2xx:-0}"
done
python3 -c "import sys; h, r = float(sys.argv[1]), float(sys.argv[2]); print(f'hire / health = {r / h:.3f} (target at least 0.5)')" "${RPS[health]}" "${RPS[hire]}"
