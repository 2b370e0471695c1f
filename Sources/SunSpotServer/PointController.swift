import Foundation
import Hummingbird
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

/// `GET /v1/scenes/{id}/point?x=&y=&z=&facing=&at=|date=&standard=`: is this point of the
/// scene in the sun, and if not, what blocks it (or which building it is inside); at an
/// instant or over a whole day. Byte for byte the JSON of `sunspot point --format json`:
/// both read the request with SunSpotReports' ``PointReport/make(scene:x:y:z:facing:at:date:profile:)``
/// and encode it with ``JSONOutput``. Served through ``ComputedResponse`` (queue, deadline, cache under the scene's revision
/// and the parameters, ETag), like the flat tables.
struct PointController: Sendable {
    let store: SceneStore
    let computed: ComputedResponse

    func register(on api: inout APIRouter) {
        api.on("/v1/scenes/:id/point", .get, point)
    }

    @Sendable func point(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try ScenesController.sceneID(context)
        let x = try request.requiredDouble("x")
        let y = try request.requiredDouble("y")
        let z = try request.query("z") == nil ? 1.5 : try request.requiredDouble("z")
        let facing = try request.query("facing") == nil ? nil : try request.requiredDouble("facing")
        let at = try request.query("at")
        let date = try request.query("date")
        let standard = try request.query("standard") ?? "gb50180"
        let saved = try await ScenesController.mapped { try await store.read(id: id, revision: nil) }
        let key =
            "point|\(id)|\(saved.revision)|\(x)|\(y)|\(z)|\(facing.map { String($0) } ?? "none")|\(at ?? "")|\(date ?? "")|\(standard)"
        // An instant is one ray per prism; a day is the window engine's walk over every edge.
        let budget = computed.budget
        let estimate =
            try await computed.plan(key: key, request: request, context: context, saved: saved) { scene, _ in
                let seconds = date == nil ? 0 : ComputeBudget.edgeSeconds(scene)
                guard budget.fits(seconds) else {
                    throw budget.refusal(
                        estimate: seconds, parameter: "date",
                        advice: "a whole day among this many buildings is over it; ask for one instant with 'at'")
                }
                return seconds
            } ?? 0
        return try await computed.respond(
            to: request, context: context, route: "point", key: key, contentType: "application/json; charset=utf-8",
            sceneRevision: saved.revision, estimate: estimate
        ) {
            try Self.report(
                saved, x: x, y: y, z: z, facing: facing, at: at, date: date, standard: standard)
        }
    }

    /// The answer's JSON bytes (runs on a compute thread); a bad parameter is a 400 naming it.
    static func report(
        _ saved: SceneRevision, x: Double, y: Double, z: Double, facing: Double?, at: String?, date: String?,
        standard: String
    ) throws -> [UInt8] {
        let scene = try saved.scene()
        let report: PointReport
        do {
            report = try PointReport.make(
                scene: scene, x: x, y: y, z: z, facing: facing, at: at, date: date,
                profile: try ProfileChoice.resolve(standard))
        } catch {
            if error.field == "site.timeZone" { throw APIError.invalidScene(error.message, path: error.field) }
            throw APIError.badRequest(error.message, path: error.field)
        }
        return Array(try JSONOutput.encode(report).utf8)
    }
}
