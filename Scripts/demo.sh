#!/usr/bin/env bash
# The main job on the bundled sample: the sun over Beijing and the 24 terms of 2026.
set -euo pipefail
bin=${1:-.build/release/sunspot}
echo "== sunspot sun --lat 39.9042 --lon 116.4074 --at 2026-12-21T12:00:00+08:00"
"$bin" sun --lat 39.9042 --lon 116.4074 --at 2026-12-21T12:00:00+08:00
echo
echo "== sunspot terms --year 2026"
"$bin" terms --year 2026
