import Foundation
import GRDB

/// Report jobs and their finished rows in the daemon's SQLite file (migration
/// `v2-reports`, next to the scenes). Rows are keyed by their input position, so a
/// report reads back in input order however often the job was interrupted, and a
/// listing can never be stored twice.
final class SQLiteReportStore: ReportStore {
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
        registerPDFMigrations(&migrator)
    }

    func admit(
        id: String, client: String, definition: ReportDefinition, perClient: Int, queueDepth: Int
    ) async throws
        -> ReportAdmission
    {
        let data = try JSONEncoder().encode(definition)
        let total = definition.listings.count
        return try await pool.write { db in
            let mine =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM reportJob WHERE status IN ('queued', 'running') AND client = ?",
                    arguments: [client]) ?? 0
            if mine >= perClient { return .clientQuota(limit: perClient) }
            let all =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportJob WHERE status IN ('queued', 'running')") ?? 0
            if all >= queueDepth { return .queueFull(limit: queueDepth) }
            try db.execute(
                sql:
                    "INSERT INTO reportJob (id, client, status, total, definition, createdAt) VALUES (?, ?, 'queued', ?, ?, ?)",
                arguments: [id, client, total, data, Date()])
            return .accepted
        }
    }

    func job(id: String) async throws -> ReportJob? {
        try await pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT id, status, total, createdAt, startedAt, finishedAt, error,
                          (SELECT COUNT(*) FROM reportRow WHERE jobId = reportJob.id) AS done
                        FROM reportJob WHERE id = ?
                        """,
                    arguments: [id])
            else { return nil }
            return ReportJob(
                id: row["id"], status: ReportStatus(rawValue: row["status"]) ?? .failed, total: row["total"],
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

    func unfinished() async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(
                db, sql: "SELECT id FROM reportJob WHERE status IN ('queued', 'running') ORDER BY createdAt, rowid")
        }
    }

    func storedListings(id: String) async throws -> Set<String> {
        try await pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT listing FROM reportRow WHERE jobId = ?", arguments: [id]))
        }
    }

    func rows(id: String) async throws -> [Data] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT facts FROM reportRow WHERE jobId = ? ORDER BY seq", arguments: [id])
        }
    }

    func record(id: String, rows: [ReportRow]) async throws {
        guard !rows.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.makeStatement(
                sql: "INSERT INTO reportRow (jobId, seq, listing, facts) VALUES (?, ?, ?, ?)")
            for row in rows {
                try statement.execute(arguments: [id, row.seq, row.listing, row.facts])
            }
        }
    }

    @discardableResult
    func expireFinished(olderThanSeconds seconds: Double) async throws -> Int {
        let cutoff = Date().addingTimeInterval(-seconds)
        return try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM reportJob WHERE status IN ('done', 'failed', 'cancelled') AND finishedAt < ?",
                arguments: [cutoff])
            return db.changesCount
        }
    }

    @discardableResult
    func transition(id: String, from: [ReportStatus], to status: ReportStatus, error: String?) async throws -> Bool {
        let now = Date()
        let placeholders = from.map { _ in "?" }.joined(separator: ", ")
        let arguments: StatementArguments =
            [status.rawValue, status == .running ? now : nil, status.isFinal ? now : nil, error, id]
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
