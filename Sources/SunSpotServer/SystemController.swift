import Foundation
import Hummingbird
import NIOCore

/// `/healthz`, `/metrics` and `/v1/openapi.yaml`: cheap routes that keep answering
/// while compute work is queued.
struct SystemController: Sendable {
    let store: any SceneStore
    let drain: DrainState

    func register(on api: inout APIRouter) {
        api.on("/healthz", .get, health)
        api.on("/metrics", .get, metrics)
        api.on("/v1/openapi.yaml", .get, openAPI)
    }

    /// 200 while this replica serves; 503 while it drains (SIGTERM) or cannot reach its
    /// database, so a load balancer routes around it.
    @Sendable func health(_ request: Request, context: ServerContext) async throws -> Response {
        if drain.isDraining { return try json(["status": "draining"], status: .serviceUnavailable) }
        do {
            let scenes = try await store.sceneCount()
            return try json(["status": "ok", "scenes": scenes] as [String: any Sendable])
        } catch {
            context.logger.warning("health check: database unavailable", metadata: ["error": "\(error)"])
            return try json(["status": "database unavailable"], status: .serviceUnavailable)
        }
    }

    @Sendable func metrics(_ request: Request, context: ServerContext) async throws -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: ServerMetrics.exposition())))
    }

    /// The OpenAPI 3 document, written by hand and shipped as a resource of this module.
    static let openAPIDocument: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else { return Array("openapi: 3.0.3\ninfo: {title: missing resource, version: '0'}\npaths: {}\n".utf8) }
        return Array(data)
    }()

    @Sendable func openAPI(_ request: Request, context: ServerContext) async throws -> Response {
        ComputedResponse.make(body: Self.openAPIDocument, key: String(decoding: Self.openAPIDocument, as: UTF8.self),
                              contentType: "application/yaml; charset=utf-8", cacheControl: "no-cache", request: request)
    }
}
