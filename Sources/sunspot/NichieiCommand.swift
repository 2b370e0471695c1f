import ArgumentParser
import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

/// `sunspot nichiei`: Japan's 日影規制 (別表第4) check of a scene's buildings — the library's
/// ``nichieiCheck(of:subjectBuildings:siteBoundary:regulation:year:zone:grid:workers:)``,
/// which had no command before.
struct NichieiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nichiei",
        abstract: "Japan's shadow regulation (日影規制, 別表第4): shadow hours beyond the 5 m and 10 m lines of a site.",
        discussion: """
            Example:
              sunspot nichiei data/sample-compound.json --subject 5 \\
                --boundary=-62,53:-18,53:-18,87:-62,87 --column 1
            On 冬至 of --year, 8:00–16:00 true solar time (9–15 with --hokkaido),
            the shadow of the buildings on a plane --plane-height above the ground
            is summed on a grid of --spacing metres reaching --margin metres beyond
            the site boundary. A point 5–10 m out in shadow for the column's first
            limit or longer, or beyond 10 m for the second, is a violation (以上).
            Geometric sun, plain offset lines (no 緩和措置), one site's buildings
            (no 複合日影). --format json lists every grid point beyond the 5 m line.
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    @Option(
        help:
            "Site boundary, counter-clockwise, in scene metres: x,y:x,y:x,y… (write --boundary=… when it starts with -)."
    )
    var boundary: String

    @Option(help: "用途地域 group: low-rise (1.5 m plane), mid-high-rise or mixed (4 or 6.5 m planes).")
    var district: String = "low-rise"

    @Option(help: "別表第4 column chosen by the local ordinance: 1, 2 or 3 (mixed: 1 or 2).")
    var column: Int = 1

    @Flag(help: "道の区域 (Hokkaido): band 9–15 and its limits.")
    var hokkaido = false

    @Option(help: "Plane height in metres (default: 1.5 for low-rise, 4 otherwise).")
    var planeHeight: Double?

    @Option(name: .customLong("subject"), help: "A building whose shadow counts (repeat; default: every building).")
    var subjects: [String] = []

    @Option(help: "Year of 冬至.")
    var year: Int = 2026

    @Option(help: "Grid spacing in metres.")
    var spacing: Double = 1

    @Option(help: "How far the grid reaches beyond the site boundary, metres.")
    var margin: Double = 30

    @Option(
        help:
            "Also draw the check (.png, .pdf or .svg, 1080×1080): the site, its 5 m and 10 m lines, and the limits' shadow-hour lines."
    )
    var picture: String?

    @OptionGroup var output: OutputOptions

    static let districts: [String: NichieiRegulation.District] = [
        "low-rise": .lowRiseResidential, "mid-high-rise": .midHighRiseResidential, "mixed": .residentialCommercial,
    ]

    func run() async throws {
        guard let group = Self.districts[district] else {
            throw ValidationError("--district must be low-rise, mid-high-rise or mixed (got '\(district)')")
        }
        let site = try Self.polygon(boundary)
        guard margin.isFinite, margin > 10, margin <= 1000 else {
            throw ValidationError(
                "--margin must be more than 10 (the far line) and at most 1000 metres (got \(margin))")
        }
        try parsed { () throws(QueryFailure) in try Parameters.checkYear(year) }
        let regulation: NichieiRegulation
        do {
            regulation = try NichieiRegulation.table4(
                district: group, column: column, hokkaido: hokkaido,
                planeHeightMeters: planeHeight)
        } catch {
            throw ValidationError("--\(error.path == "planeHeight" ? "plane-height" : error.path) \(error.message)")
        }
        let pictureFormat = try picture.map { path -> ImageFormat in
            guard let format = ImageFormat(fileName: path) else {
                throw ValidationError("--picture \(path): name the file .png, .pdf or .svg")
            }
            return format
        }
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let xs = site.map(\.x)
        let ys = site.map(\.y)
        let grid = GroundGrid(
            from: Vec2(xs.min()! - margin, ys.min()! - margin),
            to: Vec2(xs.max()! + margin, ys.max()! + margin), spacing: spacing)
        let check: NichieiCheck
        do throws(SceneIssue) {
            check = try await nichieiCheck(
                of: scene, subjectBuildings: subjects.isEmpty ? nil : subjects, siteBoundary: site,
                regulation: regulation, year: year, zone: zone, grid: grid,
                workers: ProcessInfo.processInfo.activeProcessorCount)
        } catch let issue {
            let option =
                issue.path.hasPrefix("subjectBuildings")
                ? "subject"
                : issue.path == "siteBoundary"
                    ? "boundary"
                    : ["columns", "rows", "spacing"].contains(issue.path) ? "spacing" : issue.path
            throw ValidationError("--\(option) \(issue.message)")
        }
        let date = try regulation.standardDate(year: year, zone: zone)
        let report = NichieiReport(check, date: date)
        let lang = output.lang.value
        if let picture, let pictureFormat {
            let drawing = NichieiMap(check: check, buildings: scene.planBuildings, date: date, language: lang)
                .picture(PictureOptions(width: 1080, height: 1080, language: lang))
            do {
                try drawing.write(to: picture, format: pictureFormat)
            } catch {
                throw ValidationError("--picture \(error.description)")
            }
        }
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case .table: print(report.caption(lang) + report.summary(lang).render(.table), terminator: "")
        case let f: print(report.pointsTable().render(f), terminator: "")
        }
    }

    /// `x,y:x,y:…` → vertices; the error names the vertex that does not read.
    static func polygon(_ text: String) throws -> [Vec2] {
        try text.split(separator: ":").enumerated().map { k, pair in
            let xy = pair.split(separator: ",")
            guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]), x.isFinite, y.isFinite else {
                throw ValidationError("--boundary vertex \(k) '\(pair)' is not x,y in metres (write x,y:x,y:x,y…)")
            }
            return Vec2(x, y)
        }
    }
}
