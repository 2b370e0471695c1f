#!/usr/bin/env bash
# The main job on the bundled sample scene (data/sample-compound.json): check the
# scene, then the 24-term sunlight table of building 3, floor 5, east unit.
set -euo pipefail
bin=${1:-.build/release/sunspot}
scene=data/sample-compound.json
echo "== sunspot validate $scene"
"$bin" validate "$scene"
echo
echo "== sunspot table $scene --building 3 --floor 5 --unit east --year 2026"
"$bin" table "$scene" --building 3 --floor 5 --unit east --year 2026
echo
echo "== sunspot sun --lat 31.2304 --lon 121.4737 --at 2026-12-22T12:00:00+08:00 --lang en"
"$bin" sun --lat 31.2304 --lon 121.4737 --at 2026-12-22T12:00:00+08:00 --lang en
