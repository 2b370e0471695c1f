#!/usr/bin/env bash
# The cluster test of issue 12, run by `make test`: PostgreSQL (Scripts/with-postgres.sh),
# 3 sunspotd replicas and HAProxy with deploy/haproxy.cfg, all on loopback, all started
# and stopped here; bounded to 5 minutes. The checks are in Scripts/cluster/cluster_test.py.
#   Scripts/cluster-test.sh [.build/debug/sunspotd]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/debug/sunspotd}")
command -v haproxy >/dev/null || { echo "$0: haproxy is missing (run Scripts/install-deps.sh)" >&2; exit 1; }
if [ -z "${SUNSPOT_TEST_POSTGRES:-}" ]; then
  exec timeout -k 10 300 ./Scripts/with-postgres.sh "$0" "$BIN"
fi
# The Python side stops every process it started itself (and has its own deadline, inside this one).
exec python3 Scripts/cluster/cluster_test.py "$BIN"
