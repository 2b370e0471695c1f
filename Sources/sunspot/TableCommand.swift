import ArgumentParser
import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

struct TableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "When direct sun reaches one flat's window on each of the 24 solar terms.",
        discussion: """
            Example:
              sunspot table data/sample-compound.json --building 3 --floor 5 --unit east \\
                --year 2026
              sunspot table data/sample-compound.json 3/5/east --standard beijing \\
                --format json
            Intervals are exact (to the second) and name the building whose shadow ends
            each one. 大寒 and 冬至 carry the standard's verdict; the other 22 terms are
            informative.
            """)

    @Argument(help: "Scene file (JSON, DESIGN.md scene format).")
    var scene: String

    @Argument(help: "Flat as building/floor/unit, e.g. 3/5/east (or use the options).")
    var flat: String?

    @Option(help: "Building id.") var building: String?
    @Option(parsing: .unconditional, help: "Floor, 1-based.", transform: wholeNumber("5")) var floor: Int?
    @Option(help: "Unit id.") var unit: String?

    @Option(
        parsing: .unconditional,
        help: "Which window of the unit, 0-based (default: the one with the most minutes on 大寒).",
        transform: wholeNumber("0"))
    var windowIndex: Int?

    @OptionGroup var rules: ProfileOptions

    @OptionGroup var output: OutputOptions

    func run() throws {
        let address = try resolveFlat()
        let profile = try rules.profile()
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: rules.year)
        let table: FlatTable
        do {
            table = try analyzer.table(for: address, windowIndex: windowIndex)
        } catch {
            throw ValidationError("--\(error.path) \(error.message)")
        }
        let report = FlatTableReport(table: table, analyzer: analyzer)
        switch output.format.value {
        case .json: print(String(decoding: try report.prettyJSON(), as: UTF8.self), terminator: "")
        case .table:
            print(report.caption(output.lang.value) + report.table(output.lang.value).render(.table), terminator: "")
        case let f: print(report.table(output.lang.value).render(f), terminator: "")
        }
    }

    func resolveFlat() throws -> FlatAddress {
        guard
            let address = try sunspot.resolveFlat(
                text: flat, building: building, floor: floor, unit: unit, option: "FLAT")
        else {
            throw ValidationError("missing the flat: give FLAT like 3/5/east, or --building, --floor and --unit")
        }
        return address
    }
}
