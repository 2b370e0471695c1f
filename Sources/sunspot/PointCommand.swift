import ArgumentParser
import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

struct PointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "Is this point in the sun, and if not, what blocks it? (an instant, or a whole day)",
        discussion: """
            Examples:
              sunspot point data/sample-compound.json --x 0 --y 15 --z 1.5 \\
                --at 2026-12-22T10:00
              sunspot point data/sample-compound.json --x 0 --y 15 --z 1.5 \\
                --date 2026-12-22 --format json
              sunspot point data/sample-compound.json --x -20 --y -6 --z 10 --facing 180 \\
                --date 2026-01-20
            (0, 15) is the lawn between buildings 1 and 3; (-20, -6) is on building 1's
            south wall, 10 m up. Coordinates are the scene's metres (x east, y north, z
            up). With --facing the point sits on a facade whose outward normal has that
            azimuth (degrees clockwise from north), and the sun must be in front of it. A
            time without an offset is read in the site's zone.
            """)

    @Argument(help: "Scene file (JSON, DESIGN.md scene format).")
    var scene: String

    @Option(
        parsing: .unconditional, help: "East coordinate, metres (negative values allowed: --x -20).",
        transform: number("-20")) var x: Double
    @Option(parsing: .unconditional, help: "North coordinate, metres.", transform: number("-5")) var y: Double
    @Option(parsing: .unconditional, help: "Height above ground, metres.", transform: number("1.5")) var z: Double = 1.5

    @Option(help: "An instant, ISO 8601 (e.g. 2026-12-22T10:00 or with +08:00).")
    var at: String?

    @Option(help: "A civil date (YYYY-MM-DD): the point's sunlit intervals over the whole day.")
    var date: String?

    @Option(
        parsing: .unconditional,
        help:
            "Azimuth of the facade's outward normal, degrees clockwise from north (the point is on a facade; -90 = 270).",
        transform: number("-90"))
    var facing: Double?

    @Option(
        help: "Rule profile for refraction, least altitude and the band: \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (at == nil) != (date == nil) else {
            throw ValidationError("give exactly one of --at (an instant) or --date (a day)")
        }
        let profile = try resolveProfile(standard, climateZone: "II", smallCity: false)
        let report: PointReport
        do {
            report = try PointReport.make(
                scene: try loadScene(scene), x: x, y: y, z: z, facing: facing, at: at, date: date,
                profile: profile)
        } catch let failure as QueryFailure {
            throw ValidationError(
                failure.field == "site.timeZone" ? failure.description : "--\(failure.field) \(failure.message)")
        }
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case let f: print(report.table(output.lang.value).render(f), terminator: "")
        }
    }
}
