/// A building's solid as the shadow engine sees it: a vertical prism.
public struct Obstacle: Sendable {
    public let buildingIndex: Int
    public let footprint: [Vec2]
    public let baseMeters: Double
    public let topMeters: Double
    let minCorner: Vec2
    let maxCorner: Vec2
    /// Convex footprints are the ones that can be trusted to hide what lies behind them
    /// across their whole azimuth range (a concave one may have a notch to see through).
    let isConvex: Bool

    public init(buildingIndex: Int, footprint: [Vec2], baseMeters: Double, topMeters: Double) {
        self.buildingIndex = buildingIndex
        self.footprint = footprint
        self.baseMeters = baseMeters
        self.topMeters = topMeters
        minCorner = Vec2(footprint.map(\.x).min()!, footprint.map(\.y).min()!)
        maxCorner = Vec2(footprint.map(\.x).max()!, footprint.map(\.y).max()!)
        let n = footprint.count
        let turns = (0..<n).map { i in
            (footprint[(i + 1) % n] - footprint[i]).cross(footprint[(i + 2) % n] - footprint[(i + 1) % n])
        }
        isConvex = turns.allSatisfy { $0 >= 0 } || turns.allSatisfy { $0 <= 0 }
    }

    /// Distance along the ray p + λ·s (s.z > 0) at which it enters this prism, or nil.
    ///
    /// The ray is inside the prism's height range for λ in [λ0, λ1]; over that stretch
    /// its plan trace is a segment, which hits the footprint if it starts inside it or
    /// crosses an edge.
    @inline(__always)
    public func entryDistance(from p: Vec3, toward s: Vec3) -> Double? {
        guard s.z > 0 else { return nil }
        let l1 = (topMeters - p.z) / s.z
        guard l1 > 0 else { return nil }
        let l0 = max(0, (baseMeters - p.z) / s.z)
        let q0 = Vec2(p.x + s.x * l0, p.y + s.y * l0)
        let q1 = Vec2(p.x + s.x * l1, p.y + s.y * l1)
        if max(q0.x, q1.x) < minCorner.x || min(q0.x, q1.x) > maxCorner.x || max(q0.y, q1.y) < minCorner.y
            || min(q0.y, q1.y) > maxCorner.y
        {
            return nil
        }
        if Polygon.contains(footprint, q0) { return l0 }
        let sxy = Vec2(s.x, s.y)
        let pxy = Vec2(p.x, p.y)
        var best = Double.infinity
        var j = footprint.count - 1
        for i in footprint.indices {
            let a = footprint[j]
            let e = footprint[i] - a
            let d = sxy.cross(e)
            if d != 0 {
                let ap = a - pxy
                let lambda = ap.cross(e) / d
                let u = ap.cross(sxy) / d
                if u >= 0 && u <= 1 && lambda >= l0 && lambda <= l1 && lambda < best { best = lambda }
            }
            j = i
        }
        return best.isFinite ? best : nil
    }
}

extension Scene {
    /// Every building as the prism the shadow engine tests rays against, in scene order.
    public var obstacles: [Obstacle] {
        buildings.enumerated().map { i, b in
            Obstacle(buildingIndex: i, footprint: b.footprint, baseMeters: b.baseMeters, topMeters: b.topMeters)
        }
    }
}
