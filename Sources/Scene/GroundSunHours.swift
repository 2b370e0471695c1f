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
/// known before it runs, in units of the engine's real driver: a grid point paired with a
/// silhouette edge of a prism that the engine's culling keeps for that point, in one piece
/// of the band (each such pair is a plane whose crossings are sought on the sun's path).
///
/// The culling keeps a prism for a tile only where its shadow can reach: within
/// rise / tan(lowest sun) of it, in the piece's azimuth wedge. Here that reach is taken as
/// an area per piece (footprint box grown by the tile and the reach, plus the wedge's
/// sector), so the estimate follows the kept pairs (within −20 % / +60 % on the brute-force
/// suite's random scenes) at the cost of one pass over prisms × pieces — microseconds
/// where the map takes seconds. A server converts units to
/// seconds with a measured rate and refuses what would not fit its budget.
public struct GroundWorkEstimate: Sendable {
    let engine: GroundSunEngine

    /// - Throws: ``SceneIssue`` as the computation would (plane height, band, date).
    public init(
        scene: Scene, on date: CivilDate, zone: some CivilTimeZone, profile: RuleProfile,
        band: RuleProfile.Band?, planeHeight: Double
    ) throws(SceneIssue) {
        engine = try GroundSunEngine(
            scene: scene, date: date, zone: zone, profile: profile, band: band, planeHeight: planeHeight)
    }

    /// The units of work of `grid` (not validated: a grid past its limits is refused when computed).
    public func units(_ grid: GroundGrid) -> Double {
        let w = work(grid)
        // One unit per point besides its pairs: the walk and the inside test cost something too.
        return w.points + w.edgePieces * w.points
    }

    /// Seconds of one core `grid` is estimated to take in a release build on the reference
    /// machine (2 cores, the project's VM, idle): its units at a rate that grows with the
    /// prisms a point keeps, P, as 2.5 ns × P^0.36 — each stretch between crossings is
    /// classified by a ray test against the kept prisms, so denser scenes cost more per pair.
    /// Fitted to `sunspot-bench budget`'s five scenes (sample compound … 2,000 towers of 300 m,
    /// P from 72 to 33,000) on an idle machine: 0.85–1.39× the measured time.
    public func seconds(_ grid: GroundGrid) -> Double {
        let w = work(grid)
        return (w.points + w.edgePieces * w.points) * 2.5e-9 * pow(max(1, w.prismPieces), 0.36)
    }

    /// What `grid` asks of the engine, per point: the kept (silhouette edge, piece) pairs and
    /// the kept (prism, piece) pairs, averaged over the grid's points.
    public func work(_ grid: GroundGrid) -> (points: Double, edgePieces: Double, prismPieces: Double) {
        let width = Double(max(1, grid.columns - 1)) * grid.spacing
        let height = Double(max(1, grid.rows - 1)) * grid.spacing
        let area = max(width * height, grid.spacing * grid.spacing)
        let diagonal = (width * width + height * height).squareRoot()
        let tile = Double(GroundSunEngine.tile) * grid.spacing
        var edges = 0.0
        var prisms = 0.0
        for o in engine.obstacles {
            let reach = engine.sky.reach(of: o, planeHeight: engine.planeHeight, grow: tile, limit: diagonal, cap: area)
            edges += Double(o.footprint.count) * reach
            prisms += reach
        }
        return (Double(grid.count), edges / area, prisms / area)
    }
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
                    // A point can take 20 ms among tall towers: check every fourth (a check
                    // costs ~25–40 ns, 0.2 % of the cheapest maps' points).
                    if i & 3 == 0 && Task.isCancelled { return (seconds, inside) }
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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
