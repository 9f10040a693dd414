#!/usr/bin/env bash
# Policy-simulation benchmark (spec 11): how fast `simulate` answers from a stored run's aggregates (no payroll
# read), how fast a per-line reform rereads the payroll, sweeps and break-even, and the CSV path with every example
# reform in one call. Also writes the summary of the example reforms (revenue, payouts, winners, losers).
# Results: bench/results/simulate.md (one section per scale).
#
#   bash bench/simulate.sh [tiny|small|medium]     (default: small; national only with BENCH_SIMULATE_NATIONAL=1)
#
# Environment: BANENAFSPRAAK_BIN (a prebuilt binary instead of `swift build -c release`), BENCH_YEAR, BENCH_SEED.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench"
YEAR="${BENCH_YEAR:-2024}"
SEED="${BENCH_SEED:-1}"
SCALES=("$@")
[ ${#SCALES[@]} -eq 0 ] && SCALES=(small)
for s in "${SCALES[@]}"; do
  case "$s" in
    tiny|small|medium) ;;
    national) [ "${BENCH_SIMULATE_NATIONAL:-0}" = 1 ] || { echo "simulate.sh: national needs BENCH_SIMULATE_NATIONAL=1" >&2; exit 2; } ;;
    *) echo "simulate.sh: unknown scale '$s'" >&2; exit 2 ;;
  esac
