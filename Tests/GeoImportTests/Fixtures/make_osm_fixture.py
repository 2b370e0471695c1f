"""Reference figures for the OpenStreetMap import of data/helsinki-centre.osm.pbf.

Independent of the Swift code: pyosmium (its own bundled libosmium build) assembles the
buildings, and pyproj.Geod (Karney's geodesics on WGS84) measures each one's area on
the ellipsoid, courtyards subtracted. The Swift import projects into its local frame
with the system PROJ, cuts courtyard blocks with GEOS and rounds to the millimetre;
its areas must agree with these.

Writes Tests/GeoImportTests/Fixtures/helsinki_buildings.csv (one row per assembled
building: osm object, outer rings, inner rings, geodesic area in m²) and
helsinki_summary.csv (counts of the tagged objects read).
Run with `make osm-fixtures`.
"""

import csv
import pathlib

import osmium
from pyproj import Geod

ROOT = pathlib.Path(__file__).resolve().parents[3]
SOURCE = ROOT / "data" / "helsinki-centre.osm.pbf"
OUT = pathlib.Path(__file__).resolve().parent
GEOD = Geod(ellps="WGS84")


def is_building(tags):
    return "building" in tags or "building:part" in tags


def ring_area(ring):
    lons = [n.lon for n in ring]
    lats = [n.lat for n in ring]
    area, _ = GEOD.polygon_area_perimeter(lons, lats)
    return abs(area)


class Buildings(osmium.SimpleHandler):
    def __init__(self):
        super().__init__()
        self.rows = []
        self.ways = 0
        self.relations = 0

    def way(self, w):
        if is_building(w.tags):
            self.ways += 1

    def relation(self, r):
        if r.tags.get("type") == "multipolygon" and is_building(r.tags):
            self.relations += 1

    def area(self, a):
        if not is_building(a.tags):
            return
        outers = inners = 0
        total = 0.0
        for outer in a.outer_rings():
            outers += 1
            total += ring_area(outer)
            for inner in a.inner_rings(outer):
                inners += 1
                total -= ring_area(inner)
        if outers == 0:
            return
        kind = "way" if a.from_way() else "relation"
        self.rows.append((f"{kind}/{a.orig_id()}", outers, inners, f"{total:.4f}"))


handler = Buildings()
handler.apply_file(str(SOURCE), locations=True)
handler.rows.sort()
with open(OUT / "helsinki_buildings.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["object", "outer_rings", "inner_rings", "geodesic_area_m2"])
    w.writerows(handler.rows)
with open(OUT / "helsinki_summary.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["what", "count"])
    w.writerow(["building_ways", handler.ways])
    w.writerow(["building_multipolygon_relations", handler.relations])
    w.writerow(["assembled_buildings", len(handler.rows)])
    w.writerow(["inner_rings", sum(r[2] for r in handler.rows)])
print(f"{len(handler.rows)} buildings, {handler.ways} ways, {handler.relations} relations")
