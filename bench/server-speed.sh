#!/usr/bin/env bash
# The server's speed targets in one run (issue 22: hire; issue 18: estimate and an employer's figures with its token):
# `GET /api/v1/health`, then `POST /api/v1/hire` (the case of scenario 07_werkgever_uit_tekort, as issue 22 measures
# it, and a mix of varied cases), `POST /api/v1/estimate` (a mix of varied totals) and
# `GET /api/v1/runs/{run}/employers/{id}` (a mix of employers, each with its own token), each with wrk at 64
# connections over loopback against one release server on an SQLite store holding one quota run of generated data.
# Each mix cycles through pre-formatted requests, so that no endpoint is measured on one repeated request only.
# Prints a Markdown table: requests/s, p50, p99, the rate as a fraction of health's (target at least 0.5) and p99 as
# a multiple of health's (target at most 2). Not part of CI.
#
#   bash bench/server-speed.sh [tiny|small|medium]     (default medium; LOAD_SECONDS, LOAD_CONNECTIONS,
#                                                        BANENAFSPRAAK_BIN to change)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SCALE="${1:-medium}"
SECONDS_EACH="${LOAD_SECONDS:-30}"
CONNECTIONS="${LOAD_CONNECTIONS:-64}"
export PATH="/opt/swift/usr/bin:$PATH"
BIN="${BANENAFSPRAAK_BIN:-$ROOT/.build/release/banenafspraak}"
if [ ! -x "$BIN" ]; then swift build -c release --product banenafspraak; fi
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# The same store as bench/load.sh (reused when it is there).
DATA="$ROOT/bench/cache/$SCALE-2024-1"
if [ ! -f "$DATA/manifest.json" ]; then
  echo "== generating $SCALE data" >&2
  "$BIN" generate --scale "$SCALE" --year 2024 --seed 1 --out "$DATA" >/dev/null
fi
OUT="$ROOT/bench/cache/load-$SCALE-sqlite-out"
STORE="$ROOT/bench/cache/load-$SCALE.sqlite"
if [ ! -f "$STORE" ] || [ ! -f "$OUT/employers.csv" ]; then
  echo "== quota run into the store" >&2
  rm -f "$STORE"
  QP=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['quota_percent']; print(' '.join(f'--quota-percent {k}={v}' for k,v in m.items()))" "$DATA/manifest.json")
  # shellcheck disable=SC2086
  "$BIN" quota --year 2024 --in "$DATA" --out "$OUT" --store "$STORE" $QP >/dev/null
fi
RUN=$("$BIN" runs --store "$STORE" | tail -n 1 | cut -f1)

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# 16 employers spread over the file (liable and not), each with a token of its own.
awk -F, 'NR>1 {print $1}' "$OUT/employers.csv" | awk -v n="$(($(wc -l <"$OUT/employers.csv") - 1))" \
  'BEGIN {step = int(n / 16); if (step < 1) step = 1} (NR - 1) % step == 0 && c < 16 {print; c++}' >"$WORK/employers.txt"
while read -r employer; do
  printf '%s %s\n' "$employer" "$("$BIN" token issue --store "$STORE" --employer "$employer" | tail -n 1)"
done <"$WORK/employers.txt" >"$WORK/tokens.txt"

"$BIN" serve --store "$STORE" --port 0 --log-level warning >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
[ -n "$URL" ] || { echo "server-speed.sh: the server did not start" >&2; exit 1; }

# The request mixes as wrk scripts; every request is sent once first and must answer 200.
python3 - "$ROOT/Tests/BanenafspraakCalculatorTests/Scenarios/hire" "$WORK" "$RUN" "$URL" <<'PY'
import glob, json, os, sys, urllib.request
scenarios, work, run, url = sys.argv[1:5]
def case(name): return json.load(open(os.path.join(scenarios, name)))["case"]
def dump(v): return json.dumps(v, separators=(",", ":"))
# Hire: scenario 07 alone; the mix: every scenario that answers 200, and 07 with other wages and hours.
cases = [case(os.path.basename(f)) for f in sorted(glob.glob(os.path.join(scenarios, "*.json"))) if not f.endswith("13_fout_leeftijd_en_geboortedatum.json")]
base = case("07_werkgever_uit_tekort.json")
for i in range(12):
    c = json.loads(json.dumps(base))
    c["input"]["hourly_wage"] = f"{14 + i * 0.75:.2f}"
    c["input"]["hours_per_week"] = str(12 + 2 * i)
    c["start_date"] = f"{2021 + i % 5}-{1 + (i * 5) % 12:02d}-{1 + (i * 7) % 28:02d}"
    c["input"]["employer"]["year"] = 2021 + i % 5
    cases.append(c)
