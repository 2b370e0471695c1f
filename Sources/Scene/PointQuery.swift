import SolarCore

/// "Is this point in the sun, and if not, what blocks it?" for any point of a scene
/// (单点分析): on the ground, in the air, or on a facade (give its outward normal, and
/// the sun must then be in front of the facade). The first building along the ray
/// toward the sun is the blocker, the point's own building included.
public struct PointQuery: Sendable {
    public let scene: Scene
    public let point: Vec3
    /// Outward unit normal of the facade the point sits on (nil: a free point).
    public let outward: Vec2?
    /// 扫掠角: least angle between the sun's azimuth and the facade plane.
    public let minimumSweepDegrees: Double
    /// The building whose solid holds the point, if any (index into the scene). No sun
    /// reaches such a point at any instant, and every answer says so
    /// (``Exposure/insideBuilding(_:)``) rather than "shaded by it, 0 m away".
    public let insideBuilding: Int?
    let obstacles: [Obstacle]

    /// How far inside every face of a solid a point must be to count as inside it: 1 mm. A
    /// point on a face (a wall, the roof, a raised volume's underside) or nearer to it than
    /// this is outside, so a point given on a wall face, to the millimetre of its
    /// coordinates, is a point of that facade, not of the room behind it. The ground under
    /// a building standing on it is not a face: a ground point in its plan is inside.
    public static let insideToleranceMeters = 0.001

    /// - Throws: ``SceneIssue`` naming the bad value (point outside the scene's limits,
    ///   zero or non-finite normal, sweep angle outside 0…89°).
    public init(scene: Scene, point: Vec3, outward: Vec2? = nil, minimumSweepDegrees: Double = 0) throws(SceneIssue) {
        for (name, v) in [("x", point.x), ("y", point.y)] where !(v.isFinite && abs(v) <= SceneLimits.coordinateMeters)
        {
            throw SceneIssue(
                path: "point.\(name)", message: "must be within ±\(Int(SceneLimits.coordinateMeters)) m (got \(v))")
        }
        guard point.z.isFinite, (0...SceneLimits.heightMeters).contains(point.z) else {
            throw SceneIssue(
                path: "point.z",
                message: "must be within 0...\(Int(SceneLimits.heightMeters)) m above ground (got \(point.z))")
        }
        if let n = outward {
            guard n.x.isFinite, n.y.isFinite, n.length > 1e-9 else {
                throw SceneIssue(path: "outward", message: "must be a non-zero plan direction (got \(n.x), \(n.y))")
            }
        }
        guard minimumSweepDegrees.isFinite, (0..<90).contains(minimumSweepDegrees) else {
            throw SceneIssue(path: "minimumSweepDegrees", message: "must be within 0…89° (got \(minimumSweepDegrees))")
        }
        self.scene = scene
        self.point = point
        self.outward = outward.map { $0 * (1 / $0.length) }
        self.minimumSweepDegrees = minimumSweepDegrees
        obstacles = scene.obstacles
        let t = Self.insideToleranceMeters
        insideBuilding =
            obstacles.first { o in
                point.z < o.topMeters - t && (o.baseMeters <= 0 || point.z > o.baseMeters + t)
                    && Polygon.contains(o.footprint, point.xy) && Polygon.distanceToBoundary(o.footprint, point.xy) > t
            }?.buildingIndex
    }

    /// The exposure for a sun in direction `towardSun` (unit vector, x east, y north, z up).
    public func exposure(towardSun s: Vec3) -> Exposure {
        if let b = insideBuilding { return .insideBuilding(b) }
        guard s.z > 0 else { return .sunBelowHorizon }
        if let n = outward {
            let h = (s.x * s.x + s.y * s.y).squareRoot()
            let sinSweep = sin(minimumSweepDegrees * Double.pi / 180)
            if h > 1e-12 && (s.x * n.x + s.y * n.y) / h <= sinSweep { return .behindFacade }
        }
        return obstacles.nearestBlocker(from: point, toward: s).map { .shaded(by: $0.building) } ?? .sunlit
    }

    /// How far from the point the ray toward the sun enters the building that shades it
    /// (nil when ``exposure(towardSun:)`` is not `shaded`).
    public func blockerDistanceMeters(towardSun s: Vec3) -> Double? {
        guard case .shaded = exposure(towardSun: s) else { return nil }
        return obstacles.nearestBlocker(from: point, toward: s)?.distanceMeters
    }

    /// The exposure at an instant, with the sun's position used (full SPA at the scene's site).
    public func exposure(
        at instant: Instant, refraction: Refraction = .none
    ) -> (exposure: Exposure, sun: SolarPosition) {
        let sun = SolarPosition(at: instant, site: scene.site, refraction: refraction)
        let d = sun.direction
        return (exposure(towardSun: Vec3(d.x, d.y, d.z)), sun)
    }

    /// The point's day: exact sunlit intervals (with the buildings that end and begin
    /// them), and the sunlit seconds inside `band` (on the profile's clock; nil: none),
    /// summed with no minimum segment. The profile gives refraction and least altitude.
    public func day(
        _ date: CivilDate, zone: some CivilTimeZone, profile: RuleProfile,
        band: RuleProfile.Band? = nil
    ) throws(SceneIssue) -> PointDay {
        guard date.isValid else { throw SceneIssue(path: "date", message: "\(date) is not a calendar date") }
        let sunDay = SunDay(
            site: scene.site, date: date, zone: zone, refraction: profile.refractionModel,
            minimumAltitudeDegrees: profile.minimumAltitudeDegrees)
        let view = ObstructionView(
            point: point, outward: outward, minimumSweepDegrees: minimumSweepDegrees,
            obstacles: obstacles)
        // Inside a building: the daylight is one stretch of that state per span, with no sun.
        let stretches =
            insideBuilding.map { b in
                sunDay.daylight.map { Stretch(start: $0.start, end: $0.end, state: .insideBuilding(b)) }
            } ?? view.stretches(on: sunDay)
        let intervals = SunlitInterval.intervals(of: stretches)
        let window = band.map { sunDay.band($0, clock: profile.clock, zone: zone) }
        var inBand = 0.0
        if let (b0, b1) = window {
            for iv in intervals { inBand += max(0, min(iv.end, b1) - max(iv.start, b0)) }
        }
        return PointDay(
            date: date, stretches: stretches, intervals: intervals,
            totalSeconds: intervals.reduce(0) { $0 + $1.end - $1.start },
            bandStart: window?.0, bandEnd: window?.1, bandSeconds: inBand)
    }
}

/// One point's day (see ``PointQuery/day(_:zone:profile:band:)``). Times in seconds since 1970 (UTC).
public struct PointDay: Sendable {
    public let date: CivilDate
    /// The daylight cut into stretches of one exposure (sunlit, shaded by a building, behind the facade).
    public let stretches: [Stretch]
    public let intervals: [SunlitInterval]
    public let totalSeconds: Double
    public let bandStart: Double?
    public let bandEnd: Double?
    /// Sunlit seconds inside the band (0 without a band).
    public let bandSeconds: Double
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
