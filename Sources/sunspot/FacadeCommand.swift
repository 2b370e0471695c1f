import ArgumentParser
import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

struct FacadeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facade",
        abstract: "Sun hours over a facade on one term (线上日照, facade heat map).",
        discussion: """
            Example:
              sunspot facade data/sample-compound.json --building 3 --face south \\
                --spacing 2 --term 大寒
              sunspot facade data/sample-compound.json --building 3 --face south \\
                --height 12.5 --format json
            Points sit 1 cm in front of the wall, every --spacing metres along the facade
            (cell centres) or at each --offset, at each --height or else at every floor's
            sill. Each cell gives the minutes that count in the standard's band (✗: below
            the requirement).
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    @Option(help: "Building id.") var building: String
    @Option(help: "Box face: south, east, north or west.") var face: String?
    @Option(parsing: .unconditional, help: "Footprint edge index (instead of --face).", transform: wholeNumber("0"))
    var edge: Int?

    @Option(parsing: .unconditional, help: "Spacing of points along the facade, metres.", transform: number("2"))
    var spacing: Double = 1

    @Option(
        parsing: .unconditionalSingleValue,
        help: "Offset from the facade's midpoint, metres, negative to the left (repeatable; instead of --spacing).",
        transform: number("-12"))
    var offset: [Double] = []

    @Option(
        parsing: .unconditionalSingleValue,
        help: "Height above ground, metres (repeatable; default: every floor's sill).", transform: number("-430"))
    var height: [Double] = []

    @Option(
        parsing: .unconditional,
        help: "Term: Chinese or English name, or ecliptic longitude (default: the standard's first required day).")
    var term: String?

    @OptionGroup var rules: ProfileOptions

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let profile = try rules.profile()
        guard spacing.isFinite, spacing >= 0.1 else {
            throw ValidationError("--spacing must be at least 0.1 m (got \(spacing))")
        }
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: rules.year)
        guard let bi = scene.buildingIndex(id: building) else {
            throw ValidationError(
                "--building '\(building)' is not a building of this scene (have: \(scene.buildings.map(\.id).joined(separator: ", ")))"
            )
        }
        let b = scene.buildings[bi]
        let edgeIndex: Int
        switch (face, edge) {
        case (let f?, nil):
            guard scene.document.buildings[bi].box != nil else {
                throw ValidationError("--face applies to box buildings; '\(building)' has a footprint, use --edge")
            }
            guard let e = FacadeGrid.edge(face: f) else {
                throw ValidationError("--face must be south, east, north or west (got '\(f)')")
            }
            edgeIndex = e
        case (nil, let e?): edgeIndex = e
        default: throw ValidationError("give the facade with --face or --edge (one of them)")
        }
        guard (0..<b.footprint.count).contains(edgeIndex) else {
            throw ValidationError(
                "--edge must be 0...\(b.footprint.count - 1) for building '\(building)' (got \(edgeIndex))")
        }
        let length = (b.footprint[(edgeIndex + 1) % b.footprint.count] - b.footprint[edgeIndex]).length
        let heights = height.isEmpty ? analyzer.floorSillHeights(building: b) : height
        guard !heights.isEmpty else {
            throw ValidationError("--height is needed: building '\(building)' has no floors")
        }
        let grid = FacadeGrid(
            building: building, edge: edgeIndex,
            offsetsMeters: offset.isEmpty ? FacadeGrid.offsets(lengthMeters: length, spacingMeters: spacing) : offset,
            heightsMeters: heights)
        let k = try termIndex(analyzer)
        let map: FacadeMap
        do throws(SceneIssue) {
            map = try await analyzer.facadeMap(
                grid, termIndex: k, workers: ProcessInfo.processInfo.activeProcessorCount)
        } catch let issue {
            throw ValidationError(
                "--\(issue.path == "spacing" ? "spacing" : issue.path == "heights" ? "height" : issue.path == "offsets" ? "offset" : issue.path) \(issue.message)"
            )
        }
        let report = FacadeReport(map, analyzer: analyzer)
        let lang = output.lang.value
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case .table: print(report.caption(lang) + report.table(lang).render(.table), terminator: "")
        case let f: print(report.table(lang).render(f), terminator: "")
        }
    }

    /// The term named by --term, or the profile's first standard day with a requirement (else 冬至).
    func termIndex(_ analyzer: SunlightAnalyzer) throws -> Int {
        guard let term else {
            let longitude =
                analyzer.profile.standardDays.first { $0.requiredMinutes != nil }?.termLongitude
                ?? RuleProfile.winterSolstice
            return analyzer.terms.firstIndex { $0.longitudeDegrees == longitude }!
        }
        let key = term.lowercased()
        if let k = analyzer.terms.firstIndex(where: {
            $0.name.chinese == term || $0.name.english.lowercased() == key || String($0.longitudeDegrees) == term
        }) {
            return k
        }
        throw ValidationError("--term '\(term)' is not a solar term (e.g. 大寒, 'Major Cold' or 300)")
    }
}
