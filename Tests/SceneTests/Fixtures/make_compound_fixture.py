#!/usr/bin/env python3
"""Independent reference fixture: sunlit minutes for every window of the
sample compound (data/sample-compound.json) on the 24 solar terms of 2026.

SunSpot computes exact sunlit intervals in Swift.  This script recomputes
the same quantities by a completely different method (Skyfield + JPL DE421
for the Sun, Shapely for the ray/obstruction test, brute-force sampling in
time) so the Swift tests can check per-window, per-term minutes to within
1 minute.

Run it from any working directory with the fixture venv's Python:

    .venv-fixtures/bin/python3 Tests/SceneTests/Fixtures/make_compound_fixture.py

It reads ../../../data/sample-compound.json (relative to this file), writes
compound_2026.csv next to itself and prints a summary.  It is deterministic
and downloads nothing: DE421 comes from the ``skyfield-data`` package and
time scales from Skyfield's builtin data (``load.timescale(builtin=True)``).
Pinned packages: requirements.txt.

Geometry (DESIGN.md, "Scene document")
--------------------------------------
* Local frame: x = east, y = north (true north; the file has no northAngle),
  z = up, metres.  Every building is a vertical prism from ``base``
  (default 0) to ``base + height``; height = ``height`` or
  ``floors * floorHeight``.
* ``box``: corners (-w/2,-d/2), (w/2,-d/2), (w/2,d/2), (-w/2,d/2) rotated
  counter-clockwise by ``rotation`` degrees, then moved to (x, y).  Faces
  south/east/north/west are edges 0/1/2/3; edge i runs from corner i to
  corner i+1.  ``footprint``: counter-clockwise vertices; edge i runs from
  vertex i to vertex i+1.
* Window on edge A->B: u = (B-A)/|B-A|, outward normal n = (u.y, -u.x).
  Window centre = midpoint(A, B) + offset * u.  Calculation point = centre
  + 0.01 * n (1 cm in front of the wall), at
  z = base + (floor-1) * floorHeight + 0.9 (default sill 0.9 m).

Sun and time
------------
* Site = the JSON's latitude/longitude on the WGS84 ellipsoid at 0 m.  The
  Sun's apparent topocentric altitude/azimuth WITH refraction
  (``altaz(temperature_C=10, pressure_mbar=1010)``).  Direction to the
  Sun: (cos alt sin az, cos alt cos az, sin alt), az clockwise from north.
* UTC is treated as UT1: every instant is built with ``ts.ut1(...)`` from
  its civil UTC clock reading, so Earth rotation uses exactly that UT;
  TT = UT1 + Skyfield's builtin delta T.
* Solar terms: the 24 instants of 2026 (civil year in UTC+8) when the Sun's
  apparent geocentric ecliptic longitude (true ecliptic and equinox of
  date, ``ecliptic_frame``) reaches k*15 deg.  The analysis day of a term
  is its civil date in UTC+8 (Asia/Shanghai, no DST); the day is
  [00:00, 24:00) UTC+8.
* True solar time = 12:00 + the Sun's local apparent (topocentric) hour
  angle from ``Apparent.hadec()``; the band 08:00-16:00 TST is
  |hour angle| <= 4 h.

Sunlit test and counting
------------------------
A calculation point is sunlit at an instant when (1) the refracted
altitude > 0, (2) the Sun's horizontal direction has a positive dot product
with the window's outward normal n, and (3) the ray from the point towards
the Sun hits no building prism, the window's own building included.  For a
prism [zb, zt] the ray is inside the prism's height range for ray
parameters t in [max(0, (zb-z)/sz), (zt-z)/sz]; the ray hits the prism iff
the plan trace of the ray over that t range (a 2-D segment) intersects the
closed footprint polygon (``shapely.intersects``; a cheap numpy bounding-box
test only skips pairs that cannot intersect).

Each day is sampled at the midpoints of 8640 10-second steps
(00:00:05, 00:00:15, ... UTC+8); minutes = (sunlit samples) * 10 / 60.
Midpoint sampling has an error of at most 5 s per sunlit/shaded transition,
far below the 1-minute tolerance.  ``total_minutes`` counts the whole civil
day (no band); ``band_minutes`` counts only samples with 08:00 <= TST <=
16:00.  There is no minimum continuous segment.

Output: compound_2026.csv with header
    building,floor,unit,window,term_longitude,date,total_minutes,band_minutes
one row per (building with units, floor 1..floors, unit, window index within
the unit (0-based), term), in document order and, within a window, in term
time order (285 = 小寒 ... 270 = 冬至).  Minutes have 2 decimals.
"""

import csv
import datetime as dt
import json
import math
import time
import warnings
from pathlib import Path

import numpy as np
import shapely

from skyfield_data import get_skyfield_data_path
from skyfield.api import load, wgs84
from skyfield.framelib import ecliptic_frame
from skyfield.searchlib import find_discrete

