#!/usr/bin/env python3
"""Writes data/beijing-compound.json and data/shanghai-compound.json.

Two made-up but realistic residential compounds (小区) of the kind built in Chinese
cities since the 2000s: rows of 18–33-storey slab buildings (板楼) about 60 × 14 m,
2.9 m storeys, rows 50–80 m apart, lower rows to the south, 2–4 flats per floor
(units) each with a south-facing living-room window. The sites are real districts:
Wangjing (望京, Chaoyang, Beijing) and Gumei (古美, Minhang, Shanghai); Shanghai's
slabs are turned 10° to face south-by-east (南偏东), as is common there.

Run from the repository root: python3 data/make-sample-compounds.py
"""
import json

UNIT_PLANS = {
    2: [("west", "西户", -15.0), ("east", "东户", 15.0)],
    3: [("west", "西户", -20.0), ("middle", "中户", 0.0), ("east", "东户", 20.0)],
    4: [("west", "西户", -22.5), ("west-mid", "中西户", -7.5), ("east-mid", "中东户", 7.5), ("east", "东户", 22.5)],
}


def slab(number, x, y, floors, units, rotation=None, width=60.0, depth=14.0):
    box = {"x": x, "y": y, "width": width, "depth": depth}
    if rotation:
        box["rotation"] = rotation
    return {
        "id": str(number),
        "name": f"{number}号楼",
        "box": box,
        "floors": floors,
        "floorHeight": 2.9,
        "units": [
            {"id": uid, "name": name, "windows": [{"face": "south", "offset": offset, "width": 1.8}]}
            for uid, name, offset in UNIT_PLANS[units]
        ],
    }


def beijing():
    # Four rows 72 m apart (centre to centre), 18 → 33 storeys from south to north.
    rows = [(-108.0, 18, [-72.0, 0.0, 72.0], 3),
            (-36.0, 24, [-72.0, 0.0, 72.0], 4),
            (36.0, 28, [-40.0, 40.0], 2),
            (108.0, 33, [-40.0, 40.0], 2)]
    buildings = []
    for y, floors, xs, units in rows:
        for x in xs:
            buildings.append(slab(len(buildings) + 1, x, y, floors, units))
    return {
        "version": 1,
        "name": "望京示例小区 (sample compound, Wangjing, Chaoyang, Beijing)",
        "site": {"latitude": 39.9956, "longitude": 116.4705, "timeZone": "Asia/Shanghai", "elevation": 40},
        "buildings": buildings,
    }


def shanghai():
    # Rows 56–62 m apart along the turned axis; 18 → 33 storeys from south to north.
    import math
    turn = 10.0
    c, s = math.cos(math.radians(turn)), math.sin(math.radians(turn))
    rows = [(-90.0, 18, [-70.0, 0.0, 70.0], 3),
            (-34.0, 22, [-70.0, 0.0, 70.0], 4),
            (26.0, 27, [-70.0, 0.0, 70.0], 3),
            (88.0, 33, [-35.0, 35.0], 2)]
    buildings = []
    for v, floors, us, units in rows:
        for u in us:
            # (u, v) in the turned frame → (x, y) east/north, rounded to the centimetre.
            x, y = round(u * c - v * s, 2), round(u * s + v * c, 2)
            buildings.append(slab(len(buildings) + 1, x, y, floors, units, rotation=turn))
    return {
        "version": 1,
        "name": "古美示例小区 (sample compound, Gumei, Minhang, Shanghai)",
        "site": {"latitude": 31.1512, "longitude": 121.4031, "timeZone": "Asia/Shanghai", "elevation": 4},
        "buildings": buildings,
    }


for path, scene in [("data/beijing-compound.json", beijing()), ("data/shanghai-compound.json", shanghai())]:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(scene, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{path}: {len(scene['buildings'])} buildings")
