import Foundation
import GRDB

/// Where a report job is in its life. `queued` and `running` jobs are resumed when the
/// daemon starts again; the other three are final.
enum ReportStatus: String, Sendable, Codable {
    case queued, running, done, failed, cancelled

    var isFinal: Bool { self == .done || self == .failed || self == .cancelled }
}

/// What a job was asked to compute, stored as JSON with the job so a restarted daemon
/// resumes the same work: the listings in input order, the settings, and the scene
/// revisions pinned when the job was accepted (later edits of a scene do not change a
/// report already under way).
struct ReportDefinition: Codable, Sendable, Equatable {
    struct Listing: Codable, Sendable, Equatable {
        var listing: String
        var scene: String
        var building: String
        var floor: Int
        var unit: String
        var title: String?
        var address: String?
    }

    var listings: [Listing]
    var year: Int
    var standard: String
    var climateZone: String
    var smallCity: Bool
    /// Scene id → the revision every row of that scene is computed from.
    var revisions: [String: Int]
}

/// One job as `GET /v1/reports/{id}` shows it; `done` is the number of stored rows.
struct ReportJob: Sendable, Equatable {
    var id: String
    var status: ReportStatus
    var total: Int
    var done: Int
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var error: String?
}

/// Why a new job was refused before it was stored.
enum ReportAdmission: Equatable {
    case accepted
    /// This client already has `limit` jobs queued or running.
    case clientQuota(limit: Int)
    /// The daemon already holds `limit` queued or running jobs in all.
    case queueFull(limit: Int)
}

/// Report jobs and their finished rows in the daemon's SQLite file (migration
/// `v2-reports`, next to the scenes). Rows are keyed by their input position, so a
/// report reads back in input order however often the job was interrupted, and a
/// listing can never be stored twice.
final class ReportStore: Sendable {
    let pool: DatabasePool

    init(pool: DatabasePool) { self.pool = pool }

    static func registerMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-reports") { db in
            try db.create(table: "reportJob") { t in
                t.primaryKey("id", .text)
                t.column("client", .text).notNull()
                t.column("status", .text).notNull()
                t.column("total", .integer).notNull()
                t.column("definition", .blob).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("startedAt", .datetime)
                t.column("finishedAt", .datetime)
                t.column("error", .text)
            }
            try db.create(index: "reportJob_active", on: "reportJob", columns: ["status", "client"])
            try db.create(table: "reportRow") { t in
                t.column("jobId", .text).notNull().references("reportJob", onDelete: .cascade)
                t.column("seq", .integer).notNull()
                t.column("listing", .text).notNull()
                t.column("facts", .blob).notNull()
                t.primaryKey(["jobId", "seq"])
                t.uniqueKey(["jobId", "listing"])
            }
        }
    }

    /// Stores a new queued job unless the client's quota or the daemon's queue is full;
    /// the counts and the insert are one transaction, so concurrent posts cannot overshoot.
    func insert(id: String, client: String, definition: ReportDefinition, perClient: Int, queueDepth: Int) async throws
        -> ReportAdmission
    {
        let data = try JSONEncoder().encode(definition)
        let total = definition.listings.count
        return try await pool.write { db in
            let mine = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM reportJob WHERE status IN ('queued', 'running') AND client = ?",
                arguments: [client]) ?? 0
            if mine >= perClient { return .clientQuota(limit: perClient) }
            let all = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportJob WHERE status IN ('queued', 'running')") ?? 0
            if all >= queueDepth { return .queueFull(limit: queueDepth) }
            try db.execute(
                sql: "INSERT INTO reportJob (id, client, status, total, definition, createdAt) VALUES (?, ?, 'queued', ?, ?, ?)",
                arguments: [id, client, total, data, Date()])
            return .accepted
        }
    }

    func job(id: String) async throws -> ReportJob? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT id, status, total, createdAt, startedAt, finishedAt, error,
                      (SELECT COUNT(*) FROM reportRow WHERE jobId = reportJob.id) AS done
                    FROM reportJob WHERE id = ?
                    """,
                arguments: [id])
            else { return nil }
            return ReportJob(id: row["id"], status: ReportStatus(rawValue: row["status"]) ?? .failed, total: row["total"],
                             done: row["done"], createdAt: row["createdAt"], startedAt: row["startedAt"],
                             finishedAt: row["finishedAt"], error: row["error"])
        }
    }

    func definition(id: String) async throws -> ReportDefinition? {
        let data = try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT definition FROM reportJob WHERE id = ?", arguments: [id])
        }
        return try data.map { try JSONDecoder().decode(ReportDefinition.self, from: $0) }
    }

    /// Queued and running jobs, oldest first (what a starting daemon resumes).
    func unfinished() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM reportJob WHERE status IN ('queued', 'running') ORDER BY createdAt, rowid")
        }
    }

    /// Listings whose rows are stored.
    func storedListings(id: String) async throws -> Set<String> {
        try await pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT listing FROM reportRow WHERE jobId = ?", arguments: [id]))
        }
    }

    /// Stored rows' JSON, in input order.
    func rows(id: String) async throws -> [Data] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT facts FROM reportRow WHERE jobId = ? ORDER BY seq", arguments: [id])
        }
    }

    /// Appends a batch of rows in one transaction (synchronous: called from the job's
    /// emit callback on a compute thread).
    func append(id: String, rows: [(seq: Int, listing: String, facts: Data)]) throws {
        guard !rows.isEmpty else { return }
        try pool.write { db in
            let statement = try db.makeStatement(
                sql: "INSERT INTO reportRow (jobId, seq, listing, facts) VALUES (?, ?, ?, ?)")
            for row in rows {
                try statement.execute(arguments: [id, row.seq, row.listing, row.facts])
            }
        }
    }

    /// Moves a job to `status` if it is in one of `from`; returns whether it moved.
    @discardableResult
    func transition(id: String, from: [ReportStatus], to status: ReportStatus, error: String? = nil) async throws -> Bool {
        let now = Date()
        let placeholders = from.map { _ in "?" }.joined(separator: ", ")
        let arguments: StatementArguments = [status.rawValue, status == .running ? now : nil, status.isFinal ? now : nil, error, id]
            + StatementArguments(from.map(\.rawValue))
        let sql = """
            UPDATE reportJob SET status = ?, startedAt = COALESCE(startedAt, ?), finishedAt = ?, error = ?
            WHERE id = ? AND status IN (\(placeholders))
            """
        return try await pool.write { db in
            try db.execute(sql: sql, arguments: arguments)
            return db.changesCount > 0
        }
    }
}
