import Foundation
import PostgresNIO

/// Scenes in the shared PostgreSQL database (migration 1): the same rows as
/// ``SQLiteSceneStore``, so tokens, revisions, If-Match and history answer the same on
/// every replica. A change locks the scene's row (`SELECT … FOR UPDATE`) for its
/// transaction: of concurrent editors from one revision, on any replicas, the first
/// writes and the others then see the new revision and are refused.
final class PostgresSceneStore: SceneStore {
    let database: PostgresService

    init(database: PostgresService) { self.database = database }

    /// GET scene, the hottest read: a named prepared statement, parsed once per connection.
    struct ReadCurrent: PostgresPreparedStatement {
        static let sql = """
            SELECT r.revision, r.body, r.action, r.created_at FROM scene s
            JOIN scene_revision r ON r.scene_id = s.id AND r.revision = s.revision WHERE s.id = $1
            """
        typealias Row = (Int, Data, String, Date)
        var id: String
        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// A given revision (history views, restores, report jobs pinned to a revision).
    struct ReadRevision: PostgresPreparedStatement {
        static let sql =
            "SELECT revision, body, action, created_at FROM scene_revision WHERE scene_id = $1 AND revision = $2"
        typealias Row = (Int, Data, String, Date)
        var id: String
        var revision: Int
        func makeBindings() -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            bindings.append(revision)
            return bindings
        }
        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    func create(body: Data) async throws -> (id: String, token: String, revision: Int) {
        let id = EditToken.newSceneID()
        let token = EditToken.newToken()
        let hash = EditToken.hash(token)
        try await database.transaction { c in
            _ = try await c.query(
                "INSERT INTO scene (id, token_hash, revision) VALUES (\(id), \(hash), 1)", logger: database.logger)
            _ = try await c.query(
                "INSERT INTO scene_revision (scene_id, revision, body, action) VALUES (\(id), 1, \(body), 'create')",
                logger: database.logger)
        }
        return (id, token, 1)
    }

    func read(id: String, revision: Int?) async throws -> SceneRevision {
        try await database.ready()
        let client = database.client
        var found: (Int, Data, String, Date)?
        if let revision {
            for try await row in try await client.execute(ReadRevision(id: id, revision: revision)) { found = row }
        } else {
            for try await row in try await client.execute(ReadCurrent(id: id)) { found = row }
        }
        guard let (number, body, action, createdAt) = found else {
            if let revision, try await exists(id: id) { throw StoreRefusal.noRevision(revision) }
            throw StoreRefusal.noScene
        }
        return SceneRevision(sceneID: id, revision: number, body: body, action: action, createdAt: createdAt)
    }

    func exists(id: String) async throws -> Bool {
        try await !database.query("SELECT 1 FROM scene WHERE id = \(id)").isEmpty
    }

    func history(id: String) async throws -> (current: Int, revisions: [SceneHistoryEntry]) {
        let result = try await database.transaction { c -> (Int, [SceneHistoryEntry])? in
            var current: Int?
            for try await r in try await c.query("SELECT revision FROM scene WHERE id = \(id)", logger: database.logger)
                .decode(Int.self)
            { current = r }
            guard let current else { return nil }
            var entries: [SceneHistoryEntry] = []
            let rows = try await c.query(
                "SELECT revision, action, created_at, octet_length(body) FROM scene_revision WHERE scene_id = \(id) ORDER BY revision",
                logger: database.logger)
            for try await (revision, action, createdAt, bytes) in rows.decode((Int, String, Date, Int).self) {
                entries.append(
                    SceneHistoryEntry(revision: revision, action: action, createdAt: createdAt, bytes: bytes))
            }
            return (current, entries)
        }
        guard let (current, revisions) = result else { throw StoreRefusal.noScene }
        return (current, revisions)
    }

    func update(
        id: String, token: String, expectedRevision: Int, action: String,
        makeBody: @escaping @Sendable (_ current: Data, _ currentRevision: Int) throws -> Data
    ) async throws -> Int {
        try await database.transaction { c in
            let current = try await checkedHead(c, id: id, token: token, expectedRevision: expectedRevision)
            var currentBody = Data()
            for try await body in try await c.query(
                "SELECT body FROM scene_revision WHERE scene_id = \(id) AND revision = \(current)",
                logger: database.logger
            )
            .decode(Data.self) { currentBody = body }
            let body = try makeBody(currentBody, current)
            let next = current + 1
            _ = try await c.query(
                "INSERT INTO scene_revision (scene_id, revision, body, action) VALUES (\(id), \(next), \(body), \(action))",
                logger: database.logger)
            _ = try await c.query(
                "UPDATE scene SET revision = \(next), updated_at = now() WHERE id = \(id)",
                logger: database.logger)
            return next
        }
    }

    func delete(id: String, token: String, expectedRevision: Int) async throws {
        try await database.transaction { c in
            _ = try await checkedHead(c, id: id, token: token, expectedRevision: expectedRevision)
            _ = try await c.query("DELETE FROM scene WHERE id = \(id)", logger: database.logger)
        }
    }

    /// The scene's current revision, locked for the transaction, after checking its token
    /// and the editor's expected revision.
    private func checkedHead(
        _ c: PostgresSession, id: String, token: String, expectedRevision: Int
    ) async throws -> Int {
        var head: (Int, Data)?
        for try await row in try await c.query(
            "SELECT revision, token_hash FROM scene WHERE id = \(id) FOR UPDATE",
            logger: database.logger
        ).decode((Int, Data).self) { head = row }
        guard let (current, hash) = head else { throw StoreRefusal.noScene }
        guard EditToken.matches(token, storedHash: hash) else { throw StoreRefusal.wrongToken }
        guard current == expectedRevision else { throw StoreRefusal.staleRevision(current: current) }
        return current
    }

    func sceneCount() async throws -> Int {
        try await database.query("SELECT COUNT(*) FROM scene").first?.decode(Int.self) ?? 0
    }

    func integrityCheck() async throws -> String {
        try await database.query("SELECT 'ok'").first?.decode(String.self) ?? "no answer"
    }
}
