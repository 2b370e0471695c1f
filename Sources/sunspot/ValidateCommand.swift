import ArgumentParser
import Scene

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scene file against the format and its rules.",
        discussion: """
            Example:
              sunspot validate data/sample-compound.json
            Prints a summary when valid; otherwise one line naming the JSON path and rule
            of each problem (e.g. buildings[2].box.width must be > 0), and exits non-zero.
            """)

    @Argument(help: "Scene file (JSON).")
    var scene: String

    func run() throws {
        let s = try loadScene(scene)
        let flats = s.buildings.reduce(0) { $0 + ($1.floors ?? 0) * $1.units.count }
        let windows = s.buildings.reduce(0) { $0 + ($1.floors ?? 0) * $1.units.reduce(0) { $0 + $1.windows.count } }
        print(
            "\(scene): valid — \(s.buildings.count) buildings, \(flats) flats, \(windows) windows; site \(s.site.latitude), \(s.site.longitude) (\(s.timeZoneIdentifier))"
        )
    }
}
