import Foundation
import Hummingbird
import NIOCore
import Scene
import SunSpotIO
import SunSpotReports

/// `/v1/scenes/{id}/geometry` and `POST /v1/geometry`: the prisms and window frames the
/// engine derives from a document (``SceneGeometryReport``), so a front end draws the
/// engine's facades instead of computing its own.
extension ScenesController {
    func registerGeometry(on api: inout APIRouter) {
        api.on("/v1/scenes/:id/geometry", .get, geometry)
        api.on("/v1/geometry", .post, draftGeometry)
    }

    /// A saved scene's geometry at its current revision (ETag = revision, like the document).
    @Sendable func geometry(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let saved = try await Self.mapped { try await store.read(id: id) }
        let etag = Self.etag(saved.revision)
        var headers: HTTPFields = [.eTag: etag, .cacheControl: "no-cache"]
        headers[.sceneRevision] = String(saved.revision)
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        let scene = try SceneBody.validate(SceneBody.stored(saved.body))
        return try Self.geometryResponse(scene, headers: headers)
    }

    /// The geometry of a document that is not saved (an editor's draft); 422 names the
    /// first broken rule, like saving it would.
    @Sendable func draftGeometry(_ request: Request, context: ServerContext) async throws -> Response {
        let body = try await request.jsonBody(maxBytes: configuration.maxBodyBytes, timeout: bodyTimeout)
        let scene = try SceneBody.validate(body)
        return try Self.geometryResponse(scene, headers: [.cacheControl: "no-store"])
    }

    static func geometryResponse(_ scene: Scene, headers: HTTPFields) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        let text = try JSONOutput.encode(SceneGeometryReport(scene: scene))
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
