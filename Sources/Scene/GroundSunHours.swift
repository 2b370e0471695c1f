import SolarCore

/// Sun hours of every point of `grid` on the plane z = `planeHeight` for one day.
///
/// Each point is computed exactly like a window (the instants when the sun crosses a
/// silhouette plane, found by root finding on the true path, each stretch classified by
/// one ray test; see ``GroundPointEvaluator`` for what is specialised for grids), as a
/// free point with no facade; the seconds counted are the sunlit ones
/// inside `band` (read on the profile's clock; nil counts the whole civil day), summed
/// with no minimum segment. The profile also gives refraction and the least sun
/// altitude. Rows are shared among `workers` tasks; the result does not depend on the
/// scheduling.
///
/// Cancellation: when the calling task is cancelled, every worker stops at its next point
/// and the grid returned is incomplete; a caller that cancels discards it (the check costs
/// one flag read a point, measured in `sunspot-bench ground`).
///
/// - Throws: ``SceneIssue`` naming the bad parameter (grid size or spacing, plane height, band).
public func groundSunHours(
    of scene: Scene, on date: CivilDate, zone: some CivilTimeZone, profile: RuleProfile,
    band: RuleProfile.Band?, grid: GroundGrid, planeHeight: Double,
    workers: Int = 2
) async throws(SceneIssue) -> SunHoursGrid {
    let engine = try GroundSunEngine(
        scene: scene, date: date, zone: zone, profile: profile, band: band,
        planeHeight: planeHeight)
    try grid.validate()
    return await engine.grid(grid, workers: workers)
}

/// What ``groundSunHours(of:on:zone:profile:band:grid:planeHeight:workers:)`` would cost,
/// known before it runs: the sum over grid points of the silhouette edges of the prisms
/// that survive the engine's own culling for that point's tile (the engine's real driver:
/// every such edge is a plane whose crossings are sought on the sun's path).
///
/// The culling is run on up to `sampleTiles` tiles spread evenly over the grid and the
/// mean is scaled to every point, so the estimate costs a few milliseconds, not the map.
/// A server converts it to seconds with a measured rate and refuses what would not fit.
///
/// - Throws: ``SceneIssue`` as the computation would (bad grid, plane height, band).
public func groundSunHoursWork(
    of scene: Scene, on date: CivilDate, zone: some CivilTimeZone, profile: RuleProfile,
    band: RuleProfile.Band?, grid: GroundGrid, planeHeight: Double, sampleTiles: Int = 24
) throws(SceneIssue) -> Double {
    let engine = try GroundSunEngine(
        scene: scene, date: date, zone: zone, profile: profile, band: band,
        planeHeight: planeHeight)
    try grid.validate()
    return engine.work(grid, sampleTiles: sampleTiles)
}

/// The per-day, per-plane state shared by every ground point: the sun, the band and
/// the prisms that rise above the plane.
struct GroundSunEngine: Sendable {
    let day: SunDay
    let bandStart: Double
    let bandEnd: Double
    let planeHeight: Double
    let obstacles: [Obstacle]
    /// Prisms that stand on the plane (a point in their footprint is inside the building).
    let standing: [Obstacle]
    /// Band ∩ daylight.
    let spans: [(start: Double, end: Double)]
    let sky: GroundSky
    /// Points per tile side when culling prisms for a whole tile at once.
    static let tile = 8

    init(
        scene: Scene, date: CivilDate, zone: some CivilTimeZone, profile: RuleProfile, band: RuleProfile.Band?,
        planeHeight: Double
    ) throws(SceneIssue) {
        guard planeHeight.isFinite, (0...SceneLimits.heightMeters).contains(planeHeight) else {
            throw SceneIssue(
                path: "planeHeight",
                message: "must be within 0...\(Int(SceneLimits.heightMeters)) m (got \(planeHeight))")
        }
        guard date.isValid else { throw SceneIssue(path: "date", message: "\(date) is not a calendar date") }
        if let b = band {
            guard b.startSeconds.isFinite, b.endSeconds.isFinite, b.startSeconds >= 0, b.endSeconds <= 86_400,
                b.startSeconds < b.endSeconds
            else {
                throw SceneIssue(
                    path: "band",
                    message: "must satisfy 0:00 ≤ start < end ≤ 24:00 (got \(b.startSeconds) s…\(b.endSeconds) s)")
            }
        }
        day = SunDay(
            site: scene.site, date: date, zone: zone, refraction: profile.refractionModel,
            minimumAltitudeDegrees: profile.minimumAltitudeDegrees)
        if let b = band {
            (bandStart, bandEnd) = day.band(b, clock: profile.clock, zone: zone)
        } else {
            (bandStart, bandEnd) = (day.start.secondsSince1970, day.end.secondsSince1970)
        }
        self.planeHeight = planeHeight
        let all = scene.obstacles
        obstacles = all.filter { $0.topMeters > planeHeight }
        standing = obstacles.filter { $0.baseMeters <= planeHeight }
        let (b0, b1) = (bandStart, bandEnd)
        spans = day.daylight.compactMap { d in
            let a = max(d.start, b0)
            let b = min(d.end, b1)
            return b > a ? (a, b) : nil
        }
        sky = GroundSky(day: day, spans: spans)
    }

