"""Independent reference for `sunspot nichiei` (Tests/SunSpotCLITests/NichieiEndToEndTests.swift).

A 40 m x 10 m slab, 20 m high, on a Tokyo site whose boundary runs 2 m around it. For every
grid point the command reports beyond the 5 m line, this script counts the seconds of
2026-12-22 (冬至 in Asia/Tokyo) between 8:00 and 16:00 true solar time during which the
ray from the point (1.5 m plane) toward the sun meets the slab. The sun comes from pvlib's
NREL SPA (geometric elevation: the regulation's sun has no refraction); true solar time is
UTC + longitude/15 h + pvlib's equation of time; the ray test is a plain slab-box
intersection in numpy, sampled every 5 s (so each value is within ~10 s of the exact one).
Nothing here uses SunSpot's code.

Run: make nichiei-fixture (pvlib and numpy in .venv-fixtures).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import pvlib

LAT, LON = 35.6812, 139.7671
BOX = (0.0, 40.0, 0.0, 10.0, 0.0, 20.0)  # x0, x1, y0, y1, z0, z1
BOUNDARY = [(-2, -2), (42, -2), (42, 12), (-2, 12)]
PLANE, SPACING, MARGIN = 1.5, 2.0, 30.0
STEP_S = 5


def distance_to_rectangle(x, y):
    (x0, y0), (x1, y1) = BOUNDARY[0], BOUNDARY[2]
    dx = np.maximum(np.maximum(x0 - x, 0), x - x1)
    dy = np.maximum(np.maximum(y0 - y, 0), y - y1)
    return np.hypot(dx, dy)


def main():
    times = pd.date_range("2026-12-21T21:00Z", "2026-12-22T09:00Z", freq=f"{STEP_S}s")
    sun = pvlib.solarposition.spa_python(times, LAT, LON, altitude=0, delta_t=69.0)
    utc_hours = (times - pd.Timestamp("2026-12-22T00:00Z")).total_seconds().to_numpy() / 3600
    tst = utc_hours + 24 + LON / 15 + sun["equation_of_time"].to_numpy() / 60
    tst = np.mod(tst, 24)
    band = (tst >= 8) & (tst < 16)
    el = np.radians(sun["elevation"].to_numpy()[band])
    az = np.radians(sun["azimuth"].to_numpy()[band])
    s = np.stack([np.sin(az) * np.cos(el), np.cos(az) * np.cos(el), np.sin(el)], axis=1)

    xs = np.arange(BOUNDARY[0][0] - MARGIN, BOUNDARY[2][0] + MARGIN + 1e-9, SPACING)
    ys = np.arange(BOUNDARY[0][1] - MARGIN, BOUNDARY[2][1] + MARGIN + 1e-9, SPACING)
    gx, gy = np.meshgrid(xs, ys)
    gx, gy = gx.ravel(), gy.ravel()
    keep = distance_to_rectangle(gx, gy) > 5
    gx, gy = gx[keep], gy[keep]

    lo = np.array(BOX[0::2])
    hi = np.array(BOX[1::2])
    points = []
    for x, y in zip(gx, gy):
        p = np.array([x, y, PLANE])
        with np.errstate(divide="ignore", invalid="ignore"):
            t1 = (lo - p) / s
            t2 = (hi - p) / s
        tmin = np.nanmax(np.minimum(t1, t2), axis=1)
        tmax = np.nanmin(np.maximum(t1, t2), axis=1)
        hit = (tmax >= np.maximum(tmin, 0)) | (el <= 0)
        points.append({"x": float(x), "y": float(y), "shadowHours": round(hit.sum() * STEP_S / 3600, 5)})

    fixture = {
        "source": "pvlib %s spa_python (geometric elevation), numpy ray-box test every %d s" % (pvlib.__version__, STEP_S),
        "scene": {
            "version": 1,
            "name": "nichiei reference slab",
            "site": {"latitude": LAT, "longitude": LON, "timeZone": "Asia/Tokyo"},
            "buildings": [{"id": "S", "footprint": [[0, 0], [40, 0], [40, 10], [0, 10]], "height": 20}],
        },
        "boundary": ":".join(f"{x},{y}" for x, y in BOUNDARY),
        "spacing": SPACING,
        "margin": MARGIN,
        "toleranceHours": 30 / 3600,  # sampling: ~5 s at each crossing and at each end of the band
        "points": points,
    }
    out = pathlib.Path(__file__).with_name("nichiei-slab.json")
    points_text = ",\n".join("  " + json.dumps(p) for p in fixture.pop("points"))
    head = json.dumps(fixture, ensure_ascii=False)[:-1]
    out.write_text(head + ', "points": [\n' + points_text + "\n]}\n")
    print(out, len(points), "points")


if __name__ == "__main__":
    main()
