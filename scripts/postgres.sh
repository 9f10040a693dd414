#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests and benchmarks of the PostgreSQL results store.
#
#   scripts/postgres.sh start [NAME]   create the cluster in .postgres/ (git-ignored), start it on 127.0.0.1 at a free
#                                      port, create the database `banenafspraak`, print its URL and write it to .postgres/url
#   scripts/postgres.sh stop [NAME]    stop the server and delete the cluster
#   scripts/postgres.sh down [NAME]    stop the server, keeping the cluster (the failure tests: a server that went away)
#   scripts/postgres.sh up [NAME]      start it again on the same port
#   scripts/postgres.sh url [NAME]     print the URL
#
# NAME picks a second, separate cluster in .postgres-NAME/ (the restart tests stop and start their own server, so
# the tests running beside them on the shared one are not disturbed).
# The server runs as a non-root user: the `postgres` system user when run as root (CI), else the caller.
# Tests read the URL of the shared cluster from BANENAFSPRAAK_TEST_POSTGRES_URL or from .postgres/url.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
NAME="${2:-}"
case "$NAME" in
  "") DIR="$ROOT/.postgres" ;;
  *[!a-z0-9-]*) echo "error: a cluster name is lower-case letters, digits and '-'" >&2; exit 2 ;;
  *) DIR="$ROOT/.postgres-$NAME" ;;
esac
DATA="$DIR/data"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "error: PostgreSQL server programs not found under /usr/lib/postgresql (run scripts/setup.sh)" >&2
  exit 1
fi

if [ "$(id -u)" = 0 ]; then
  RUN=(runuser -u postgres --)
  OWNER=postgres
else
  RUN=()
  OWNER="$(id -un)"
fi

as_owner() { "${RUN[@]}" "$@"; }

# The server outlives this script: it must not keep a descriptor inherited from the caller open (a test runner
# that waits for this script to end would otherwise wait for PostgreSQL to end too).
close_inherited_descriptors() {
  local fd
  for fd in $(ls /proc/$$/fd); do
    if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

cmd="${1:-}"
close_inherited_descriptors
case "$cmd" in
  start)
    if [ -f "$DIR/url" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      cat "$DIR/url"; exit 0
    fi
    rm -rf "$DIR"
    mkdir -p "$DIR"
    chown "$OWNER" "$DIR"
    chmod 700 "$DIR"
    PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
    as_owner bash -c "umask 077; printf '%s\n' '$PASSWORD' > '$DIR/pwfile'"
    as_owner "$BIN/initdb" -D "$DATA" -U banenafspraak --pwfile="$DIR/pwfile" --auth-host=scram-sha-256 \
      --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    rm -f "$DIR/pwfile"
    cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 60
shared_buffers = 128MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    echo "$PORT" >"$DIR/port"
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >/dev/null
    as_owner "$BIN/createdb" -h "$DIR" -p "$PORT" -U banenafspraak banenafspraak
    URL="postgres://banenafspraak:$PASSWORD@127.0.0.1:$PORT/banenafspraak"
    echo "$URL" >"$DIR/url"
    chmod 644 "$DIR/url"
    chmod 711 "$DIR"
    echo "$URL"
    ;;
  stop)
    if [ -d "$DATA" ]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$DIR"
    ;;
  down)
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    ;;
  up)
    as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >/dev/null
    ;;
  url)
    cat "$DIR/url"
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop|down|up|url [NAME]" >&2
    exit 2
    ;;
esac
