import Scene
import SolarCore

/// A 30-building district with one 100 m tower added between its middle rows.
func districtWithTower(sideWindows: Bool) -> SceneDocument {
    var d = syntheticDistrict(buildings: 30, sideWindows: sideWindows)
    d.buildings.append(BuildingSpec(id: "T", box: BoxSpec(x: 160, y: 225, width: 20, depth: 20), height: 100))
    return d
}

let compareSuite = BenchSuite(name: "compare", summary: "before/after comparison with reuse, and facade sun-hour grids")
{ options in
    var report = SuiteReport(unit: "window-days")
    let zone = FixedOffsetZone(hours: 8)
    // The target district (one south window per unit), then the variant whose end units also look sideways.
    for sideWindows in [false, true] {
        let before = try! syntheticDistrict(buildings: 30, sideWindows: sideWindows).validated(isKnownTimeZone: { _ in
            true
        })
        let after = try! districtWithTower(sideWindows: sideWindows).validated(isKnownTimeZone: { _ in true })
        let windows = before.buildings.reduce(0) {
            $0 + ($1.floors ?? 0) * $1.units.reduce(0) { $0 + $1.windows.count }
        }
        let rounds = BenchOptions(warmUpRounds: 1, rounds: 3)
        let one = await measure(
            "evaluate one version (30 bldgs, \(windows) windows), 2 cores", items: windows * 24, options: rounds
        ) {
            let a = SunlightAnalyzer(scene: after, zone: zone, profile: .gb50180(), year: 2026)
            return await a.allTables(workers: 2).count
        }
        var stats: ReuseStatistics?
        var pushed: Int?
        let both = await measure(
            "compare two versions (+1 tower), reuse, 2 cores", items: windows * 24 * 2, options: rounds
        ) {
            let c = try! await SceneComparison.compare(
                before: before, after: after, zone: zone, profile: .gb50180(),
                year: 2026, workers: 2)
            stats = c.reuse
            pushed = c.pushedBelowStandard.count
            return c.flats.count
        }
        let full = await measure(
            "compare two versions, no reuse, 2 cores", items: windows * 24 * 2,
            options: BenchOptions(warmUpRounds: 0, rounds: 1)
        ) {
            try! await SceneComparison.compare(
                before: before, after: after, zone: zone, profile: .gb50180(), year: 2026,
                workers: 2, reuse: false
            ).flats.count
        }
        report.measurements += [one, both, full]
        let s = stats!
        let ratio = both.minSeconds / one.minSeconds
        let label = "\(windows) windows"
        report.notes.append(
            (
                "\(label): compare / evaluate one",
                "\(fixed(ratio, 2))× (target ≈ 1×); without reuse \(fixed(full.minSeconds / one.minSeconds, 2))×"
            ))
        report.notes.append(
            (
                "\(label): reused",
                "\(s.windowDaysReused) of \(s.windowDays) window-days (\(fixed(100 * Double(s.windowDaysReused) / Double(s.windowDays), 1)) %), \(s.windowsReused) of \(s.windows) windows whole; \(s.windowDaysOverlaid) overlaid with the tower's shadow; \(s.windowDays - s.windowDaysReused - s.windowDaysOverlaid) evaluated in full"
            ))
        report.notes.append(("\(label): flats pushed below GB 50180", "\(pushed!)"))
        let key = sideWindows ? "compare.whole30" : "compare.target30"
        report.facts += [
            ("\(key).one.seconds", fixed(one.minSeconds, 4)), ("\(key).both.seconds", fixed(both.minSeconds, 4)),
            ("\(key).ratio", fixed(ratio, 3)),
            ("\(key).reused_fraction", fixed(Double(s.windowDaysReused) / Double(s.windowDays), 4)),
        ]
    }

    // Facade heat map: B13's south facade, 1 m along × every floor's sill, on 大寒.
    let after = try! districtWithTower(sideWindows: true).validated(isKnownTimeZone: { _ in true })
    let analyzer = SunlightAnalyzer(scene: after, zone: zone, profile: .gb50180(), year: 2026)
    let building = after.buildings[after.buildingIndex(id: "B13")!]
    let length = (building.footprint[1] - building.footprint[0]).length
    let grid = FacadeGrid(
        building: "B13", edge: 0, offsetsMeters: FacadeGrid.offsets(lengthMeters: length, spacingMeters: 1),
        heightsMeters: analyzer.floorSillHeights(building: building))
    let majorCold = analyzer.terms.firstIndex { $0.longitudeDegrees == RuleProfile.majorCold }!
    let points = grid.offsetsMeters.count * grid.heightsMeters.count
    let facade = await measure(
        "facade grid \(grid.offsetsMeters.count) × \(grid.heightsMeters.count) points, 大寒, 2 cores", items: points,
        options: options
    ) {
        try! await analyzer.facadeMap(grid, termIndex: majorCold, workers: 2).samples.count
    }
    report.measurements.append(facade)
    report.facts.append(("compare.facade_points_per_s", fixed(facade.itemsPerSecond, 0)))
    return report
}
