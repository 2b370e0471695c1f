import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO

/// The daemon's compute budget (issue 28): how the heat map's cost estimate
/// (``GroundWorkEstimate``, units of point × kept edge × piece) compares with the time the
/// map takes on one core, as `sunspotd` runs it, on three scenes unlike each other; and
/// what the engine's cancellation check (one `Task.isCancelled` a point) costs.
///
/// ``GroundWorkEstimate/seconds(_:)``'s rate was fitted to these rows (ns a unit against
/// prism-pieces a point); the ratio printed is how far its estimate is from the map.
let budgetSuite = BenchSuite(
    name: "budget", summary: "heat-map cost estimate vs measured time (1 core); the cancellation check's cost"
) { options in
    var report = SuiteReport(unit: "points")
    let date = CivilDate(year: 2026, month: 12, day: 22)
    let profile = RuleProfile.gb50180()
    var scenes: [(String, Scene, any CivilTimeZone, Double?)] = []
    if let sample = try? SceneLoader.load(contentsOf: URL(fileURLWithPath: "data/sample-compound.json")),
        let zone = SystemTimeZone(identifier: sample.timeZoneIdentifier)
    {
        scenes.append(("sample compound, default grid", sample, zone, nil))
    }
    let zone8 = FixedOffsetZone(hours: 8)
    let district = try! syntheticDistrict(buildings: 30).validated(isKnownTimeZone: { _ in true })
    scenes.append(("30-building district, default grid", district, zone8, nil))
    scenes.append(("30-building district, 2 m grid", district, zone8, 2))
    scenes.append(("200 towers of 100 m, default grid", heavyTowers(count: 200, height: 100), zone8, nil))
    scenes.append(("2,000 towers of 300 m, 90 m grid", heavyTowers(), zone8, 90))

    // One flag read a point: time it alone, in a task, as the engine's loop does it.
    let checks = 20_000_000
    let check = await measure("Task.isCancelled, alone", items: checks, options: BenchOptions(rounds: 3)) {
        var seen = 0
        for _ in 0..<checks where Task.isCancelled { seen += 1 }
        return seen
    }
    let nanosecondsPerCheck = check.minSeconds / Double(checks) * 1e9
    report.measurements.append(check)

    for (name, scene, zone, spacing) in scenes {
        let grid = SunHoursMap.grid(for: scene, spacingMeters: spacing)
        var units = 0.0
        var estimated = 0.0
        var work = (points: 0.0, edgePieces: 0.0, prismPieces: 0.0)
        let estimate = await measure("estimate: \(name)", items: grid.count, options: options) {
            let model = try! GroundWorkEstimate(
                scene: scene, on: date, zone: zone, profile: profile, band: nil, planeHeight: 0)
            units = model.units(grid)
            work = model.work(grid)
            estimated = model.seconds(grid)
            return units
        }
        let map = await measure(
            "heat map: \(name) (\(grid.columns)×\(grid.rows) at \(fixed(grid.spacing, 1)) m)", items: grid.count,
            options: BenchOptions(warmUpRounds: 0, rounds: 1)
        ) {
            try! await groundSunHours(
                of: scene, on: date, zone: zone, profile: profile, band: nil, grid: grid, planeHeight: 0,
                workers: 1
            ).seconds.reduce(0, +)
        }
        report.measurements += [estimate, map]
        let rate = map.minSeconds / units * 1e9
        let overhead = Double(grid.count) / 4 * nanosecondsPerCheck / (map.minSeconds * 1e9) * 100
        report.notes.append(
            (
                name,
                "\(scientific(units)) units (a point: \(fixed(work.edgePieces, 0)) edge-pieces, "
                    + "\(fixed(work.prismPieces, 1)) prism-pieces), \(fixed(map.minSeconds, 3)) s: \(fixed(rate, 1)) ns a unit; "
                    + "estimated \(fixed(estimated, 3)) s (\(fixed(estimated / map.minSeconds, 2))× the measured), "
                    + "estimate in \(fixed(estimate.minSeconds * 1000, 2)) ms; "
                    + "cancellation checks \(fixed(overhead, 4)) % of the map"
            ))
        report.facts.append(("budget.ns_per_unit.\(report.facts.count)", fixed(rate, 2)))
    }
    report.notes.append(("check", "\(fixed(nanosecondsPerCheck, 2)) ns a Task.isCancelled (target: < 1 % of a map)"))
    return report
}

/// Issue 28's heavy scene: 2,000 towers, 12 × 12 m and 300 m tall, rotated 17°, on a 30 m grid
/// (Scripts/cluster/heavy_scene.py writes the same scene as JSON).
func heavyTowers(count: Int = 2000, height: Double = 300) -> Scene {
    let columns = 45
    let buildings = (0..<count).map { k in
        BuildingSpec(
            id: "T\(k)",
            box: BoxSpec(
                x: Double(k % columns - columns / 2) * 30 - 15, y: Double(k / columns - columns / 2) * 30 - 15,
                width: 12, depth: 12, rotation: 17),
            height: height)
    }
    let site = SiteSpec(latitude: 31.2304, longitude: 121.4737, timeZone: "Asia/Shanghai")
    return try! SceneDocument(name: "2,000 towers", site: site, buildings: buildings)
        .validated(isKnownTimeZone: { _ in true })
}
