#!/usr/bin/env bash
# PostgreSQL store benchmark (spec 9): `quota --store postgres://…` against `quota` alone and against
# `quota --store` on SQLite, with the database size, on a throwaway cluster (scripts/postgres.sh). Writes
# bench/results/postgres.md (one section per scale).
#
#   bash bench/postgres.sh [tiny|small|medium|national]      (default: medium)
#
# Environment: BANENAFSPRAAK_BIN (a prebuilt binary instead of `swift build -c release`), BENCH_YEAR, BENCH_SEED,
# BANENAFSPRAAK_TEST_POSTGRES_URL (use this server instead of starting one).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCALES=("$@")
[ ${#SCALES[@]} -eq 0 ] && SCALES=(medium)
for s in "${SCALES[@]}"; do
  case "$s" in
    tiny|small|medium|national) ;;
    *) echo "postgres.sh: the scale is tiny, small, medium or national, not '$s'" >&2; exit 2 ;;
  esac
done
bench_init postgres-bench

if [ -n "${BANENAFSPRAAK_TEST_POSTGRES_URL:-}" ]; then SERVER="$BANENAFSPRAAK_TEST_POSTGRES_URL"; else
  trap 'bash scripts/postgres.sh stop' EXIT
  SERVER="$(bash scripts/postgres.sh start)"
fi
BASE="${SERVER%/*}"

for scale in "${SCALES[@]}"; do
  ensure_data "$scale"
  RAW="$BENCH/results/raw/postgres-$scale"
  quota_args
  rm -rf "$RAW"; mkdir -p "$RAW"
  DB="bench_${scale}_$(date +%s)"
  psql "$SERVER" -qc "CREATE DATABASE $DB"
  URL="$BASE/$DB"
  cat "$DATA"/*.csv >/dev/null
  lines=$(python3 -c "import sys; print(sum(1 for _ in open(sys.argv[1], 'rb')) - 1)" "$DATA/payroll.csv")

  log "$scale: quota (no store)"
  read -r q_wall q_rss _ < <(timed quota "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-plain" "${QARGS[@]}")
  log "$scale: quota --store (SQLite)"
  read -r l_wall l_rss _ < <(timed quota-sqlite "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-sqlite" "${QARGS[@]}" --store "$RAW/store.sqlite")
  sqlite_mib=$(python3 -c "import os,sys; print(f'{sum(os.path.getsize(p) for p in sys.argv[1:] if os.path.exists(p)) / 2**20:.1f}')" "$RAW/store.sqlite" "$RAW/store.sqlite-wal")
  log "$scale: quota --store postgres://…"
  read -r p_wall p_rss _ < <(timed quota-postgres "$BIN" quota --year "$YEAR" --in "$DATA" --out "$RAW/out-postgres" "${QARGS[@]}" --store "$URL")
  cmp -s "$RAW/out-plain/employers.csv" "$RAW/out-postgres/employers.csv" || { log "employers.csv differs with --store postgres"; exit 1; }
  pg_mib=$(psql "$URL" -Atc "SELECT round(pg_database_size(current_database()) / 1048576.0, 1)")
  empty_mib=$(psql "$SERVER" -Atc "SELECT round(pg_database_size('template1') / 1048576.0, 1)")
  # The password never reaches the receipt or the output (GNU time's own file echoes the command line: not searched).
  PASSWORD="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).password or "")' "$URL")"
  if [ -n "$PASSWORD" ] && grep -rqF "$PASSWORD" "$RAW"/quota-postgres.stdout "$RAW"/quota-postgres.stderr "$RAW/out-postgres"; then log "the password appears in the output"; exit 1; fi
  "$BIN" runs --store "$URL" --format json >"$RAW/runs.json"
  if [ -n "$PASSWORD" ] && grep -qF "$PASSWORD" "$RAW/runs.json"; then log "the password appears in the receipt"; exit 1; fi
  largest=$(python3 - "$RAW/out-plain/employers.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(max(rows, key=lambda r: float(r["hours_total"]))["employer_id"])
PY
)
  log "$scale: explain --store for the largest employer ($largest), both back-ends"
  read -r ep_wall ep_rss _ < <(timed explain-postgres "$BIN" explain --store "$URL" --run 1 --employer "$largest" --format json)
  read -r es_wall es_rss _ < <(timed explain-sqlite "$BIN" explain --store "$RAW/store.sqlite" --run 1 --employer "$largest" --format json)
  # Same answers: the explanation differs only in the pseudonyms (each store has its own key), so compare figures.
  read -r dp_wall dp_rss _ < <(timed diff-postgres "$BIN" diff --store "$URL" 1 1)
  rm -rf "$RAW"/out-*
  psql "$SERVER" -qc "DROP DATABASE $DB"

  md="$BENCH/results/postgres.md"
  python3 - "$md" "$scale" <<PY
import re, sys
path, scale = sys.argv[1], sys.argv[2]
section = f"""### postgres, {scale}

Payroll lines: {int("$lines"):,}. Commit $COMMIT, $(date -u +%Y-%m-%dT%H:%M:%SZ). Command: \`bash bench/postgres.sh {scale}\`
(release build; PostgreSQL 15 on loopback from scripts/postgres.sh, fsync off; each step under GNU \`/usr/bin/time -v\`).

| step | wall (s) | peak RSS (MiB) | note |
|---|---:|---:|---|
| \`quota\` alone | $q_wall | $q_rss | |
| \`quota --store\` SQLite | $l_wall | $l_rss | cost {float("$l_wall") - float("$q_wall"):+.2f} s; file $sqlite_mib MiB |
| \`quota --store postgres://…\` | $p_wall | $p_rss | cost {float("$p_wall") - float("$q_wall"):+.2f} s; database $pg_mib MiB (an empty one: $empty_mib MiB) |
| \`explain --store\` PostgreSQL, largest employer | $ep_wall | $ep_rss | |
| \`explain --store\` SQLite, same employer | $es_wall | $es_rss | |
| \`diff --store postgres://… 1 1\` | $dp_wall | $dp_rss | |
"""
try:
    text = open(path).read()
except FileNotFoundError:
    text = "## PostgreSQL results store (spec 9)\n\nGenerated by \`bench/postgres.sh\`.\n\n"
parts = re.split(r"(?m)^(?=### postgres, )", text)
head, sections = parts[0], {p.split("\n", 1)[0][len("### postgres, "):].strip(): p for p in parts[1:]}
sections[scale] = section.rstrip() + "\n\n"
order = ["tiny", "small", "medium", "national"]
open(path, "w").write(head + "".join(sections[k] for k in order if k in sections))
PY
  log "$scale: quota $q_wall s, --store sqlite $l_wall s ($sqlite_mib MiB), --store postgres $p_wall s ($pg_mib MiB)"
done
