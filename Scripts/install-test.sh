#!/usr/bin/env bash
# `make install` checked as a user meets it: install into a temporary prefix, start the
# installed sunspotd from another directory (no --web-root), and load its page in headless
# chromium (Tests/web/installed_page_test.py); the completions and man pages must be there
# and the man page must render. Run by `make test`.
#
# Usage: Scripts/install-test.sh [BUILD_DIR]   (default .build/debug, installed as is)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
build=${1:-.build/debug}
venv=.venv-web

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r Tests/web/requirements.txt
fi

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
prefix="$work/prefix"
CONFIGURATION=debug ./Scripts/install.sh "$prefix" "$build" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }

fail() { echo "install-test: $*" >&2; exit 1; }
for f in bin/sunspot bin/sunspotd share/sunspot/web/index.html share/man/man1/sunspot.1 share/man/man1/sunspotd.1 \
  share/man/man1/sunspot.table.1 share/bash-completion/completions/sunspot share/zsh/site-functions/_sunspotd \
  share/fish/vendor_completions.d/sunspot.fish; do
  [ -s "$prefix/$f" ] || fail "$f was not installed"
done
grep -q -- "--lat" "$prefix/share/bash-completion/completions/sunspot" || fail "the bash completion does not know --lat"
MANWIDTH=80 man -l "$prefix/share/man/man1/sunspot.1" 2>/dev/null | grep -q "sunspot" || fail "sunspot.1 does not render"

# Another directory, with no web/ folder in it.
elsewhere="$work/elsewhere"
mkdir -p "$elsewhere"
cd "$elsewhere"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$prefix/bin/sunspotd" --host 127.0.0.1 --port "$port" --db "$work/scenes.sqlite" >"$work/sunspotd.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$pid" 2>/dev/null || { cat "$work/sunspotd.log" >&2; fail "the installed sunspotd exited"; }
  sleep 0.1
done
"$repo/$venv/bin/python" "$repo/Tests/web/installed_page_test.py" --base "http://127.0.0.1:$port" \
  --index "$prefix/share/sunspot/web/index.html" || { tail -n 40 "$work/sunspotd.log" >&2; exit 1; }
echo "install-test: installed into a temporary prefix; sunspotd started in another directory served the page to chromium"
