import ArgumentParser
import SolarCore
import SunSpotIO
import SunSpotReports

struct SunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sun",
        abstract: "Where the sun is at an instant, in civil and true solar time.",
        discussion: """
            Example:
              sunspot sun --lat 39.9042 --lon 116.4074 --at 2026-12-21T12:00:00+08:00
            Azimuth is clockwise from north; elevation is geometric, and also given with
            standard refraction. A time without an offset is read in --tz.
            """)

    @Option(
        parsing: .unconditional, help: "Latitude in degrees, north positive (-90...90): --lat -33.86.",
        transform: number("-33.86"))
    var lat: Double

    @Option(
        parsing: .unconditional, help: "Longitude in degrees, east positive (-180...180): --lon -104.99.",
        transform: number("-104.99"))
    var lon: Double

    @Option(help: "Instant, ISO 8601, e.g. 2026-12-21T12:00:00+08:00.")
    var at: String

    @Option(help: "IANA time zone for civil times (default: the offset in --at, else Asia/Shanghai).")
    var tz: String?

    @Option(
        parsing: .unconditional, help: "Height above sea level in metres (negative below it).",
        transform: number("-430"))
    var height: Double = 0

    @OptionGroup var output: OutputOptions

    func run() throws {
        let report: SunReport
        do {
            report = try SunQuery.report(latitude: lat, longitude: lon, at: at, tz: tz, heightMeters: height)
        } catch {
            throw ValidationError("--\(error.field): \(error.message)")
        }
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case let f: print(report.table(output.lang.value).render(f), terminator: "")
        }
    }
}
