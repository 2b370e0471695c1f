#!/usr/bin/env bash
# `make bench`: SunSpot's release benchmarks and their Python peers, in one run.
#
#   ./Scripts/bench.sh .build/release/sunspot-bench [SUITE ...] [--rounds N] [--warm-up N]
#
# 1. Runs the Swift bench binary (every suite, or those named) and prints its tables;
#    it also writes key=value facts to a temporary results file.
# 2. For each suite that ran, runs its peers from the venv .venv-bench (created, and
#    packages pip-installed, only when missing) on the same workload it read back
#    from the facts, and prints a summary with the ratios and the target.
# Peers that cannot be installed or run are reported as unavailable; the Swift
# tables are printed regardless. Exit status is non-zero only if the Swift bench fails.
# Environment: BENCH_VENV (venv path), SCENE_PEER_BUDGET (seconds the scene peer may take
# before it runs a subset and extrapolates; default 300), BENCH_KEEP=1 (keep the results file
# and the exported scene files).
#
# To add a suite: give sunspot-bench the suite, then add `peers_<suite>` and
# `summary_<suite>` functions below and list the suite in SUITES_WITH_PEERS.
set -uo pipefail

if [[ $# -lt 1 ]]; then
    echo "usage: $0 PATH/TO/sunspot-bench [SUITE ...] [--rounds N] [--warm-up N]" >&2
    exit 2
fi
BIN=$1
shift
BENCH_ARGS=("$@")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
[[ -x $BIN ]] || { echo "bench: $BIN is not an executable (build it with: swift build -c release --product sunspot-bench)" >&2; exit 2; }

VENV=${BENCH_VENV:-.venv-bench}
RESULTS=$(mktemp "${TMPDIR:-/tmp}/sunspot-bench.XXXXXX")
# The ground suite writes its grid here for the pybdshadow per-cell comparison; suites may
# write other side files for their peers next to the results file (RESULTS.district30.json, …).
# BENCH_KEEP=1 keeps them (e.g. to rerun a peer by hand with --timeline).
export SUNSPOT_GROUND_GRID=$RESULTS.ground
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    trap 'echo "bench: kept $RESULTS and its side files $RESULTS.*" >&2' EXIT
else
    trap 'rm -f "$RESULTS" "$RESULTS".*' EXIT
fi

# Per-core figures: one thread in every numeric library, and (when possible) every
# process pinned to the same single CPU. Set here only, not in CI.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMEXPR_NUM_THREADS=1 \
    VECLIB_MAXIMUM_THREADS=1 NUMBA_NUM_THREADS=1
PIN=()
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then PIN=(taskset -c 0); fi

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

section() { printf '\n==== %s ====\n' "$*"; }

# fact KEY: a value sunspot-bench wrote to the results file (empty if absent).
fact() { grep -E "^$1=" "$RESULTS" | tail -n 1 | cut -d= -f2-; }

# suite_ran NAME: true when the Swift bench reported facts for that suite.
suite_ran() { grep -qE "^$1\." "$RESULTS"; }

# ensure_peer_python MODULE...: makes sure $VENV has the modules (pip-installing the
# same-named packages when one is missing); prints the venv's python. Fails quietly.
ensure_peer_python() {
    local py=$VENV/bin/python
    if [[ ! -x $py ]]; then
        python3 -m venv "$VENV" >&2 || { echo "bench: cannot create $VENV" >&2; return 1; }
    fi
    local missing=()
    for module in "$@"; do
        "$py" -c "import $module" 2>/dev/null || missing+=("$module")
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "bench: installing ${missing[*]} into $VENV" >&2
        "$py" -m pip install -q "${missing[@]}" >&2 || { echo "bench: pip install ${missing[*]} failed" >&2; return 1; }
    fi
    echo "$py"
}

# ratio A B [SUFFIX]: A/B as "21.9×" (or with SUFFIX, e.g. "x" inside tables: awk pads by bytes), or "n/a".
ratio() { awk -v a="$1" -v b="$2" -v s="${3-×}" 'BEGIN { if (a > 0 && b > 0) printf "%.1f%s", a / b, s; else print "n/a" }'; }

# grouped X: a rate as a whole number with thousands separators, or "n/a".
grouped() {
    awk -v x="$1" 'BEGIN {
        if (x == "" || x + 0 <= 0) { print "n/a"; exit }
        s = sprintf("%.0f", x); out = ""
        while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        print s out }'
}

# ---------------------------------------------------------------------------
# Swift benchmarks (all suites, or the ones named on the command line)
# ---------------------------------------------------------------------------

section "Swift: $BIN ${BENCH_ARGS[*]:-}"
if [[ ${#BENCH_ARGS[@]} -eq 0 ]]; then
    # Per-core figures (solar) on one pinned core; the scene and ground suites measure both cores.
    "${PIN[@]}" "$BIN" --results "$RESULTS" solar && "$BIN" --results "$RESULTS" scene \
        && "$BIN" --results "$RESULTS" ground
else
    "$BIN" --results "$RESULTS" "${BENCH_ARGS[@]}"
fi
SWIFT_STATUS=$?
if [[ $SWIFT_STATUS -ne 0 ]]; then
    echo "bench: $BIN exited with status $SWIFT_STATUS" >&2
fi

# ---------------------------------------------------------------------------
# Suite: solar — peer pvlib spa_python (numpy), same instants
# ---------------------------------------------------------------------------

PVLIB_RATE=""
PVLIB_NOTE=""

peers_solar() {
    section "Peer: pvlib spa_python (numpy, one thread) on the solar suite's instants"
    local py
    if ! py=$(ensure_peer_python pvlib pandas numpy); then
        PVLIB_NOTE="peer unavailable (could not set up pvlib in $VENV)"
        echo "$PVLIB_NOTE"
        return
    fi
    local out
    if ! out=$("${PIN[@]}" "$py" Benchmarks/peers/pvlib_spa_bench.py \
        --start-unix "$(fact solar.start_unix)" --step "$(fact solar.step_s)" --count "$(fact solar.count)" \
        --latitude "$(fact solar.latitude)" --longitude "$(fact solar.longitude)" \
        --height "$(fact solar.height_m)" 2>&1); then
        echo "$out"
        PVLIB_NOTE="peer unavailable (pvlib_spa_bench.py failed)"
        echo "$PVLIB_NOTE"
        return
    fi
    echo "$out"
    PVLIB_RATE=$(sed -n 's/^pvlib_spa_python_numpy positions_per_s=\([0-9.eE+-]*\).*/\1/p' <<<"$out" | tail -n 1)
    [[ -n $PVLIB_RATE ]] || PVLIB_NOTE="peer unavailable (no positions_per_s line)"
}

summary_solar() {
    local fast_same fast_day full elev az count target=20 limit=1e-06
    fast_same=$(fact solar.fast_same.per_s)
    fast_day=$(fact solar.fast_day.per_s)
    full=$(fact solar.full.per_s)
    elev=$(fact solar.accuracy.max_elevation_deg)
    az=$(fact solar.accuracy.max_azimuth_deg)
    count=$(fact solar.count)

    section "Summary: solar — positions/s on one core ($count instants, same timestamps for Swift and pvlib)"
    {
        printf '%s|%s|%s\n' "measure" "positions/s" "vs pvlib"
        printf '%s|%s|%s\n' "Swift fast SolarDay path, same instants" "$(grouped "$fast_same")" "$(ratio "$fast_same" "$PVLIB_RATE" x)"
        printf '%s|%s|%s\n' "Swift fast SolarDay path, 1 day every 1 s" "$(grouped "$fast_day")" "$(ratio "$fast_day" "$PVLIB_RATE" x)"
        printf '%s|%s|%s\n' "Swift full SPA SolarPosition(at:site:)" "$(grouped "$full")" "$(ratio "$full" "$PVLIB_RATE" x)"
        printf '%s|%s|%s\n' "pvlib spa_python (numpy, 1 thread)" "$(grouped "$PVLIB_RATE")" "$(ratio "$PVLIB_RATE" "$PVLIB_RATE" x)"
    } | awk -F'|' '
        { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
        END {
            for (r = 1; r <= NR; r++) {
                printf "%-*s | %*s | %*s\n", w[1], cell[r, 1], w[2], cell[r, 2], w[3], cell[r, 3]
                if (r == 1) printf "%s-|-%s-|-%s\n", dashes(w[1]), dashes(w[2]), dashes(w[3])
            }
        }
        function dashes(n,   s) { s = ""; while (n-- > 0) s = s "-"; return s }'
    echo
    echo "fast/pvlib = $(ratio "$fast_same" "$PVLIB_RATE")   full/pvlib = $(ratio "$full" "$PVLIB_RATE")   (fast figure: same instants, SolarDay construction included)"
    echo "accuracy: max |fast − full| elevation ${elev:-n/a}°, azimuth ${az:-n/a}° (limit $limit°; SPA class ≤ 1e-03°)"
    if [[ -z $PVLIB_RATE ]]; then
        echo "target: fast day path ≥ ${target}× pvlib per core → not checked: ${PVLIB_NOTE:-peer unavailable}"
        return
    fi
    local verdict
    verdict=$(awk -v f="$fast_same" -v p="$PVLIB_RATE" -v t="$target" -v e="$elev" -v a="$az" -v l="$limit" \
        'BEGIN { print (f / p >= t && e + 0 <= l + 0 && a + 0 <= l + 0) ? "PASS" : "MISS" }')
    echo "target: fast day path ≥ ${target}× pvlib per core, at the accuracy target → $verdict ($(ratio "$fast_same" "$PVLIB_RATE"))"
}

# ---------------------------------------------------------------------------
# The ground suite writes its grid here for the pybdshadow per-cell comparison; suites may
# write other side files for their peers next to the results file (RESULTS.district30.json, …).
# BENCH_KEEP=1 keeps them (e.g. to rerun a peer by hand with --timeline).
export SUNSPOT_GROUND_GRID=$RESULTS.ground
if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    trap 'echo "bench: kept $RESULTS and its side files $RESULTS.*" >&2' EXIT
else
    trap 'rm -f "$RESULTS" "$RESULTS".*' EXIT
fi
}

# ---------------------------------------------------------------------------
# Peers and summaries for each suite that ran
# ---------------------------------------------------------------------------

SUITES_WITH_PEERS=(solar scene ground)
for suite in "${SUITES_WITH_PEERS[@]}"; do
    if suite_ran "$suite"; then
        "peers_$suite"
        "summary_$suite"
    fi
done

exit "$SWIFT_STATUS"
