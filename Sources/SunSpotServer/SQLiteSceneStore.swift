import Foundation
import GRDB

/// Scenes in SQLite through GRDB: one row per scene (its token hash and current
/// revision) and one per revision (every revision is kept, DESIGN.md / issue 6).
///
/// Durability: WAL with `synchronous = FULL` fsyncs the WAL at every commit, so a write
/// acknowledged with 2xx survives `kill -9` *and* a power cut (NORMAL would survive only
/// the former). Busy timeout: the CLI or a second process may hold the file briefly.
public final class SQLiteSceneStore: SceneStore {
    let pool: DatabasePool

    /// Opens (creating when missing) the database at `path` and migrates it.
    public init(path: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: config)
        try Self.migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-scenes") { db in
            try db.create(table: "scene") { t in
                t.primaryKey("id", .text)
                t.column("tokenHash", .blob).notNull()
                t.column("revision", .integer).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(table: "sceneRevision") { t in
                t.column("sceneId", .text).notNull().references("scene", onDelete: .cascade)
                t.column("revision", .integer).notNull()
                t.column("body", .blob).notNull()
                t.column("action", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.primaryKey(["sceneId", "revision"])
            }
        }
        SQLiteReportStore.registerMigrations(&migrator)
        return migrator
    }

    public func create(body: Data) async throws -> (id: String, token: String, revision: Int) {
        let id = EditToken.newSceneID()
        let token = EditToken.newToken()
        let hash = EditToken.hash(token)
        let now = Date()
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO scene (id, tokenHash, revision, createdAt, updatedAt) VALUES (?, ?, 1, ?, ?)",
                arguments: [id, hash, now, now])
            try db.execute(
                sql:
                    "INSERT INTO sceneRevision (sceneId, revision, body, action, createdAt) VALUES (?, 1, ?, 'create', ?)",
                arguments: [id, body, now])
        }
        return (id, token, 1)
    }

    public func read(id: String, revision: Int?) async throws -> SceneRevision {
        // One SELECT is atomic in SQLite's autocommit mode, so no BEGIN/COMMIT around it (the
        // snapshot isolation `read` adds is for several statements). Every computed route reads
        // its scene first: each connection also keeps these two statements prepared.
        let row = try await pool.unsafeRead { db -> Row? in
            if let revision {
                return try Row.fetchOne(
                    db.cachedStatement(
                        sql:
                            "SELECT sceneId, revision, body, action, createdAt FROM sceneRevision WHERE sceneId = ? AND revision = ?"
                    ),
                    arguments: [id, revision])
            }
            return try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT r.sceneId, r.revision, r.body, r.action, r.createdAt FROM scene s
                        JOIN sceneRevision r ON r.sceneId = s.id AND r.revision = s.revision WHERE s.id = ?
                        """),
                arguments: [id])
        }
        guard let row else {
            if let revision, try await exists(id: id) { throw StoreRefusal.noRevision(revision) }
            throw StoreRefusal.noScene
        }
        return SceneRevision(
            sceneID: row["sceneId"], revision: row["revision"], body: row["body"],
            action: row["action"], createdAt: row["createdAt"])
    }

    func exists(id: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM scene WHERE id = ?", arguments: [id]) ?? false
        }
    }

    public func history(id: String) async throws -> (current: Int, revisions: [SceneHistoryEntry]) {
        let result = try await pool.read { db -> (Int, [Row])? in
            guard let current = try Int.fetchOne(db, sql: "SELECT revision FROM scene WHERE id = ?", arguments: [id])
            else {
                return nil
            }
            let rows = try Row.fetchAll(
                db,
                sql:
                    "SELECT revision, action, createdAt, length(body) AS bytes FROM sceneRevision WHERE sceneId = ? ORDER BY revision",
                arguments: [id])
            return (current, rows)
        }
        guard let (current, rows) = result else { throw StoreRefusal.noScene }
        return (
            current,
            rows.map {
                SceneHistoryEntry(
                    revision: $0["revision"], action: $0["action"], createdAt: $0["createdAt"], bytes: $0["bytes"])
            }
        )
    }

    public func update(
        id: String, token: String, expectedRevision: Int, action: String,
        makeBody: @escaping @Sendable (_ current: Data, _ currentRevision: Int) throws -> Data
    ) async throws -> Int {
        try await pool.write { db in
            let current = try Self.checkedHead(db, id: id, token: token, expectedRevision: expectedRevision)
            let currentBody =
                try Data.fetchOne(
                    db, sql: "SELECT body FROM sceneRevision WHERE sceneId = ? AND revision = ?",
                    arguments: [id, current]) ?? Data()
            let body = try makeBody(currentBody, current)
            let next = current + 1
            let now = Date()
            try db.execute(
                sql: "INSERT INTO sceneRevision (sceneId, revision, body, action, createdAt) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, next, body, action, now])
            try db.execute(
                sql: "UPDATE scene SET revision = ?, updatedAt = ? WHERE id = ?", arguments: [next, now, id])
            return next
        }
    }

    public func delete(id: String, token: String, expectedRevision: Int) async throws {
        try await pool.write { db in
            _ = try Self.checkedHead(db, id: id, token: token, expectedRevision: expectedRevision)
            try db.execute(sql: "DELETE FROM scene WHERE id = ?", arguments: [id])
        }
    }

    /// The scene's current revision, after checking its token and the editor's expected revision.
    static func checkedHead(_ db: Database, id: String, token: String, expectedRevision: Int) throws -> Int {
        guard let row = try Row.fetchOne(db, sql: "SELECT revision, tokenHash FROM scene WHERE id = ?", arguments: [id])
        else {
            throw StoreRefusal.noScene
        }
        let current: Int = row["revision"]
        let hash: Data = row["tokenHash"]
        guard EditToken.matches(token, storedHash: hash) else { throw StoreRefusal.wrongToken }
        guard current == expectedRevision else { throw StoreRefusal.staleRevision(current: current) }
        return current
    }

    /// `PRAGMA integrity_check`.
    public func integrityCheck() async throws -> String {
        try await pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    public func sceneCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scene") ?? 0 }
    }
}
