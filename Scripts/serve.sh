#!/usr/bin/env bash
# Runs sunspotd for people: the web page at http://HOST:PORT/, with the sample compound
# (data/sample-compound.json) saved as a scene and its share link printed. Ctrl-C stops it.
#
# Usage: Scripts/serve.sh [path/to/sunspotd]   (default .build/release/sunspotd)
#        PORT=8080 DB=sunspot.sqlite Scripts/serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."

daemon=${1:-.build/release/sunspotd}
port=${PORT:-8080}
db=${DB:-sunspot.sqlite}
[ -x "$daemon" ] || { echo "serve: $daemon is missing; build it first (swift build -c release --product sunspotd)" >&2; exit 1; }

"$daemon" --host 127.0.0.1 --port "$port" --db "$db" --web-root web --three-root /usr/share/javascript/three &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "serve: sunspotd did not start" >&2; exit 1; }
  sleep 0.1
done

id=$(curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @data/sample-compound.json \
  "http://127.0.0.1:$port/v1/scenes" | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
echo
echo "SunSpot is running:  http://127.0.0.1:$port/            (a new, empty scene)"
echo "The sample compound: http://127.0.0.1:$port/#/s/$id   (view only; Save makes your own copy)"
echo "Ctrl-C stops it."
wait "$pid"
