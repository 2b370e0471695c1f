#!/usr/bin/env bash
# Browser test of the web page (Tests/web/web_test.py) against the real sunspotd on loopback:
# a fresh temporary database, a free port, Debian's chromium + chromedriver, selenium in
# .venv-web. Screenshots land in .build/web-screenshots/. Run by `make test` (and `make web-test`).
#
# Usage: Scripts/web-test.sh [path/to/sunspotd]   (default .build/debug/sunspotd)
set -euo pipefail
cd "$(dirname "$0")/.."

daemon=${1:-.build/debug/sunspotd}
shots=.build/web-screenshots
venv=.venv-web

[ -x "$daemon" ] || { echo "web-test: $daemon is missing; build it first (swift build --product sunspotd)" >&2; exit 1; }
for tool in chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "web-test: $tool is missing; run Scripts/install-deps.sh" >&2; exit 1; }
done
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r Tests/web/requirements.txt
fi

work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The test itself compares the page's sun with ~100 GET /v1/sun calls in a burst; the
# rate limit is raised for that, the page's own use stays far below the defaults.
"$daemon" --host 127.0.0.1 --port "$port" --db "$work/scenes.sqlite" --web-root web \
  --three-root /usr/share/javascript/three --rate-limit 1000 --rate-burst 2000 >"$work/sunspotd.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "web-test: sunspotd exited:" >&2
    cat "$work/sunspotd.log" >&2
    exit 1
  fi
  sleep 0.1
done

mkdir -p "$shots"
rm -f "$shots"/*.png
status=0
"$venv/bin/python" Tests/web/web_test.py --base "http://127.0.0.1:$port" --screenshots "$shots" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- sunspotd log (last 40 lines)" >&2
  tail -n 40 "$work/sunspotd.log" >&2
fi
exit "$status"
