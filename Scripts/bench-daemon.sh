#!/usr/bin/env bash
# `make bench` (daemon part): wrk on loopback against a release sunspotd with a temporary
# database holding the sample compound. Routes: health, GET scene, a flat's sunlight table
# (served from the revision cache after the first request, as a front end sees it), a
# shadow PNG (cached likewise), and the table uncached (--cache-entries 0: the compute cost).
# Prints requests/s and p50/p99 per route, and the table/health ratios.
#
#   ./Scripts/bench-daemon.sh .build/release/sunspotd [SECONDS]
set -uo pipefail
BIN=${1:-.build/release/sunspotd}
SECS=${2:-5}
cd "$(dirname "$0")/.." || exit 1
command -v wrk >/dev/null || { echo "bench-daemon: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x $BIN ]] || { echo "bench-daemon: build it first: swift build -c release --product sunspotd" >&2; exit 2; }

TMP=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$TMP"; }
trap cleanup EXIT

# start NAME EXTRA-ARGS… → sets PORT
start() {
    local name=$1; shift
    "$BIN" --port 0 --db "$TMP/$name.sqlite" --web-root "$TMP/web" --rate-limit 1000000 --rate-burst 1000000 \
        --log-level warning "$@" >"$TMP/$name.log" 2>&1 &
    PIDS+=($!)
    PORT=""
    for _ in $(seq 1 100); do
        PORT=$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$TMP/$name.log" | head -1 | cut -d: -f2)
        [[ -n $PORT ]] && return 0
        sleep 0.1
    done
    echo "bench-daemon: sunspotd did not start" >&2; cat "$TMP/$name.log" >&2; exit 1
}
# The listening line is logged at info; keep it visible with warning elsewhere.
start cached --log-level info
CACHED=$PORT
start uncached --log-level info --cache-entries 0
UNCACHED=$PORT

create() {
    curl -s -X POST -H 'Content-Type: application/json' --data-binary @data/sample-compound.json "http://127.0.0.1:$1/v1/scenes" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
ID=$(create "$CACHED")
ID2=$(create "$UNCACHED")

# run LABEL URL → one table row; wrk's latency distribution gives p50/p99.
declare -A RPS
run() {
    local label=$1 url=$2
    local out
    out=$(wrk -t2 -c16 -d"${SECS}s" --latency "$url" 2>&1)
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    RPS[$label]=$rps
    printf "| %-34s | %10s | %9s | %9s | %6s |\n" "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}
echo "sunspotd wrk benchmark (loopback, 2 threads, 16 connections, ${SECS} s per route, release build)"
printf "| %-34s | %10s | %9s | %9s | %6s |\n" route "req/s" p50 p99 "non-2xx"
echo "|------------------------------------|------------|-----------|-----------|--------|"
run "GET /healthz" "http://127.0.0.1:$CACHED/healthz"
run "GET /v1/scenes/{id}" "http://127.0.0.1:$CACHED/v1/scenes/$ID"
run "GET .../sunlight (revision cache)" "http://127.0.0.1:$CACHED/v1/scenes/$ID/flats/3/5/east/sunlight?year=2026"
run "GET .../shadow.png (revision cache)" "http://127.0.0.1:$CACHED/v1/scenes/$ID/shadow.png?at=2026-12-22T10:00&flat=3/5/east"
run "GET .../sunlight (computed each time)" "http://127.0.0.1:$UNCACHED/v1/scenes/$ID2/flats/3/5/east/sunlight?year=2026"
python3 - "${RPS[GET /healthz]}" "${RPS[GET .../sunlight (revision cache)]}" "${RPS[GET .../sunlight (computed each time)]}" <<'PY'
import sys
health, cached, computed = (float(x) for x in sys.argv[1:])
print(f"table/health throughput: {cached / health:.2f} served from the cache, {computed / health:.3f} computed each time")
PY
