#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine with Swift at /opt/swift (idempotent).
set -euo pipefail
need=()
command -v /usr/bin/time >/dev/null 2>&1 || need+=(time)
# SQLite headers for GRDB (the results store, spec 9).
dpkg -s libsqlite3-dev >/dev/null 2>&1 || need+=(libsqlite3-dev)
# PostgreSQL server for the PostgreSQL results store's tests and benchmarks (scripts/postgres.sh).
dpkg -s postgresql >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
export PATH="/opt/swift/usr/bin:$PATH"
swift --version >/dev/null
