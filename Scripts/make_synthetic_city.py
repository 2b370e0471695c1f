#!/usr/bin/env python3
"""A synthetic OpenStreetMap city for tests and benchmarks of `sunspot import`.

Blocks on a street grid around (lat, lon): slabs (18-33 m, often tagged with levels
only), towers (height), courtyard blocks (multipolygon relations with an inner ring),
and buildings with no height tags at all, with a realistic mix of messy values
(fractional levels, "m" suffixes, feet, contradictions). Deterministic (seeded).

    python3 Scripts/make_synthetic_city.py --blocks 40 -o city.osm
    osmium cat city.osm -o city.osm.pbf      # the same data as PBF

Writes OSM XML 0.6 (no external packages needed).
"""

import argparse
import math
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--blocks", type=int, default=20, help="blocks per side of the grid")
    ap.add_argument("--lat", type=float, default=60.17)
    ap.add_argument("--lon", type=float, default=24.94)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    per_lat = 111_412.0
    per_lon = 111_412.0 * math.cos(math.radians(a.lat))
    nodes, ways, relations = [], [], []
    nid, wid, rid = [1], [1], [1]

    def node(x, y):
        i = nid[0]
        nid[0] += 1
        nodes.append((i, a.lat + y / per_lat, a.lon + x / per_lon))
        return i

    def ring(points):
        ids = [node(x, y) for x, y in points]
        return ids + [ids[0]]

    def way(refs, tags):
        i = wid[0]
        wid[0] += 1
        ways.append((i, refs, tags))
        return i

    def height_tags():
        r = rng.random()
        if r < 0.45:
            return {}  # no height at all: assumed
        if r < 0.75:
            return {"building:levels": rng.choice(["3", "4", "5", "6", "7", "3.5", "2.5"])}
        if r < 0.9:
            return {"height": rng.choice(["18", "21.5", "24 m", "80 ft", "30"])}
        if r < 0.97:
            return {"height": "18", "building:levels": "6", "roof:levels": "1"}
        return {"height": "2", "building:levels": "5"}  # a contradiction

    block, street = 60.0, 20.0
    half = a.blocks * (block + street) / 2
    for i in range(a.blocks):
        for j in range(a.blocks):
            x0 = i * (block + street) - half
            y0 = j * (block + street) - half
            kind = rng.random()
            if kind < 0.25:  # a courtyard block
                outer = way(ring([(x0, y0), (x0 + block, y0), (x0 + block, y0 + block), (x0, y0 + block)]), {})
                c = rng.uniform(12, 16)
                inner = way(
                    ring([(x0 + c, y0 + c), (x0 + c, y0 + block - c), (x0 + block - c, y0 + block - c),
                          (x0 + block - c, y0 + c)]), {})
                tags = {"type": "multipolygon", "building": "apartments", **height_tags()}
                relations.append((rid[0], [(outer, "outer"), (inner, "inner")], tags))
                rid[0] += 1
            elif kind < 0.7:  # two slabs
                for k in range(2):
                    y = y0 + k * 34
                    way(ring([(x0, y), (x0 + block, y), (x0 + block, y + 14), (x0, y + 14)]),
                        {"building": "residential", **height_tags()})
            elif kind < 0.85:  # a tower
                s = rng.uniform(20, 30)
                way(ring([(x0, y0), (x0 + s, y0), (x0 + s, y0 + s), (x0, y0 + s)]),
                    {"building": "office", "height": str(rng.choice([45, 60, 98]))})
            else:  # small houses, untagged heights
                for k in range(4):
                    xx, yy = x0 + (k % 2) * 30, y0 + (k // 2) * 30
                    way(ring([(xx, yy), (xx + 12, yy), (xx + 12, yy + 10), (xx, yy + 10)]), {"building": "house"})

    with open(a.output, "w") as f:
        f.write("<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"make_synthetic_city.py\">\n")
        for i, lat, lon in nodes:
            f.write(f'  <node id="{i}" version="1" lat="{lat:.7f}" lon="{lon:.7f}"/>\n')
        for i, refs, tags in ways:
            f.write(f'  <way id="{i}" version="1">\n')
            f.writelines(f'    <nd ref="{r}"/>\n' for r in refs)
            f.writelines(f'    <tag k="{k}" v="{v}"/>\n' for k, v in tags.items())
            f.write("  </way>\n")
        for i, members, tags in relations:
            f.write(f'  <relation id="{i}" version="1">\n')
            f.writelines(f'    <member type="way" ref="{m}" role="{role}"/>\n' for m, role in members)
            f.writelines(f'    <tag k="{k}" v="{v}"/>\n' for k, v in tags.items())
            f.write("  </relation>\n")
        f.write("</osm>\n")
    print(f"{a.output}: {len(ways) - len(relations) * 2 + len(relations)} buildings "
          f"({len(relations)} courtyard blocks), {len(nodes)} nodes")


if __name__ == "__main__":
    main()
