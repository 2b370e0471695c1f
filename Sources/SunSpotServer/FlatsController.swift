import Foundation
import Hummingbird
import Scene
import SolarCore
import SunSpotKit

/// `GET /v1/scenes/{id}/flats/{building}/{floor}/{unit}/sunlight`: the flat's 24-term
/// table, byte for byte the JSON of `sunspot table --format json` (both encode
/// SunSpotKit's ``FlatTableReport`` with ``JSONOutput``).
///
/// The computation runs on the bounded ``ComputeQueue`` under a deadline; answers are
/// kept in the ``ResponseCache`` under the scene's revision and the parameters, and the
/// scene revision's analysis in the ``SceneAnalysisCache`` for its other flats.
struct FlatsController: Sendable {
    let store: SceneStore
    let queue: ComputeQueue
    let cache: ResponseCache
    let analyses: SceneAnalysisCache
    let configuration: ServerConfiguration

    func register(on api: inout APIRouter) {
        api.on("/v1/scenes/:id/flats/:building/:floor/:unit/sunlight", .get, sunlight)
    }

    @Sendable func sunlight(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try ScenesController.sceneID(context)
        let building = try ScenesController.parameter(context, "building")
        let floorText = try ScenesController.parameter(context, "floor")
        guard let floor = Int(floorText) else {
            throw APIError.badRequest("a floor is an integer (got '\(floorText.prefix(40))')", path: "floor")
        }
        let unit = try ScenesController.parameter(context, "unit")
        let year = try request.query("year", default: 2026, range: SolarTerms.supportedYears)
        let standard = try request.query("standard") ?? "gb50180"
        let climateZone = try request.query("climateZone") ?? "II"
        let smallCity = try request.bool("smallCity")
        let profile: RuleProfile
        do {
            profile = try ProfileChoice.resolve(standard, climateZone: climateZone, smallCity: smallCity)
        } catch {
            throw APIError.badRequest(error.message, path: error.field == "climate-zone" ? "climateZone" : error.field)
        }
        let revision = try request.query("revision").map { text -> Int in
            guard let n = Int(text), n >= 1 else { throw APIError.badRequest("must be a positive integer", path: "revision") }
            return n
        }
        let saved = try await ScenesController.mapped { try await store.read(id: id, revision: revision) }
        let key = "sunlight|\(id)|\(saved.revision)|\(building)|\(floor)|\(unit)|\(year)|\(standard)|\(climateZone)|\(smallCity)"
        let document = saved.body
        let address = FlatAddress(building: building, floor: floor, unit: unit)
        let deadline = Duration.milliseconds(Int(configuration.computeDeadlineSeconds * 1000))
        let analysisKey = SceneAnalysisCache.Key(sceneID: id, revision: saved.revision, year: year,
                                                 profile: "\(standard)|\(climateZone)|\(smallCity)")
        let (body, hit) = try await cache.value(for: key) { [queue, analyses] in
            let started = ContinuousClock.now
            // The scene's analysis is shared by its flats (built once per revision on this replica).
            let analyzer = try await analyses.analyzer(for: analysisKey) {
                try await queue.run(deadline: deadline) {
                    try Self.analysis(document: document, profile: profile, year: year)
                }
            }.analyzer
            let body = try await queue.run(deadline: deadline) {
                try Self.table(analyzer: analyzer, flat: address)
            }
            let elapsed = ContinuousClock.now - started
            ServerMetrics.recordCompute(route: "sunlight", seconds: Double(elapsed.components.attoseconds) * 1e-18
                                        + Double(elapsed.components.seconds))
            return body
        }
        ServerMetrics.recordCache(hit: hit)
        var response = ComputedResponse.make(body: body, key: key, contentType: "application/json; charset=utf-8",
                                             cacheControl: "no-cache", request: request)
        response.headers[.sceneRevision] = String(saved.revision)
        return response
    }

    /// The scene revision's analysis, shared by all its flats (runs on a compute thread;
    /// kept in the ``SceneAnalysisCache``).
    static func analysis(document: Data, profile: RuleProfile, year: Int) throws -> SunlightAnalyzer {
        let scene: Scene
        do {
            scene = try SceneLoader.load(document)
        } catch {
            throw SceneBody.invalid(error)
        }
        guard let zone = SystemTimeZone(identifier: scene.timeZoneIdentifier) else {
            throw APIError.invalidScene("unknown time zone '\(scene.timeZoneIdentifier)'", path: "site.timeZone")
        }
        return SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: year)
    }

    /// One flat's table as JSON bytes (runs on a compute thread).
    static func table(analyzer: SunlightAnalyzer, flat: FlatAddress) throws -> [UInt8] {
        let table: FlatTable
        do {
            table = try analyzer.table(for: flat)
        } catch {
            throw APIError(.notFound, code: "no_flat", message: "\(error.path) \(error.message)", path: error.path)
        }
        return Array(try JSONOutput.encode(FlatTableReport(table: table, analyzer: analyzer)).utf8)
    }
}
