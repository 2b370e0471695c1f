import Foundation
import Hummingbird
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

/// `GET /v1/scenes/{id}/flats/{building}/{floor}/{unit}/sunlight`: the flat's 24-term
/// table, byte for byte the JSON of `sunspot table --format json` (both write
/// SunSpotReports' ``FlatTableReport`` with its ``FlatTableReport/prettyJSON()``, which
/// prints what ``JSONOutput`` would, without Foundation's encoder).
///
/// The computation runs on the bounded ``ComputeQueue`` under a deadline; answers are
/// kept in the ``ResponseCache`` under the scene's revision and the parameters, and the
/// scene revision's analysis in the ``SceneAnalysisCache`` for its other flats.
struct FlatsController: Sendable {
    let store: any SceneStore
    let computed: ComputedResponse
    let analyses: SceneAnalysisCache

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
        let year = try request.year(default: 2026)
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
            guard let n = Int(text), n >= 1 else {
                throw APIError.badRequest("must be a positive integer", path: "revision")
            }
            return n
        }
        let saved = try await ScenesController.mapped { try await store.read(id: id, revision: revision) }
        let key =
            "sunlight|\(id)|\(saved.revision)|\(building)|\(floor)|\(unit)|\(year)|\(standard)|\(climateZone)|\(smallCity)"
        let address = FlatAddress(building: building, floor: floor, unit: unit)
        let analysisKey = SceneAnalysisCache.Key(
            sceneID: id, revision: saved.revision, year: year, standard: standard, climateZone: climateZone,
            smallCity: smallCity)
        return try await computed.respond(
            to: request, context: context, route: "sunlight", key: key, contentType: "application/json; charset=utf-8",
            sceneRevision: saved.revision
        ) { [analyses, scenes = computed.scenes] in
            // Already on a compute slot: the scene's analysis, shared by its flats, is built here
            // once per revision on this replica (no second slot is taken for it).
            let analyzer = try await analyses.analyzer(for: analysisKey, on: LaneExecutor.current) {
                try Self.analysis(scenes.load(saved), profile: profile, year: year)
            }.analyzer
            return try Self.table(analyzer: analyzer, flat: address)
        }
    }

    /// The scene revision's analysis, shared by all its flats (runs on a compute slot;
    /// kept in the ``SceneAnalysisCache``).
    static func analysis(
        _ loaded: (scene: Scene, zone: SystemTimeZone), profile: RuleProfile, year: Int
    ) -> SunlightAnalyzer {
        let (scene, zone) = loaded
        return SunlightAnalyzer.onAllCores(scene: scene, zone: zone, profile: profile, year: year)
    }

    /// One flat's table as JSON bytes (runs on a compute slot).
    static func table(analyzer: SunlightAnalyzer, flat: FlatAddress) throws -> [UInt8] {
        let table: FlatTable
        do {
            table = try analyzer.table(for: flat)
        } catch {
            throw APIError(.notFound, code: "no_flat", message: "\(error.path) \(error.message)", path: error.path)
        }
        return try FlatTableReport(table: table, analyzer: analyzer).prettyJSON()
    }
}
