import SolarCore

extension SceneComparison {
    /// Compares two versions of one site over the 24 terms of `year` under `profile`.
    ///
    /// Every window of the before version is evaluated in full. In the after version a
    /// window's day is taken over from the before version when it provably cannot differ:
    /// its own building is unchanged and every changed solid (removed, added, or reshaped
    /// in either version) is one the engine itself would set aside for that point and day —
    /// no higher than the point, wholly behind the facade plane, or with its extent in
    /// the sky (``SkyBox``) nowhere above the sun's lowest path in its azimuths that day
    /// (``SunDay/sunPassesBelow(_:)``). Those are exactly the tests by which
    /// ``ObstructionView`` drops a solid, so a reused day equals a full evaluation to the
    /// bit; `reuse: false` evaluates both versions in full (the tests compare the two).
    ///
    /// - Parameters:
    ///   - workers: concurrent tasks; results come back in the after version's flat order.
    /// - Throws: ``SceneIssue`` at `site` when the two versions are not the same site.
    public static func compare(
        before: Scene, after: Scene, zone: some CivilTimeZone, profile: RuleProfile,
        year: Int, workers: Int = 1, reuse: Bool = true
    ) async throws(SceneIssue)
        -> SceneComparison
    {
        let s0 = before.document.site
        let s1 = after.document.site
        guard s0.latitude == s1.latitude, s0.longitude == s1.longitude, s0.timeZone == s1.timeZone,
            (s0.elevation ?? 0) == (s1.elevation ?? 0), (s0.northAngle ?? 0) == (s1.northAngle ?? 0)
        else {
            throw SceneIssue(
                path: "site",
                message:
                    "differs between the two scenes (latitude, longitude, timeZone, elevation and northAngle must match to compare them)"
            )
        }
        let a = SunlightAnalyzer(scene: before, zone: zone, profile: profile, year: year)
        let b = SunlightAnalyzer(scene: after, sharingSunWith: a)
        let plan = Plan(before: a, after: b)
        let flats = b.allFlats
        let beforeFlats = Set(a.allFlats)
        let afterFlats = Set(flats)
        let common = flats.filter { beforeFlats.contains($0) }
        let count = max(1, min(workers, common.count))
        let results = await withTaskGroup(of: [(Int, FlatComparison, ReuseStatistics)].self) { group in
            for w in 0..<count {
                group.addTask {
                    stride(from: w, to: common.count, by: count).compactMap { i in
                        plan.compare(common[i], reuse: reuse).map { (i, $0.0, $0.1) }
                    }
                }
            }
            var out = [(FlatComparison, ReuseStatistics)?](repeating: nil, count: common.count)
            for await part in group { for (i, f, s) in part { out[i] = (f, s) } }
            return out.compactMap { $0 }
        }
        var stats = ReuseStatistics()
        for (_, s) in results {
            stats.windows += s.windows
            stats.windowsReused += s.windowsReused
            stats.windowDays += s.windowDays
            stats.windowDaysReused += s.windowDaysReused
            stats.windowDaysOverlaid += s.windowDaysOverlaid
        }
        return SceneComparison(
            changes: plan.changes, flats: results.map(\.0),
            onlyBefore: a.allFlats.filter { !afterFlats.contains($0) },
            onlyAfter: flats.filter { !beforeFlats.contains($0) }, reuse: stats)
    }

    /// What changed between the versions, and what each window's reuse test needs.
    struct Plan: Sendable {
        let a: SunlightAnalyzer
        let b: SunlightAnalyzer
        let changes: [BuildingChange]
        /// Ids of buildings whose own flats must be evaluated afresh (reshaped or edited).
        let ownChanged: Set<String>
        /// Solids of added buildings (after version), and the other changed solids
        /// (removed and reshaped as before, reshaped as after).
        let addedSolids: [Obstacle]
        let otherSolids: [Obstacle]
        /// Building index in the after version of each before index (nil: removed).
        let afterIndex: [Int?]

