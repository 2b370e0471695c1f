#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point or vector in the plan (x = east, y = north), metres.
public struct Vec2: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }

    @inlinable public static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    @inlinable public static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    @inlinable public static func * (a: Vec2, k: Double) -> Vec2 { Vec2(a.x * k, a.y * k) }
    @inlinable public func dot(_ b: Vec2) -> Double { x * b.x + y * b.y }
    /// z of the 3D cross product.
    @inlinable public func cross(_ b: Vec2) -> Double { x * b.y - y * b.x }
    @inlinable public var length: Double { (x * x + y * y).squareRoot() }

    /// Rotated counter-clockwise by `degrees`.
    public func rotated(degrees: Double) -> Vec2 {
        let r = degrees * Double.pi / 180
        return Vec2(x * cos(r) - y * sin(r), x * sin(r) + y * cos(r))
    }
}

/// A point or vector in the local frame (x = east, y = north, z = up), metres.
public struct Vec3: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var z: Double

    public init(_ x: Double, _ y: Double, _ z: Double) {
        self.x = x
        self.y = y
        self.z = z
    }

    @inlinable public var xy: Vec2 { Vec2(x, y) }
    @inlinable public static func - (a: Vec3, b: Vec3) -> Vec3 { Vec3(a.x - b.x, a.y - b.y, a.z - b.z) }
    @inlinable public func dot(_ b: Vec3) -> Double { x * b.x + y * b.y + z * b.z }
    @inlinable public func cross(_ b: Vec3) -> Vec3 {
        Vec3(y * b.z - z * b.y, z * b.x - x * b.z, x * b.y - y * b.x)
    }
    @inlinable public var length: Double { (x * x + y * y + z * z).squareRoot() }
    /// The unit vector along this one (the zero vector stays zero).
    @inlinable public var normalized: Vec3 {
        let l = length
        return l > 0 ? Vec3(x / l, y / l, z / l) : self
    }
}

/// Plane-geometry predicates used by validation and the ray tests.
public enum Polygon {
    /// Twice the signed area: positive for counter-clockwise vertices.
    public static func signedDoubleArea(_ p: [Vec2]) -> Double {
        var s = 0.0
        for i in p.indices { s += p[i].cross(p[(i + 1) % p.count]) }
        return s
    }

    /// Whether segments ab and cd properly cross or touch.
    public static func segmentsIntersect(_ a: Vec2, _ b: Vec2, _ c: Vec2, _ d: Vec2) -> Bool {
        func orient(_ p: Vec2, _ q: Vec2, _ r: Vec2) -> Double { (q - p).cross(r - p) }
        func onSegment(_ p: Vec2, _ q: Vec2, _ r: Vec2) -> Bool {
            min(p.x, q.x) <= r.x && r.x <= max(p.x, q.x) && min(p.y, q.y) <= r.y && r.y <= max(p.y, q.y)
        }
        let d1 = orient(c, d, a)
        let d2 = orient(c, d, b)
        let d3 = orient(a, b, c)
        let d4 = orient(a, b, d)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        if d1 == 0 && onSegment(c, d, a) { return true }
        if d2 == 0 && onSegment(c, d, b) { return true }
        if d3 == 0 && onSegment(a, b, c) { return true }
        if d4 == 0 && onSegment(a, b, d) { return true }
        return false
    }

    /// The first pair of non-adjacent edges that intersect, if any.
    public static func selfIntersection(_ p: [Vec2]) -> (Int, Int)? {
        let n = p.count
        for i in 0..<n {
            for j in (i + 1)..<n where j != i + 1 && !(i == 0 && j == n - 1) {
                if segmentsIntersect(p[i], p[(i + 1) % n], p[j], p[(j + 1) % n]) { return (i, j) }
            }
        }
        return nil
    }

    /// Even–odd point-in-polygon test.
    @inlinable public static func contains(_ p: [Vec2], _ q: Vec2) -> Bool {
        var inside = false
        var j = p.count - 1
        for i in p.indices {
            let a = p[i]
            let b = p[j]
            if (a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
            j = i
        }
        return inside
    }

    /// Distance from q to the nearest point of the polygon's boundary.
    public static func distanceToBoundary(_ p: [Vec2], _ q: Vec2) -> Double {
        var best = Double.infinity
        var j = p.count - 1
        for i in p.indices {
            let a = p[j]
            let e = p[i] - a
            let u = max(0, min(1, (q - a).dot(e) / max(e.dot(e), 1e-300)))
            best = min(best, (q - (a + e * u)).length)
            j = i
        }
        return best
    }
}

@inlinable func atan2Degrees(_ y: Double, _ x: Double) -> Double { atan2(y, x) * 180 / Double.pi }
