import ArgumentParser
import Render
import Scene
import SolarCore
import SunSpotIO

struct ShadowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shadow",
        abstract: "Draw the site plan with the buildings' ground shadows at an instant, or hourly outlines for a day.",
        discussion: """
            Example:
              sunspot shadow data/sample-compound.json --at 2026-12-22T10:00 \\
                --flat 1/1/east -o shadow.png
              sunspot shadow data/sample-compound.json --hourly --date 2026-01-20 \\
                --lang en -o hourly.pdf
            A time without an offset is read in the site's zone. The plan is true north
            up, buildings shaded by height and labelled with id and height; the flat's
            window is a dot coloured as the engine finds it (lit, shaded, or sun behind
            its facade). The caption gives civil and true solar time and the sun's azimuth
            and elevation. --hourly draws the shadow outline at each whole hour of true
            solar time (時刻日影図).
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    @Option(help: "Instant, ISO 8601 (e.g. 2026-12-22T10:00 in the site's zone, or with +08:00).")
    var at: String?

    @Flag(help: "Draw hourly shadow outlines of --date instead of one instant.")
    var hourly = false

    @Option(help: "Civil date YYYY-MM-DD for --hourly.")
    var date: String?

    @Option(help: "Flat to mark, building/floor/unit, e.g. 3/5/east.")
    var flat: String?

    @Option(help: "Building id (with --floor and --unit, instead of --flat).") var building: String?
    @Option(parsing: .unconditional, help: "Floor, 1-based.", transform: wholeNumber("5")) var floor: Int?
    @Option(help: "Unit id.") var unit: String?

    @Option(
        parsing: .unconditional, help: "Which window of the unit, 0-based (default: the one the flat's table shows).",
        transform: wholeNumber("0"))
    var windowIndex: Int?

    @Option(help: "Rule profile (refraction, sill height): \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @OptionGroup var picture: PictureOutputOptions

    func run() throws {
        let (options, format) = try picture.resolve()
        let address = try resolveFlat(text: flat, building: building, floor: floor, unit: unit, option: "--flat")
        let profile = try resolveProfile(standard, climateZone: "II", smallCity: false)
        enum When { case instant(String), day(CivilDate) }
        let when: When
        switch (at, hourly, date) {
        case (let text?, false, nil): when = .instant(text)
        case (nil, true, let text?):
            when = .day(try parsed { () throws(QueryFailure) in try Parameters.date(text) })
        case (nil, true, nil): throw ValidationError("--hourly needs --date YYYY-MM-DD, e.g. --date 2026-12-22")
        case (nil, false, _):
            throw ValidationError(
                "missing --at: give an instant, e.g. --at 2026-12-22T10:00 (or --hourly --date 2026-12-22)")
        default: throw ValidationError("give either --at, or --hourly with --date")
        }
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let map: ShadowMap
        do {
            switch when {
            case .instant(let text):
                let instant: Instant
                do {
                    instant = try InstantParsing.parse(text, zone: zone).instant
                } catch let failure as InstantParsing.Failure {
                    throw ValidationError("--at: \(failure.description)")
                }
                let year = zone.civil(instant).date.year
                try parsed { () throws(QueryFailure) in try Parameters.checkYear(year, field: "at") }
                map = try ShadowMap.instant(
                    scene: scene, zone: zone, profile: profile, at: instant, flat: address,
                    windowIndex: windowIndex, language: options.language)
            case .day(let d):
                map = try ShadowMap.hourly(
                    scene: scene, zone: zone, profile: profile, date: d, flat: address,
                    windowIndex: windowIndex, language: options.language)
            }
        } catch let issue as SceneIssue {
            throw ValidationError("--\(issue.path == "window" ? "window-index" : issue.path) \(issue.message)")
        }
        try picture.write(map.picture(options), format: format)
    }
}
