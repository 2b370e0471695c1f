import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

/// What `sunspotd` computes for a sunlight request that misses the response cache but finds
/// the scene revision's analysis (issue 12's "another flat of an analysed scene"), in its
/// three stages, on one core: the engine's table, the report's strings, the JSON bytes.
/// Timed in-process because wrk's figure on this VM swings 10–25 % from minute to minute;
/// the stages' sum is what the request adds to HTTP and scheduling.
let serveSuite = BenchSuite(
    name: "serve", summary: "an uncached sunlight request's work: each flat of the sample compound, one core"
) { options in
    var report = SuiteReport(unit: "flats")
    let url = URL(fileURLWithPath: "data/sample-compound.json")
    guard let scene = try? SceneLoader.load(contentsOf: url),
        let zone = SystemTimeZone(identifier: scene.timeZoneIdentifier)
    else {
        report.notes.append(("serve", "data/sample-compound.json not found: run from the checkout's root"))
        return report
    }
    let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: .gb50180(), year: 2026)
    let flats = analyzer.allFlats
    let tables = flats.map { try! analyzer.table(for: $0) }
    let reports = tables.map { FlatTableReport(table: $0, analyzer: analyzer) }
    let table = await measure("engine: the flat's 24-term table", items: flats.count, options: options) {
        flats.reduce(0) { $0 + (try! analyzer.table(for: $1)).rows.count }
    }
    let strings = await measure("report: times as civil and true solar text", items: flats.count, options: options) {
        tables.reduce(0) { $0 + FlatTableReport(table: $1, analyzer: analyzer).rows.count }
    }
    let json = await measure("JSON bytes (PrettyJSONWriter)", items: flats.count, options: options) {
        reports.reduce(0) { $0 + (try! $1.prettyJSON()).count }
    }
    let whole = await measure("all three, as FlatsController.table", items: flats.count, options: options) {
        flats.reduce(0) { n, flat in
            n + (try! FlatTableReport(table: analyzer.table(for: flat), analyzer: analyzer).prettyJSON()).count
        }
    }
    report.measurements += [table, strings, json, whole]
    let perFlat = { (m: BenchMeasurement) in fixed(m.minSeconds / Double(flats.count) * 1e6, 1) }
    report.notes.append(
        (
            "per flat (µs, fastest round)",
            "engine \(perFlat(table)), strings \(perFlat(strings)), JSON \(perFlat(json)); together \(perFlat(whole))"
        ))
    report.facts.append(("serve.flat_us", perFlat(whole)))
    return report
}