        init(before a: SunlightAnalyzer, after b: SunlightAnalyzer) {
            self.a = a
            self.b = b
            var changes: [BuildingChange] = []
            var solids: [Obstacle] = []
            var added: [Obstacle] = []
            var own: Set<String> = []
            let beforeIds = Dictionary(
                a.scene.buildings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { x, _ in x })
            let afterIds = Dictionary(
                b.scene.buildings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { x, _ in x })
            for (i, x) in a.scene.buildings.enumerated() where afterIds[x.id] == nil {
                changes.append(BuildingChange(id: x.id, kind: .removed))
                solids.append(a.obstacles[i])
            }
            for (j, y) in b.scene.buildings.enumerated() {
                guard let i = beforeIds[y.id] else {
                    changes.append(BuildingChange(id: y.id, kind: .added))
                    added.append(b.obstacles[j])
                    continue
                }
                let x = a.scene.buildings[i]
                if x.footprint != y.footprint || x.baseMeters != y.baseMeters || x.topMeters != y.topMeters {
                    changes.append(BuildingChange(id: y.id, kind: .reshaped))
                    solids += [a.obstacles[i], b.obstacles[j]]
                    own.insert(y.id)
                } else if Plan.flatsDiffer(a.scene.document.buildings[i], b.scene.document.buildings[j]) {
                    changes.append(BuildingChange(id: y.id, kind: .edited))
                    own.insert(y.id)
                }
            }
            self.changes = changes
            addedSolids = added
            otherSolids = solids
            ownChanged = own
            afterIndex = a.scene.buildings.map { afterIds[$0.id] }
        }

        /// Floors, units or windows differ (the name does not count).
        static func flatsDiffer(_ x: BuildingSpec, _ y: BuildingSpec) -> Bool {
            var x = x
            var y = y
            x.name = nil
            y.name = nil
            return x != y
        }

