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

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCALES=("$@")
[ ${#SCALES[@]} -eq 0 ] && SCALES=(small)
for s in "${SCALES[@]}"; do
  case "$s" in
    tiny|small|medium) ;;
    national) [ "${BENCH_SIMULATE_NATIONAL:-0}" = 1 ] || { echo "simulate.sh: national needs BENCH_SIMULATE_NATIONAL=1" >&2; exit 2; } ;;
    *) echo "simulate.sh: unknown scale '$s'" >&2; exit 2 ;;
  esac
done
bench_init simulate-bench

REFORMS=(law2015-vs-simplified levy-6000 bonus-4-per-hour widened-register combined-quotum threshold-50000)
OUTMD="$BENCH/results/simulate.md"
mkdir -p "$BENCH/results"
[ -f "$OUTMD" ] || printf '# Policy simulation benchmark (bench/simulate.sh)\n\nWall time and peak RSS from GNU time -v; 2 shared cores.\n' >"$OUTMD"

for scale in "${SCALES[@]}"; do
  ensure_data "$scale"
  RAW="$BENCH/results/raw/simulate-$scale"
  rm -rf "$RAW"; mkdir -p "$RAW"
  quota_args
  STORE="$RAW/store.sqlite"
  log "$scale: quota --store (baseline run)"
  read -r q_wall q_rss _ < <(timed quota "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/quota" "${QARGS[@]}" --store "$STORE")
  RUN=$("$BIN" runs --store "$STORE" | tail -n 1 | cut -f1)

  rows=""
  for r in "${REFORMS[@]}"; do
    extra=()
    [ "$r" = widened-register ] && extra=(--in "$DATA")
    log "$scale: simulate --store --run $RUN --reform $r"
    read -r w m _ < <(timed "store-$r" "$BIN" simulate --store "$STORE" --run "$RUN" "${extra[@]}" --reform "reforms/$r.json" --out "$RAW/sim-$r")
    mode="aggregates"; grep -q "per-line rule" "$RAW/store-$r.stderr" && mode="payroll reread"
    rows+="| $r | store | $mode | $w | $m |"$'\n'
  done
  log "$scale: sweep and solve on the stored aggregates"
  read -r sw_w sw_m _ < <(timed sweep "$BIN" simulate --store "$STORE" --run "$RUN" --reform reforms/bonus-4-per-hour.json --out "$RAW/sweep" --sweep "simplified.bonus_hourly=3.00:5.00:0.25")
  read -r so_w so_m _ < <(timed solve "$BIN" simulate --store "$STORE" --run "$RUN" --reform reforms/bonus-4-per-hour.json --out "$RAW/solve" --solve "surcharge_percent=0:20")
  ALL=()
  for r in "${REFORMS[@]}"; do ALL+=(--reform "reforms/$r.json"); done
  log "$scale: simulate on CSV with all six reforms in one call"
  read -r c_w c_m _ < <(timed csv-all "$BIN" simulate --year "$YEAR" --in "$DATA" "${QARGS[@]}" "${ALL[@]}" --out "$RAW/csv-all")
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
