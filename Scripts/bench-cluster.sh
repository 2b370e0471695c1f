#!/usr/bin/env bash
# `make bench` (cluster part, issue 12): the same 20,000-listing report through the API on
# the embedded SQLite process, on 1 PostgreSQL replica and on 3 replicas behind HAProxy
# (listings/s and peak memory), then GET scene and the cached sunlight table over 10,000
# stored scenes with wrk, through the front and straight to a replica. Printed as tables.
#   ./Scripts/bench-cluster.sh .build/release/sunspotd
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/sunspotd}")
command -v haproxy >/dev/null && command -v wrk >/dev/null \
  || { echo "$0: haproxy and wrk are needed (run Scripts/install-deps.sh)" >&2; exit 2; }
if [ -z "${SUNSPOT_TEST_POSTGRES:-}" ]; then
  exec timeout -k 10 1200 ./Scripts/with-postgres.sh "$0" "$BIN"
fi
exec python3 Scripts/cluster/bench_cluster.py "$BIN"