HERE = Path(__file__).resolve().parent
SCENE = HERE.parent.parent.parent / "data" / "sample-compound.json"
OUT = HERE / "compound_2026.csv"

YEAR = 2026
UTC_OFFSET_H = 8           # Asia/Shanghai, no DST
STEP_S = 10                # sampling step
STEPS_PER_DAY = 86400 // STEP_S
SILL_M = 0.9
WALL_OFFSET_M = 0.01       # calculation point in front of the wall
BAND_HA_H = 4.0            # 08:00-16:00 true solar time
TEMPERATURE_C = 10.0
PRESSURE_MBAR = 1010.0


# ---------------------------------------------------------------- geometry

def building_polygon(b):
    """Counter-clockwise footprint vertices, shape (n, 2)."""
    if "box" in b:
        bx = b["box"]
        w, d = bx["width"], bx["depth"]
        r = math.radians(bx.get("rotation", 0.0))
        c, s = math.cos(r), math.sin(r)
        local = [(-w / 2, -d / 2), (w / 2, -d / 2), (w / 2, d / 2), (-w / 2, d / 2)]
        return np.array([(bx["x"] + c * px - s * py, bx["y"] + s * px + c * py)
                         for px, py in local])
    pts = np.array(b["footprint"], dtype=float)
    # Shoelace: the document promises counter-clockwise order; check it.
    x, y = pts[:, 0], pts[:, 1]
    area2 = np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y)
    assert area2 > 0, f"building {b['id']}: footprint is not counter-clockwise"
    return pts


def building_height(b):
    if "height" in b:
        return float(b["height"])
    return b["floors"] * float(b["floorHeight"])


FACE_EDGE = {"south": 0, "east": 1, "north": 2, "west": 3}


def windows(doc, prisms):
    """Yield (building id, floor, unit id, window index, point xyz, normal xy)."""
    for bi, b in enumerate(doc["buildings"]):
        if not b.get("units"):
            continue
        poly = prisms[bi]["poly"]
        base = prisms[bi]["zb"]
        for floor in range(1, b["floors"] + 1):
            level = base + (floor - 1) * float(b["floorHeight"])
            for unit in b["units"]:
                for wi, w in enumerate(unit["windows"]):
                    edge = FACE_EDGE[w["face"]] if "face" in w else w["edge"]
                    a = poly[edge]
                    bb = poly[(edge + 1) % len(poly)]
                    u = (bb - a) / np.linalg.norm(bb - a)
                    n = np.array([u[1], -u[0]])
                    centre = (a + bb) / 2 + w["offset"] * u
                    p = centre + WALL_OFFSET_M * n
                    z = level + float(w.get("sill", SILL_M))
                    yield b["id"], floor, unit["id"], wi, np.array([p[0], p[1], z]), n


# ---------------------------------------------------------------- sun

