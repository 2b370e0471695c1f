import Foundation
import NIOCore
import PostgresNIO
import SunSpotIO

/// Report PDFs in the shared PostgreSQL database (migration 4), claimed like chunks: one
/// short `UPDATE … FOR UPDATE SKIP LOCKED` claim under a lease on the database clock,
/// heartbeats, and every write fenced by the claim's attempt. A part is written only while
/// its claim holds the task row (`FOR SHARE`), and the seal locks that row (`FOR UPDATE`),
/// so a replica presumed dead can neither add a part to a sealed PDF nor seal over another.
extension PostgresReportStore {
    func requestPDF(id: String, language: Language) async throws {
        _ = try await database.query(
            """
            WITH queued AS (
              INSERT INTO report_pdf (job_id, lang) VALUES (\(id), \(language.rawValue))
              ON CONFLICT DO NOTHING RETURNING job_id)
            SELECT pg_notify(\(PostgresReportChunks.channel), job_id) FROM queued
            """)
    }

    func pdfStates(id: String) async throws -> [Language: ReportPDFState] {
        var states: [Language: ReportPDFState] = [:]
        for row in try await database.query(
            "SELECT lang, state, bytes, error_code, error FROM report_pdf WHERE job_id = \(id)")
        {
            let (lang, state, bytes, code, reason) = try row.decode((String, String, Int?, String?, String?).self)
            guard let language = Language(rawValue: lang) else { continue }
            states[language] = ReportPDFState(state: state, bytes: bytes, code: code, reason: reason)
        }
        return states
    }

    func storedPDF(id: String, language: Language) async throws -> StoredPDF? {
        guard
            let row = try await database.query(
                """
                SELECT attempt, bytes, parts, sha256 FROM report_pdf
                WHERE job_id = \(id) AND lang = \(language.rawValue) AND state = 'ready'
                """
            ).first
        else { return nil }
        let (attempt, bytes, parts, sha256) = try row.decode((Int, Int, Int, String).self)
        return StoredPDF(jobID: id, language: language, attempt: attempt, bytes: bytes, parts: parts, sha256: sha256)
    }

    func pdfPart(_ pdf: StoredPDF, index: Int) async throws -> Data {
        guard
            let row = try await database.query(
                """
                SELECT bytes FROM report_pdf_part WHERE job_id = \(pdf.jobID) AND lang = \(pdf.language.rawValue)
                  AND attempt = \(pdf.attempt) AND part = \(index)
                """
            ).first
        else { throw ReportJobError("part \(index) of the \(pdf.language.rawValue) PDF of \(pdf.jobID) is missing") }
        return try row.decode(Data.self)
    }

    /// Hashed in the database (`sha256(bytea)`): only the first differing listing comes back.
    func pdfRowMismatch(id: String, language: Language) async throws -> String? {
        let lang = language.rawValue
        return try await database.query(
            """
            SELECT listing FROM (
              SELECT r.seq, r.listing FROM report_row r
              LEFT JOIN report_pdf_row d ON d.job_id = r.job_id AND d.lang = \(lang) AND d.seq = r.seq
              WHERE r.job_id = \(id) AND (d.digest IS NULL OR d.digest <> sha256(r.facts))
              UNION ALL
              SELECT d.seq, d.listing FROM report_pdf_row d
              WHERE d.job_id = \(id) AND d.lang = \(lang)
                AND NOT EXISTS (SELECT 1 FROM report_row r WHERE r.job_id = d.job_id AND r.seq = d.seq)
            ) AS changed ORDER BY seq LIMIT 1
            """
        ).first?.decode(String.self)
    }

    func claimPDFs(owner: String, limit: Int, policy: ChunkPolicy) async throws -> [PDFTask] {
        try await database.query(
            """
            UPDATE report_pdf SET state = 'running', attempt = attempt + 1, owner = \(owner),
              lease_until = clock_timestamp() + make_interval(secs => \(policy.leaseSeconds))
            WHERE (job_id, lang) IN (
              SELECT p.job_id, p.lang FROM report_pdf p JOIN report_job j ON j.id = p.job_id
              WHERE p.state = 'queued' AND p.not_before <= clock_timestamp() AND j.status IN ('done', 'cancelled')
              ORDER BY j.finished_at, p.lang LIMIT \(limit) FOR UPDATE OF p SKIP LOCKED)
            RETURNING job_id, lang, attempt
            """
        ).compactMap { row in
            let (job, lang, attempt) = try row.decode((String, String, Int).self)
            return Language(rawValue: lang).map { PDFTask(jobID: job, language: $0, attempt: attempt) }
        }
    }

