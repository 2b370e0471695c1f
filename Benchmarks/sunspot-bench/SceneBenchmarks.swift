import Scene
import SolarCore

/// A synthetic district: rows of 33-storey slabs with 4 units, 1–2 windows each (the end
/// units also look sideways); with `sideWindows: false`, one south window per unit, which
/// is the target district at 30 buildings (3,960 windows).
func syntheticDistrict(buildings: Int, sideWindows: Bool = true) -> SceneDocument {
    var specs: [BuildingSpec] = []
    let perRow = 5
    for i in 0..<buildings {
        let col = i % perRow
        let row = i / perRow
        let windows: (Int) -> [WindowSpec] = { u in
            var w = [WindowSpec(face: "south", offset: Double(u) * 14 - 21, width: 1.8)]
            if sideWindows && u == 0 { w.append(WindowSpec(face: "west", offset: 0, width: 1.5)) }
            if sideWindows && u == 3 { w.append(WindowSpec(face: "east", offset: 0, width: 1.5)) }
            return w
        }
        specs.append(
            BuildingSpec(
                id: "B\(i + 1)",
                box: BoxSpec(
                    x: Double(col) * 75 + Double(row % 2) * 20, y: Double(row) * 90, width: 60, depth: 14,
                    rotation: Double((i * 7) % 11) - 5),
                floors: 33, floorHeight: 3,
                units: (0..<4).map { UnitSpec(id: "u\($0 + 1)", windows: windows($0)) }))
    }
    return SceneDocument(
        name: "synthetic \(buildings)",
        site: SiteSpec(latitude: 39.9042, longitude: 116.4074, timeZone: "Asia/Shanghai"),
        buildings: specs)
}

let sceneSuite = BenchSuite(name: "scene", summary: "exact sunlit intervals: flat tables and whole districts") {
    options in
    var report = SuiteReport(unit: "window-days")
    let zone = FixedOffsetZone(hours: 8)
    for (n, sideWindows) in [(10, true), (30, false), (30, true), (100, true)] {
        let scene = try! syntheticDistrict(buildings: n, sideWindows: sideWindows).validated(isKnownTimeZone: { _ in
            true
        })
        let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: .gb50180(), year: 2026)
        let flats = analyzer.allFlats
        let windows = scene.buildings.reduce(0) { $0 + ($1.floors ?? 0) * $1.units.reduce(0) { $0 + $1.windows.count } }
        // Whole scene on both cores, setup (24 sun days) included.
        let whole = await measure(
            "\(n) bldgs, \(windows) windows × 24 terms, 2 cores", items: windows * 24,
            options: BenchOptions(warmUpRounds: n >= 100 ? 0 : 1, rounds: n >= 100 ? 1 : 3)
        ) {
            let a = SunlightAnalyzer(scene: scene, zone: zone, profile: .gb50180(), year: 2026)
            let tables = await a.allTables(workers: 2)
            return tables.reduce(0.0) { $0 + $1.rows.reduce(0) { $0 + $1.totalSeconds } }
        }
        report.measurements.append(whole)
        let key = sideWindows ? "whole\(n)" : "target\(n)"
        report.facts.append(("scene.\(key).seconds", fixed(whole.minSeconds, 4)))
        report.facts.append(("scene.\(key).windows", "\(windows)"))
        if n == 30 && !sideWindows {
            report.notes.append(
                (
                    "target district",
                    "30 bldgs, \(windows) windows × 24 terms in \(fixed(whole.minSeconds, 3)) s (target < 0.5 s on 2 cores)"
                ))
        }
        if n == 30 && sideWindows {
            let middle = flats[flats.count / 2]
            let one = await measure("one flat's 24-term table (30 bldgs)", items: 24, options: options) {
                (try! analyzer.table(for: middle)).rows.count
            }
            report.measurements.append(one)
            report.notes.append(("one flat table latency", "\(fixed(one.minSeconds * 1000, 3)) ms (target < 5 ms)"))
            report.notes.append(
                ("30 bldgs with side windows", "\(windows) windows × 24 terms in \(fixed(whole.minSeconds, 3)) s"))
            report.facts.append(("scene.flat30.ms", fixed(one.minSeconds * 1000, 3)))
            // For the numpy peer (Scripts/bench.sh peers_scene): the document and per-window minutes.
            if let prefix = options.exportPrefix {
                report.facts += SceneExport.write(
                    document: syntheticDistrict(buildings: n, sideWindows: sideWindows), scene: scene,
                    analyzer: analyzer, zone: zone, prefix: prefix, tag: "district\(n)")
            }
        }
    }
    report.notes.append(("peak memory (max RSS)", "\(peakMemoryMiB()) MiB"))
    report.facts.append(("scene.peak_mib", "\(peakMemoryMiB())"))
    return report
}
