import ArgumentParser
import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two versions of a site: which flats lose sun, and who takes it (方案对比).",
        discussion: """
            Example:
              sunspot compare data/sample-compound-before.json data/sample-compound.json \\
                --year 2026 --standard gb50180
            Every flat in both scenes is compared on the 24 terms. The headline counts the
            flats the change pushes below the standard (they met it before and fail after)
            and names the responsible buildings; the table lists every flat whose sunlight
            changed. Buildings are matched by id; the two scenes must describe the same
            site.
            """)

    @Argument(help: "Scene before the change (JSON).")
    var before: String

    @Argument(help: "Scene after the change (JSON).")
    var after: String

    @OptionGroup var rules: ProfileOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let profile = try rules.profile()
        let x = try loadScene(before)
        let y = try loadScene(after)
        let zone = try resolveZone(x.timeZoneIdentifier, option: "site.timeZone")
        let year = self.rules.year
        let comparison: SceneComparison
        do throws(SceneIssue) {
            comparison = try await SceneComparison.compare(
                before: x, after: y, zone: zone, profile: profile, year: year,
                workers: ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            throw ValidationError("\(after): \(error.description)")
        }
        let report = ComparisonReport(comparison, profile: profile, year: year, zone: zone, longitude: x.site.longitude)
        let lang = output.lang.value
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case .table: print(report.headlineText(lang) + "\n" + report.table(lang).render(.table), terminator: "")
        case let f: print(report.table(lang).render(f), terminator: "")
        }
    }
}
