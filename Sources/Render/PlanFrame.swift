import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps the site plan (metres, x east, y north) into a picture rectangle, north up,
/// with one scale on both axes so angles and areas are true.
public struct PlanFrame: Hashable, Sendable {
    /// Picture units per metre.
    public var pixelsPerMeter: Double
    /// The plan point drawn at the rectangle's centre.
    public var centreMeters: Vec2
    public var centre: Point
    /// The picture rectangle the plan is fitted into (the map; anything outside it is clipped).
    public var origin: Point
    public var width: Double
    public var height: Double

    /// Fits the plan box `minimum…maximum` into `rect` (origin, width, height).
    public init(minimum: Vec2, maximum: Vec2, into origin: Point, width: Double, height: Double) {
        let spanX = max(1, maximum.x - minimum.x)
        let spanY = max(1, maximum.y - minimum.y)
        pixelsPerMeter = min(width / spanX, height / spanY)
        centreMeters = Vec2((minimum.x + maximum.x) / 2, (minimum.y + maximum.y) / 2)
        centre = Point(origin.x + width / 2, origin.y + height / 2)
        self.origin = origin
        self.width = width
        self.height = height
    }

    public func point(_ v: Vec2) -> Point {
        Point(centre.x + (v.x - centreMeters.x) * pixelsPerMeter, centre.y - (v.y - centreMeters.y) * pixelsPerMeter)
    }

    public func points(_ ring: [Vec2]) -> [Point] { ring.map(point) }

    /// A round length (1, 2 or 5 × 10ⁿ m) that is drawn about `target` picture units long.
    public func scaleBarMeters(target: Double) -> Double {
        let raw = target / pixelsPerMeter
        let p = pow(10, floor(log10(raw)))
        for m in [5.0, 2, 1] where m * p <= raw { return m * p }
        return p
    }
}

/// A building as a plan view draws it.
public struct PlanBuilding: Sendable {
    public var id: String
    public var label: String
    public var footprint: [Vec2]
    public var topMeters: Double

    public init(id: String, label: String, footprint: [Vec2], topMeters: Double) {
        self.id = id
        self.label = label
        self.footprint = footprint
        self.topMeters = topMeters
    }

    /// Area-weighted centroid of the footprint (where the label goes).
    public var centroid: Vec2 {
        var a = 0.0
        var cx = 0.0
        var cy = 0.0
        for i in footprint.indices {
            let p = footprint[i]
            let q = footprint[(i + 1) % footprint.count]
            let c = p.cross(q)
            a += c
            cx += (p.x + q.x) * c
            cy += (p.y + q.y) * c
        }
        guard abs(a) > 1e-12 else { return footprint.first ?? Vec2(0, 0) }
        return Vec2(cx / (3 * a), cy / (3 * a))
    }
}

extension Scene {
    /// The scene's buildings for a plan view.
    public var planBuildings: [PlanBuilding] {
        buildings.map { PlanBuilding(id: $0.id, label: $0.id, footprint: $0.footprint, topMeters: $0.topMeters) }
    }
}
