#!/usr/bin/env bash
# Issue 28's reproduction, run by `make test`: one sunspotd on a throwaway SQLite file on
# loopback; 3 heat maps of a 2,000-tower scene from 3 addresses while a 4th asks flat tables.
# Checks in Scripts/cluster/heavy_requests.py; bounded to 2 minutes.
#   Scripts/heavy-requests-test.sh [.build/debug/sunspotd]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/debug/sunspotd}")
exec timeout -k 10 120 env SUNSPOT_HEAVY_DEADLINE=10 python3 Scripts/cluster/heavy_requests.py "$BIN"
