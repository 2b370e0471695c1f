import Foundation
import PostgresNIO

/// Report jobs and their rows in the shared PostgreSQL database (migration 2): the same
/// tables as ``SQLiteReportStore``. Rows are unique on (job, listing), so a listing is
/// stored once however often its work runs. Admission takes a transaction-scoped advisory
/// lock, so the quota counts hold across replicas posting at the same moment. A job is
/// split into chunks as it is admitted (``PostgresReportChunks``).
final class PostgresReportStore: ReportStore {
    let database: PostgresService

    init(database: PostgresService) { self.database = database }

    /// Any number that names the admission lock among the database's advisory locks.
    static let admissionLock = 0x5375_6e53_706f_7402

    func admit(
        id: String, client: String, definition: ReportDefinition, perClient: Int, queueDepth: Int
    ) async throws
        -> ReportAdmission
    {
        let data = try JSONEncoder().encode(definition)
        let total = definition.listings.count
        return try await database.transaction { c in
            let log = database.logger
            _ = try await c.query("SELECT pg_advisory_xact_lock(\(Self.admissionLock))", logger: log)
            var counts = (0, 0)
            for try await row in try await c.query(
                """
                SELECT COUNT(*) FILTER (WHERE client = \(client)), COUNT(*) FROM report_job
                WHERE status IN ('queued', 'running')
                """, logger: log
            ).decode((Int, Int).self) { counts = row }
            if counts.0 >= perClient { return .clientQuota(limit: perClient) }
            if counts.1 >= queueDepth { return .queueFull(limit: queueDepth) }
            _ = try await c.query(
                "INSERT INTO report_job (id, client, status, total, definition) VALUES (\(id), \(client), 'queued', \(total), \(data))",
                logger: log)
            try await PostgresReportChunks.split(c, jobID: id, listings: definition.listings, logger: log)
            return .accepted
        }
    }

    func job(id: String) async throws -> ReportJob? {
        let rows = try await database.query(
            """
            SELECT id, status, total, created_at, started_at, finished_at, error,
              (SELECT COUNT(*) FROM report_row WHERE job_id = report_job.id)
            FROM report_job WHERE id = \(id)
            """)
        guard let row = rows.first else { return nil }
        let (id, status, total, created, started, finished, error, done) =
            try row.decode((String, String, Int, Date, Date?, Date?, String?, Int).self)
        return ReportJob(
            id: id, status: ReportStatus(rawValue: status) ?? .failed, total: total, done: done,
            createdAt: created, startedAt: started, finishedAt: finished, error: error)
    }

    func definition(id: String) async throws -> ReportDefinition? {
        guard let row = try await database.query("SELECT definition FROM report_job WHERE id = \(id)").first else {
            return nil
        }
        return try JSONDecoder().decode(ReportDefinition.self, from: try row.decode(Data.self))
    }

    func unfinished() async throws -> [String] {
        try await database.query(
            "SELECT id FROM report_job WHERE status IN ('queued', 'running') ORDER BY created_at, id"
        )
        .map { try $0.decode(String.self) }
    }

    func storedListings(id: String) async throws -> Set<String> {
        Set(
            try await database.query("SELECT listing FROM report_row WHERE job_id = \(id)").map {
                try $0.decode(String.self)
            })
    }

    func rows(id: String) async throws -> [Data] {
        try await database.query("SELECT facts FROM report_row WHERE job_id = \(id) ORDER BY seq").map {
            try $0.decode(Data.self)
        }
    }

    func record(id: String, rows: [ReportRow]) async throws {
        guard !rows.isEmpty else { return }
        try await database.transaction { c in
            for row in rows {
                _ = try await c.query(
                    "INSERT INTO report_row (job_id, seq, listing, facts) VALUES (\(id), \(row.seq), \(row.listing), \(row.facts))",
                    logger: database.logger)
            }
        }
    }

    @discardableResult
    func expireFinished(olderThanSeconds seconds: Double) async throws -> Int {
        try await database.query(
            """
            DELETE FROM report_job WHERE status IN ('done', 'failed', 'cancelled')
              AND finished_at < clock_timestamp() - make_interval(secs => \(seconds)) RETURNING 1
            """
        ).count
    }

    @discardableResult
    func transition(id: String, from: [ReportStatus], to status: ReportStatus, error: String?) async throws -> Bool {
        let from = from.map(\.rawValue)
        let running = status == .running, final = status.isFinal
        let rows = try await database.query(
            """
            UPDATE report_job SET status = \(status.rawValue),
              started_at = COALESCE(started_at, CASE WHEN \(running) THEN clock_timestamp() END),
              finished_at = CASE WHEN \(final) THEN clock_timestamp() END, error = \(error)
            WHERE id = \(id) AND status = ANY(\(from)) RETURNING id
            """)
        return !rows.isEmpty
    }
}
