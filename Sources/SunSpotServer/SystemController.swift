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
            let scenes = try await Self.within(.seconds(1)) { [store] in try await store.sceneCount() }
            return try json(["status": "ok", "scenes": scenes] as [String: any Sendable])
        } catch {
            context.logger.warning("health check: database unavailable", metadata: ["error": "\(error)"])
            return try json(["status": "database unavailable"], status: .serviceUnavailable)
        }
    }

    /// `work`'s answer, or an error once `limit` has passed (a database that does not answer
    /// at all must still give a quick 503, not a hung health check).
    static func within<T: Sendable>(
        _ limit: Duration, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else { throw HealthTimeout() }
            return value
        }
    }

    struct HealthTimeout: Error, CustomStringConvertible {
        var description: String { "no answer from the database within the health check's limit" }
    }

    @Sendable func metrics(_ request: Request, context: ServerContext) async throws -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
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
        ComputedResponse.make(
            body: Self.openAPIDocument, key: String(decoding: Self.openAPIDocument, as: UTF8.self),
            contentType: "application/yaml; charset=utf-8", cacheControl: "no-cache", request: request)
    }
}
