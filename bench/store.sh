#!/usr/bin/env bash
# Results-store benchmark (spec 9): what `--store` costs on top of `quota`, the store's size, and how fast
# `explain --store`, `diff` and the letters answer from it. Writes bench/results/store.md (one section per
# scale) and re-renders docs/performance.md, which includes it.
#
#   bash bench/store.sh [tiny|small|medium]      (default: small; national only with BENCH_STORE_NATIONAL=1)
#
# Environment: BANENAFSPRAAK_BIN (a prebuilt binary instead of `swift build -c release`), BENCH_YEAR, BENCH_SEED.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCALES=("$@")
[ ${#SCALES[@]} -eq 0 ] && SCALES=(small)
for s in "${SCALES[@]}"; do
  case "$s" in
    tiny|small|medium) ;;
    national) [ "${BENCH_STORE_NATIONAL:-0}" = 1 ] || { echo "store.sh: national needs BENCH_STORE_NATIONAL=1" >&2; exit 2; } ;;
    *) echo "store.sh: unknown scale '$s'" >&2; exit 2 ;;
  esac
done
bench_init store-bench

for scale in "${SCALES[@]}"; do
  ensure_data "$scale"
  RAW="$BENCH/results/raw/store-$scale"
  quota_args
  rm -rf "$RAW"; mkdir -p "$RAW"
  load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)"
  STORE="$RAW/store.sqlite"
  cat "$DATA"/*.csv >/dev/null
  lines=$(python3 -c "import sys; print(sum(1 for _ in open(sys.argv[1], 'rb')) - 1)" "$DATA/payroll.csv")

  # quota alone and quota --store into a new store, alternating, best of BENCH_REPEAT (default 3): the machine is shared.
  q_wall=999999; s_wall=999999; q_rss=0; s_rss=0; q_cpu=0; s_cpu=0
  for i in $(seq "${BENCH_REPEAT:-3}"); do
    log "$scale: quota (no store), round $i"
    read -r w r c < <(timed quota "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-plain" "${QARGS[@]}")
    if python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$w" "$q_wall"; then q_wall=$w; q_cpu=$c; fi
    [ "${r%.*}" -gt "$q_rss" ] && q_rss=$r
    log "$scale: quota --store (new store), round $i"
    rm -f "$STORE" "$STORE-wal" "$STORE-shm"
    read -r w r c < <(timed quota-store "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-store" "${QARGS[@]}" --store "$STORE")
    if python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$w" "$s_wall"; then s_wall=$w; s_cpu=$c; fi
    [ "${r%.*}" -gt "$s_rss" ] && s_rss=$r
  done
  cmp -s "$RAW/out-plain/employers.csv" "$RAW/out-store/employers.csv" || { log "employers.csv differs with --store"; exit 1; }
  size_mib=$(python3 -c "import os,sys; print(f'{sum(os.path.getsize(p) for p in sys.argv[1:] if os.path.exists(p)) / 2**20:.1f}')" "$STORE" "$STORE-wal")
  log "$scale: a correction as a second run (surcharge override)"
  read -r s2_wall s2_rss s2_cpu < <(timed quota-store-2 "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-store-2" "${QARGS[@]}" --surcharge-percent 0.500 --store "$STORE")
  # The largest employer: the most hours_total.
  largest=$(python3 - "$RAW/out-plain/employers.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(max(rows, key=lambda r: float(r["hours_total"]))["employer_id"])
PY
)
  log "$scale: explain --store for the largest employer ($largest)"
  read -r e_wall e_rss e_cpu < <(timed explain-store "$BIN" explain --store "$STORE" --run 1 --employer "$largest" --format json)
  log "$scale: explain (rescanning) for the same employer"
  read -r r_wall r_rss r_cpu < <(timed explain-scan "$BIN" explain --year "$YEAR" --in "$DATA" --employer "$largest" --format json --pseudonyms-of "$STORE" "${QARGS[@]}")
  cmp -s "$RAW/explain-store.stdout" "$RAW/explain-scan.stdout" && same=yes || same=NO
  log "$scale: diff 1 2"
  read -r d_wall d_rss d_cpu < <(timed diff "$BIN" diff --store "$STORE" 1 2)
  differ=$(wc -l <"$RAW/diff.stdout")
  log "$scale: letters for every employer with a levy"
  read -r l_wall l_rss l_cpu < <(timed letters "$BIN" explain --store "$STORE" --run 1 --all --with-levy --out "$RAW/letters")
  nletters=$(find "$RAW/letters" -name '*.html' | wc -l)
  rm -rf "$RAW/letters" "$RAW"/out-*

  md="$BENCH/results/store.md"
  # BENCH_NO_RECORD=1 (the smoke run in scripts/test.sh) measures and prints, but records nothing.
  [ "${BENCH_NO_RECORD:-0}" = 1 ] && md="$(mktemp -d)/store.md"
  python3 - "$md" "$scale" <<PY
import re, sys
path, scale = sys.argv[1], sys.argv[2]
section = f"""### store, {scale}

Payroll lines: {int("$lines"):,}. Commit $COMMIT, $(date -u +%Y-%m-%dT%H:%M:%SZ). Commands: \`bash bench/store.sh {scale}\`
(release build; each step under GNU \`/usr/bin/time -v\`; load average at the start: $load).

| step | wall (s) | CPU (s) | peak RSS (MiB) | note |
|---|---:|---:|---:|---|
| \`quota\` alone (best of ${BENCH_REPEAT:-3}) | $q_wall | $q_cpu | $q_rss | |
| \`quota --store\` (new store, best of ${BENCH_REPEAT:-3}) | $s_wall | $s_cpu | $s_rss | store {float("$size_mib"):,.1f} MiB after one run; cost of \`--store\`: {float("$s_wall") - float("$q_wall"):+.2f} s wall, {float("$s_cpu") - float("$q_cpu"):+.2f} s CPU |
| \`quota --store\` (second run, a correction) | $s2_wall | $s2_cpu | $s2_rss | \`--surcharge-percent 0.500\` |
| \`explain --store\`, largest employer ($largest) | $e_wall | $e_cpu | $e_rss | equal to the rescanning explain: $same |
| \`explain\` rescanning, same employer | $r_wall | $r_cpu | $r_rss | |
| \`diff\` of the two runs | $d_wall | $d_cpu | $d_rss | $differ employers differ |
| letters, every employer with a levy | $l_wall | $l_cpu | $l_rss | $nletters letters |
""".replace(",", " ", 0)
try:
    text = open(path).read()
except FileNotFoundError:
    text = "## Results store (spec 9)\n\nGenerated by \`bench/store.sh\`.\n\n"
parts = re.split(r"(?m)^(?=### store, )", text)
head, sections = parts[0], {p.split("\n", 1)[0][len("### store, "):].strip(): p for p in parts[1:]}
sections[scale] = section.rstrip() + "\n\n"
order = ["tiny", "small", "medium", "national"]
open(path, "w").write(head + "".join(sections[k] for k in order if k in sections))
PY
  log "$scale: quota $q_wall s, --store $s_wall s, store $size_mib MiB, explain --store $e_wall s (same: $same), diff $d_wall s, $nletters letters $l_wall s"
done

if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  python3 "$BENCH/report.py" render --results "$BENCH/results/results.csv" --md "$ROOT/docs/performance.md" --svg "$ROOT/docs/performance.svg"
fi
