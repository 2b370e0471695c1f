import ArgumentParser
import Render
import Scene
import SolarCore
import SunSpotIO

struct SunpathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunpath",
        abstract: "Draw the sun's path over the site's sky, with a window's obstructions.",
        discussion: """
            Example:
              sunspot sunpath data/sample-compound.json --date 2026-12-22 \\
                --window 3/5/east -o sunpath.png
              sunspot sunpath data/sample-compound.json --all-terms --year 2026 \\
                --lang en -o terms.pdf
            A polar chart of the sky (zenith at the centre, north up): the day's path with
            true-solar hour marks, or all 24 terms' paths with hour lines. With --window
            the buildings that block that window are drawn as a skyline, the sky behind
            its facade is greyed, and the path is solid where the window is in sun, dashed
            where shaded.
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    @Option(help: "Civil date YYYY-MM-DD in the site's zone.")
    var date: String?

    @Flag(help: "Draw the analysis days of all 24 solar terms of --year instead of one date.")
    var allTerms = false

    @Option(parsing: .unconditional, help: "Year for --all-terms.", transform: wholeNumber("2026"))
    var year: Int = 2026

    @Option(help: "Flat whose window to draw, building/floor/unit, e.g. 3/5/east.")
    var window: String?

    @Option(help: "Building id (with --floor and --unit, instead of --window).") var building: String?
    @Option(parsing: .unconditional, help: "Floor, 1-based.", transform: wholeNumber("5")) var floor: Int?
    @Option(help: "Unit id.") var unit: String?

    @Option(
        parsing: .unconditional, help: "Which window of the unit, 0-based (default: the one the flat's table shows).",
        transform: wholeNumber("0"))
    var windowIndex: Int?

    @Option(help: "Rule profile (refraction, sill height, sweep angle): \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @Option(help: "Sky projection: stereographic or equidistant.")
    var projection: String = "stereographic"

    @OptionGroup var picture: PictureOutputOptions

    func run() throws {
        let (options, format) = try picture.resolve()
        let flat = try resolveFlat(text: window, building: building, floor: floor, unit: unit, option: "--window")
        guard let kind = SkyProjection.Kind(rawValue: projection) else {
            throw ValidationError("--projection must be stereographic or equidistant (got '\(projection)')")
        }
        let days: SunPathDays
        switch (date, allTerms) {
        case (nil, false): throw ValidationError("missing --date: give a day, e.g. --date 2026-12-22 (or --all-terms)")
        case (.some, true): throw ValidationError("give either --date or --all-terms, not both")
        case (let text?, false): days = .date(try parsed { () throws(QueryFailure) in try Parameters.date(text) })
        case (nil, true):
            try parsed { () throws(QueryFailure) in try Parameters.checkYear(year) }
            days = .allTerms(year: year)
        }
        let profile = try resolveProfile(standard, climateZone: "II", smallCity: false)
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let diagram: SunPathDiagram
        do {
            diagram = try SunPathDiagram.make(
                scene: scene, zone: zone, profile: profile, days: days, flat: flat,
                windowIndex: windowIndex, language: options.language, projection: kind)
        } catch {
            throw ValidationError("--\(error.path == "window" ? "window-index" : error.path) \(error.message)")
        }
        try picture.write(diagram.picture(options), format: format)
    }
}
