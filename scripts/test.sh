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
swift test --skip-build
if [ -f bench/run.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== benchmark harness smoke run (tiny) =="
  BENCH_NO_RECORD=1 bash bench/run.sh tiny
fi