        /// One flat in both versions, and what was reused for it.
        func compare(_ flat: FlatAddress, reuse: Bool) -> (FlatComparison, ReuseStatistics)? {
            guard let (bx, ux) = try? a.locate(flat), let (by, uy) = try? b.locate(flat) else { return nil }
            let windows = min(ux.windows.count, uy.windows.count)
            var stats = ReuseStatistics()
            var rowsA: [[TermRowResult]] = []
            var rowsB: [[TermRowResult]] = []
            var stretchesA: [[[Stretch]]] = []
            var stretchesB: [[[Stretch]]] = []
            let all = [Bool](repeating: true, count: a.days.count)
            for wi in 0..<windows {
                let wx = ux.windows[wi]
                let wy = uy.windows[wi]
                let pa = a.calculationPoints(building: bx, window: wx, floor: flat.floor)
                let sa = a.stretches(
                    points: pa, outward: wx.outward,
                    obstacles: a.obstacles(seenFrom: wx, in: bx, floor: flat.floor), days: all)
                let pb = b.calculationPoints(building: by, window: wy, floor: flat.floor)
                let canReuse = reuse && !ownChanged.contains(flat.building)
                let obstaclesB = b.obstacles(seenFrom: wy, in: by, floor: flat.floor)
                var (byAdded, affected) = canReuse ? affectedDays(points: pb, outward: wy.outward) : (all, all)
                // Reuse needs every blocker of the before day to exist in the after version.
                var carried = [[Stretch]?](repeating: nil, count: a.days.count)
                for k in affected.indices where !affected[k] {
                    carried[k] = remapped(sa[k])
                    if carried[k] == nil { affected[k] = true }
                }
                // Days only added buildings can change: the before day overlaid with their shadows.
                var overlaid = 0
                if pb.count == 1, canReuse, byAdded.contains(where: { $0 }) {
                    let view = ObstructionView(
                        point: pb[0], outward: wy.outward,
                        minimumSweepDegrees: b.profile.minimumSweepDegrees, obstacles: addedSolids)
                    var order = OrderCheck(point: pb[0], obstacles: obstaclesB, added: addedSolids)
                    let selected = affected.indices.filter { byAdded[$0] && !affected[$0] }
                    let shadows = view.stretches(on: selected.map { b.days[$0] })
                    for (j, k) in selected.enumerated() {
                        if let o = overlay(carried[k]!, shadows[j], day: b.days[k], &order) {
                            carried[k] = o
                            overlaid += 1
                        } else {
                            affected[k] = true
                        }
                    }
                } else {
                    // Several points (whole sill): no overlay, those days are evaluated in full.
                    for k in affected.indices where byAdded[k] { affected[k] = true }
                }
                byAdded = byAdded.indices.map { byAdded[$0] && !affected[$0] }
                var sb = b.stretches(points: pb, outward: wy.outward, obstacles: obstaclesB, days: affected)
                for k in sb.indices where !affected[k] { sb[k] = carried[k]! }
                let reusedDays = affected.indices.filter { !affected[$0] && !byAdded[$0] }.count
                stats.windows += 1
                stats.windowDays += affected.count
                stats.windowDaysReused += reusedDays
                stats.windowDaysOverlaid += overlaid
                if reusedDays == affected.count { stats.windowsReused += 1 }
                rowsA.append(sa.indices.map { a.row(term: $0, stretches: sa[$0]) })
                // A reused day's row is the before row with its blockers renumbered (row() reads
                // only the stretches, and the day's band and events are shared).
                let rows = rowsA[rowsA.count - 1]
                rowsB.append(
                    sb.indices.map { k in
                        (!affected[k] && !byAdded[k] ? remapped(rows[k]) : nil) ?? b.row(term: k, stretches: sb[k])
                    })
                stretchesA.append(sa)
                stretchesB.append(sb)
            }
            guard windows > 0 else { return nil }
            func best(_ rows: [[TermRowResult]], _ window: (Int) -> Window, _ point: (Int) -> Vec3) -> Int {
                var chosen = 0
                var most = -Double.infinity
                for (wi, r) in rows.enumerated() {
                    let t = FlatTable(
                        flat: flat, windowIndex: wi, point: point(wi),
                        facingAzimuthDegrees: window(wi).facingAzimuthDegrees, rows: r)
                    if t.decisiveMinutes > most {
                        most = t.decisiveMinutes
                        chosen = wi
                    }
                }
                return chosen
            }
            let origin = Vec3(0, 0, 0)
            let bestA = best(rowsA, { ux.windows[$0] }, { _ in origin })
            let bestB = best(rowsB, { uy.windows[$0] }, { _ in origin })
            let nameA = { (i: Int) in a.scene.buildings[i].id }
            let nameB = { (i: Int) in b.scene.buildings[i].id }
            let terms = a.terms.indices.map { k in
                TermComparison(
                    term: a.terms[k], before: rowsA[bestA][k], after: rowsB[bestA][k],
                    lost: Plan.differences(stretchesA[bestA][k], stretchesB[bestA][k], name: nameB),
                    gained: Plan.differences(stretchesB[bestA][k], stretchesA[bestA][k], name: nameA))
            }
            var verdicts: [StandardVerdict] = []
            for k in a.terms.indices {
                let x = rowsA[bestA][k]
                let y = rowsB[bestB][k]
                if let required = x.requiredMinutes, let before = x.meetsStandard, let after = y.meetsStandard {
                    verdicts.append(
                        StandardVerdict(
                            termLongitude: x.term.longitudeDegrees, requiredMinutes: required,
                            beforeBandSeconds: x.bandSeconds, afterBandSeconds: y.bandSeconds,
                            before: before, after: after))
                }
            }
            return (FlatComparison(flat: flat, windowIndex: bestA, terms: terms, verdicts: verdicts), stats)
        }

        /// Days on which an added solid, and days on which another changed solid, may shade
        /// one of the points (the engine's own culling tests, see
        /// ``SceneComparison/compare(before:after:zone:profile:year:workers:reuse:)``).
        func affectedDays(points: [Vec3], outward n: Vec2) -> (byAdded: [Bool], byOther: [Bool]) {
            func days(_ solids: [Obstacle]) -> [Bool] {
                var affected = [Bool](repeating: false, count: a.days.count)
                for o in solids {
                    for p in points {
                        guard o.topMeters > p.z + 1e-9, o.footprint.contains(where: { ($0 - p.xy).dot(n) > 1e-6 })
                        else {
                            continue
                        }
                        let box = SkyBox(from: p, obstacle: o)
                        a.days.withUnsafeBufferPointer { days in
                            for k in affected.indices where !affected[k] && days[k].sunPassesBelow(box) {
                                affected[k] = true
                            }
                        }
                    }
                }
                return affected
            }
            return (days(addedSolids), days(otherSolids))
        }

