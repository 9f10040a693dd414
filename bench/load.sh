#!/usr/bin/env bash
# Load on `banenafspraak serve` over loopback (spec 10), with wrk from Debian:
#   1. POST /api/v1/estimate, POST /api/v1/calc, and GET an employer's figures with its token,
#      each at 64 connections for 30 s: requests per second, p50 and p99 latency, server RSS;
#   2. then 10,000 malformed requests (bad JSON, huge bodies, wrong types, unknown fields, bad tokens):
#      every one must get a 4xx, and the server must still answer afterwards.
# The store holds one quota run of generated data (default scale medium), in SQLite (default) or in PostgreSQL
# (a throwaway cluster from scripts/postgres.sh, or BANENAFSPRAAK_TEST_POSTGRES_URL's server).
#
#   bash bench/load.sh [tiny|small|medium] [sqlite|postgres]
#                       (LOAD_SECONDS, LOAD_CONNECTIONS, BANENAFSPRAAK_BIN to change)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-medium}"
BACKEND="${2:-sqlite}"
case "$BACKEND" in sqlite|postgres) ;; *) echo "load.sh: the back-end is sqlite or postgres, not '$BACKEND'" >&2; exit 2 ;; esac
SECONDS_EACH="${LOAD_SECONDS:-30}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
export PATH="/opt/swift/usr/bin:$PATH"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/release/banenafspraak}"
if [ ! -x "$BIN" ]; then swift build -c release --product banenafspraak; fi
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

DATA="$ROOT/bench/cache/$SCALE-2024-1"
if [ ! -f "$DATA/manifest.json" ]; then
  echo "== generating $SCALE data"
  "$BIN" generate --scale "$SCALE" --year 2024 --seed 1 --out "$DATA" >/dev/null
fi
OUT="$ROOT/bench/cache/load-$SCALE-$BACKEND-out"
QP=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['quota_percent']; print(' '.join(f'--quota-percent {k}={v}' for k,v in m.items()))" "$DATA/manifest.json")
if [ "$BACKEND" = sqlite ]; then
  STORE="$ROOT/bench/cache/load-$SCALE.sqlite"
  if [ ! -f "$STORE" ] || [ ! -f "$OUT/employers.csv" ]; then
    echo "== quota run into the store"
    rm -f "$STORE"
    # shellcheck disable=SC2086
    "$BIN" quota --year 2024 --in "$DATA" --out "$OUT" --store "$STORE" $QP >/dev/null
  fi
  STORE_SIZE="$(du -h "$STORE" | cut -f1)"
else
  # A fresh database on the shared test server, or on a cluster of its own (stopped on exit).
  if [ -n "${BANENAFSPRAAK_TEST_POSTGRES_URL:-}" ]; then PG="$BANENAFSPRAAK_TEST_POSTGRES_URL"; else
    PG="$(bash scripts/postgres.sh start load)"
    STOP_CLUSTER=1
  fi
  DB="load_${SCALE}_$(date +%s)"
  psql "$PG" -qc "CREATE DATABASE $DB"
  STORE="${PG%/*}/$DB"
  echo "== quota run into the store (PostgreSQL)"
  # shellcheck disable=SC2086
  "$BIN" quota --year 2024 --in "$DATA" --out "$OUT" --store "$STORE" $QP >/dev/null
  STORE_SIZE="$(psql "$STORE" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))")"
fi
EMPLOYER=$(awk -F, 'NR>1 && $3=="true" {print $1; exit}' "$OUT/employers.csv")
TOKEN=$("$BIN" token issue --store "$STORE" --employer "$EMPLOYER" | tail -n 1)
RUN=$("$BIN" runs --store "$STORE" | tail -n 1 | cut -f1)

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
  if [ "${STOP_CLUSTER:-0}" = 1 ]; then bash scripts/postgres.sh stop load; fi
}
trap cleanup EXIT
"$BIN" serve --store "$STORE" --port 0 --log-level warning >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
[ -n "$URL" ] || { echo "load.sh: the server did not start" >&2; exit 1; }
rss() { awk '/^VmRSS|^VmHWM/ {printf "%s %s MB  ", $1, int($2/1024)}' "/proc/$SERVER_PID/status"; }

cat >"$WORK/estimate.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"year":2024,"sector":"markt","hours_total":"120000.00","hours_a":"118000.00","hours_c":"1500.00","premium_base":"4200000.00","target_group_hours":["1326.00","800.50"],"quota_percent":"2.20","surcharge_percent":"0.512"}'
LUA
cat >"$WORK/calc.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"calculator":"lks","date":"2024-07-01","input":{"loonwaarde_percent":"55","contract_hours_per_week":"24","fulltime_hours_per_week":"38","forfaitair":false,"months_since_start":3}}'
LUA
cat >"$WORK/employer.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $TOKEN"
LUA

