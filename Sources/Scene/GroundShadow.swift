/// The shadow one building casts on a horizontal plane at one instant.
///
/// `rings` follow the nonzero rule: counter-clockwise rings are outlines, clockwise
/// rings are holes (a courtyard the sun still reaches); no ring crosses another, and
/// the last vertex joins the first (not repeated). The building's own footprint is
/// part of its shadow when the building stands on the plane.
public struct BuildingShadow: Sendable {
    public let buildingID: String
    public let rings: [[Vec2]]

    public init(buildingID: String, rings: [[Vec2]]) {
        self.buildingID = buildingID
        self.rings = rings
    }

    /// Whether plan point q lies in this shadow (nonzero winding of the rings).
    public func contains(_ q: Vec2) -> Bool { ShadowGeometry.winding(rings, q) > 0 }
}

/// Shadows of every building of the scene on the plane z = `planeHeight` (metres above
/// site ground), for the sun in direction `towardSun` (a unit vector toward the sun,
/// x east, y north, z up, as ``SunDay/direction(at:)`` gives it).
///
/// A point (x, y, z) of a prism falls on the plane at (x, y) − (z − h)·(sx, sy)/sz, so
/// the part of a prism between heights z0 = max(base, h) and z1 = top throws its
/// footprint F swept along the segment from −(z0 − h)·d to −(z1 − h)·d, d = (sx, sy)/sz:
/// the Minkowski sum of F and that segment, which is F at both ends plus the
/// parallelogram each edge facing the sweep covers (a point of the sum either lies in an
/// end copy or is entered through such an edge on the way). For a convex F that is the convex hull of the two
/// end copies; otherwise the pieces are merged with ``shadowUnion(_:)``'s polygon union,
/// so concave footprints keep their notches. A building whose top is at or below the
/// plane casts nothing; the part of a volume below the plane is ignored.
///
/// Returns one shadow per building that casts one, in scene order; empty when the sun
/// is on or below the horizon. The shadow of height H is H / tan(elevation) long, so a
/// sun a fraction of a degree high gives shadows kilometres long.
public func groundShadows(of scene: Scene, towardSun: Vec3, planeHeight: Double = 0) -> [BuildingShadow] {
    guard towardSun.z > 0 else { return [] }
    return scene.buildings.compactMap { b in
        let rings = ShadowGeometry.prismShadow(
            footprint: b.footprint, base: b.baseMeters, top: b.topMeters,
            towardSun: towardSun, planeHeight: planeHeight)
        return rings.isEmpty ? nil : BuildingShadow(buildingID: b.id, rings: rings)
    }
}

/// The outline of the union of shadows (same ring convention as ``BuildingShadow``).
public func shadowUnion(_ shadows: [BuildingShadow]) -> [[Vec2]] {
    PolygonUnion.union(shadows.flatMap(\.rings))
}

enum ShadowGeometry {
    /// Outline rings of one prism's shadow on the plane z = h (see ``groundShadows(of:towardSun:planeHeight:)``).
    static func prismShadow(
        footprint f: [Vec2], base: Double, top: Double, towardSun s: Vec3,
        planeHeight h: Double
    ) -> [[Vec2]] {
        guard s.z > 0, top > h else { return [] }
        let z0 = max(base, h)
        guard top > z0 else { return [] }
        let d = Vec2(s.x / s.z, s.y / s.z)
        let near = f.map { $0 - d * (z0 - h) }
        let far = f.map { $0 - d * (top - h) }
        if isConvex(f) { return [convexHull(near + far)] }
        // Only edges facing the sweep can be where a point of the sum first enters the
        // moving footprint, so only their parallelograms are needed; consecutive facing
        // edges form a chain monotone across the sweep, whose swept band is one simple polygon.
        let w = far[0] - near[0]
        let n = f.count
        let facing = (0..<n).map { i in (f[(i + 1) % n] - f[i]).cross(w) > 0 }
        var pieces = [near, far]
        if let start = (0..<n).first(where: { !facing[$0] }) {
            var chain: [Int] = []
            func flush() {
                guard !chain.isEmpty else { return }
                let last = (chain[chain.count - 1] + 1) % n
                let vertices = chain + [last]
                var band = vertices.map { near[$0] } + vertices.reversed().map { far[$0] }
                let area = Polygon.signedDoubleArea(band)
                if area != 0 {
                    if area < 0 { band.reverse() }
                    pieces.append(band)
                }
                chain.removeAll()
            }
            for k in 1...n {
                let i = (start + k) % n
                if facing[i] { chain.append(i) } else { flush() }
            }
            flush()
        }
        return PolygonUnion.union(pieces)
    }

    /// Whether a counter-clockwise ring turns left (or goes straight) at every vertex.
    static func isConvex(_ p: [Vec2]) -> Bool {
        let n = p.count
        for i in 0..<n where (p[(i + 1) % n] - p[i]).cross(p[(i + 2) % n] - p[(i + 1) % n]) < 0 { return false }
        return true
    }

    /// Counter-clockwise convex hull (Andrew's monotone chain), without collinear points.
    static func convexHull(_ points: [Vec2]) -> [Vec2] {
        let pts = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard pts.count > 2 else { return pts }
        var lower: [Vec2] = []
        for p in pts {
            while lower.count >= 2
                && (lower[lower.count - 1] - lower[lower.count - 2]).cross(p - lower[lower.count - 1]) <= 0
            {
                lower.removeLast()
            }
            lower.append(p)
        }
        var upper: [Vec2] = []
        for p in pts.reversed() {
            while upper.count >= 2
                && (upper[upper.count - 1] - upper[upper.count - 2]).cross(p - upper[upper.count - 1]) <= 0
            {
                upper.removeLast()
            }
            upper.append(p)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// Winding number of rings around q (counter-clockwise positive).
    static func winding(_ rings: [[Vec2]], _ q: Vec2) -> Int {
        var w = 0
        for ring in rings {
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[j]
                let b = ring[i]
                if a.y <= q.y {
                    if b.y > q.y && (b - a).cross(q - a) > 0 { w += 1 }
                } else if b.y <= q.y && (b - a).cross(q - a) < 0 {
                    w -= 1
                }
                j = i
            }
        }
        return w
    }
}
