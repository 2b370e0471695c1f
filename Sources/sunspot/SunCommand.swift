import ArgumentParser
import SolarCore
import SunSpotKit

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

    @Option(help: "Latitude in degrees, north positive (-90...90).")
    var lat: Double

    @Option(help: "Longitude in degrees, east positive (-180...180).")
    var lon: Double

    @Option(help: "Instant, ISO 8601, e.g. 2026-12-21T12:00:00+08:00.")
    var at: String

    @Option(help: "IANA time zone for civil times (default: the offset in --at, else Asia/Shanghai).")
    var tz: String?

    @Option(help: "Height above sea level in metres.")
    var height: Double = 0

    @OptionGroup var output: OutputOptions

    func run() throws {
        let site = GeoSite(latitude: lat, longitude: lon, heightMeters: height)
        if let problem = site.problems.first {
            throw ValidationError("--\(problem.field == "latitude" ? "lat" : problem.field == "longitude" ? "lon" : "height") \(problem.message)")
        }
        let named = try tz.map { try resolveZone($0) }
        let parsed: (instant: Instant, offsetSeconds: Int?)
        do {
            parsed = try InstantParsing.parse(at, zone: named ?? resolveZone("Asia/Shanghai"))
        } catch let failure as InstantParsing.Failure {
            throw ValidationError("--at: \(failure.description)")
        }
        let year = CivilDateTime(instant: parsed.instant, utcOffsetSeconds: 0).date.year
        guard SolarTerms.supportedYears.contains(year) else {
            throw ValidationError("--at: year \(year) is outside the supported range \(SolarTerms.supportedYears)")
        }
        let report: SunReport
        if let named {
            report = SunReport(site: site, instant: parsed.instant, zone: named)
        } else if let offset = parsed.offsetSeconds {
            report = SunReport(site: site, instant: parsed.instant, zone: FixedOffsetZone(seconds: offset))
        } else {
            report = SunReport(site: site, instant: parsed.instant, zone: try resolveZone("Asia/Shanghai"))
        }
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case let f: print(report.table(output.lang.value).render(f), terminator: "")
        }
    }
}
