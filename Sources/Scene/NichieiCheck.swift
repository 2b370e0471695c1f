import SolarCore

/// A grid point beyond a line where the shadow lasts the limit or longer.
public struct NichieiViolation: Sendable, Hashable {
    public let column: Int
    public let row: Int
    public let point: Vec2
    /// Horizontal distance from the site boundary, metres.
    public let distanceMeters: Double
    public let shadowHours: Double
    public let limitHours: Double
}

/// Whether the equal-time shadow lines stay inside the 5 m / 10 m lines (等時間日影図 check).
///
/// Judged on the grid: the `nearLimit`-hour line stays inside the far (10 m) line and the
/// `farLimit`-hour line inside the near (5 m) line exactly when no grid point more than
/// 5 m out is in shadow for the near limit or more, and none more than 10 m out for the
/// far limit or more (the contours enclose exactly the grid points at or above their
/// hours, see ``SunHoursGrid/shadowContours(hours:)``). The regulated zone starts beyond
/// 5 m, so points within 5 m (and inside the site) are never violations.
public struct NichieiCheck: Sendable {
    public let regulation: NichieiRegulation
    public let siteBoundary: [Vec2]
    /// Shadow and sun hours of the subject buildings on the regulation's plane and band.
    public let grid: SunHoursGrid
    /// Points 5–10 m out with shadow ≥ the near limit.
    public let nearViolations: [NichieiViolation]
    /// Points beyond 10 m with shadow ≥ the far limit.
    public let farViolations: [NichieiViolation]
    /// Longest shadow found in each zone, hours (0 with no points there).
    public let maxShadowHoursNearZone: Double
    public let maxShadowHoursFarZone: Double

    public var complies: Bool { nearViolations.isEmpty && farViolations.isEmpty }

    /// True-solar seconds per civil second over the band. 別表第4 counts hours of true solar
    /// time (8–16 h is 8 hours); the grid's band runs between civil instants, a few seconds
    /// longer or shorter as the equation of time moves during the day (8.0028 h for a point
    /// in shadow all band on 2026-12-22 in Tokyo), so its shadow seconds are scaled by this.
    public static func trueSolarScale(regulation: NichieiRegulation, grid: SunHoursGrid) -> Double {
        let trueSolarBand = regulation.band.endSeconds - regulation.band.startSeconds
        return grid.bandSeconds > 0 ? trueSolarBand / grid.bandSeconds : 1
    }

    /// Shadow hours on true solar time of grid point `k` (row-major).
    public func shadowHours(at k: Int, shadowSeconds: [Double]) -> Double {
        shadowSeconds[k] * Self.trueSolarScale(regulation: regulation, grid: grid) / 3600
    }

    /// The 5 m and 10 m lines around the site, for drawing (see ``offsetOutline(of:by:segmentsPerQuarterTurn:)``).
    public var nearLine: [[Vec2]] { offsetOutline(of: siteBoundary, by: regulation.nearLineMeters) }
    public var farLine: [[Vec2]] { offsetOutline(of: siteBoundary, by: regulation.farLineMeters) }

    /// Judges a computed grid (pure; the grid must be on the regulation's plane and band).
    public init(regulation: NichieiRegulation, siteBoundary: [Vec2], grid: SunHoursGrid) {
        self.regulation = regulation
        self.siteBoundary = siteBoundary
        self.grid = grid
        var near: [NichieiViolation] = []
        var far: [NichieiViolation] = []
        var maxNear = 0.0
        var maxFar = 0.0
        let shadow = grid.shadowSeconds
        let scale = Self.trueSolarScale(regulation: regulation, grid: grid)
        for j in 0..<grid.rows {
            for i in 0..<grid.columns {
                let k = j * grid.columns + i
                guard !grid.insideBuilding[k] else { continue }
                let q = grid.point(column: i, row: j)
                let d = NichieiCheck.distance(from: q, to: siteBoundary)
                let hours = shadow[k] * scale / 3600
                if d > regulation.farLineMeters {
                    maxFar = max(maxFar, hours)
                    if hours >= regulation.farLimitHours - 1e-9 {
                        far.append(
                            NichieiViolation(
                                column: i, row: j, point: q, distanceMeters: d, shadowHours: hours,
                                limitHours: regulation.farLimitHours))
                    }
                } else if d > regulation.nearLineMeters {
                    maxNear = max(maxNear, hours)
                    if hours >= regulation.nearLimitHours - 1e-9 {
                        near.append(
                            NichieiViolation(
                                column: i, row: j, point: q, distanceMeters: d, shadowHours: hours,
                                limitHours: regulation.nearLimitHours))
                    }
                }
            }
        }
        nearViolations = near
        farViolations = far
        maxShadowHoursNearZone = maxNear
        maxShadowHoursFarZone = maxFar
    }

    /// Horizontal distance from q to the boundary polygon; 0 inside it.
    public static func distance(from q: Vec2, to boundary: [Vec2]) -> Double {
        if Polygon.contains(boundary, q) { return 0 }
        var best = Double.infinity
        for i in boundary.indices {
            let a = boundary[i]
            let e = boundary[(i + 1) % boundary.count] - a
            let t = max(0, min(1, (q - a).dot(e) / e.dot(e)))
            best = min(best, (a + e * t - q).length)
        }
        return best
    }
}

/// Computes the shadow hours of the subject buildings (by id; nil: every building) on
/// the regulation's plane, on 冬至 of `year`, over `grid`, and judges them against the
/// 5 m / 10 m lines around `siteBoundary` (a simple polygon, counter-clockwise).
///
/// - Throws: ``SceneIssue`` naming the bad input (unknown building id, boundary with
///   fewer than 3 vertices, non-finite, clockwise or self-crossing; grid; year).
public func nichieiCheck(
    of scene: Scene, subjectBuildings: [String]? = nil, siteBoundary: [Vec2],
    regulation: NichieiRegulation, year: Int, zone: some CivilTimeZone, grid: GroundGrid,
    workers: Int = 2
) async throws(SceneIssue) -> NichieiCheck {
    guard siteBoundary.count >= 3, siteBoundary.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
        throw SceneIssue(path: "siteBoundary", message: "needs at least 3 finite vertices (got \(siteBoundary.count))")
    }
    guard Polygon.signedDoubleArea(siteBoundary) > 0 else {
        throw SceneIssue(path: "siteBoundary", message: "must be counter-clockwise with a non-zero area")
    }
    if let (i, j) = Polygon.selfIntersection(siteBoundary) {
        throw SceneIssue(path: "siteBoundary", message: "edges \(i) and \(j) cross")
    }
    var subject = scene
    if let ids = subjectBuildings {
        for (k, id) in ids.enumerated() where scene.buildingIndex(id: id) == nil {
            throw SceneIssue(path: "subjectBuildings[\(k)]", message: "'\(id)' is not a building of this scene")
        }
        subject = Scene(
            document: scene.document, site: scene.site, timeZoneIdentifier: scene.timeZoneIdentifier,
            buildings: scene.buildings.filter { ids.contains($0.id) })
    }
    let date = try regulation.standardDate(year: year, zone: zone)
    let hours = try await groundSunHours(
        of: subject, on: date, zone: zone, profile: regulation.profile,
        band: regulation.band, grid: grid, planeHeight: regulation.planeHeightMeters,
        workers: workers)
    return NichieiCheck(regulation: regulation, siteBoundary: siteBoundary, grid: hours)
}