SUFFIX=""
if [ "$BACKEND" = postgres ]; then SUFFIX="-postgres"; fi
RESULT="$ROOT/bench/results/load-$SCALE$SUFFIX.txt"
mkdir -p "$ROOT/bench/results"
{
  echo "# bench/load.sh $SCALE $BACKEND: $CONNECTIONS connections, ${SECONDS_EACH} s each, wrk 2 threads, loopback; $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# machine: $(nproc) cores, load average before: $(cut -d" " -f1-3 /proc/loadavg); $BACKEND store $STORE_SIZE ($(($(wc -l <"$OUT/employers.csv") - 1)) employers), run $RUN"
  echo "# server RSS after start: $(rss)"
} | tee "$RESULT"
for target in "estimate:${URL}api/v1/estimate" "calc:${URL}api/v1/calc" "employer:${URL}api/v1/runs/$RUN/employers/$EMPLOYER"; do
  name="${target%%:*}"; url="${target#*:}"
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$WORK/$name.lua" "$url" >"$WORK/$name.wrk"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$name.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.wrk")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$name.wrk")
  errors=$(awk '/Socket errors/ {print $0}' "$WORK/$name.wrk")
  echo "$name: ${rps} req/s  p50 ${p50}  p99 ${p99}  non-2xx ${non2xx:-0} ${errors}  server $(rss)" | tee -a "$RESULT"
done

echo "== 10,000 malformed requests"
python3 - "$URL" "$TOKEN" "$RUN" "$EMPLOYER" <<'PY' | tee -a "$RESULT"
import http.client, json, random, socket, sys, urllib.parse
url, token, run, employer = sys.argv[1:5]
u = urllib.parse.urlparse(url)
random.seed(1)
estimate = {"year": 2024, "sector": "markt", "hours_total": "1.00", "hours_a": "1.00", "hours_c": "1.00", "premium_base": "1.00"}
def bad():
    k = random.randrange(9)
    if k == 0: return ("POST", "/api/v1/estimate", '{"year": 2024, "sector": ', {})
    if k == 1: return ("POST", "/api/v1/calc", "x" * 300_000, {})
    if k == 2: return ("POST", "/api/v1/estimate", json.dumps(dict(estimate, hours_c=12)), {})
    if k == 3: return ("POST", "/api/v1/estimate", json.dumps(dict(estimate, colour="red")), {})
    if k == 4: return ("GET", f"/api/v1/runs/{run}/employers/{employer}", "", {"Authorization": "Bearer " + "%064x" % random.getrandbits(256)})
    if k == 5: return ("GET", f"/api/v1/runs/{run}/employers/{employer}", "", {"Authorization": "Basic dXNlcjpwYXNz"})
    if k == 6: return ("POST", "/api/v1/calc", json.dumps({"calculator": "lkv", "date": "2024-99-01", "input": []}), {})
    if k == 7: return ("GET", "/api/v1/parameters?date=" + "9" * random.randrange(1, 40), "", {})
    return ("POST", "/api/v1/estimate", "[" * 5000 + "]" * 5000, {})
statuses, failures = {}, 0
conn = None
for i in range(10_000):
    method, path, body, headers = bad()
    for attempt in range(2):
        try:
            if conn is None: conn = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
            conn.request(method, path, body=body.encode(), headers=headers)
            r = conn.getresponse(); r.read()
            statuses[r.status] = statuses.get(r.status, 0) + 1
            if r.getheader("Connection", "").lower() == "close": conn.close(); conn = None
            break
        except (ConnectionError, socket.timeout, http.client.HTTPException) as e:
            if conn: conn.close()
            conn = None
            if attempt == 1: failures += 1
non4xx = {s: n for s, n in statuses.items() if not 400 <= s < 500}
c = http.client.HTTPConnection(u.hostname, u.port, timeout=10); c.request("GET", "/api/v1/health"); alive = c.getresponse().status
print(f"malformed: {sum(statuses.values())} answered, statuses {dict(sorted(statuses.items()))}, non-4xx {non4xx or 'none'}, unanswered {failures}; health afterwards {alive}")
sys.exit(0 if not non4xx and failures == 0 and alive == 200 else 1)
PY
echo "server after malformed: $(rss)" | tee -a "$RESULT"
