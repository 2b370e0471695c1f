/// A silhouette edge of a prism as seen from a point: an edge that can end or start the
/// prism's shadow on that point.
///
/// The lit/shaded state of a point changes only when the sun crosses a plane through the
/// point and such an edge. Windows, facade points, ground points and point queries all
/// enumerate their edges here (``collect(of:from:facing:into:)``) and screen a plane crossing
/// with the one grazing test of ``SilhouetteFeature``.
enum SilhouetteEdge: Sendable {
    /// A horizontal edge a→b at height z (roof edge, or underside edge of a raised volume).
    case horizontal(a: Vec2, b: Vec2, z: Double)
    /// A vertical corner at v from zLow to zHigh.
    case vertical(v: Vec2, zLow: Double, zHigh: Double)

    /// Every silhouette edge of `o` seen from `p`, in `edges` (emptied first).
    ///
    /// Only silhouette features can end or start a shadow: roof edges of walls that face the
    /// point, underside edges (raised volumes) of walls that face away, and corners between a
    /// facing and a non-facing wall. `facing` and `edges` are scratch space, reused between
    /// calls (a grid evaluates millions of points).
    @inline(__always)
    static func collect(of o: Obstacle, from p: Vec3, facing: inout [Bool], into edges: inout [SilhouetteEdge]) {
        let fp = o.footprint
        let n = fp.count
        edges.removeAll(keepingCapacity: true)
        facing.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let a = fp[i]
            let e = fp[i + 1 == n ? 0 : i + 1] - a
            facing.append(e.cross(Vec2(p.x - a.x, p.y - a.y)) < 0)  // p on the wall's outer (right) side
        }
        let low = max(o.baseMeters, p.z)
        for i in 0..<n {
            let a = fp[i]
            let b = fp[i + 1 == n ? 0 : i + 1]
            if facing[i] { edges.append(.horizontal(a: a, b: b, z: o.topMeters)) }
            if o.baseMeters > p.z && !facing[i] { edges.append(.horizontal(a: a, b: b, z: o.baseMeters)) }
            if facing[i] != facing[i == 0 ? n - 1 : i - 1] && Vec2(a.x - p.x, a.y - p.y).length > 1e-9 {
                edges.append(.vertical(v: a, zLow: low, zHigh: o.topMeters))
            }
        }
    }

    /// The normal of the plane through p and this edge (not unit length).
    @inline(__always)
    func planeNormal(from p: Vec3) -> Vec3 {
        switch self {
        case let .horizontal(a, b, z):
            return Vec3(a.x - p.x, a.y - p.y, z - p.z).cross(Vec3(b.x - a.x, b.y - a.y, 0))
        case let .vertical(v, _, _):
            let d = Vec2(v.x - p.x, v.y - p.y)
            return Vec3(d.y, -d.x, 0)
        }
    }
}

/// A plane the sun's path may cross, as seen from one point, with what the grazing test
/// needs precomputed: a silhouette edge's plane, or a facade's limit plane.
struct SilhouetteFeature: Sendable {
    let normal: Vec3
    let shape: Shape
    /// Plan distance from the point to the nearer end of the edge (infinite for a limit plane).
    let nearestMeters: Double

    enum Shape: Sendable {
        /// A horizontal edge (roof edge, or underside edge of a raised volume): the unit
        /// directions from the point to its ends, and the unit normal of the plane they span.
        case horizontal(toA: Vec3, toB: Vec3, axis: Vec3)
        /// A vertical corner: its horizontal direction from the point, and the unit
        /// (horizontal, vertical) directions to its lower and upper ends in its vertical plane.
        case vertical(d: Vec2, low: Vec2, high: Vec2)
        /// A facade limit: the vertical plane through the point along direction d.
        case limit(d: Vec2)
    }

    /// The feature of a silhouette edge seen from p.
    @inline(__always)
    init(_ edge: SilhouetteEdge, from p: Vec3) {
        normal = edge.planeNormal(from: p)
        switch edge {
        case let .horizontal(a, b, z):
            let toA = Vec3(a.x - p.x, a.y - p.y, z - p.z).normalized
            let toB = Vec3(b.x - p.x, b.y - p.y, z - p.z).normalized
            shape = .horizontal(toA: toA, toB: toB, axis: toA.cross(toB).normalized)
            nearestMeters = min(Vec2(a.x - p.x, a.y - p.y).length, Vec2(b.x - p.x, b.y - p.y).length)
        case let .vertical(v, zLow, zHigh):
            let d = Vec2(v.x - p.x, v.y - p.y)
            let distance = d.length
            let low = Vec2(distance, zLow - p.z)
            let high = Vec2(distance, zHigh - p.z)
            shape = .vertical(d: d, low: low * (1 / low.length), high: high * (1 / high.length))
            nearestMeters = distance
        }
    }

    /// A facade's limit plane: the vertical plane through the point along d.
    init(limitAlong d: Vec2) {
        normal = Vec3(d.y, -d.x, 0)
        shape = .limit(d: d)
        nearestMeters = .infinity
    }

    /// Whether a sun direction on the feature's plane meets the feature itself (not just
    /// its plane), within an angular margin: `sinMargin` is the sine of that margin.
    ///
    /// A first guess of a crossing can be degrees off along the plane when the path
    /// crosses it at a shallow angle, so guesses are screened loosely (by the guess's own
    /// error bound) and the refined crossing, on the true path, strictly
    /// (``crossingMargin``). A crossing kept in error only adds a cut: the stretches on
    /// both sides are still classified by exact ray tests.
    @inline(__always)
    func grazes(_ s: Vec3, sinMargin: Double) -> Bool {
        switch shape {
        case let .horizontal(toA, toB, axis):
            // s between the directions to the edge's ends, in the plane they span.
            guard s.dot(Vec3(toA.x + toB.x, toA.y + toB.y, toA.z + toB.z)) > 0 else { return false }
            return toA.cross(s).dot(axis) >= -sinMargin && s.cross(toB).dot(axis) >= -sinMargin
        case let .vertical(d, low, high):
            guard s.x * d.x + s.y * d.y > 0 else { return false }
            // s's elevation against the corner's ends: sines of the differences, as 2D cross products.
            let u = Vec2((s.x * s.x + s.y * s.y).squareRoot(), s.z)
            return low.cross(u) >= -sinMargin && u.cross(high) >= -sinMargin
        case let .limit(d):
            return Vec2(s.x, s.y).dot(d) > 0
        }
    }

    /// sin 1°: a refined crossing is on the true path; the margin is for rounding.
    static let crossingMargin = 0.017
}
