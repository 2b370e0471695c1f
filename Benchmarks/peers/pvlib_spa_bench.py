#!/usr/bin/env python3
"""Peer benchmark: pvlib's NREL SPA (spa_python, numpy path) on the solar suite's instants.

Rebuilds exactly the timestamps of sunspot-bench's solar suite (start, step, count;
Scripts/bench.sh passes the values sunspot-bench reported) and times
``pvlib.solarposition.spa_python(..., how='numpy', numthreads=1)``: best of N rounds.

Prints human lines, then one parseable line:
    pvlib_spa_python_numpy positions_per_s=123456.7 seconds=1.6197 count=200000

Run it with one thread per library (OMP_NUM_THREADS=1 etc.) for a per-core figure;
Scripts/bench.sh sets those before starting Python.
"""
import argparse
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--start-unix", type=float, default=1_767_225_600.0, help="first instant, Unix seconds UTC")
    ap.add_argument("--step", type=float, default=60.0, help="seconds between instants")
    ap.add_argument("--count", type=int, default=200_000, help="number of instants")
    ap.add_argument("--latitude", type=float, default=39.9042)
    ap.add_argument("--longitude", type=float, default=116.4074)
    ap.add_argument("--height", type=float, default=0.0, help="metres (SPA elevation)")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds; the fastest is reported")
    args = ap.parse_args()

    import numpy as np
    import pandas as pd
    import pvlib
    from pvlib import solarposition

    start = pd.Timestamp(int(round(args.start_unix * 1e9)), unit="ns", tz="UTC")
    times = pd.date_range(start=start, periods=args.count, freq=pd.Timedelta(seconds=args.step))

    def one_round() -> float:
        t0 = time.perf_counter()
        frame = solarposition.spa_python(times, args.latitude, args.longitude, altitude=args.height,
                                         how="numpy", numthreads=1)
        elapsed = time.perf_counter() - t0
        # Touch the results so nothing lazy escapes the timing.
        if not np.isfinite(frame["apparent_elevation"].to_numpy()).all():
            raise SystemExit("pvlib returned non-finite elevations")
        return elapsed

    seconds = sorted(one_round() for _ in range(max(1, args.rounds)))
    best = seconds[0]
    rate = args.count / best
    print(f"pvlib {pvlib.__version__}, pandas {pd.__version__}, numpy {np.__version__}, "
          f"python {sys.version.split()[0]}")
    print(f"spa_python(how='numpy', numthreads=1): {args.count} instants from {times[0].isoformat()} "
          f"every {args.step:g} s; rounds {', '.join(f'{s:.4f}' for s in seconds)} s")
    print(f"pvlib_spa_python_numpy positions_per_s={rate:.1f} seconds={best:.4f} count={args.count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
