#!/usr/bin/env bash
# The whole test suite: unit, ingest, scenario and end-to-end tests, plus the benchmark harness smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
# A throwaway PostgreSQL cluster for the store tests on both back-ends (stopped and deleted on exit).
if [ "${SKIP_POSTGRES:-0}" != 1 ]; then
  trap 'bash scripts/postgres.sh stop' EXIT
  BANENAFSPRAAK_TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
  export BANENAFSPRAAK_TEST_POSTGRES_URL
fi
# Bounded, so a hung test fails CI instead of stalling it.
timeout -s KILL 1500 swift test --skip-build
if [ "${SKIP_SERVER_BROWSER:-0}" != 1 ]; then
  echo "== server: browser tests, axe-core and schemathesis against a live server =="
  bash scripts/test-server.sh
fi
if [ -f bench/run.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== benchmark harness smoke run (tiny) =="
  # The debug binary is enough for the smoke run and spares CI a release build.
  BENCH_NO_RECORD=1 BANENAFSPRAAK_BIN="${BANENAFSPRAAK_BIN:-$PWD/.build/debug/banenafspraak}" bash bench/run.sh tiny
fi
if [ -f bench/store.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== results-store benchmark smoke run (tiny) =="
  # Uses the debug binary built above.
  store_bin="${BANENAFSPRAAK_BIN:-}"
  [ -z "$store_bin" ] && store_bin="$PWD/.build/debug/banenafspraak"
  BENCH_NO_RECORD=1 BENCH_REPEAT=1 BANENAFSPRAAK_BIN="$store_bin" bash bench/store.sh tiny
fi
# Fuzzing smoke (issue 7): each libFuzzer harness for 60 s. Skipped, with a message, only when the toolchain
# has no fuzzer runtime (scripts/fuzz.sh exits 77); a crash fails the suite.
if [ "${SKIP_FUZZ:-0}" != 1 ]; then
  for target in csv calc reform; do
    echo "== fuzzing $target for 60 s =="
    set +e
    bash scripts/fuzz.sh "$target" 60
    rc=$?
    set -e
    if [ $rc -eq 77 ]; then
      echo "== fuzzing $target SKIPPED: this Swift toolchain has no libFuzzer runtime (libclang_rt.fuzzer) =="
    elif [ $rc -ne 0 ]; then
      echo "== fuzzing $target found a crash; see .build-fuzz/crashes-$target ==" >&2
      exit 1
    fi
  done
fi
