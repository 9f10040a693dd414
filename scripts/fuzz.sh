#!/usr/bin/env bash
# Builds and runs one libFuzzer harness (swiftc -sanitize=fuzzer).
#
#   bash scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET: csv  (the CSV reader with each input file's validation; fuzz/csv)
#         calc (the calculator case parser and the calculators; fuzz/calc)
#         reform (reform files: the loader, the parameters and the rules on two employers; fuzz/reform)
#         http (the HTTP layer with the server in the loop: fuzz/http/fuzz_http.py drives a live `banenafspraak serve`
#               on loopback, on a store with a `tiny` run and two tokens, with mutated requests to every operation
#               and page; it fails when the server answers 5xx other than 503 or stops answering. Not libFuzzer:
#               Hummingbird's event loops do not fit in-process fuzzing. BANENAFSPRAAK_BIN picks the binary,
#               HTTP_FUZZ_SEED the seed.)
# The seed corpus is fuzz/TARGET/seeds (read only); new inputs go to .build-fuzz/corpus-TARGET, crashes to
# .build-fuzz/crashes-TARGET. Exit status: 0 when no crash was found, 1 when one was, 77 when this toolchain
# has no fuzzer runtime (scripts/test.sh then skips with a message).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="/opt/swift/usr/bin:$PATH"
TARGET="${1:?usage: fuzz.sh csv|calc|reform|http SECONDS}"
SECONDS_TO_RUN="${2:?usage: fuzz.sh csv|calc|reform|http SECONDS}"
shift 2
case "$TARGET" in csv|calc|reform|http) ;; *) echo "fuzz.sh: unknown target '$TARGET' (csv, calc, reform or http)" >&2; exit 2 ;; esac

if [ "$TARGET" = http ]; then
  BIN="${BANENAFSPRAAK_BIN:-}"
  if [ -z "$BIN" ]; then
    echo "== building banenafspraak ==" >&2
    swift build --product banenafspraak >&2
    BIN="$ROOT/.build/debug/banenafspraak"
  fi
  WORK="$(mktemp -d)"
  SERVER_PID=""
  trap '[ -n "$SERVER_PID" ] && kill -TERM "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
  "$BIN" generate --scale tiny --year 2024 --seed 3 --out "$WORK/in" >/dev/null
  QP=$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['quota_percent']; print(' '.join(f'--quota-percent {k}={v}' for k,v in m.items()))" "$WORK/in/manifest.json")
  # shellcheck disable=SC2086
  "$BIN" quota --year 2024 --in "$WORK/in" --out "$WORK/out" --store "$WORK/store.sqlite" $QP >/dev/null
  export BANENAFSPRAAK_EMPLOYER_ID BANENAFSPRAAK_EMPLOYER_TOKEN BANENAFSPRAAK_ANALYST_TOKEN
  BANENAFSPRAAK_EMPLOYER_ID=$(awk -F, 'NR>1 && $3=="true" {print $1; exit}' "$WORK/out/employers.csv")
  BANENAFSPRAAK_EMPLOYER_TOKEN=$("$BIN" token issue --store "$WORK/store.sqlite" --employer "$BANENAFSPRAAK_EMPLOYER_ID" | tail -n 1)
  BANENAFSPRAAK_ANALYST_TOKEN=$("$BIN" token issue --store "$WORK/store.sqlite" --role analyst | tail -n 1)
  "$BIN" serve --store "$WORK/store.sqlite" --port 0 --read-timeout 2 --idle-timeout 3 >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do grep -q "^Banenafspraak server: " "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
  URL=$(sed -n 's/^Banenafspraak server: //p' "$WORK/server.out" | head -n 1)
  [ -n "$URL" ] || { echo "fuzz.sh: the server did not start" >&2; cat "$WORK/server.err" >&2; exit 1; }
  echo "== fuzzing http at $URL for $SECONDS_TO_RUN s ==" >&2
  set +e
  python3 fuzz/http/fuzz_http.py "$URL" "$SECONDS_TO_RUN" --pid "$SERVER_PID" --seed "${HTTP_FUZZ_SEED:-$RANDOM}" "$@"
  rc=$?
  set -e
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  if ! wait "$SERVER_PID"; then echo "fuzz.sh: http: the server did not stop cleanly; its log:" >&2; tail -n 50 "$WORK/server.err" >&2; rc=1; fi
  SERVER_PID=""
  if [ $rc -ne 0 ]; then echo "fuzz.sh: http found a failure (exit $rc); requests in .build-fuzz/crashes-http" >&2; exit 1; fi
  echo "fuzz.sh: http: no failure in $SECONDS_TO_RUN s" >&2
  exit 0