done
log() { printf '[simulate-bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
/usr/bin/time -v true >/dev/null 2>&1 || { echo "simulate.sh: needs GNU time (bash scripts/setup.sh)" >&2; exit 1; }

if [ -n "${BANENAFSPRAAK_BIN:-}" ]; then BIN="$BANENAFSPRAAK_BIN"; else
  log "swift build -c release --product banenafspraak"
  swift build -c release --product banenafspraak >&2
  BIN="$ROOT/.build/release/banenafspraak"
fi
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"

measure() {
  python3 - "$1" <<'PY'
import sys
wall = rss = None
for ln in open(sys.argv[1]):
    ln = ln.strip()
    if ln.startswith("Elapsed (wall clock) time"):
        t = ln.rsplit(" ", 1)[1].split(":")
        wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
    elif ln.startswith("Maximum resident set size"):
        rss = int(ln.rsplit(" ", 1)[1]) / 1024
print(f"{wall:.2f} {rss:.0f}")
PY
}
timed() { local name="$1"; shift; /usr/bin/time -v -o "$RAW/$name.time" "$@" >"$RAW/$name.stdout" 2>"$RAW/$name.stderr" || { log "$name failed"; tail -n 20 "$RAW/$name.stderr" >&2; exit 1; }; measure "$RAW/$name.time"; }

REFORMS=(law2015-vs-simplified levy-6000 bonus-4-per-hour widened-register combined-quotum threshold-50000)
OUTMD="$BENCH/results/simulate.md"
mkdir -p "$BENCH/results"
[ -f "$OUTMD" ] || printf '# Policy simulation benchmark (bench/simulate.sh)\n\nWall time and peak RSS from GNU time -v; 2 shared cores.\n' >"$OUTMD"

for scale in "${SCALES[@]}"; do
  DATA="$BENCH/cache/$scale-$YEAR-$SEED"
  RAW="$BENCH/results/raw/simulate-$scale"
  rm -rf "$RAW"; mkdir -p "$RAW"
  if [ ! -f "$DATA/manifest.json" ]; then
    log "$scale: generating into $DATA"
    rm -rf "$DATA.tmp"; mkdir -p "$(dirname "$DATA")"
    "$BIN" generate --scale "$scale" --year "$YEAR" --seed "$SEED" --out "$DATA.tmp" >&2
    rm -rf "$DATA"; mv "$DATA.tmp" "$DATA"
  fi
  QP=$(python3 -c "import json,sys; q=json.load(open('$DATA/manifest.json'))['quota_percent']; print(' '.join(f'--quota-percent {k}={v}' for k,v in q.items()))")
  STORE="$RAW/store.sqlite"
  log "$scale: quota --store (baseline run)"
  read -r q_wall q_rss < <(timed quota "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/quota" $QP --store "$STORE")
  RUN=$("$BIN" runs --store "$STORE" | tail -n 1 | cut -f1)

  rows=""
  for r in "${REFORMS[@]}"; do
    extra=()
    [ "$r" = widened-register ] && extra=(--in "$DATA")
    log "$scale: simulate --store --run $RUN --reform $r"
    read -r w m < <(timed "store-$r" "$BIN" simulate --store "$STORE" --run "$RUN" "${extra[@]}" --reform "reforms/$r.json" --out "$RAW/sim-$r")
    mode="aggregates"; grep -q "per-line rule" "$RAW/store-$r.stderr" && mode="payroll reread"
    rows+="| $r | store | $mode | $w | $m |"$'\n'
  done
  log "$scale: sweep and solve on the stored aggregates"
  read -r sw_w sw_m < <(timed sweep "$BIN" simulate --store "$STORE" --run "$RUN" --reform reforms/bonus-4-per-hour.json --out "$RAW/sweep" --sweep "simplified.bonus_hourly=3.00:5.00:0.25")
  read -r so_w so_m < <(timed solve "$BIN" simulate --store "$STORE" --run "$RUN" --reform reforms/bonus-4-per-hour.json --out "$RAW/solve" --solve "surcharge_percent=0:20")
  ALL=()
  for r in "${REFORMS[@]}"; do ALL+=(--reform "reforms/$r.json"); done
  log "$scale: simulate on CSV with all six reforms in one call"
  read -r c_w c_m < <(timed csv-all "$BIN" simulate --year "$YEAR" --in "$DATA" $QP "${ALL[@]}" --out "$RAW/csv-all")
  lines=$(python3 -c "import json; print(json.load(open('$RAW/quota/national.json'))['rows']['payroll']['read'])")

  {
    printf '\n## %s (%s payroll lines; commit %s; %s)\n\n' "$scale" "$lines" "$COMMIT" "$(date -u +%Y-%m-%dT%H:%MZ)"
    printf '| what | from | payroll | wall (s) | peak RSS (MiB) |\n|---|---|---|---|---|\n'
    printf '| quota --store (the baseline run) | CSV | read | %s | %s |\n' "$q_wall" "$q_rss"
    printf '%s' "$rows"
    printf '| sweep bonus 3.00..5.00 step 0.25 (9 points) | store | aggregates | %s | %s |\n' "$sw_w" "$sw_m"
    printf '| solve surcharge rate, difference = 0 | store | aggregates | %s | %s |\n' "$so_w" "$so_m"
    printf '| all six reforms in one call | CSV | read (+1 reread) | %s | %s |\n' "$c_w" "$c_m"
    printf '\nBreak-even (bonus EUR 4.00/h): %s\n\n' "$(tail -n 1 "$RAW/solve.stdout")"
    python3 - "$RAW" "${REFORMS[@]}" <<'PY'
import json, sys
raw, reforms = sys.argv[1], sys.argv[2:]
def euro(s):
    neg = s.startswith("-"); s = s.lstrip("-"); whole, cents = s.split(".")
    g = ""
    while len(whole) > 3: g = "." + whole[-3:] + g; whole = whole[:-3]
    return ("-" if neg else "") + "€ " + whole + g + "," + cents
print("| reform | counts | revenue baseline | revenue reform | payouts baseline | payouts reform | difference | gain | lose | equal | rescan |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for r in reforms:
    d = json.load(open(f"{raw}/sim-{r}/summary.json"))
    b, f, e = d["baseline"], d["reform"], d["employers"]
    counts = d["baseline_scheme"] + " -> " + d["scheme"] if d["baseline_scheme"] != d["scheme"] else d["scheme"]
    print(f"| {r} | {counts} | {euro(b['revenue'])} | {euro(f['revenue'])} | {euro(b['payouts'])} | {euro(f['payouts'])} | {euro(d['difference'])} | {e['gain']} | {e['lose']} | {e['equal']} | {'yes' if d['rescan'] else 'no'} |")
PY
  } >>"$OUTMD"
  log "$scale: written to $OUTMD"
done
