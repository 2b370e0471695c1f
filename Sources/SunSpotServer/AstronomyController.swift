import Hummingbird
import SolarCore
import SunSpotIO
import SunSpotReports

/// `GET /v1/sun` and `GET /v1/terms`: the same JSON as `sunspot sun|terms --format json`
/// (SunSpotReports' ``SunQuery``, ``SunReport`` and ``TermsReport``). No scene is needed,
/// and the answer depends only on the query, so it may be cached for a day.
struct AstronomyController: Sendable {
    func register(on api: inout APIRouter) {
        api.on("/v1/sun", .get, sun)
        api.on("/v1/terms", .get, terms)
    }

    static let cacheControl = "public, max-age=86400"

    @Sendable func sun(_ request: Request, context: ServerContext) async throws -> Response {
        let lat = try request.requiredDouble("lat")
        let lon = try request.requiredDouble("lon")
        guard let at = try request.query("at") else {
            throw APIError.badRequest("query parameter 'at' is required", path: "at")
        }
        let height = try request.query("height").map { _ in try request.requiredDouble("height") } ?? 0
        let tz = try request.query("tz")
        let report: SunReport
        do {
            report = try SunQuery.report(latitude: lat, longitude: lon, at: at, tz: tz, heightMeters: height)
        } catch {
            throw APIError.badRequest(error.message, path: error.field)
        }
        let body = Array(try JSONOutput.encode(report).utf8)
        return ComputedResponse.make(
            body: body, key: "sun|\(lat)|\(lon)|\(at)|\(tz ?? "")|\(height)",
            contentType: "application/json; charset=utf-8", cacheControl: Self.cacheControl,
            request: request)
    }

    @Sendable func terms(_ request: Request, context: ServerContext) async throws -> Response {
        guard let yearText = try request.query("year") else {
            throw APIError.badRequest("query parameter 'year' is required", path: "year")
        }
        let year = try Request.parsed { () throws(QueryFailure) in try Parameters.year(yearText) }
        let tz = try request.query("tz") ?? SunQuery.defaultZone
        let zone: SystemTimeZone
        do {
            zone = try SunQuery.zone(tz, field: "tz")
        } catch {
            throw APIError.badRequest(error.message, path: error.field)
        }
        let body = Array(try JSONOutput.encode(TermsReport.rows(year: year, zone: zone)).utf8)
        return ComputedResponse.make(
            body: body, key: "terms|\(year)|\(tz)", contentType: "application/json; charset=utf-8",
            cacheControl: Self.cacheControl, request: request)
    }
}