fi

# The fuzzer runtime ships with the Swift toolchain's clang resources.
if ! find "$(dirname "$(command -v swiftc)")/../lib" -name 'libclang_rt.fuzzer-*.a' 2>/dev/null | grep -q .; then
  echo "fuzz.sh: this toolchain has no libFuzzer runtime (libclang_rt.fuzzer); cannot fuzz" >&2
  exit 77
fi

B="$ROOT/.build-fuzz"
mkdir -p "$B/$TARGET"
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -package-name banenafspraak -I "$B/$TARGET" -L "$B/$TARGET")

module() { # NAME SOURCES...
  local name="$1"; shift
  swiftc "${FLAGS[@]}" -module-name "$name" -emit-module -emit-module-path "$B/$TARGET/$name.swiftmodule" \
    -emit-library -static -o "$B/$TARGET/lib$name.a" -enforce-exclusivity=unchecked "$@"
}
srcs() { find "Sources/$1" -name '*.swift' | sort; }

echo "== building fuzz target $TARGET ==" >&2
module BanenafspraakCore $(srcs BanenafspraakCore)
if [ "$TARGET" = csv ]; then
  module BanenafspraakIngest $(srcs BanenafspraakIngest)
  swiftc "${FLAGS[@]}" fuzz/csv/Harness.swift -lBanenafspraakIngest -lBanenafspraakCore -o "$B/fuzz-csv"
  OPTS=(-max_len=8192 -dict=fuzz/csv/csv.dict)
elif [ "$TARGET" = reform ]; then
  # The reform loader and the rules without the report (Mustache) and the store (swift-crypto), which the
  # harness does not reach: the pure assessment module, the loader with a stand-in hash.
  module BanenafspraakIngest $(srcs BanenafspraakIngest)
  module BanenafspraakParameters $(srcs BanenafspraakParameters) fuzz/support/ParametersBundle.swift
  module BanenafspraakAssessment $(srcs BanenafspraakAssessment)
  swiftc "${FLAGS[@]}" -module-name BanenafspraakReform fuzz/reform/Harness.swift Sources/BanenafspraakSimulation/Reform.swift \
    Sources/BanenafspraakSimulation/ReformLoader.swift fuzz/support/HashingStub.swift \
    -lBanenafspraakAssessment -lBanenafspraakParameters -lBanenafspraakIngest -lBanenafspraakCore -o "$B/fuzz-reform"
  OPTS=(-max_len=4096 -dict=fuzz/calc/json.dict)
  export BANENAFSPRAAK_PARAMETERS_DIR="$ROOT/Sources/BanenafspraakParameters"
else
  module BanenafspraakParameters $(srcs BanenafspraakParameters) fuzz/support/ParametersBundle.swift
  module BanenafspraakCalculators $(srcs BanenafspraakCalculators)
  swiftc "${FLAGS[@]}" fuzz/calc/Harness.swift -lBanenafspraakCalculators -lBanenafspraakParameters -lBanenafspraakCore -o "$B/fuzz-calc"
  OPTS=(-max_len=4096 -dict=fuzz/calc/json.dict)
  export BANENAFSPRAAK_PARAMETERS_DIR="$ROOT/Sources/BanenafspraakParameters"
fi

CORPUS="$B/corpus-$TARGET"
CRASHES="$B/crashes-$TARGET"
mkdir -p "$CORPUS" "$CRASHES"
echo "== fuzzing $TARGET for $SECONDS_TO_RUN s ==" >&2
set +e
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="detect_leaks=0:${ASAN_OPTIONS:-}" "$B/fuzz-$TARGET" "$CORPUS" "fuzz/$TARGET/seeds" \
  -max_total_time="$SECONDS_TO_RUN" -artifact_prefix="$CRASHES/" -print_final_stats=1 "${OPTS[@]}" "$@"
rc=$?
set -e
if [ $rc -ne 0 ]; then
  echo "fuzz.sh: $TARGET found a crash (exit $rc); inputs in $CRASHES" >&2
  exit 1
fi
echo "fuzz.sh: $TARGET: no crash in $SECONDS_TO_RUN s" >&2
