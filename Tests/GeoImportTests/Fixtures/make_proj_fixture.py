"""Reference values for GeoImportTests, computed independently with pyproj.

pyproj 3.7.2 carries its own PROJ (9.5.1) and proj.db, separate from the system
libproj the Swift code links, and pyproj.Geod solves geodesics on the WGS84
ellipsoid with Karney's algorithm (GeographicLib), not by projecting at all.

Writes, next to this script:
- local_frame.csv: lon/lat points 0-5 km from several site centres (placed with
  Geod.fwd), and their x/y in the local azimuthal equidistant frame of that centre,
  through the same PROJ string the importer builds (the string is in the file, so
  the test also pins the importer's string).
- source_crs.csv: x/y in CRSs that site plans and exports use (CGCS2000 3-degree
  Gauss-Krueger zones EPSG:4547/4548/4549, CGCS2000 geographic EPSG:4490, UTM 50N
  EPSG:32650, Web Mercator EPSG:3857), and their WGS84 lon/lat (always_xy).
- sample_geodesy.csv: for every hole (courtyard) of data/sample-buildings.geojson its
  geodesic signed area (kind hole_area); for every outer ring, the
  geodesic signed area (counter-clockwise positive) and each edge's geodesic length
  and forward azimuth (degrees clockwise from true north).
- sample-buildings-epsg4547.geojson: the same sample transformed to EPSG:4547.

Run: python3 -m venv .venv-fixtures && .venv-fixtures/bin/pip install -r requirements.txt
     .venv-fixtures/bin/python Tests/GeoImportTests/Fixtures/make_proj_fixture.py
"""
import csv
import json
import pathlib
import re

import pyproj
from pyproj import Geod, Transformer

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
GEOD = Geod(ellps="WGS84")


def local_frame_proj(lat0, lon0):
    """The importer's local frame (GeoImport/LocalFrame.swift builds the same text)."""
    return (f"+proj=aeqd +lat_0={lat0!r} +lon_0={lon0!r} +x_0=0 +y_0=0 "
            f"+datum=WGS84 +units=m +no_defs +type=crs")


def write_local_frame():
    centres = [
        (39.9042, 116.4074),    # Beijing
        (31.2304, 121.4737),    # Shanghai
        (45.75, 126.63),        # Harbin
        (22.5431, 114.0579),    # Shenzhen
        (1.29, 103.85),         # Singapore, near the equator
        (-33.8688, 151.2093),   # Sydney, southern hemisphere
        (69.6492, 18.9553),     # Tromsø, high latitude
    ]
    distances = [0.0, 12.5, 100.0, 480.0, 1000.0, 2000.0, 5000.0]
    bearings = [0.0, 37.0, 90.0, 143.0, 200.0, 271.0, 333.0]
    rows = []
    for lat0, lon0 in centres:
        proj = local_frame_proj(lat0, lon0)
        t = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
        for d in distances:
            for b in (bearings if d > 0 else [0.0]):
                lon, lat, _ = GEOD.fwd(lon0, lat0, b, d)
                lon, lat = round(lon, 9), round(lat, 9)
                x, y = t.transform(lon, lat)
                rows.append([lat0, lon0, proj, f"{lon:.9f}", f"{lat:.9f}", f"{x:.6f}", f"{y:.6f}"])
    with open(HERE / "local_frame.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["lat0", "lon0", "proj", "lon", "lat", "x", "y"])
        w.writerows(rows)


def write_source_crs():
    # (crs, lon/lat points near where that CRS is used)
    cases = [
        ("EPSG:4547", [(116.4074, 39.9042), (113.2644, 23.1291), (114.0579, 22.5431)]),
        ("EPSG:4548", [(116.4074, 39.9042), (117.2008, 39.0842), (118.7969, 32.0603)]),
        ("EPSG:4549", [(121.4737, 31.2304), (120.1551, 30.2741), (119.2965, 26.0745)]),
        ("EPSG:4490", [(116.4074, 39.9042), (121.4737, 31.2304)]),
        ("EPSG:32650", [(116.4074, 39.9042), (117.2008, 39.0842)]),
        ("EPSG:3857", [(116.4074, 39.9042), (121.4737, 31.2304)]),
    ]
    rows = []
    for crs, points in cases:
        fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
        inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        decimals = 9 if crs == "EPSG:4490" else 3
        for lon, lat in points:
            for dx, dy in [(0, 0), (0.01, 0.007), (-0.013, -0.004)]:
                x, y = fwd.transform(lon + dx, lat + dy)
                x, y = round(x, decimals), round(y, decimals)
                lon2, lat2 = inv.transform(x, y)  # the reference: from the rounded x/y back to lon/lat
                rows.append([crs, f"{x:.{decimals}f}", f"{y:.{decimals}f}", f"{lon2:.10f}", f"{lat2:.10f}"])
    with open(HERE / "source_crs.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["crs", "x", "y", "lon", "lat"])
        w.writerows(rows)


def outer_rings(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def holes(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [(pi, hi, ring) for pi, polygon in enumerate(polygons) for hi, ring in enumerate(polygon[1:])]


def write_sample_geodesy(sample):
    rows = []
    for fi, feature in enumerate(sample["features"]):
        for pi, hi, ring in holes(feature["geometry"]):
            pts = ring[:-1] if ring[0] == ring[-1] else ring
            area, _ = GEOD.polygon_area_perimeter([p[0] for p in pts], [p[1] for p in pts])
            rows.append([fi, pi, "hole_area", hi, f"{area:.6f}"])
        for pi, ring in enumerate(outer_rings(feature["geometry"])):
            pts = ring[:-1] if ring[0] == ring[-1] else ring
            lons = [p[0] for p in pts]
            lats = [p[1] for p in pts]
            area, _ = GEOD.polygon_area_perimeter(lons, lats)
            rows.append([fi, pi, "area", 0, f"{area:.6f}"])
            n = len(pts)
            for i in range(n):
                a, b = pts[i], pts[(i + 1) % n]
                az, _, dist = GEOD.inv(a[0], a[1], b[0], b[1])
                rows.append([fi, pi, "edge", i, f"{dist:.6f}"])
                rows.append([fi, pi, "azimuth", i, f"{az % 360:.9f}"])
    with open(HERE / "sample_geodesy.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["feature", "part", "kind", "index", "value"])
        w.writerows(rows)


def write_sample_in_4547(sample):
    t = Transformer.from_crs("EPSG:4326", "EPSG:4547", always_xy=True)

    def convert(c):
        if isinstance(c[0], (int, float)):
            x, y = t.transform(c[0], c[1])
            return [round(x, 3), round(y, 3)]
        return [convert(p) for p in c]

    out = json.loads(json.dumps(sample))
    out["name"] = "sample-buildings in EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)"
    for f in out["features"]:
        f["geometry"]["coordinates"] = convert(f["geometry"]["coordinates"])
    text = json.dumps(out, ensure_ascii=False, indent=1)
    text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)
    (HERE / "sample-buildings-epsg4547.geojson").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    sample = json.loads((ROOT / "data" / "sample-buildings.geojson").read_text(encoding="utf-8"))
    write_local_frame()
    write_source_crs()
    write_sample_geodesy(sample)
    write_sample_in_4547(sample)
    print(f"pyproj {pyproj.__version__}, PROJ {pyproj.proj_version_str}: wrote fixtures in {HERE}")
