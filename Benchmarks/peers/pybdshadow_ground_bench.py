#!/usr/bin/env python3
"""Peer benchmark: pybdshadow's ground sunshine-time computation on the ground suite's workload.

Rebuilds sunspot-bench's ground workload from the facts Scripts/bench.sh passes: the same
buildings (local metres, converted to WGS84 lon/lat around the site with a local
equirectangular projection, good to millimetres over 500 m), the same band (8:00–16:00
true solar time on 冬至, as UTC instants), and the same grid (one square cell of
`spacing` metres centred on every grid point). pybdshadow samples in time: it casts the
shadow polygons of all buildings every `--precision` seconds (bdshadow_sunlight) and
counts, per cell, the samples whose shadow covers it (cal_shadowcoverage), so its result
is a multiple of the step; SunSpot's is exact per point. Timed: shadows + coverage, the
same work as `pybdshadow.cal_sunshine` restricted to the band (cal_sunshine itself only
does sunrise…sunset).

Prints human lines, then one parseable line:
    pybdshadow_ground seconds=12.3 points=90000 steps=48 precision_s=600 mean_hours=0.31
"""
import argparse
import math
import sys
import time
import warnings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--buildings", required=True, help="id;base;top;x,y x,y …|… (local metres)")
    ap.add_argument("--latitude", type=float, required=True)
    ap.add_argument("--longitude", type=float, required=True)
    ap.add_argument("--band-start-unix", type=float, required=True)
    ap.add_argument("--band-end-unix", type=float, required=True)
    ap.add_argument("--origin-x", type=float, required=True)
    ap.add_argument("--origin-y", type=float, required=True)
    ap.add_argument("--spacing", type=float, required=True)
    ap.add_argument("--columns", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--precision", type=float, default=600, help="time step, seconds")
    ap.add_argument("--ours", help="SunSpot's sun seconds per point (row-major, 'inside' for building points)")
    args = ap.parse_args()

    warnings.filterwarnings("ignore")
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    from shapely.geometry import Polygon, box
    from pybdshadow import bdshadow_sunlight
    from pybdshadow.analysis import cal_shadowcoverage

    r = 6_371_008.8
    lat0 = math.radians(args.latitude)

    def lonlat(x, y):
        return (args.longitude + math.degrees(x / (r * math.cos(lat0))), args.latitude + math.degrees(y / r))

    rows = []
    for k, item in enumerate(args.buildings.split("|")):
        ident, base, top, coords = item.split(";")
        if float(base) > 0:
            print(f"building {ident} is raised (base {base} m): pybdshadow models only prisms on the ground")
            return 1
        ring = [lonlat(*map(float, p.split(","))) for p in coords.split()]
        rows.append({"building_id": k, "height": float(top), "geometry": Polygon(ring)})
    buildings = gpd.GeoDataFrame(rows, geometry="geometry")

    half = args.spacing / 2
    cells = []
    for j in range(args.rows):
        for i in range(args.columns):
            x = args.origin_x + i * args.spacing
            y = args.origin_y + j * args.spacing
            (x0, y0), (x1, y1) = lonlat(x - half, y - half), lonlat(x + half, y + half)
            cells.append({"LONCOL": i, "LATCOL": j, "geometry": box(x0, y0, x1, y1)})
    grids = gpd.GeoDataFrame(cells, geometry="geometry")

    start, end = args.band_start_unix, args.band_end_unix
    steps = int((end - start) // args.precision)
    # Mid-step samples: each stands for `precision` seconds of the band.
    instants = [start + (k + 0.5) * args.precision for k in range(steps)]

    t0 = time.perf_counter()
    shadows = []
    for t in instants:
        date = pd.Timestamp(int(round(t * 1e9)), unit="ns")  # naive UTC, as pybdshadow expects
        s = bdshadow_sunlight(buildings, date, roof=False, include_building=True)
        s["date"] = date
        shadows.append(s)
    shadows = pd.concat(shadows)
    covered = cal_shadowcoverage(shadows, buildings.copy(), grids=grids.copy(), roof=False,
                                 precision=args.precision, accuracy=args.spacing)
    elapsed = time.perf_counter() - t0

    band = steps * args.precision
    sun_hours = (band - covered["time"].to_numpy()) / 3600
    mean = float(np.mean(sun_hours)) if len(sun_hours) else float("nan")
    print(f"pybdshadow {getattr(sys.modules.get('pybdshadow'), '__version__', '?')}: {len(covered)} cells outside "
          f"buildings, {steps} shadow samples every {args.precision:g} s, {elapsed:.2f} s")
    if args.ours:
        with open(args.ours) as f:
            ours = [line.strip() for line in f]
        diffs = []
        for i, j, t in zip(covered["LONCOL"], covered["LATCOL"], covered["time"]):
            value = ours[int(j) * args.columns + int(i)]
            if value != "inside":
                diffs.append(abs((band - t) - float(value)) / 60)
        if diffs:
            d = np.sort(np.array(diffs))
            print(f"per cell vs SunSpot's exact values ({len(d)} cells): mean |Δ| {d.mean():.1f} min, "
                  f"median {np.median(d):.1f} min, 95th percentile {d[int(0.95 * (len(d) - 1))]:.1f} min, "
                  f"max {d[-1]:.1f} min; within one step ({args.precision / 60:g} min): "
                  f"{100 * np.mean(d <= args.precision / 60 + 1e-9):.1f} %")
    print(f"pybdshadow_ground seconds={elapsed:.4f} points={args.columns * args.rows} steps={steps} "
          f"precision_s={args.precision:g} mean_hours={mean:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
