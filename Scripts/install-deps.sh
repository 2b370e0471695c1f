#!/usr/bin/env bash
# Installs the Debian packages SunSpot needs, only those missing (DESIGN.md "System libraries");
# postgresql and haproxy: the store suite on PostgreSQL and the cluster test (issue 12);
# libosmium2-dev & co. and libgeos-dev: the OpenStreetMap import (issue 21).
set -euo pipefail
pkgs=(libsqlite3-dev libcairo2-dev libproj-dev proj-data pkg-config fonts-noto-cjk libjs-three python3-venv poppler-utils
      wrk curl chromium chromium-driver man-db postgresql haproxy
      libosmium2-dev libprotozero-dev libbz2-dev libexpat1-dev zlib1g-dev libgeos-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