        /// The after day from the before day and the added buildings' own stretches.
        ///
        /// Where the before day is lit, the added buildings decide; where it is behind the
        /// facade, it stays so; where building k shaded it and an added building n also
        /// blocks, the nearer along the ray does. With the plans of k and n on either side of
        /// a line (disjoint convex hulls), which is nearer cannot change while both block, so
        /// one ray test per piece decides it; otherwise (nil) the day is evaluated in full.
        /// Every boundary is a crossing the full evaluation computes the same way.
        func overlay(_ before: [Stretch], _ added: [Stretch], day: SunDay, _ order: inout OrderCheck) -> [Stretch]? {
            var out: [Stretch] = []
            var j = 0
            for x in before {
                while j < added.count && added[j].end <= x.start { j += 1 }
                var i = j
                var t = x.start
                while t < x.end {
                    // The added state over [t, next): the stretch covering t, if any.
                    var covering: Stretch?
                    while i < added.count && added[i].end <= t { i += 1 }
                    if i < added.count && added[i].start <= t { covering = added[i] }
                    let next = min(x.end, covering?.end ?? (i < added.count ? added[i].start : x.end))
                    var state = x.state
                    if case let .shaded(by: n)? = covering?.state {
                        switch x.state {
                        case .sunlit: state = .shaded(by: n)
                        case .behindFacade, .sunBelowHorizon, .insideBuilding: state = x.state
                        case let .shaded(by: k):
                            guard let nearer = order.nearer(k, n, toward: day.direction(at: (t + next) / 2)) else {
                                return nil
                            }
                            state = .shaded(by: nearer)
                        }
                    }
                    if next - t > 1e-6 { out.appendMerging(start: t, end: next, state: state) }
                    t = next
                }
            }
            return out
        }

        /// A before row with blockers renumbered for the after version.
        func remapped(_ row: TermRowResult) -> TermRowResult? {
            var out = row
            for i in out.intervals.indices {
                let iv = out.intervals[i]
                if let k = iv.blockedBeforeBy {
                    guard let j = afterIndex[k] else { return nil }
                    out.intervals[i].blockedBeforeBy = j
                }
                if let k = iv.blockedAfterBy {
                    guard let j = afterIndex[k] else { return nil }
                    out.intervals[i].blockedAfterBy = j
                }
            }
            return out
        }

        /// A before day's stretches with blockers renumbered for the after version.
        func remapped(_ stretches: [Stretch]) -> [Stretch]? {
            var out = stretches
            for i in out.indices {
                if case let .shaded(by: k) = out[i].state {
                    guard let j = afterIndex[k] else { return nil }
                    out[i].state = .shaded(by: j)
                }
            }
            return out
        }

        /// Where `from` is sunlit and `to` is not, with what covers it in `to`; touching
        /// pieces with the same cause are joined, slivers under 1 ms (root-finding noise) dropped.
        static func differences(_ from: [Stretch], _ to: [Stretch], name: (Int) -> String) -> [ChangedStretch] {
            var out: [ChangedStretch] = []
            for x in from where x.state == .sunlit {
                for y in to where y.state != .sunlit && y.end > x.start && y.start < x.end {
                    let piece = ChangedStretch(
                        start: max(x.start, y.start), end: min(x.end, y.end),
                        building: y.state.blocker.map(name))
                    if let last = out.last, last.building == piece.building, abs(last.end - piece.start) < 1e-6 {
                        out[out.count - 1].end = piece.end
                    } else {
                        out.append(piece)
                    }
                }
            }
            return out.filter { $0.durationSeconds >= 1e-3 }
        }
    }
}

/// Which of two blocking buildings a ray from one point meets first, when that cannot
/// change while both block (their plans have disjoint convex hulls).
struct OrderCheck {
    let point: Vec3
    let obstacles: [Obstacle]
    let added: [Obstacle]
    var hulls: [Int: [Vec2]] = [:]

    init(point: Vec3, obstacles: [Obstacle], added: [Obstacle]) {
        self.point = point
        self.obstacles = obstacles
        self.added = added
    }

