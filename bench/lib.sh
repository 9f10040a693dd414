# Shared by bench/store.sh, bench/simulate.sh and bench/postgres.sh (sourced, not run).
# bench_init NAME: sets ROOT, BENCH, YEAR, SEED, BIN (BANENAFSPRAAK_BIN or a release build) and COMMIT, and log().
bench_init() {
  BENCH_NAME="$1"
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  cd "$ROOT"
  BENCH="$ROOT/bench"
  YEAR="${BENCH_YEAR:-2024}"
  SEED="${BENCH_SEED:-1}"
  /usr/bin/time -v true >/dev/null 2>&1 || { echo "$BENCH_NAME: needs GNU time (bash scripts/setup.sh)" >&2; exit 1; }
  if [ -n "${BANENAFSPRAAK_BIN:-}" ]; then BIN="$BANENAFSPRAAK_BIN"; else
    log "swift build -c release --product banenafspraak"
    swift build -c release --product banenafspraak >&2
    BIN="$ROOT/.build/release/banenafspraak"
  fi
  COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

log() { printf '[%s %s] %s\n' "${BENCH_NAME:-bench}" "$(date +%H:%M:%S)" "$*" >&2; }

# Prints wall seconds, peak RSS (MiB) and CPU seconds (user + system) from a GNU time -v file.
measure() {
  python3 - "$1" <<'PY'
import sys
wall = rss = None
cpu = 0.0
for ln in open(sys.argv[1]):
    ln = ln.strip()
    if ln.startswith("Elapsed (wall clock) time"):
        t = ln.rsplit(" ", 1)[1].split(":")
        wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
    elif ln.startswith("Maximum resident set size"):
        rss = int(ln.rsplit(" ", 1)[1]) / 1024
    elif ln.startswith("User time") or ln.startswith("System time"):
        cpu += float(ln.rsplit(" ", 1)[1])
print(f"{wall:.2f} {rss:.0f} {cpu:.2f}")
PY
}

# timed NAME COMMAND…: runs the command under GNU time into $RAW/NAME.*, and prints measure's three figures.
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$RAW/$name.time" "$@" >"$RAW/$name.stdout" 2>"$RAW/$name.stderr" \
    || { log "$name failed"; tail -n 20 "$RAW/$name.stderr" >&2; exit 1; }
  measure "$RAW/$name.time"
}

# ensure_data SCALE: generates $BENCH/cache/SCALE-YEAR-SEED once and sets DATA to it.
ensure_data() {
  DATA="$BENCH/cache/$1-$YEAR-$SEED"
  if [ ! -f "$DATA/manifest.json" ]; then
    log "$1: generating into $DATA"
    rm -rf "$DATA.tmp"; mkdir -p "$(dirname "$DATA")"
    "$BIN" generate --scale "$1" --year "$YEAR" --seed "$SEED" --out "$DATA.tmp" >&2
    rm -rf "$DATA"; mv "$DATA.tmp" "$DATA"
  fi
}

# quota_args: sets QARGS to the --quota-percent flags that $DATA/manifest.json suggests.
quota_args() {
  mapfile -t QARGS < <(python3 - "$DATA/manifest.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["quota_percent"]
for s in ("markt", "overheid", "total"):
    print("--quota-percent"); print(f"{s}={q[s]}")
PY
)
}
