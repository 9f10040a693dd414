#!/usr/bin/env bash
# The whole test suite: unit, ingest, scenario and end-to-end tests, plus the benchmark harness smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="/opt/swift/usr/bin:$PATH"
swift build --build-tests
swift test --skip-build
if [ "${SKIP_SERVER_BROWSER:-0}" != 1 ]; then
  echo "== server: browser tests, axe-core and schemathesis against a live server =="
  bash scripts/test-server.sh
fi
if [ -f bench/run.sh ] && [ "${SKIP_BENCH_SMOKE:-0}" != 1 ]; then
  echo "== benchmark harness smoke run (tiny) =="
  BENCH_NO_RECORD=1 bash bench/run.sh tiny
fi
