import Foundation

/// The site's reference point: the area centroid of all outer rings, in lon/lat.
///
/// It is taken in an equirectangular plane about the rings' first vertex
/// (longitude scaled by the cosine of the latitude), which over a site of a few
/// kilometres is within millimetres of the centroid on the ellipsoid; the point
/// only has to be near the middle, since the local frame is exact about whatever
/// point it is given. Rings may run either way round; each is weighted by its
/// absolute area. Sites straddling the ±180° meridian are not supported.
enum SiteCentroid {
    static func of(_ rings: [[Coordinate]]) -> Coordinate {
        guard let origin = rings.first(where: { !$0.isEmpty })?.first else { return Coordinate(0, 0) }
        let k = cos(origin.y * .pi / 180)
        let plane = { (c: Coordinate) in (x: (c.x - origin.x) * k, y: c.y - origin.y) }
        var weight = 0.0, sx = 0.0, sy = 0.0
        var vertexSum = (x: 0.0, y: 0.0), vertexCount = 0.0
        for ring in rings where !ring.isEmpty {
            var a = 0.0, cx = 0.0, cy = 0.0
            for i in ring.indices {
                let p = plane(ring[i]), q = plane(ring[(i + 1) % ring.count])
                let cross = p.x * q.y - q.x * p.y
                a += cross
                cx += (p.x + q.x) * cross
                cy += (p.y + q.y) * cross
                vertexSum.x += p.x
                vertexSum.y += p.y
                vertexCount += 1
            }
            guard a != 0 else { continue }
            // Ring centroid = (cx, cy) / (3a); weight it by |a|/2.
            let w = abs(a) / 2
            sx += cx / (3 * a) * w
            sy += cy / (3 * a) * w
            weight += w
        }
        let (x, y) = weight > 0 ? (sx / weight, sy / weight) : (vertexSum.x / vertexCount, vertexSum.y / vertexCount)
        return Coordinate(origin.x + x / k, origin.y + y)
    }
}
