#!/usr/bin/env bash
# Benchmark harness (spec section 7): `banenafspraak quota` against the same computation as SQL in
# DuckDB, on the same generated CSV files, in the same run. See bench/README.md.
#
#   bash bench/run.sh [tiny|small|medium|national ...]     (default: small medium national)
#
# Environment:
#   BANENAFSPRAAK_BIN  a prebuilt binary to use instead of `swift build -c release`
#   DUCKDB_VERSION     the duckdb pip version for the peer (default 2.0.0)
#   BENCH_THREADS      DuckDB threads (default 2, the machine of spec 7)
#   BENCH_YEAR, BENCH_SEED   (default 2024 and 1, the workload of spec 7)
#
# Exit status: 0 when every run succeeded and every comparison was equal; 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench"
YEAR="${BENCH_YEAR:-2024}"
SEED="${BENCH_SEED:-1}"
THREADS="${BENCH_THREADS:-2}"
DUCKDB_VERSION="${DUCKDB_VERSION:-2.0.0}"
# BENCH_NO_RECORD=1 (the smoke run in scripts/test.sh) compares and prints, but records nothing.
RESULTS="$BENCH/results/results.csv"
if [ "${BENCH_NO_RECORD:-0}" = 1 ]; then RESULTS="$(mktemp -d)/results.csv"; fi
SCALES=("$@")
[ ${#SCALES[@]} -eq 0 ] && SCALES=(small medium national)
for s in "${SCALES[@]}"; do
  case "$s" in tiny|small|medium|national) ;; *) echo "run.sh: unknown scale '$s'" >&2; exit 2 ;; esac
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# 0. GNU time, for /usr/bin/time -v (wall, CPU, peak RSS).
if ! /usr/bin/time -v true >/dev/null 2>&1; then
  log "installing GNU time"
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time) >&2
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
  fi
fi

# 1. The DuckDB peer's virtual environment.
VENV="$BENCH/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  log "creating $VENV"
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import duckdb, sys; sys.exit(duckdb.__version__ != '$DUCKDB_VERSION')" 2>/dev/null; then
  log "installing duckdb==$DUCKDB_VERSION"
  "$VENV/bin/pip" install -q --disable-pip-version-check "duckdb==$DUCKDB_VERSION" >&2
fi
PY="$VENV/bin/python"
DUCKDB_VER="$("$PY" -c 'import duckdb; print(duckdb.__version__)')"

# 2. Our binary, in release mode.
if [ -n "${BANENAFSPRAAK_BIN:-}" ]; then
  BIN="$BANENAFSPRAAK_BIN"
else
  log "swift build -c release --product banenafspraak"
  swift build -c release --product banenafspraak >&2
  BIN="$ROOT/.build/release/banenafspraak"
fi
[ -x "$BIN" ] || { echo "run.sh: no binary at $BIN" >&2; exit 1; }
# The commit the binary was built from, as far as we can tell: the repository it lives in.
OURS_VER="$(git -C "$(dirname "$BIN")" rev-parse --short HEAD 2>/dev/null || echo prebuilt)"

# 2b. The byte-scan baseline (bench/scan.c): the cheapest read of payroll.csv, measured in every run so that
#     `quota` is reported as a multiple of it.
SCAN="$BENCH/.build/scan"
if [ ! -x "$SCAN" ] || [ "$BENCH/scan.c" -nt "$SCAN" ]; then
  mkdir -p "$BENCH/.build"
  cc -O2 -pthread -o "$SCAN" "$BENCH/scan.c"
fi