    func evaluator() -> GroundPointEvaluator {
        GroundPointEvaluator(day: day, sky: sky, spans: spans, obstacles: obstacles, planeHeight: planeHeight)
    }

    /// Whether plan point q on the plane is inside a building.
    func isInsideBuilding(_ q: Vec2) -> Bool {
        standing.contains { o in
            q.x >= o.minCorner.x && q.x <= o.maxCorner.x && q.y >= o.minCorner.y && q.y <= o.maxCorner.y
                && Polygon.contains(o.footprint, q)
        }
    }

    /// The band's stretches of constant exposure at one point (for point queries and tests).
    func stretches(at q: Vec2) -> [Stretch] {
        var e = evaluator()
        e.prepare(centre: q, halfSize: 0)
        return e.stretches(at: q)
    }

    /// Sunlit seconds of one point within the band.
    func sunlitSeconds(at q: Vec2) -> Double {
        var e = evaluator()
        e.prepare(centre: q, halfSize: 0)
        return e.sunlitSeconds(at: q)
    }

    /// Rows [first, last) of the grid, tile by tile: (seconds, inside) row-major.
    func rows(_ grid: GroundGrid, _ first: Int, _ last: Int, _ e: inout GroundPointEvaluator) -> ([Double], [Bool]) {
        let columns = grid.columns
        var seconds = [Double](repeating: 0, count: (last - first) * columns)
        var inside = [Bool](repeating: false, count: seconds.count)
        let t = GroundSunEngine.tile
        for i0 in stride(from: 0, to: columns, by: t) {
            let i1 = min(columns, i0 + t)
            let lo = grid.point(column: i0, row: first)
            let hi = grid.point(column: i1 - 1, row: last - 1)
            let centre = (lo + hi) * 0.5
            e.prepare(centre: centre, halfSize: max(hi.x - lo.x, hi.y - lo.y) / 2 + 1e-6)
            for j in first..<last {
                for i in i0..<i1 {
                    // A point can take milliseconds among tall towers: check each one.
                    if Task.isCancelled { return (seconds, inside) }
                    let q = grid.point(column: i, row: j)
                    let k = (j - first) * columns + i
                    if isInsideBuilding(q) {
                        inside[k] = true
                    } else {
                        seconds[k] = e.sunlitSeconds(at: q)
                    }
                }
            }
        }
        return (seconds, inside)
    }

    /// See ``groundSunHoursWork(of:on:zone:profile:band:grid:planeHeight:sampleTiles:)``.
    func work(_ grid: GroundGrid, sampleTiles: Int) -> Double {
        let t = GroundSunEngine.tile
        let across = (grid.columns + t - 1) / t
        let tiles = across * ((grid.rows + t - 1) / t)
        let step = max(1, tiles / max(1, sampleTiles))
        var e = evaluator()
        var edges = 0.0
        var sampled = 0
        for k in stride(from: step / 2, to: tiles, by: step) {
            let (i0, j0) = ((k % across) * t, (k / across) * t)
            let lo = grid.point(column: i0, row: j0)
            let hi = grid.point(column: min(grid.columns, i0 + t) - 1, row: min(grid.rows, j0 + t) - 1)
            e.prepare(centre: (lo + hi) * 0.5, halfSize: max(hi.x - lo.x, hi.y - lo.y) / 2 + 1e-6)
            edges += e.candidates.reduce(0.0) { $0 + Double(obstacles[$1.index].footprint.count) }
            sampled += 1
        }
        // One unit per point besides its edges: the walk and the inside test cost something too.
        return Double(grid.count) * (1 + edges / Double(max(1, sampled)))
    }

    func grid(_ grid: GroundGrid, workers: Int) async -> SunHoursGrid {
        let t = GroundSunEngine.tile
        let strips = (grid.rows + t - 1) / t
        let workers = max(1, min(workers, strips))
        let parts = await withTaskGroup(of: [(Int, [Double], [Bool])].self) { group in
            for w in 0..<workers {
                group.addTask {
                    // Strided strips of tile rows share the costly (shadowed) parts of the map out.
                    var e = evaluator()
                    return stride(from: w, to: strips, by: workers).map { strip in
                        let first = strip * t
                        let (s, b) = rows(grid, first, min(grid.rows, first + t), &e)
                        return (first, s, b)
                    }
                }
            }
            var out: [(Int, [Double], [Bool])] = []
            for await part in group { out += part }
            return out
        }
        var seconds = [Double](repeating: 0, count: grid.count)
        var inside = [Bool](repeating: false, count: grid.count)
        for (first, s, b) in parts {
            let base = first * grid.columns
            for k in s.indices {
                seconds[base + k] = s[k]
                inside[base + k] = b[k]
            }
        }
        // Sizes and values are right by construction.
        return try! SunHoursGrid(
            origin: grid.origin, spacing: grid.spacing, columns: grid.columns, rows: grid.rows,
            seconds: seconds, insideBuilding: inside, planeHeight: planeHeight, bandStart: bandStart,
            bandEnd: bandEnd)
    }
}
