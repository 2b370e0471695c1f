"""Writes data/sample-buildings.geojson: a made-up but plausible Beijing compound.

The buildings are laid out in metres (x east, y north) around an arbitrary point
in Dongcheng and turned into WGS84 lon/lat with pyproj's azimuthal equidistant
inverse, rounded to 7 decimals (about 1 cm), as an OpenStreetMap export would
carry them. Properties use the common OSM tags (height, building:levels,
min_height, name, @id). Some rings are clockwise, one has a courtyard hole and one
feature is a MultiPolygon, so the importer's handling of each is exercised.

Run: python3 Scripts/make_sample_geojson.py   (needs pyproj; see
Tests/GeoImportTests/Fixtures/requirements.txt)
"""
import json
import re
import math
import pathlib

from pyproj import Transformer

CENTRE_LAT, CENTRE_LON = 39.92215, 116.41523
to_geo = Transformer.from_crs(
    f"+proj=aeqd +lat_0={CENTRE_LAT} +lon_0={CENTRE_LON} +datum=WGS84 +units=m",
    "EPSG:4326", always_xy=True)


def rect(cx, cy, w, d, rot=0.0):
    """Counter-clockwise rectangle centred at (cx, cy), rotated rot degrees CCW."""
    c, s = math.cos(math.radians(rot)), math.sin(math.radians(rot))
    pts = [(-w / 2, -d / 2), (w / 2, -d / 2), (w / 2, d / 2), (-w / 2, d / 2)]
    return [(cx + x * c - y * s, cy + x * s + y * c) for x, y in pts]


def ring(points, clockwise=False):
    pts = list(reversed(points)) if clockwise else list(points)
    out = []
    for x, y in pts:
        lon, lat = to_geo.transform(x, y)
        out.append([round(lon, 7), round(lat, 7)])
    return out + [out[0]]  # GeoJSON rings repeat the first vertex


def feature(props, rings=None, parts=None, fid=None):
    geom = ({"type": "Polygon", "coordinates": rings} if parts is None
            else {"type": "MultiPolygon", "coordinates": parts})
    f = {"type": "Feature", "properties": props, "geometry": geom}
    if fid is not None:
        f["id"] = fid
    return f


features = [
    # Three 60 m slabs in rows, as northern Chinese compounds are laid out.
    feature({"id": "1", "name": "1号楼", "building": "residential", "building:levels": "18", "height": 54.6},
            [ring(rect(-40, 45, 60, 12))]),
    feature({"id": "2", "name": "2号楼", "building": "residential", "building:levels": 11},
            [ring(rect(-40, 0, 60, 12), clockwise=True)]),
    feature({"id": "3", "name": "3号楼", "building": "residential", "building:levels": "11", "height": "33.5 m"},
            [ring(rect(-40, -45, 60, 12))]),
    # An L-shaped block on the east side (clockwise, as many GIS exports write it).
    feature({"id": "4", "name": "4号楼", "building": "apartments", "height": 45},
            [ring([(30, 20), (72, 20), (72, 32), (42, 32), (42, 62), (30, 62)], clockwise=True)]),
    # A point tower turned 15 degrees; id from the feature's own "id" member.
    feature({"name": "5号楼", "building": "apartments", "building:levels": 26, "height": 80},
            [ring(rect(52, -35, 24, 24, rot=15))], fid="5"),
    # Kindergarten round a courtyard: the hole is dropped by the importer (with a warning).
    feature({"@id": "way/118800231", "name": "幼儿园", "building": "kindergarten", "building:levels": 3, "height": 10.5},
            [ring(rect(0, -95, 30, 30)), ring(rect(0, -95, 14, 14), clockwise=True)]),
    # Two garage ramps: one MultiPolygon, two buildings.
    feature({"id": "G", "name": "车库出入口", "building": "roof", "height": 4},
            parts=[[ring(rect(-5, 20, 8, 14))], [ring(rect(-5, -22, 8, 14))]]),
    # A sky bridge from 1号楼 to 4号楼, 15 m up (a raised volume).
    feature({"id": "B", "name": "连廊", "building:part": "yes", "min_height": 15, "height": 19},
            [ring(rect(10, 41, 40, 6))]),
    # The new office tower across the street to the south.
    feature({"id": "T1", "name": "新建办公楼", "building": "office", "building:levels": 24, "height": 98},
            [ring(rect(-20, -160, 45, 25))]),
]

doc = {"type": "FeatureCollection", "name": "sample-buildings", "features": features}
out = pathlib.Path(__file__).resolve().parent.parent / "data" / "sample-buildings.geojson"
text = json.dumps(doc, ensure_ascii=False, indent=1)
text = re.sub(r"\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]", r"[\1, \2]", text)  # one line per vertex
out.write_text(text + "\n", encoding="utf-8")
print(f"wrote {out}")