status=0
for scale in "${SCALES[@]}"; do
  DATA="$BENCH/cache/$scale-$YEAR-$SEED"
  RAW="$BENCH/results/raw/$scale"

  # 3. Generate once (not timed). Written to a temporary folder, moved into place when complete.
  if [ ! -f "$DATA/manifest.json" ]; then
    log "$scale: generating into $DATA"
    rm -rf "$DATA.tmp"
    mkdir -p "$(dirname "$DATA")"
    "$BIN" generate --scale "$scale" --year "$YEAR" --seed "$SEED" --out "$DATA.tmp" >&2
    rm -rf "$DATA"
    mv "$DATA.tmp" "$DATA"
  fi
  mapfile -t QP < <("$PY" - "$DATA/manifest.json" <<'EOF'
import json, sys
q = json.load(open(sys.argv[1]))["quota_percent"]
for s in ("markt", "overheid", "total"):
    print(f"--quota-percent={s}={q[s]}")
EOF
)
  # --quota-percent=markt=X, split into flag and value for both tools.
  QARGS=()
  for a in "${QP[@]}"; do QARGS+=(--quota-percent "${a#--quota-percent=}"); done
  log "$scale: ${QARGS[*]}"

  rm -rf "$RAW"
  mkdir -p "$RAW/ours" "$RAW/duckdb"
  # Warm the page cache for both tools alike: each then reads the files from memory.
  cat "$DATA"/*.csv >/dev/null

  # The baselines: `wc -l` and the two-thread field scan, on the warm payroll file.
  /usr/bin/time -v -o "$RAW/wc.time" wc -l "$DATA/payroll.csv" >"$RAW/wc.stdout"
  /usr/bin/time -v -o "$RAW/scan.time" "$SCAN" "$DATA/payroll.csv" 2 >"$RAW/scan.stdout"
  log "$scale: wc -l: $(cut -d' ' -f1 "$RAW/wc.stdout") lines; scan: $(cat "$RAW/scan.stdout")"

  # 4. Both tools under GNU time, in the same run.
  log "$scale: banenafspraak quota"
  set +e
  /usr/bin/time -v -o "$RAW/ours.time" "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/ours" "${QARGS[@]}" \
    >"$RAW/ours.stdout" 2>"$RAW/ours.stderr"
  ours_rc=$?
  log "$scale: DuckDB $DUCKDB_VER"
  /usr/bin/time -v -o "$RAW/duckdb.time" "$PY" "$BENCH/duckdb_quota.py" --year "$YEAR" --in "$DATA" --out "$RAW/duckdb" \
    "${QARGS[@]}" --threads "$THREADS" --temp-dir "$RAW/duckdb.tmp" >"$RAW/duckdb.stdout" 2>"$RAW/duckdb.stderr"
  duck_rc=$?
  set -e
  rm -rf "$RAW/duckdb.tmp"
  [ $ours_rc -eq 0 ] || { log "$scale: banenafspraak quota exited $ours_rc"; tail -n 20 "$RAW/ours.stderr" >&2; }
  [ $duck_rc -eq 0 ] || { log "$scale: duckdb_quota.py exited $duck_rc"; tail -n 20 "$RAW/duckdb.stderr" >&2; }

  # 5. Compare the outputs.
  equal=false
  if [ $ours_rc -eq 0 ] && [ $duck_rc -eq 0 ]; then
    # pipefail: the pipeline fails when compare.py does.
    if "$PY" "$BENCH/compare.py" "$RAW/ours" "$RAW/duckdb" 2>&1 | tee "$RAW/compare.txt" >&2; then
      equal=true
    fi
  fi
  [ "$equal" = true ] || status=1

  # 6. Record and render.
  lines="$("$PY" - "$RAW" "$DATA" <<'EOF'
import json, os, sys
raw, data = sys.argv[1], sys.argv[2]
for tool in ("ours", "duckdb"):
    try:
        print(json.load(open(os.path.join(raw, tool, "national.json")))["rows"]["payroll"]["read"]); break
    except Exception:
        pass
else:
    with open(os.path.join(data, "payroll.csv"), "rb") as f:
        print(max(sum(1 for _ in f) - 1, 0))
EOF
)"
  "$PY" "$BENCH/report.py" append --results "$RESULTS" --scale "$scale" --tool ours --time-file "$RAW/ours.time" \
    --lines "$lines" --equal "$equal" --exit-status "$ours_rc" --version "$OURS_VER"
  "$PY" "$BENCH/report.py" append --results "$RESULTS" --scale "$scale" --tool duckdb --time-file "$RAW/duckdb.time" \
    --lines "$lines" --equal "$equal" --exit-status "$duck_rc" --version "duckdb $DUCKDB_VER"
  for base in wc scan; do
    "$PY" "$BENCH/report.py" append --results "$RESULTS" --scale "$scale" --tool "$base" --time-file "$RAW/$base.time" \
      --lines "$lines" --equal true --version "$base"
  done
  "$PY" "$BENCH/report.py" ratios --raw "$RAW" --scale "$scale"
done

if [ "${BENCH_NO_RECORD:-0}" != 1 ]; then
  "$PY" "$BENCH/report.py" render --results "$RESULTS" --md "$ROOT/docs/performance.md" --svg "$ROOT/docs/performance.svg"
  log "results: $RESULTS, docs/performance.md, docs/performance.svg"
fi
exit $status
