import Crypto
import Foundation
import GRDB
import SunSpotIO

/// Report PDFs in the embedded SQLite file (migration `v3-report-pdf`): one task row per
/// (job, language) with the same claim columns as PostgreSQL's, its 1 MiB parts, and the
/// digests of the rows it was drawn from. One process uses the file, so the lease clock is
/// this process's; leases still matter, for a claim left behind by a crash.
extension SQLiteReportStore {
    static func registerPDFMigrations(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3-report-pdf") { db in
            try db.create(table: "reportPdf") { t in
                t.column("jobId", .text).notNull().references("reportJob", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("state", .text).notNull().defaults(to: "queued")
                t.column("attempt", .integer).notNull().defaults(to: 0)
                t.column("failures", .integer).notNull().defaults(to: 0)
                t.column("owner", .text)
                t.column("leaseUntil", .datetime)
                t.column("notBefore", .datetime).notNull()
                t.column("errorCode", .text)
                t.column("error", .text)
                t.column("bytes", .integer)
                t.column("parts", .integer)
                t.column("sha256", .text)
                t.primaryKey(["jobId", "language"])
            }
            try db.create(table: "reportPdfPart") { t in
                t.column("jobId", .text).notNull().references("reportJob", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("attempt", .integer).notNull()
                t.column("part", .integer).notNull()
                t.column("bytes", .blob).notNull()
                t.primaryKey(["jobId", "language", "attempt", "part"])
            }
            try db.create(table: "reportPdfRow") { t in
                t.column("jobId", .text).notNull().references("reportJob", onDelete: .cascade)
                t.column("language", .text).notNull()
                t.column("seq", .integer).notNull()
                t.column("listing", .text).notNull()
                t.column("digest", .blob).notNull()
                t.primaryKey(["jobId", "language", "seq"])
            }
        }
    }

    func requestPDF(id: String, language: Language) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO reportPdf (jobId, language, notBefore) VALUES (?, ?, ?)",
                arguments: [id, language.rawValue, Date()])
        }
    }

    func pdfStates(id: String) async throws -> [Language: ReportPDFState] {
        try await pool.read { db in
            var states: [Language: ReportPDFState] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT language, state, bytes, errorCode, error FROM reportPdf WHERE jobId = ?",
                arguments: [id])
            {
                guard let language = Language(rawValue: row["language"]) else { continue }
                states[language] = ReportPDFState(
                    state: row["state"], bytes: row["bytes"], code: row["errorCode"], reason: row["error"])
            }
            return states
        }
    }

    func storedPDF(id: String, language: Language) async throws -> StoredPDF? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT attempt, bytes, parts, sha256 FROM reportPdf WHERE jobId = ? AND language = ? AND state = 'ready'",
                arguments: [id, language.rawValue]
            ).map { row in
                StoredPDF(
                    jobID: id, language: language, attempt: row["attempt"], bytes: row["bytes"], parts: row["parts"],
                    sha256: row["sha256"])
            }
        }
    }

    func pdfPart(_ pdf: StoredPDF, index: Int) async throws -> Data {
        try await pool.read { db in
            guard
                let data = try Data.fetchOne(
                    db,
                    sql:
                        "SELECT bytes FROM reportPdfPart WHERE jobId = ? AND language = ? AND attempt = ? AND part = ?",
                    arguments: [pdf.jobID, pdf.language.rawValue, pdf.attempt, index])
            else {
                throw ReportJobError("part \(index) of the \(pdf.language.rawValue) PDF of \(pdf.jobID) is missing")
            }
            return data
        }
    }

    /// Compared here rather than in SQL (SQLite has no SHA-256): one pass over the rows in
    /// input order beside the digests, one row in memory at a time.
    func pdfRowMismatch(id: String, language: Language) async throws -> String? {
        try await pool.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.listing, r.facts, d.digest FROM reportRow r
                    LEFT JOIN reportPdfRow d ON d.jobId = r.jobId AND d.language = ? AND d.seq = r.seq
                    WHERE r.jobId = ? ORDER BY r.seq
                    """,
                arguments: [language.rawValue, id])
            while let row = try rows.next() {
                let facts: Data = row["facts"]
                let digest: Data? = row["digest"]
                if digest != Data(SHA256.hash(data: facts)) { return row["listing"] }
            }
            return try String.fetchOne(
                db,
                sql: """
                    SELECT d.listing FROM reportPdfRow d WHERE d.jobId = ? AND d.language = ?
                      AND NOT EXISTS (SELECT 1 FROM reportRow r WHERE r.jobId = d.jobId AND r.seq = d.seq)
                    ORDER BY d.seq LIMIT 1
                    """,
                arguments: [id, language.rawValue])
        }
    }

    func claimPDFs(owner: String, limit: Int, policy: ChunkPolicy) async throws -> [PDFTask] {
        let now = Date()
        return try await pool.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT p.jobId, p.language, p.attempt FROM reportPdf p JOIN reportJob j ON j.id = p.jobId
                    WHERE p.state = 'queued' AND p.notBefore <= ? AND j.status IN ('done', 'cancelled')
                    ORDER BY j.finishedAt, p.language LIMIT ?
                    """,
                arguments: [now, limit])
            return try rows.compactMap { row -> PDFTask? in
                guard let language = Language(rawValue: row["language"]) else { return nil }
                let task = PDFTask(jobID: row["jobId"], language: language, attempt: row["attempt"] + 1)
                try db.execute(
                    sql: """
                        UPDATE reportPdf SET state = 'running', attempt = ?, owner = ?, leaseUntil = ?
                        WHERE jobId = ? AND language = ?
                        """,
                    arguments: [
                        task.attempt, owner, now.addingTimeInterval(policy.leaseSeconds), task.jobID,
                        language.rawValue,
                    ])
                return task
            }
        }
    }

    /// The claim's row, if the claim still holds it (`state = 'running'` and its attempt).
    private static let fence = "jobId = ? AND language = ? AND state = 'running' AND attempt = ?"

    private static func fenced(_ task: PDFTask) -> StatementArguments {
        [task.jobID, task.language.rawValue, task.attempt]
    }

    func heartbeatPDF(_ task: PDFTask, policy: ChunkPolicy) async throws -> Bool {
        let until = Date().addingTimeInterval(policy.leaseSeconds)
        return try await pool.write { db in
            try db.execute(
                sql: "UPDATE reportPdf SET leaseUntil = ? WHERE \(Self.fence)", arguments: [until] + Self.fenced(task))
            return db.changesCount > 0
        }
    }

    func writePDFPart(_ task: PDFTask, index: Int, bytes: Data) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO reportPdfPart (jobId, language, attempt, part, bytes)
                    SELECT jobId, language, attempt, ?, ? FROM reportPdf WHERE \(Self.fence)
                    """,
                arguments: [index, bytes] + Self.fenced(task))
            return db.changesCount > 0
        }
    }

    func sealPDF(_ task: PDFTask, bytes: Int, parts: Int, sha256: String, digests: [RowDigest]) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE reportPdf SET state = 'ready', owner = NULL, leaseUntil = NULL, errorCode = NULL,
                      error = NULL, bytes = ?, parts = ?, sha256 = ?
                    WHERE \(Self.fence)
                    """,
                arguments: [bytes, parts, sha256] + Self.fenced(task))
            guard db.changesCount > 0 else { return false }
            let (id, language) = (task.jobID, task.language.rawValue)
            try db.execute(
                sql: "DELETE FROM reportPdfPart WHERE jobId = ? AND language = ? AND attempt <> ?",
                arguments: [id, language, task.attempt])
            try db.execute(sql: "DELETE FROM reportPdfRow WHERE jobId = ? AND language = ?", arguments: [id, language])
            let insert = try db.makeStatement(
                sql: "INSERT INTO reportPdfRow (jobId, language, seq, listing, digest) VALUES (?, ?, ?, ?, ?)")
            for d in digests { try insert.execute(arguments: [id, language, d.seq, d.listing, d.digest]) }
            return true
        }
    }

    func failPDF(_ task: PDFTask, code: String, reason: String, final: Bool, policy: ChunkPolicy) async throws {
        try await pool.write { db in
            try Self.fail(
                db, where: Self.fence, Self.fenced(task), code: code, reason: reason, final: final, policy: policy)
        }
    }

    func releasePDF(_ task: PDFTask) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE reportPdf SET state = 'queued', owner = NULL, leaseUntil = NULL WHERE \(Self.fence)",
                arguments: Self.fenced(task))
        }
    }

    func requeueExpiredPDFs(policy: ChunkPolicy) async throws {
        try await pool.write { db in
            let expired = try Row.fetchAll(
                db,
                sql: "SELECT jobId, language, attempt, owner FROM reportPdf WHERE state = 'running' AND leaseUntil < ?",
                arguments: [Date()])
            for row in expired {
                let owner: String? = row["owner"]
                try Self.fail(
                    db, where: Self.fence, [row["jobId"], row["language"], row["attempt"]],
                    code: ReportPDFState.failedCode,
                    reason: "lease expired: \(owner ?? "?") stopped renewing it", final: false, policy: policy)
            }
        }
    }

    /// A failed attempt: queued again after base × 2^failures (capped) × jitter, or failed for good.
    private static func fail(
        _ db: Database, where fence: String, _ arguments: StatementArguments, code: String, reason: String,
        final: Bool, policy: ChunkPolicy
    ) throws {
        let failures = try Int.fetchOne(db, sql: "SELECT failures FROM reportPdf WHERE \(fence)", arguments: arguments)
        guard let failures else { return }
        let done = final || failures + 1 >= policy.maxAttempts
        let delay = min(policy.backoffCapSeconds, policy.backoffBaseSeconds * pow(2, Double(failures)))
        try db.execute(
            sql: """
                UPDATE reportPdf SET failures = failures + 1, owner = NULL, leaseUntil = NULL, errorCode = ?, error = ?,
                  state = ?, notBefore = ?
                WHERE \(fence)
                """,
            arguments: [
                code, reason, done ? "failed" : "queued",
                Date().addingTimeInterval(delay * Double.random(in: 0.5..<1.5)),
            ] + arguments)
    }
}

extension ReportPDFState {
    /// A task row's columns as the job's JSON shows them.
    init(state: String, bytes: Int?, code: String?, reason: String?) {
        switch state {
        case "ready": self = .ready(bytes: bytes ?? 0)
        case "failed": self = .failed(code: code ?? Self.failedCode, reason: reason ?? "unknown")
        default: self = .pending
        }
    }
}