    func heartbeatPDF(_ task: PDFTask, policy: ChunkPolicy) async throws -> Bool {
        try await !database.query(
            """
            UPDATE report_pdf SET lease_until = clock_timestamp() + make_interval(secs => \(policy.leaseSeconds))
            WHERE job_id = \(task.jobID) AND lang = \(task.language.rawValue) AND state = 'running'
              AND attempt = \(task.attempt)
            RETURNING 1
            """
        ).isEmpty
    }

    func writePDFPart(_ task: PDFTask, index: Int, bytes: Data) async throws -> Bool {
        try await !database.query(
            """
            INSERT INTO report_pdf_part (job_id, lang, attempt, part, bytes)
            SELECT job_id, lang, attempt, \(index), \(ByteBuffer(bytes: bytes)) FROM report_pdf
            WHERE job_id = \(task.jobID) AND lang = \(task.language.rawValue) AND state = 'running'
              AND attempt = \(task.attempt)
            FOR SHARE
            ON CONFLICT (job_id, lang, attempt, part) DO UPDATE SET bytes = EXCLUDED.bytes
            RETURNING 1
            """
        ).isEmpty
    }

    func sealPDF(_ task: PDFTask, bytes: Int, parts: Int, sha256: String, digests: [RowDigest]) async throws -> Bool {
        let (id, lang, attempt) = (task.jobID, task.language.rawValue, task.attempt)
        return try await database.transaction { c in
            let log = database.logger
            var held = false
            for try await _ in try await c.query(
                """
                SELECT 1 FROM report_pdf WHERE job_id = \(id) AND lang = \(lang) AND state = 'running'
                  AND attempt = \(attempt) FOR UPDATE
                """, logger: log)
            { held = true }
            guard held else { return false }
            _ = try await c.query(
                "DELETE FROM report_pdf_part WHERE job_id = \(id) AND lang = \(lang) AND attempt <> \(attempt)",
                logger: log)
            _ = try await c.query("DELETE FROM report_pdf_row WHERE job_id = \(id) AND lang = \(lang)", logger: log)
            let seqs = digests.map(\.seq), listings = digests.map(\.listing)
            let hashes = digests.map { ByteBuffer(bytes: $0.digest) }
            _ = try await c.query(
                """
                INSERT INTO report_pdf_row (job_id, lang, seq, listing, digest)
                SELECT \(id), \(lang), s, l, d FROM unnest(\(seqs)::integer[], \(listings)::text[], \(hashes)::bytea[]) AS u(s, l, d)
                """, logger: log)
            _ = try await c.query(
                """
                UPDATE report_pdf SET state = 'ready', owner = NULL, lease_until = NULL, error_code = NULL, error = NULL,
                  bytes = \(bytes), parts = \(parts), sha256 = \(sha256)
                WHERE job_id = \(id) AND lang = \(lang)
                """, logger: log)
            return true
        }
    }

    func failPDF(_ task: PDFTask, code: String, reason: String, final: Bool, policy: ChunkPolicy) async throws {
        _ = try await database.query(
            """
            UPDATE report_pdf SET failures = failures + 1, owner = NULL, lease_until = NULL, error_code = \(code),
              error = \(reason),
              state = CASE WHEN \(final) OR failures + 1 >= \(policy.maxAttempts) THEN 'failed' ELSE 'queued' END,
              not_before = clock_timestamp() + make_interval(secs => LEAST(\(policy.backoffCapSeconds),
                \(policy.backoffBaseSeconds) * power(2, failures)) * (0.5 + random()))
            WHERE job_id = \(task.jobID) AND lang = \(task.language.rawValue) AND state = 'running'
              AND attempt = \(task.attempt)
            """)
    }

    func releasePDF(_ task: PDFTask) async throws {
        _ = try await database.query(
            """
            WITH released AS (
              UPDATE report_pdf SET state = 'queued', owner = NULL, lease_until = NULL, not_before = clock_timestamp()
              WHERE job_id = \(task.jobID) AND lang = \(task.language.rawValue) AND state = 'running'
                AND attempt = \(task.attempt)
              RETURNING job_id)
            SELECT pg_notify(\(PostgresReportChunks.channel), job_id) FROM released
            """)
    }

    func requeueExpiredPDFs(policy: ChunkPolicy) async throws {
        _ = try await database.query(
            """
            UPDATE report_pdf SET failures = failures + 1, owner = NULL, lease_until = NULL,
              error_code = \(ReportPDFState.failedCode),
              error = 'lease expired: replica ' || COALESCE(owner, '?') || ' stopped renewing it',
              state = CASE WHEN failures + 1 >= \(policy.maxAttempts) THEN 'failed' ELSE 'queued' END,
              not_before = clock_timestamp() + make_interval(secs => LEAST(\(policy.backoffCapSeconds),
                \(policy.backoffBaseSeconds) * power(2, failures)) * (0.5 + random()))
            WHERE state = 'running' AND lease_until < clock_timestamp()
            """)
    }
}
