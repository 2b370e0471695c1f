import SolarCore

/// Sunlight on the windows of one scene over the 24 solar terms of one year, under one
/// rule profile. Builds the per-day sun once (24 ``SunDay``s) and reuses it for every
/// window; each window's ``ObstructionView`` is reused for all 24 days.
public struct SunlightAnalyzer: Sendable {
    public let scene: Scene
    public let zone: any CivilTimeZone
    public let profile: RuleProfile
    public let year: Int
    public let terms: [SolarTerm]
    public let days: [SunDay]
    public let events: [SunEvents]
    public let obstacles: [Obstacle]
    /// Each term day's true solar clock (same span as its ``SunDay``): tables print the true
    /// solar time of every interval end, which the full series made the costliest part of a table.
    public let trueSolarClocks: [TrueSolarClock]
    /// Each term day's UTC offset when one holds from its midnight to the next (nil: it
    /// changes that day): ``civil(at:)`` formats a table's instants without a zone lookup each.
    let civilOffsets: [Int?]
    /// Each term day's effective band as instants (nil: whole day), the same for every window.
    let bands: [(Double, Double)?]

    /// - Parameter forEachTerm: calls its body once for each term index `0..<count`, in any
    ///   order, on any threads: the 24 term days are independent, so a caller with idle cores
    ///   builds them side by side (a server passes `DispatchQueue.concurrentPerform`; a
    ///   report's chunks otherwise waited one core's time for their scene's analysis). The
    ///   default builds them one after another.
    public init(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, year: Int,
        forEachTerm: (_ count: Int, _ body: (Int) -> Void) -> Void = { count, body in
            for i in 0..<count { body(i) }
        }
    ) {
        self.scene = scene
        self.zone = zone
        self.profile = profile
        self.year = year
        let terms = SolarTerms.terms(year: year)
        self.terms = terms
        var built = [TermDay?](repeating: nil, count: terms.count)
        built.withUnsafeMutableBufferPointer { slots in
            forEachTerm(terms.count) { i in
                slots[i] = TermDay(term: terms[i], site: scene.site, zone: zone, profile: profile)
            }
        }
        let parts = built.map { $0! }
        days = parts.map(\.day)
        events = parts.map(\.events)
        bands = parts.map(\.band)
        trueSolarClocks = parts.map(\.clock)
        civilOffsets = parts.map { zone.utcOffsetSeconds(throughout: $0.day.start, until: $0.day.end) }
        obstacles = scene.obstacles
    }

    /// What the analyzer keeps for one term day, built without the other days.
    private struct TermDay {
        let day: SunDay
        let events: SunEvents
        let band: (Double, Double)?
        let clock: TrueSolarClock

        init(term: SolarTerm, site: GeoSite, zone: some CivilTimeZone, profile: RuleProfile) {
            let date = term.date(in: zone)
            day = SunDay(
                site: site, date: date, zone: zone, refraction: profile.refractionModel,
                minimumAltitudeDegrees: profile.minimumAltitudeDegrees)
            events = SunEvents(date: date, site: site, zone: zone)
            let standardBand = profile.standardDay(forTerm: term.longitudeDegrees)?.band ?? profile.informativeBand
            band = standardBand.map { [day] in day.band($0, clock: profile.clock, zone: zone) }
            clock = TrueSolarClock(longitude: site.longitude, from: day.solar.start, to: day.solar.end)
        }
    }

    /// Every flat of the scene, in document order (building, floor, unit).
    public var allFlats: [FlatAddress] { scene.allFlats }

    /// Resolves a flat's address to its building, unit and floor, naming what is wrong.
    public func locate(_ flat: FlatAddress) throws(SceneIssue) -> (building: Building, unit: UnitColumn) {
        try scene.locate(flat)
    }

    /// Calculation points of one window on one floor: the sill centre, or points
    /// along the whole sill (满窗), 1 cm outside the wall face (in front of the glass
    /// when the window has a reveal or recess).
    public func calculationPoints(building: Building, window: Window, floor: Int) -> [Vec3] {
        let z = building.floorLevel(floor) + (window.sillMeters ?? profile.sillHeightMeters)
        let offsets: [Double]
        switch profile.calculationPoint {
        case .sillCentre: offsets = [0]
        case .wholeSill:
            let half = window.widthMeters / 2 - 0.01
            offsets = [0, -half, half, -half / 2, half / 2]
        }
        return offsets.map { o in
            let c = window.centre + window.along * o + window.outward * (0.01 - window.details.glassDepthMeters)
            return Vec3(c.x, c.y, z)
        }
    }