    /// The building met first (k on ties, as the engine's scan order of an earlier
    /// index would), or nil when the order might change within a piece.
    mutating func nearer(_ k: Int, _ n: Int, toward s: Vec3) -> Int? {
        guard ConvexHull.disjoint(hull(k), hull(n)) else { return nil }
        let dk = distance(k, s)
        let dn = distance(n, s)
        // Both block over the piece; a miss at its middle means it grazes an edge: evaluate in full.
        guard dk.isFinite && dn.isFinite else { return nil }
        return dn < dk || (dn == dk && n < k) ? n : k
    }

    func distance(_ building: Int, _ s: Vec3) -> Double {
        obstacles.nearestBlocker(
            from: point, toward: s,
            among: obstacles.indices.lazy.filter {
                obstacles[$0].buildingIndex == building
            })?.distanceMeters ?? .infinity
    }

    mutating func hull(_ building: Int) -> [Vec2] {
        if let h = hulls[building] { return h }
        let h = ConvexHull.of(obstacles.filter { $0.buildingIndex == building }.flatMap(\.footprint))
        hulls[building] = h
        return h
    }
}

/// Convex hulls in the plan and the separating-axis test.
enum ConvexHull {
    /// Counter-clockwise hull (Andrew's monotone chain).
    static func of(_ points: [Vec2]) -> [Vec2] {
        let p = points.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
        guard p.count > 2 else { return p }
        var lower: [Vec2] = []
        for q in p {
            while lower.count >= 2
                && (lower[lower.count - 1] - lower[lower.count - 2]).cross(q - lower[lower.count - 2]) <= 0
            { lower.removeLast() }
            lower.append(q)
        }
        var upper: [Vec2] = []
        for q in p.reversed() {
            while upper.count >= 2
                && (upper[upper.count - 1] - upper[upper.count - 2]).cross(q - upper[upper.count - 2]) <= 0
            { upper.removeLast() }
            upper.append(q)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }

    /// Whether some edge direction of either hull separates them strictly.
    static func disjoint(_ a: [Vec2], _ b: [Vec2]) -> Bool {
        guard !a.isEmpty, !b.isEmpty else { return false }
        for poly in [a, b] {
            for i in poly.indices {
                let e = poly[(i + 1) % poly.count] - poly[i]
                let axis = Vec2(-e.y, e.x)
                let pa = a.map { $0.dot(axis) }
                let pb = b.map { $0.dot(axis) }
                if pa.max()! < pb.min()! - 1e-9 || pb.max()! < pa.min()! - 1e-9 { return true }
            }
        }
        return false
    }
}

extension SunlightAnalyzer {
    /// An analyzer of another version of the same site, profile and year, sharing the
    /// 24 sun days (they depend only on those).
    init(scene: Scene, sharingSunWith other: SunlightAnalyzer) {
        self.scene = scene
        zone = other.zone
        profile = other.profile
        year = other.year
        terms = other.terms
        days = other.days
        events = other.events
        bands = other.bands
        obstacles = scene.obstacles
        trueSolarClocks = other.trueSolarClocks
        civilOffsets = other.civilOffsets
    }

    /// The stretches of the days marked in `days` (empty lists elsewhere) for a facade
    /// point, or the points of a whole sill (lit only where all are lit), as ``termRows(points:outward:obstacles:)``.
    func stretches(points: [Vec3], outward: Vec2?, obstacles: [Obstacle], days mask: [Bool]) -> [[Stretch]] {
        guard mask.contains(true) else { return mask.map { _ in [] } }
        let views = points.map {
            ObstructionView(
                point: $0, outward: outward, minimumSweepDegrees: profile.minimumSweepDegrees,
                obstacles: obstacles)
        }
        let selected = mask.indices.filter { mask[$0] }
        let chosen = selected.count == days.count ? days : selected.map { days[$0] }
        let byView = views.map { $0.stretches(on: chosen) }
        var out = [[Stretch]](repeating: [], count: mask.count)
        for (j, k) in selected.enumerated() {
            var stretches = byView[0][j]
            for other in byView.dropFirst() { stretches = Stretch.intersectingSunlit(stretches, other[j]) }
            out[k] = stretches
        }
        return out
    }
}
