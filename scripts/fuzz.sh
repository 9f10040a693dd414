#!/usr/bin/env bash
# Builds and runs one libFuzzer harness (swiftc -sanitize=fuzzer).
#
#   bash scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#
# TARGET: csv  (the CSV reader with each input file's validation; fuzz/csv)
#         calc (the calculator case parser and the calculators; fuzz/calc)
#         reform (reform files: the loader, the parameters and the rules on two employers; fuzz/reform)
# The seed corpus is fuzz/TARGET/seeds (read only); new inputs go to .build-fuzz/corpus-TARGET, crashes to
# .build-fuzz/crashes-TARGET. Exit status: 0 when no crash was found, 1 when one was, 77 when this toolchain
# has no fuzzer runtime (scripts/test.sh then skips with a message).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="/opt/swift/usr/bin:$PATH"
TARGET="${1:?usage: fuzz.sh csv|calc|reform SECONDS}"
SECONDS_TO_RUN="${2:?usage: fuzz.sh csv|calc|reform SECONDS}"
shift 2
case "$TARGET" in csv|calc|reform) ;; *) echo "fuzz.sh: unknown target '$TARGET' (csv, calc or reform)" >&2; exit 2 ;; esac

# The fuzzer runtime ships with the Swift toolchain's clang resources.
if ! find "$(dirname "$(command -v swiftc)")/../lib" -name 'libclang_rt.fuzzer-*.a' 2>/dev/null | grep -q .; then
  echo "fuzz.sh: this toolchain has no libFuzzer runtime (libclang_rt.fuzzer); cannot fuzz" >&2
  exit 77
fi

B="$ROOT/.build-fuzz"
mkdir -p "$B/$TARGET"
FLAGS=(-O -g -sanitize=fuzzer,address -parse-as-library -I "$B/$TARGET" -L "$B/$TARGET")

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
  # harness does not reach: the batch module minus its HTML and file outputs, the loader with a stand-in hash.
  module BanenafspraakIngest $(srcs BanenafspraakIngest)
  module BanenafspraakParameters $(srcs BanenafspraakParameters) fuzz/support/ParametersBundle.swift
  module BanenafspraakBatch $(srcs BanenafspraakBatch | grep -v -e ReportHTML.swift -e ReportCharts.swift -e QuotaOutputs.swift -e DutchCSVExport.swift)
  swiftc "${FLAGS[@]}" -module-name BanenafspraakReform fuzz/reform/Harness.swift Sources/BanenafspraakSimulation/Reform.swift \
    Sources/BanenafspraakSimulation/ReformLoader.swift fuzz/support/HashingStub.swift \
    -lBanenafspraakBatch -lBanenafspraakParameters -lBanenafspraakIngest -lBanenafspraakCore -o "$B/fuzz-reform"
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