    /// The 24-term table of one flat. With several windows, the one with the most
    /// minutes on the profile's first standard day with a requirement is shown, unless
    /// `windowIndex` (0-based) names one.
    public func table(for flat: FlatAddress, windowIndex: Int? = nil) throws(SceneIssue) -> FlatTable {
        let (building, unit) = try locate(flat)
        if let windowIndex, !unit.windows.indices.contains(windowIndex) {
            throw SceneIssue(
                path: "window-index",
                message:
                    "\(windowIndex) is out of range 0..<\(unit.windows.count) for unit '\(unit.id)' of building '\(building.id)'"
            )
        }
        var best: FlatTable?
        for (wi, window) in unit.windows.enumerated() where windowIndex == nil || windowIndex == wi {
            let points = calculationPoints(building: building, window: window, floor: flat.floor)
            let rows = termRows(
                points: points, outward: window.outward,
                obstacles: obstacles(seenFrom: window, in: building, floor: flat.floor))
            let candidate = FlatTable(
                flat: flat, windowIndex: wi, point: points[0],
                facingAzimuthDegrees: window.facingAzimuthDegrees, rows: rows)
            if best == nil || candidate.decisiveMinutes > best!.decisiveMinutes { best = candidate }
        }
        return best!
    }

    /// One row per term for a facade point (or the points of a whole sill, all of which must be lit).
    ///
    /// - Parameter obstacles: the prisms the points see (default: the scene's buildings;
    ///   a window with a reveal, recess or slab sees ``obstacles(seenFrom:in:floor:)``).
    public func termRows(points: [Vec3], outward: Vec2?, obstacles: [Obstacle]? = nil) -> [TermRowResult] {
        let views = points.map {
            ObstructionView(
                point: $0, outward: outward, minimumSweepDegrees: profile.minimumSweepDegrees,
                obstacles: obstacles ?? self.obstacles)
        }
        let byView = views.map { $0.stretches(on: days) }
        return terms.indices.map { k in
            var stretches = byView[0][k]
            for other in byView.dropFirst() { stretches = Stretch.intersectingSunlit(stretches, other[k]) }
            return row(term: k, stretches: stretches)
        }
    }

    func row(term k: Int, stretches: [Stretch]) -> TermRowResult {
        let term = terms[k]
        let standard = profile.standardDay(forTerm: term.longitudeDegrees)
        let bandInstants = bands[k]
        let minimum = (standard?.minimumSegmentMinutes ?? profile.informativeMinimumSegmentMinutes) * 60
        let intervals = SunlitInterval.intervals(of: stretches)
        let total = intervals.reduce(0) { $0 + $1.end - $1.start }
        var counted: [Double] = []
        var bandSegments: [(Double, Double)] = []
        if let (b0, b1) = bandInstants {
            for iv in intervals {
                let a = max(iv.start, b0)
                let b = min(iv.end, b1)
                if b > a {
                    bandSegments.append((a, b))
                    if b - a >= minimum - 1e-6 { counted.append(b - a) }
                }
            }
        } else {
            counted = intervals.map { $0.end - $0.start }.filter { $0 >= minimum - 1e-6 }
        }
        let bandSeconds: Double
        switch profile.aggregation {
        case .sum: bandSeconds = counted.reduce(0, +)
        case .longest: bandSeconds = counted.max() ?? 0
        case .longestSegments(let n): bandSeconds = counted.sorted(by: >).prefix(n).reduce(0, +)
        }
        let required = standard?.requiredMinutes
        // Whole minutes decide, as the standard's tables are read (1 min precision).
        let meets = required.map { (bandSeconds / 60 + 1e-9) >= $0 }
        var shaded: [Int: Double] = [:]
        for s in stretches {
            guard let b = s.state.blocker else { continue }
            let a = max(s.start, bandInstants?.0 ?? s.start)
            let z = min(s.end, bandInstants?.1 ?? s.end)
            if z > a { shaded[b, default: 0] += z - a }
        }
        let e = events[k]
        var result = TermRowResult(
            term: term, date: days[k].date, sunrise: e.sunrise?.secondsSince1970, sunset: e.sunset?.secondsSince1970,
            dayKind: e.kind, intervals: intervals, totalSeconds: total, band: bandInstants, bandSegments: bandSegments,
            bandSeconds: bandSeconds, requiredMinutes: required, meetsStandard: meets, normative: standard != nil)
        result.shadedSecondsByBuilding = shaded
        return result
    }
}

extension Stretch {
    /// Stretches lit in both lists stay lit; elsewhere the first list's state is kept
    /// unless it was lit, then the second's.
    static func intersectingSunlit(_ a: [Stretch], _ b: [Stretch]) -> [Stretch] {
        var cuts = Set<Double>()
        for s in a + b {
            cuts.insert(s.start)
            cuts.insert(s.end)
        }
        let sorted = cuts.sorted()
        func state(_ list: [Stretch], _ t: Double) -> Exposure? { list.first { $0.start <= t && t < $0.end }?.state }
        var out: [Stretch] = []
        for (x, y) in zip(sorted, sorted.dropFirst()) {
            let m = (x + y) / 2
            guard let sa = state(a, m) else { continue }
            let sb = state(b, m) ?? sa
            let st: Exposure = sa == .sunlit ? sb : sa
            if let last = out.last, last.state == st, last.end == x {
                out[out.count - 1].end = y
            } else {
                out.append(Stretch(start: x, end: y, state: st))
            }
        }
        return out
    }
}
