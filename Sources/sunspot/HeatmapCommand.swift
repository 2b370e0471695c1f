import ArgumentParser
import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO

struct HeatmapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap",
        abstract: "Draw sun hours on the ground for a day, with equal-time contour lines.",
        discussion: """
            Example:
              sunspot heatmap data/sample-compound.json --date 2026-12-22 --band 9-15 \\
                -o hours.png
              sunspot heatmap data/sample-compound.json --date 2026-01-20 --spacing 1 \\
                --lang en -o hours.pdf
            Before and after on one frame and grid (same --extent and --spacing):
              sunspot heatmap data/sample-compound-before.json --date 2026-12-22 \\
                --extent=-90,-70:90,110 --spacing 2 -o before.png
              sunspot heatmap data/sample-compound.json --date 2026-12-22 \\
                --extent=-90,-70:90,110 --spacing 2 -o after.png
            Each grid point's sunlit time is exact (the same engine as the flat tables, as
            a free point on the ground); --band counts only those hours, read on the
            profile's clock (true solar time for gb50180). Black lines join points with
            the same whole hours.
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    @Option(help: "Civil date YYYY-MM-DD in the site's zone.")
    var date: String

    @Option(help: "Hours counted, e.g. 8-16 (default: the whole day).")
    var band: String?

    @Option(
        parsing: .unconditional, help: "Grid spacing in metres (default: about 160 points across the site).",
        transform: number("2"))
    var spacing: Double?

    @Option(
        parsing: .unconditional, help: "Height of the plane above ground, metres (e.g. 0.9 for a ground-floor sill).",
        transform: number("0.9"))
    var planeHeight: Double = 0

    @Option(
        help:
            "Ground mapped, two opposite corners in scene metres: x0,y0:x1,y1 (write --extent=… when it starts with -); the same extent and --spacing give two schemes one frame and grid."
    )
    var extent: String?

    @Option(help: "Rule profile (clock, refraction): \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @OptionGroup var picture: PictureOutputOptions

    func run() async throws {
        let (options, format) = try picture.resolve()
        let day = try parsed { () throws(QueryFailure) in try Parameters.date(date) }
        let parsedBand = try band.map { text in try parsed { () throws(QueryFailure) in try Parameters.band(text) } }
        if let spacing, !(spacing.isFinite && spacing >= GroundGrid.minimumSpacing) {
            throw ValidationError("--spacing must be at least \(GroundGrid.minimumSpacing) m (got \(spacing))")
        }
        let corners = try extent.map(Self.corners)
        let profile = try resolveProfile(standard, climateZone: "II", smallCity: false)
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let map: SunHoursMap
        do throws(SceneIssue) {
            map = try await SunHoursMap.make(
                scene: scene, zone: zone, profile: profile, date: day, band: parsedBand, spacingMeters: spacing,
                planeHeight: planeHeight, extent: corners, language: options.language,
                workers: ProcessInfo.processInfo.activeProcessorCount)
        } catch let issue {
            throw ValidationError(
                "--\(issue.path == "planeHeight" ? "plane-height" : issue.path == "extent" ? "extent" : issue.path == "columns" || issue.path == "rows" || issue.path == "spacing" ? "spacing" : issue.path) \(issue.message)"
            )
        }
        try picture.write(map.picture(options), format: format)
    }

    /// `x0,y0:x1,y1` → the two corners, naming what is wrong.
    static func corners(_ text: String) throws -> (Vec2, Vec2) {
        let points = text.split(separator: ":").map { $0.split(separator: ",").map { Double($0) } }
        guard points.count == 2, points.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0?.isFinite == true } }) else {
            throw ValidationError(
                "--extent must be two corners x0,y0:x1,y1 in metres, e.g. --extent=-80,-60:70,100 (got '\(text)')")
        }
        return (Vec2(points[0][0]!, points[0][1]!), Vec2(points[1][0]!, points[1][1]!))
    }
}