def solar_terms(ts, eph):
    """[(longitude_deg, Time)] for the 24 terms of the civil year (UTC+8)."""
    earth, sun = eph["earth"], eph["sun"]

    def term_index(t):
        lat, lon, _ = earth.at(t).observe(sun).apparent().frame_latlon(ecliptic_frame)
        return (lon.degrees // 15).astype(int) % 24

    term_index.step_days = 7.0
    t0 = ts.utc(YEAR, 1, 1, -UTC_OFFSET_H)
    t1 = ts.utc(YEAR + 1, 1, 1, -UTC_OFFSET_H)
    times, values = find_discrete(t0, t1, term_index)
    terms = [(int(v) * 15, t) for t, v in zip(times, values)]
    assert len(terms) == 24, len(terms)
    return terms


def civil(t):
    """UTC+8 civil datetime of a Skyfield Time (UTC, leap seconds applied)."""
    return t.utc_datetime().replace(tzinfo=None) + dt.timedelta(hours=UTC_OFFSET_H)


def sun_samples(ts, eph, lat, lon, dates):
    """Sun direction (N, 3) and hour angle in hours (N,) for every sample of
    every date (flattened, date-major)."""
    earth, sun = eph["earth"], eph["sun"]
    site = earth + wgs84.latlon(lat, lon, elevation_m=0.0)
    sec = (np.arange(STEPS_PER_DAY) + 0.5) * STEP_S
    days, secs = [], []
    jan1 = dt.date(YEAR, 1, 1).toordinal()
    for d in dates:
        days.append(np.full(STEPS_PER_DAY, d.toordinal() - jan1 + 1))
        secs.append(sec)
    day = np.concatenate(days)
    second = np.concatenate(secs)
    # Civil midnight UTC+8 = 16:00 UTC of the previous day; UTC fed as UT1.
    t = ts.ut1(YEAR, 1, day, -UTC_OFFSET_H, 0, second)
    app = site.at(t).observe(sun).apparent()
    alt, az, _ = app.altaz(temperature_C=TEMPERATURE_C, pressure_mbar=PRESSURE_MBAR)
    ha, _, _ = app.hadec()
    a, z = alt.radians, az.radians
    s = np.stack([np.cos(a) * np.sin(z), np.cos(a) * np.cos(z), np.sin(a)], axis=1)
    return s, ha.hours


# ---------------------------------------------------------------- rays

def sunlit(p, n, s, prisms):
    """Boolean (N,) sunlit flags for point p with facade normal n."""
    lit = (s[:, 2] > 0) & (s[:, 0] * n[0] + s[:, 1] * n[1] > 0)
    for pr in prisms:
        idx = np.nonzero(lit)[0]
        if idx.size == 0:
            break
        sx, sy, sz = s[idx, 0], s[idx, 1], s[idx, 2]
        t0 = np.maximum(0.0, (pr["zb"] - p[2]) / sz)
        t1 = (pr["zt"] - p[2]) / sz
        ok = t1 > t0
        x0, y0 = p[0] + t0 * sx, p[1] + t0 * sy
        x1, y1 = p[0] + t1 * sx, p[1] + t1 * sy
        xmin, xmax, ymin, ymax = pr["bbox"]
        ok &= ((np.minimum(x0, x1) <= xmax) & (np.maximum(x0, x1) >= xmin)
               & (np.minimum(y0, y1) <= ymax) & (np.maximum(y0, y1) >= ymin))
        cand = np.nonzero(ok)[0]
        if cand.size == 0:
            continue
        coords = np.stack([np.stack([x0[cand], y0[cand]], axis=1),
                           np.stack([x1[cand], y1[cand]], axis=1)], axis=1)
        hit = shapely.intersects(shapely.linestrings(coords), pr["shape"])
        lit[idx[cand[hit]]] = False
    return lit


# ---------------------------------------------------------------- main

def main():
    started = time.time()
    doc = json.loads(SCENE.read_text(encoding="utf-8"))
    site = doc["site"]
    assert site.get("timeZone") == "Asia/Shanghai"
    assert "northAngle" not in site and "northAngle" not in doc

    prisms = []
    for b in doc["buildings"]:
        poly = building_polygon(b)
        shape = shapely.Polygon(poly)
        assert shape.is_valid, b["id"]
        shapely.prepare(shape)
        zb = float(b.get("base", 0.0))
        (xmin, ymin), (xmax, ymax) = poly.min(0), poly.max(0)
        prisms.append({"id": b["id"], "poly": poly, "shape": shape, "zb": zb,
                       "zt": zb + building_height(b), "bbox": (xmin, xmax, ymin, ymax)})

    ts = load.timescale(builtin=True)
    with warnings.catch_warnings():
        # skyfield-data warns that its bundled finals2000A.all is old; that
        # file is never used here (builtin time scale), so hide the warning.
        warnings.simplefilter("ignore", RuntimeWarning)
        data_dir = Path(get_skyfield_data_path())
    eph = load(str(data_dir / "de421.bsp"))

    terms = solar_terms(ts, eph)
    dates = []
    print("term  instant (UTC+8)          date")
    for lon, t in terms:
        c = civil(t)
        margin = min(c - dt.datetime(c.year, c.month, c.day),
                     dt.datetime(c.year, c.month, c.day) + dt.timedelta(days=1) - c)
        flag = "  <-- within 10 min of midnight" if margin < dt.timedelta(minutes=10) else ""
        print(f"{lon:4d}  {c:%Y-%m-%d %H:%M:%S}  {c.date()}{flag}")
        dates.append(c.date())

    s, ha = sun_samples(ts, eph, site["latitude"], site["longitude"], dates)
    in_band = np.abs(ha) <= BAND_HA_H
    scale = STEP_S / 60.0

    rows = []
    nwin = 0
    for bid, floor, uid, wi, p, n in windows(doc, prisms):
        for pr in prisms:  # the point must be outside every solid
            inside = (pr["zb"] <= p[2] <= pr["zt"]) and pr["shape"].covers(shapely.Point(p[0], p[1]))
            assert not inside, (bid, floor, uid, wi, pr["id"])
        lit = sunlit(p, n, s, prisms).reshape(len(dates), STEPS_PER_DAY)
        band = lit & in_band.reshape(len(dates), STEPS_PER_DAY)
        total_min = lit.sum(axis=1) * scale
        band_min = band.sum(axis=1) * scale
        for k, (lon, _) in enumerate(terms):
            rows.append([bid, floor, uid, wi, lon, dates[k].isoformat(),
                         f"{total_min[k]:.2f}", f"{band_min[k]:.2f}"])
        nwin += 1

    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["building", "floor", "unit", "window", "term_longitude", "date",
                    "total_minutes", "band_minutes"])
        w.writerows(rows)
    print(f"{nwin} windows x {len(terms)} terms = {len(rows)} rows -> {OUT.name} "
          f"({time.time() - started:.1f} s)")


if __name__ == "__main__":
    main()