hire = [("POST", "/api/v1/hire", {"Content-Type": "application/json"}, dump(c)) for c in cases]
hire07 = [("POST", "/api/v1/hire", {"Content-Type": "application/json"}, dump(base))]
# Estimate: 16 employers of different size, sector and target-group hours.
estimate = []
for i in range(16):
    total = 40000 + 9000 * i
    body = {"year": 2024, "sector": "markt" if i % 3 else "overheid", "hours_total": f"{total}.00", "hours_a": f"{total - 500 * (i % 4)}.00",
            "hours_c": f"{150 * i}.{i % 10}0", "premium_base": f"{total * 35}.00",
            "target_group_hours": [f"{800 + 37 * j}.50" for j in range(i % 5)], "quota_percent": "2.20", "surcharge_percent": "0.512"}
    estimate.append(("POST", "/api/v1/estimate", {"Content-Type": "application/json"}, dump(body)))
employer = []
for line in open(os.path.join(work, "tokens.txt")):
    e, token = line.split()
    employer.append(("GET", f"/api/v1/runs/{run}/employers/{e}", {"Authorization": "Bearer " + token}, None))
def lua_str(s): return "nil" if s is None else json.dumps(s)
for name, reqs in {"hire07": hire07, "hire": hire, "estimate": estimate, "employer": employer}.items():
    for method, path, headers, body in reqs:
        r = urllib.request.Request(url.rstrip("/") + path, data=body.encode() if body else None, headers=headers, method=method)
        with urllib.request.urlopen(r) as resp:
            assert resp.status == 200, (name, path, resp.status)
    with open(os.path.join(work, name + ".lua"), "w") as f:
        f.write("local reqs = {}\nlocal n = 0\ninit = function(args)\n")
        for method, path, headers, body in reqs:
            h = "{" + ", ".join(f"[{lua_str(k)}] = {lua_str(v)}" for k, v in headers.items()) + "}"
            f.write(f"  n = n + 1\n  reqs[n] = wrk.format({lua_str(method)}, {lua_str(path)}, {h}, {lua_str(body)})\n")
        f.write("end\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return reqs[(i % n) + 1]\nend\n")
    print(f"{name}: {len(reqs)} distinct requests", file=sys.stderr)
PY

# SERVER_SPEED_KEEP=DIR keeps the wrk scripts there (for a profile of one mix).
if [ -n "${SERVER_SPEED_KEEP:-}" ]; then mkdir -p "$SERVER_SPEED_KEEP"; cp "$WORK"/*.lua "$SERVER_SPEED_KEEP"/; fi
echo "# bench/server-speed.sh $SCALE: $CONNECTIONS connections, ${SECONDS_EACH} s each, wrk 2 threads, loopback; $(date -u +%Y-%m-%dT%H:%M:%SZ); $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo '+changes')"
echo "# machine: $(nproc) cores, load average before: $(cut -d" " -f1-3 /proc/loadavg); SQLite store $(du -h "$STORE" | cut -f1) ($(($(wc -l <"$OUT/employers.csv") - 1)) employers), run $RUN"
: >"$WORK/rows"
for target in health hire07 hire estimate employer; do
  script=(); [ "$target" = health ] || script=(-s "$WORK/$target.lua")
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "${script[@]}" "${URL}api/v1/health" >"$WORK/$target.wrk"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/$target.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$target.wrk"); p99=$(awk '$1=="99%" {print $2}' "$WORK/$target.wrk")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$WORK/$target.wrk")
  errors=$(awk '/Socket errors/ {sub(/^ *Socket errors: */, ""); print}' "$WORK/$target.wrk")
  echo "$target $rps $p50 $p99 ${non2xx:-0} ${errors:-none}" | tr ',' ';' >>"$WORK/rows"
  echo "$target: $rps req/s  p50 $p50  p99 $p99  non-2xx ${non2xx:-0}" >&2
done
python3 - "$WORK/rows" <<'PY'
import sys
def ms(t):
    for unit, f in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if t.endswith(unit) and t[: -len(unit)].replace(".", "").isdigit(): return float(t[: -len(unit)]) * f
    return float("nan")
rows = [l.split(" ", 5) for l in open(sys.argv[1]) if l.strip()]
names = {"health": "`GET /api/v1/health`", "hire07": "`POST /api/v1/hire` (scenario 07)", "hire": "`POST /api/v1/hire` (24 cases)",
         "estimate": "`POST /api/v1/estimate` (16 bodies)", "employer": "`GET /api/v1/runs/{run}/employers/{id}` (16 employers, own tokens)"}
h_rps, h_p99 = float(rows[0][1]), ms(rows[0][3])
print("| endpoint | req/s | p50 | p99 | rate ÷ health (≥ 0.5) | p99 ÷ health's (≤ 2) | non-2xx |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, rps, p50, p99, non2xx, errors in rows:
    r, q = float(rps), ms(p99) / h_p99
    print(f"| {names[name]} | {r:,.0f} | {p50} | {p99} | {r / h_rps:.2f} | {q:.2f} | {non2xx} |")
PY
