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
    public static func compare(before: Scene, after: Scene, zone: some CivilTimeZone, profile: RuleProfile,
                               year: Int, workers: Int = 1, reuse: Bool = true) async throws(SceneIssue)
        -> SceneComparison
    {
        let s0 = before.document.site
        let s1 = after.document.site
        guard s0.latitude == s1.latitude, s0.longitude == s1.longitude, s0.timeZone == s1.timeZone,
              (s0.elevation ?? 0) == (s1.elevation ?? 0), (s0.northAngle ?? 0) == (s1.northAngle ?? 0)
        else {
            throw SceneIssue(path: "site", message: "differs between the two scenes (latitude, longitude, timeZone, elevation and northAngle must match to compare them)")
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
        }
        return SceneComparison(changes: plan.changes, flats: results.map(\.0),
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
        /// The changed solids in the version where they exist (removed and reshaped as
        /// before, added and reshaped as after).
        let changedSolids: [Obstacle]
        /// Building index in the after version of each before index (nil: removed).
        let afterIndex: [Int?]

        init(before a: SunlightAnalyzer, after b: SunlightAnalyzer) {
            self.a = a
            self.b = b
            var changes: [BuildingChange] = []
            var solids: [Obstacle] = []
            var own: Set<String> = []
            let beforeIds = Dictionary(a.scene.buildings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { x, _ in x })
            let afterIds = Dictionary(b.scene.buildings.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { x, _ in x })
            for (i, x) in a.scene.buildings.enumerated() where afterIds[x.id] == nil {
                changes.append(BuildingChange(id: x.id, kind: .removed))
                solids.append(a.obstacles[i])
            }
            for (j, y) in b.scene.buildings.enumerated() {
                guard let i = beforeIds[y.id] else {
                    changes.append(BuildingChange(id: y.id, kind: .added))
                    solids.append(b.obstacles[j])
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
            changedSolids = solids
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
                let sa = a.stretches(points: pa, outward: wx.outward,
                                     obstacles: a.obstacles(seenFrom: wx, in: bx, floor: flat.floor), days: all)
                let pb = b.calculationPoints(building: by, window: wy, floor: flat.floor)
                let canReuse = reuse && !ownChanged.contains(flat.building)
                var affected = canReuse ? affectedDays(points: pb, outward: wy.outward) : all
                // Reuse needs every blocker of the before day to exist in the after version.
                var carried = [[Stretch]?](repeating: nil, count: a.days.count)
                for k in affected.indices where !affected[k] {
                    carried[k] = remapped(sa[k])
                    if carried[k] == nil { affected[k] = true }
                }
                var sb = b.stretches(points: pb, outward: wy.outward,
                                     obstacles: b.obstacles(seenFrom: wy, in: by, floor: flat.floor), days: affected)
                for k in sb.indices where !affected[k] { sb[k] = carried[k]! }
                let reusedDays = affected.filter { !$0 }.count
                stats.windows += 1
                stats.windowDays += affected.count
                stats.windowDaysReused += reusedDays
                if reusedDays == affected.count { stats.windowsReused += 1 }
                rowsA.append(sa.indices.map { a.row(term: $0, stretches: sa[$0]) })
                rowsB.append(sb.indices.map { b.row(term: $0, stretches: sb[$0]) })
                stretchesA.append(sa)
                stretchesB.append(sb)
            }
            guard windows > 0 else { return nil }
            func best(_ rows: [[TermRowResult]], _ window: (Int) -> Window, _ point: (Int) -> Vec3) -> Int {
                var chosen = 0
                var most = -Double.infinity
                for (wi, r) in rows.enumerated() {
                    let t = FlatTable(flat: flat, windowIndex: wi, point: point(wi),
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
                TermComparison(term: a.terms[k], before: rowsA[bestA][k], after: rowsB[bestA][k],
                               lost: Plan.differences(stretchesA[bestA][k], stretchesB[bestA][k], name: nameB),
                               gained: Plan.differences(stretchesB[bestA][k], stretchesA[bestA][k], name: nameA))
            }
            var verdicts: [StandardVerdict] = []
            for k in a.terms.indices {
                let x = rowsA[bestA][k]
                let y = rowsB[bestB][k]
                if let required = x.requiredMinutes, let before = x.meetsStandard, let after = y.meetsStandard {
                    verdicts.append(StandardVerdict(termLongitude: x.term.longitudeDegrees, requiredMinutes: required,
                                                    beforeBandSeconds: x.bandSeconds, afterBandSeconds: y.bandSeconds,
                                                    before: before, after: after))
                }
            }
            return (FlatComparison(flat: flat, windowIndex: bestA, terms: terms, verdicts: verdicts), stats)
        }

        /// Days on which some changed solid may shade one of the points (the engine's own
        /// culling tests, see ``SceneComparison/compare(before:after:zone:profile:year:workers:reuse:)``).
        func affectedDays(points: [Vec3], outward n: Vec2) -> [Bool] {
            var affected = [Bool](repeating: false, count: a.days.count)
            for o in changedSolids {
                for p in points {
                    guard o.topMeters > p.z + 1e-9, o.footprint.contains(where: { ($0 - p.xy).dot(n) > 1e-6 }) else {
                        continue
                    }
                    let box = SkyBox(from: p, obstacle: o)
                    for k in affected.indices where !affected[k] && a.days[k].sunPassesBelow(box) { affected[k] = true }
                }
            }
            return affected
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
                    let piece = ChangedStretch(start: max(x.start, y.start), end: min(x.end, y.end),
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
        obstacles = scene.buildings.enumerated().map { i, b in
            Obstacle(buildingIndex: i, footprint: b.footprint, baseMeters: b.baseMeters, topMeters: b.topMeters)
        }
    }

    /// The stretches of the days marked in `days` (empty lists elsewhere) for a facade
    /// point, or the points of a whole sill (lit only where all are lit), as ``termRows(points:outward:obstacles:)``.
    func stretches(points: [Vec3], outward: Vec2?, obstacles: [Obstacle], days mask: [Bool]) -> [[Stretch]] {
        guard mask.contains(true) else { return mask.map { _ in [] } }
        let views = points.map {
            ObstructionView(point: $0, outward: outward, minimumSweepDegrees: profile.minimumSweepDegrees,
                            obstacles: obstacles)
        }
        return mask.indices.map { k in
            guard mask[k] else { return [] }
            var stretches = views[0].stretches(on: days[k])
            for v in views.dropFirst() { stretches = Stretch.intersectingSunlit(stretches, v.stretches(on: days[k])) }
            return stretches
        }
    }
}
