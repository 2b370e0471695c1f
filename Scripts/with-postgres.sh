#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback (issue 12), and stops it
# afterwards whatever happens:
#   Scripts/with-postgres.sh swift test --skip-build --filter StoreSuite
# initdb in a temporary folder (as the `postgres` user when run as root: initdb refuses
# root), pg_ctl on a free loopback port, one database, and
#   SUNSPOT_TEST_POSTGRES=postgres://postgres@127.0.0.1:PORT/sunspot
# exported to the command (the Swift store suite reads it; so does the cluster test).
# Also exported: PG_BIN (the server's programs), PG_DATA, PG_PORT, PG_RUN_AS (a prefix that
# runs a command as the cluster's owner), so a caller can restart the server.
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARG...]" >&2; exit 2; }

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -x "${PG_BIN:-}/initdb" ] || { echo "$0: PostgreSQL server programs not found under /usr/lib/postgresql (run Scripts/install-deps.sh)" >&2; exit 1; }

PG_TMP=$(mktemp -d /tmp/sunspot-pg.XXXXXX)
PG_DATA="$PG_TMP/data"
PG_RUN_AS=""
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$PG_TMP"
  PG_RUN_AS="runuser -u postgres --"
fi
# A free port: ask the kernel for one on loopback.
PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop_pg() {
  $PG_RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  rm -rf "$PG_TMP"
}
trap stop_pg EXIT INT TERM

$PG_RUN_AS "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 \
  || { cat "$PG_TMP/initdb.log" >&2; exit 1; }
# Loopback only, no Unix socket in /var/run, settings for a throwaway test cluster.
$PG_RUN_AS "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_TMP/server.log" -w -t 30 start \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_TMP -c max_connections=200 -c fsync=on" \
  >/dev/null || { cat "$PG_TMP/server.log" >&2; exit 1; }
$PG_RUN_AS "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres sunspot

export SUNSPOT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$PG_PORT/sunspot"
export PG_BIN PG_DATA PG_PORT PG_RUN_AS PG_TMP
echo "with-postgres: PostgreSQL on 127.0.0.1:$PG_PORT (data $PG_DATA)" >&2
set +e
"$@"
status=$?
set -e
exit $status
