#!/usr/bin/env python3
"""The heavy scene of issue 28: 2,000 towers, 12 × 12 m and 300 m tall, rotated, on a 30 m grid
(a valid scene under the daemon's 1 MiB body limit). Prints the scene JSON on stdout.

    python3 Scripts/load/heavy_scene.py > heavy.json
"""
import json
import sys


def heavy_scene(count=2000, pitch=30.0, side=12.0, height=300.0, rotation=17.0):
    columns = 45
    buildings = []
    for k in range(count):
        i, j = k % columns, k // columns
        buildings.append({
            "id": f"T{k}",
            "box": {"x": (i - columns / 2) * pitch, "y": (j - columns / 2) * pitch,
                    "width": side, "depth": side, "rotation": rotation},
            "floors": 100, "floorHeight": height / 100,
            "units": [{"id": "s", "windows": [{"face": "south", "offset": 0, "width": 1.5}]}] if k == 0 else [],
        })
    return {"version": 1, "name": "2,000 towers", "site": {"latitude": 31.2304, "longitude": 121.4737,
            "timeZone": "Asia/Shanghai"}, "buildings": buildings}


if __name__ == "__main__":
    json.dump(heavy_scene(), sys.stdout, separators=(",", ":"))
