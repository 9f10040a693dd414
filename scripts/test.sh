#!/usr/bin/env bash
# The whole test suite: unit, ingest, scenario and end-to-end tests, plus the benchmark harness smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build
if [ -f bench/run.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== benchmark harness smoke run (tiny) =="
  BENCH_NO_RECORD=1 bash bench/run.sh tiny
fi
if [ -f bench/store.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== results-store benchmark smoke run (tiny) =="
  # Reuses the release binary the harness just built (store.sh builds it otherwise).
  store_bin="${BANENAFSPRAAK_BIN:-}"
  [ -z "$store_bin" ] && [ -x .build/release/banenafspraak ] && store_bin="$PWD/.build/release/banenafspraak"
  BENCH_NO_RECORD=1 BENCH_REPEAT=1 BANENAFSPRAAK_BIN="$store_bin" bash bench/store.sh tiny
fi
