import Foundation

/// Simple 3D Buildings: where `building:part` volumes exist, they carry the heights,
/// and the building's outline is not extruded over them.
///
/// OpenStreetMap maps a building with varying heights as its outline (`building=*`, the
/// footprint) plus parts (`building:part=*`, each with its own `height`, `min_height`,
/// `building:levels`, `building:min_level`). Extruding the outline too would put a solid
/// of the outline's (often assumed) height over the parts. So an outline with a part
/// inside it (the part's vertex mean within the outline's outer ring) is left out and
/// listed in the report as replaced by its parts (OSM wiki, Simple 3D Buildings: "the
/// outline ... is ignored by 3D renderers when parts exist").
enum BuildingParts {
    /// For each outline that has parts: its index (into `polygons`' features) and how many.
    static func outlinesWithParts(features: [GeoFeature], rings: [(feature: Int, lonLat: [Coordinate])]) -> [Int: Int] {
        func isPart(_ f: GeoFeature) -> Bool {
            guard let v = f.properties["building:part"]?.text else { return false }
            return v != "no"
        }
        struct Box {
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            func contains(_ p: Coordinate) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }
        }
        var outlines: [(feature: Int, ring: [Coordinate], box: Box)] = []
        var partPoints: [Coordinate] = []
        for (feature, ring) in rings where !ring.isEmpty {
            let f = features[feature]
            if isPart(f) {
                let n = Double(ring.count)
                partPoints.append(Coordinate(ring.reduce(0) { $0 + $1.x } / n, ring.reduce(0) { $0 + $1.y } / n))
            } else if f.properties["building"] != nil {
                var box = Box()
                for p in ring {
                    box.minX = min(box.minX, p.x)
                    box.maxX = max(box.maxX, p.x)
                    box.minY = min(box.minY, p.y)
                    box.maxY = max(box.maxY, p.y)
                }
                outlines.append((feature, ring, box))
            }
        }
        guard !partPoints.isEmpty else { return [:] }
        // Sorted by x, so each outline looks only at the points within its box's x-range.
        partPoints.sort { $0.x < $1.x }
        var result: [Int: Int] = [:]
        for outline in outlines {
            var lo = 0, hi = partPoints.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if partPoints[mid].x < outline.box.minX { lo = mid + 1 } else { hi = mid }
            }
            var count = 0
            var i = lo
            while i < partPoints.count, partPoints[i].x <= outline.box.maxX {
                let p = partPoints[i]
                if outline.box.contains(p), contains(outline.ring, p) { count += 1 }
                i += 1
            }
            if count > 0 { result[outline.feature, default: 0] += count }
        }
        return result
    }

    /// Even–odd ray test.
    static func contains(_ ring: [Coordinate], _ p: Coordinate) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { odd.toggle() }
        }
        return odd
    }
}
