#!/usr/bin/env bash
# `make bench` (daemon part): wrk on loopback against a release sunspotd with a temporary
# database holding the sample compound. Routes: health, GET scene, a flat's sunlight table
# (served from the revision cache after the first request, as a front end sees it), a
# shadow PNG (cached likewise), the table uncached (--cache-entries 0 --analysis-cache-bytes 0:
# the whole compute cost), and a different flat of the scene on every request
# (Scripts/bench-flats.lua) with no response cache, with and without the scene analysis cache.
# Prints requests/s and p50/p99 per route, the table/health ratios and the analysis-cache target.
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
start uncached --log-level info --cache-entries 0 --analysis-cache-bytes 0
UNCACHED=$PORT
start analysed --log-level info --cache-entries 0
ANALYSED=$PORT

create() {
    curl -s -X POST -H 'Content-Type: application/json' --data-binary @data/sample-compound.json "http://127.0.0.1:$1/v1/scenes" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
ID=$(create "$CACHED")
ID2=$(create "$UNCACHED")
ID3=$(create "$ANALYSED")
# flat-paths ID → one sunlight path per flat of the sample compound (all 86).
flat_paths() {
    python3 - "$1" <<'PY'
import json, sys
scene = json.load(open("data/sample-compound.json"))
for b in scene["buildings"]:
    for floor in range(1, (b.get("floors") or 0) + 1):
        for u in b.get("units") or []:
            print(f"/v1/scenes/{sys.argv[1]}/flats/{b['id']}/{floor}/{u['id']}/sunlight?year=2026")
PY
}
flat_paths "$ID2" >"$TMP/flats-uncached.txt"
flat_paths "$ID3" >"$TMP/flats-analysed.txt"

# run LABEL URL → one table row; wrk's latency distribution gives p50/p99.
declare -A RPS
# run LABEL URL PATHS-FILE → the same, asking each path of the file in turn (bench-flats.lua).
run() {
    local label=$1 url=$2 paths=${3:-}
    local out
    if [[ -n $paths ]]; then
        out=$(wrk -t2 -c16 -d"${SECS}s" --latency -s Scripts/bench-flats.lua "$url" -- "$paths" 2>&1)
    else
        out=$(wrk -t2 -c16 -d"${SECS}s" --latency "$url" 2>&1)
    fi
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    RPS[$label]=$rps
    printf "| %-40s | %10s | %9s | %9s | %6s |\n" "$label" "$rps" "$p50" "$p99" "${errors:-0}"
}
echo "sunspotd wrk benchmark (loopback, 2 threads, 16 connections, ${SECS} s per route, release build)"
printf "| %-40s | %10s | %9s | %9s | %6s |\n" route "req/s" p50 p99 "non-2xx"
echo "|------------------------------------------|------------|-----------|-----------|--------|"
run "GET /healthz" "http://127.0.0.1:$CACHED/healthz"
run "GET /v1/scenes/{id}" "http://127.0.0.1:$CACHED/v1/scenes/$ID"
run "GET .../sunlight (revision cache)" "http://127.0.0.1:$CACHED/v1/scenes/$ID/flats/3/5/east/sunlight?year=2026"
run "GET .../shadow.png (revision cache)" "http://127.0.0.1:$CACHED/v1/scenes/$ID/shadow.png?at=2026-12-22T10:00&flat=3/5/east"
run "GET .../sunlight (computed each time)" "http://127.0.0.1:$UNCACHED/v1/scenes/$ID2/flats/3/5/east/sunlight?year=2026"
run "GET .../sunlight (each flat, no cache)" "http://127.0.0.1:$UNCACHED" "$TMP/flats-uncached.txt"
run "GET .../sunlight (each flat, analysis)" "http://127.0.0.1:$ANALYSED" "$TMP/flats-analysed.txt"
python3 - "${RPS[GET /healthz]}" "${RPS[GET .../sunlight (revision cache)]}" "${RPS[GET .../sunlight (computed each time)]}" <<'PY'
import sys
health, cached, computed = (float(x) for x in sys.argv[1:])
print(f"table/health throughput: {cached / health:.2f} served from the cache, {computed / health:.3f} computed each time")
PY
python3 - "${RPS[GET .../sunlight (each flat, no cache)]}" "${RPS[GET .../sunlight (each flat, analysis)]}" <<'PY'
import sys
before, after = (float(x) for x in sys.argv[1:])
verdict = "meets" if after >= 5000 else "MISSES"
print(f"another flat of an analysed scene: {after:.0f} req/s with the analysis cache ({after / before:.1f}x "
      f"{before:.0f} without); target >= 5,000 req/s on 2 cores: {verdict}")
PY
# Issue 28's reproduction on the release binary with the default deadline (30 s): the victim's
# p50/p99, every heat map's answer time, the CPU after the last answer and the 422's time (< 50 ms).
echo
echo "== heavy requests beside cheap ones (Scripts/cluster/heavy_requests.py, release)"
SUNSPOT_HEAVY_DEADLINE=30 python3 Scripts/cluster/heavy_requests.py "$(realpath "$BIN")"
