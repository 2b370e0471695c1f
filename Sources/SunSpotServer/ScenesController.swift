import Foundation
import Hummingbird
import NIOCore

/// `/v1/scenes…`: saved scenes, readable by id, changed only with the edit token and
/// `If-Match: <revision>`, every revision kept (DESIGN.md "HTTP API contract").
struct ScenesController: Sendable {
    let store: any SceneStore
    let configuration: ServerConfiguration
    /// Where a scene just saved is kept decoded for the computed routes.
    let scenes: DecodedScenes

    func register(on api: inout APIRouter) {
        api.on("/v1/scenes", .post, create)
        api.on("/v1/scenes/:id", .get, read)
        api.on("/v1/scenes/:id", .put, replace)
        api.on("/v1/scenes/:id", .delete, delete)
        api.on("/v1/scenes/:id/buildings/:buildingId", .put, putBuilding)
        api.on("/v1/scenes/:id/buildings/:buildingId", .delete, deleteBuilding)
        api.on("/v1/scenes/:id/history", .get, history)
        api.on("/v1/scenes/:id/revisions/:revision", .get, readRevision)
        api.on("/v1/scenes/:id/revisions/:revision/restore", .post, restore)
        registerGeometry(on: &api)
    }

    var bodyTimeout: Duration { .milliseconds(Int(configuration.bodyTimeoutSeconds * 1000)) }

    @Sendable func create(_ request: Request, context: ServerContext) async throws -> Response {
        let body = try await request.jsonBody(maxBytes: configuration.maxBodyBytes, timeout: bodyTimeout)
        let scene = try SceneBody.validate(body)
        let (id, token, revision) = try await store.create(body: body)
        scenes.keep(scene, id: id, revision: revision)
        context.logger.info("scene created", metadata: ["scene": "\(id)"])
        return try json(
            ["id": id, "editToken": token, "revision": revision] as [String: any Sendable], status: .created,
            headers: [.location: "/v1/scenes/\(id)", .eTag: Self.etag(revision)])
    }

    @Sendable func read(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let saved = try await Self.mapped { try await store.read(id: id) }
        return document(saved, request: request)
    }

    @Sendable func readRevision(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let revision = try Self.revisionParameter(context)
        let saved = try await Self.mapped { try await store.read(id: id, revision: revision) }
        return document(saved, request: request)
    }

    @Sendable func replace(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let (token, expected) = try (request.editToken(), request.expectedRevision())
        let body = try await request.jsonBody(maxBytes: configuration.maxBodyBytes, timeout: bodyTimeout)
        let scene = try SceneBody.validate(body)
        let revision = try await Self.mapped {
            try await store.update(id: id, token: token, expectedRevision: expected, action: "replace") { _, _ in body }
        }
        scenes.keep(scene, id: id, revision: revision)
        return try changed(id: id, revision: revision)
    }

    @Sendable func delete(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let (token, expected) = try (request.editToken(), request.expectedRevision())
        try await Self.mapped { try await store.delete(id: id, token: token, expectedRevision: expected) }
        context.logger.info("scene deleted", metadata: ["scene": "\(id)"])
        return Response(status: .noContent)
    }

    @Sendable func putBuilding(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let buildingID = try Self.parameter(context, "buildingId")
        let (token, expected) = try (request.editToken(), request.expectedRevision())
        let body = try await request.jsonBody(maxBytes: configuration.maxBodyBytes, timeout: bodyTimeout)
        let building = try SceneBody.parseObject(body)
        let boxed = UncheckedBox(building)
        let revision = try await Self.mapped {
            try await store.update(id: id, token: token, expectedRevision: expected, action: "putBuilding") {
                current, _ in
                try SceneBody.puttingBuilding(boxed.value, id: buildingID, into: current)
            }
        }
        return try changed(id: id, revision: revision)
    }

    @Sendable func deleteBuilding(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let buildingID = try Self.parameter(context, "buildingId")
        let (token, expected) = try (request.editToken(), request.expectedRevision())
        let revision = try await Self.mapped {
            try await store.update(id: id, token: token, expectedRevision: expected, action: "deleteBuilding") {
                current, _ in
                try SceneBody.removingBuilding(id: buildingID, from: current)
            }
        }
        return try changed(id: id, revision: revision)
    }

    @Sendable func restore(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let old = try Self.revisionParameter(context)
        let (token, expected) = try (request.editToken(), request.expectedRevision())
        let revision = try await Self.mapped {
            try await store.restore(id: id, token: token, expectedRevision: expected, from: old)
        }
        return try changed(id: id, revision: revision)
    }

    @Sendable func history(_ request: Request, context: ServerContext) async throws -> Response {
        let id = try Self.sceneID(context)
        let (current, revisions) = try await Self.mapped { try await store.history(id: id) }
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let list: [[String: any Sendable]] = revisions.map {
            [
                "revision": $0.revision, "action": $0.action, "createdAt": iso.string(from: $0.createdAt),
                "bytes": $0.bytes,
            ]
        }
        return try json(
            ["id": id, "revision": current, "revisions": list] as [String: any Sendable],
            headers: [.eTag: Self.etag(current), .cacheControl: "no-cache"])
    }

    // MARK: - Responses

    /// The stored document itself, so a front end can edit it and PUT it back.
    func document(_ saved: SceneRevision, request: Request) -> Response {
        let etag = Self.etag(saved.revision)
        var headers: HTTPFields = [
            .contentType: "application/json; charset=utf-8", .eTag: etag, .cacheControl: "no-cache",
        ]
        headers[.sceneRevision] = String(saved.revision)
        if request.headers[.ifNoneMatch] == etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: saved.body)))
    }

    func changed(id: String, revision: Int) throws -> Response {
        try json(["id": id, "revision": revision] as [String: any Sendable], headers: [.eTag: Self.etag(revision)])
    }

    static func etag(_ revision: Int) -> String { "\"\(revision)\"" }

    // MARK: - Parameters and store refusals

    static func parameter(_ context: ServerContext, _ name: String) throws -> String {
        guard let value = context.parameters.get(name) else { throw APIError.badRequest("missing \(name)", path: name) }
        return value
    }

    static func sceneID(_ context: ServerContext) throws -> String {
        let id = try parameter(context, "id")
        guard EditToken.isSceneID(id) else {
            throw APIError.notFound("'\(id.prefix(80))' is not a scene id (32 lowercase hex digits)", path: "id")
        }
        return id
    }

    static func revisionParameter(_ context: ServerContext) throws -> Int {
        let text = try parameter(context, "revision")
        guard let n = Int(text), n >= 1 else {
            throw APIError.badRequest("a revision is a positive integer (got '\(text.prefix(40))')", path: "revision")
        }
        return n
    }

    /// Runs a store call, turning its refusals into the contract's statuses.
    @discardableResult
    static func mapped<T: Sendable>(_ call: () async throws -> T) async throws -> T {
        do {
            return try await call()
        } catch let refusal as StoreRefusal {
            switch refusal {
            case .noScene:
                throw APIError.notFound("no scene with this id", path: "id")
            case let .noRevision(n):
                throw APIError.notFound("the scene has no revision \(n)", path: "revision")
            case .wrongToken:
                throw APIError(
                    .forbidden, code: "wrong_token", message: "the edit token does not belong to this scene",
                    path: "Authorization")
            case let .staleRevision(current):
                throw APIError(
                    .preconditionFailed, code: "stale_revision",
                    message: "the scene is now at revision \(current); reload it and apply your change again",
                    path: "If-Match", headers: [.eTag: etag(current)])
            }
        }
    }
}
