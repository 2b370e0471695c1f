#!/usr/bin/env bash
# The main job on the bundled sample (data/): check the scene, print the 24-term sunlight
# table of building 3, floor 5, east unit; draw its sun path and shadow map; write the
# listings report (CSV and PDF); then the same flat through sunspotd with its embedded
# default store (a SQLite file), and the same numbers checked against the CLI.
#
# Usage: Scripts/demo.sh [BIN_DIR]   (default .build/release; needs sunspot and sunspotd)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release}
scene=data/sample-compound.json
out=.build/demo
mkdir -p "$out"

echo "== sunspot validate $scene"
"$bin/sunspot" validate "$scene"
echo
echo "== sunspot table $scene --building 3 --floor 5 --unit east --year 2026"
"$bin/sunspot" table "$scene" --building 3 --floor 5 --unit east --year 2026
echo
echo "== sunspot sun --lat 31.2304 --lon 121.4737 --at 2026-12-22T12:00:00+08:00 --lang en"
"$bin/sunspot" sun --lat 31.2304 --lon 121.4737 --at 2026-12-22T12:00:00+08:00 --lang en
echo
echo "== pictures and reports in $out/"
"$bin/sunspot" sunpath "$scene" --date 2026-12-22 --window 3/5/east -o "$out/sunpath-3-5-east.png"
"$bin/sunspot" shadow "$scene" --at 2026-12-22T10:00 --flat 3/5/east -o "$out/shadow-1000.png"
"$bin/sunspot" report "$scene" -o "$out/all-flats.csv" --progress none
"$bin/sunspot" report data/sample-listings.csv -o "$out/listings.pdf" --progress none
ls -1 "$out" | sed 's/^/  /'

echo
echo "== sunspotd --db $out/sunspot.sqlite (the embedded default store), the same flat over HTTP"
rm -f "$out"/sunspot.sqlite*
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/sunspotd" --host 127.0.0.1 --port "$port" --db "$out/sunspot.sqlite" --web-root web \
    --three-root /usr/share/javascript/three >"$out/sunspotd.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "demo: sunspotd did not start (see $out/sunspotd.log)" >&2; exit 1; }
  sleep 0.1
done
id=$(curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$scene" \
  "http://127.0.0.1:$port/v1/scenes" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
curl -fsS "http://127.0.0.1:$port/v1/scenes/$id/flats/3/5/east/sunlight?year=2026" >"$out/api-3-5-east.json"
"$bin/sunspot" table "$scene" 3/5/east --year 2026 --format json >"$out/cli-3-5-east.json"
python3 - "$out/api-3-5-east.json" "$out/cli-3-5-east.json" <<'PY'
import json, sys
api, cli = (json.load(open(p)) for p in sys.argv[1:3])
for row in api["rows"]:
    if row["term"] in ("大寒", "冬至"):
        print(f'  {row["term"]} {row["date"]}: band {row["bandMinutes"]} min, total {row["totalMinutes"]} min, meets standard: {row["meetsStandard"]}')
print("  API and CLI answers identical:", api == cli)
sys.exit(0 if api == cli else 1)
PY
echo "  saved as scene $id in $out/sunspot.sqlite"
echo
echo "The web page: make serve, then open http://127.0.0.1:8080/"
