/// The outline of all plan points within `distance` of a simple polygon (the polygon
/// grown by a disc, as the 5 m / 10 m lines around a site boundary are drawn).
///
/// Exact construction, drawn approximation: the grown polygon is the polygon united
/// with, for every edge, the rectangle `distance` to both sides of it and a disc at its
/// end; each disc is drawn as the regular polygon of 4·`segmentsPerQuarterTurn` sides
/// inscribed in it (so rounded corners lie at most distance·(1 − cos(π/2/segments))
/// inside the true line). Rings follow ``BuildingShadow``'s convention (outlines
/// counter-clockwise, holes clockwise). Decisions about distances never use this
/// drawing: ``NichieiCheck`` measures them exactly.
public func offsetOutline(of polygon: [Vec2], by distance: Double, segmentsPerQuarterTurn: Int = 8) -> [[Vec2]] {
    guard polygon.count >= 3, distance > 0, distance.isFinite else { return polygon.count >= 3 ? [polygon] : [] }
    var ring = polygon
    if Polygon.signedDoubleArea(ring) < 0 { ring.reverse() }
    let sides = 4 * max(1, segmentsPerQuarterTurn)
    let disc = (0..<sides).map { k -> Vec2 in
        let a = 2 * Double.pi * Double(k) / Double(sides)
        return Vec2(cos(a) * distance, sin(a) * distance)
    }
    var pieces = [ring]
    for i in ring.indices {
        let a = ring[i]
        let b = ring[(i + 1) % ring.count]
        let e = b - a
        let len = e.length
        guard len > 0 else { continue }
        let n = Vec2(e.y / len, -e.x / len) * distance
        var rect = [a - n, b - n, b + n, a + n]
        if Polygon.signedDoubleArea(rect) < 0 { rect.reverse() }
        pieces.append(rect)
        pieces.append(disc.map { $0 + a })
    }
    return PolygonUnion.union(pieces)
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
