import SolarCore
import SunSpotIO

/// The reading of a `sun` request shared by `sunspot sun` and `GET /v1/sun`: checks the
/// site, parses the instant, and picks the zone civil times are shown in.
public enum SunQuery {
    /// Zone used when neither a zone nor an offset is given (the product's home market).
    public static let defaultZone = "Asia/Shanghai"

    /// - Parameters:
    ///   - latitude, longitude: degrees; north and east positive.
    ///   - at: ISO 8601 date-time; without an offset it is read in `tz`.
    ///   - tz: IANA zone for civil times (default: the offset in `at`, else ``defaultZone``).
    ///   - heightMeters: site height above sea level.
    /// - Throws: ``QueryFailure`` naming `lat`, `lon`, `height`, `tz` or `at`.
    public static func report(
        latitude: Double, longitude: Double, at: String, tz: String?, heightMeters: Double = 0
    )
        throws(QueryFailure) -> SunReport
    {
        let site = GeoSite(latitude: latitude, longitude: longitude, heightMeters: heightMeters)
        if let problem = site.problems.first {
            let field = problem.field == "latitude" ? "lat" : problem.field == "longitude" ? "lon" : "height"
            throw QueryFailure(field: field, message: problem.message)
        }
        let named = try tz.map { name throws(QueryFailure) in try zone(name, field: "tz") }
        let fallback = try zone(defaultZone, field: "tz")
        let parsed: (instant: Instant, offsetSeconds: Int?)
        do {
            parsed = try InstantParsing.parse(at, zone: named ?? fallback)
        } catch {
            throw QueryFailure(field: "at", message: (error as? InstantParsing.Failure)?.description ?? "\(error)")
        }
        let year = CivilDateTime(instant: parsed.instant, utcOffsetSeconds: 0).date.year
        try Parameters.checkYear(year, field: "at")
        if let named { return SunReport(site: site, instant: parsed.instant, zone: named) }
        if let offset = parsed.offsetSeconds {
            return SunReport(site: site, instant: parsed.instant, zone: FixedOffsetZone(seconds: offset))
        }
        return SunReport(site: site, instant: parsed.instant, zone: fallback)
    }

    /// An IANA zone, or a failure naming `field`.
    public static func zone(_ identifier: String, field: String) throws(QueryFailure) -> SystemTimeZone {
        guard let zone = SystemTimeZone(identifier: identifier) else {
            throw QueryFailure(
                field: field, message: "unknown time zone '\(identifier)' (use an IANA name such as Asia/Shanghai)")
        }
        return zone
    }
}
