import Foundation
import NIOCore
import PostgresNIO

/// A chunk a replica holds: which report, which listings (their input positions, ascending:
/// ``ReportChunkPlan``), and the claim number that fences every write made under it.
struct ChunkClaim: Sendable, Hashable {
    var jobID: String
    var chunk: Int
    var seqs: [Int]
    var attempt: Int
}

/// How long a claim lives and how failures are retried.
struct ChunkPolicy: Sendable {
    /// A claim's lease; a replica that stops renewing it is presumed dead when it runs out.
    var leaseSeconds: Double
    /// How often a running chunk renews its lease (well inside the lease).
    var heartbeatSeconds: Double
    /// Failed or expired runs a chunk may have before it (and its report) fails for good.
    var maxAttempts: Int
    /// Retry delay: base × 2^failures, capped, times a random factor in [0.5, 1.5).
    var backoffBaseSeconds = 0.5
    var backoffCapSeconds = 30.0
}

/// Report chunk jobs in PostgreSQL (migration 3), as SQL only: PostgreSQL is the
/// coordinator, and every time is the database's clock (`clock_timestamp()`), never a
/// replica's. No transaction stays open while a chunk computes: a claim is one short
/// `UPDATE`, the work runs outside, and the completion is one short transaction.
struct PostgresReportChunks: Sendable {
    let database: PostgresService
    static let channel = "sunspot_reports"
    /// Listings per chunk: small enough to spread a report over replicas and to lose
    /// little work when one dies, large enough that claims stay cheap.
    static let size = 50

    /// The chunks of a newly admitted job (``ReportChunkPlan``), inside its admission
    /// transaction, and a wake-up for every listening replica (delivered when that
    /// transaction commits). `first_seq`/`end_seq` bound a chunk's positions for messages.
    static func split(
        _ c: PostgresSession, jobID: String, listings: [ReportDefinition.Listing], logger: Logger
    ) async throws {
        let plan = ReportChunkPlan.chunks(of: listings, size: size)
        let firsts = plan.map { $0.first! }, ends = plan.map { $0.last! + 1 }
        let seqs = plan.map { "{" + $0.map(String.init).joined(separator: ",") + "}" }
        _ = try await c.query(
            """
            INSERT INTO report_chunk (job_id, chunk, first_seq, end_seq, seqs)
            SELECT \(jobID), n - 1, f, e, s::integer[]
            FROM unnest(\(firsts)::integer[], \(ends)::integer[], \(seqs)::text[]) WITH ORDINALITY AS u(f, e, s, n)
            """, logger: logger)
        _ = try await c.query("SELECT pg_notify(\(channel), \(jobID))", logger: logger)
    }

    /// Claims up to `limit` ready chunks, oldest report first, skipping rows other
    /// replicas are claiming at this moment; the first claim of a job marks it running. One
    /// statement, so one round trip.
    func claim(owner: String, limit: Int, policy: ChunkPolicy) async throws -> [ChunkClaim] {
        let rows = try await database.query(
            """
            WITH claimed AS (
              UPDATE report_chunk SET state = 'running', attempt = attempt + 1, owner = \(owner),
                lease_until = clock_timestamp() + make_interval(secs => \(policy.leaseSeconds))
              WHERE (job_id, chunk) IN (
                SELECT c.job_id, c.chunk FROM report_chunk c JOIN report_job j ON j.id = c.job_id
                WHERE c.state = 'queued' AND c.not_before <= clock_timestamp() AND j.status IN ('queued', 'running')
                ORDER BY j.created_at, c.chunk LIMIT \(limit) FOR UPDATE OF c SKIP LOCKED)
              RETURNING job_id, chunk, seqs, attempt),
            started AS (
              UPDATE report_job SET status = 'running', started_at = COALESCE(started_at, clock_timestamp())
              WHERE id IN (SELECT job_id FROM claimed) AND status = 'queued')
            SELECT job_id, chunk, seqs::bigint[], attempt FROM claimed
            """)
        return try rows.map { row in
            let (job, chunk, seqs, attempt) = try row.decode((String, Int, [Int], Int).self)
            return ChunkClaim(jobID: job, chunk: chunk, seqs: seqs, attempt: attempt)
        }
    }

    /// Renews a claim's lease; false when the claim is lost (its lease ran out and another
    /// replica took the chunk) or its report is no longer running (cancelled, failed).
    func heartbeat(_ claim: ChunkClaim, policy: ChunkPolicy) async throws -> Bool {
        try await !database.query(
            """
            UPDATE report_chunk c SET lease_until = clock_timestamp() + make_interval(secs => \(policy.leaseSeconds))
            FROM report_job j
            WHERE j.id = c.job_id AND j.status = 'running' AND c.job_id = \(claim.jobID) AND c.chunk = \(claim.chunk)
              AND c.state = 'running' AND c.attempt = \(claim.attempt)
            RETURNING 1
            """
        ).isEmpty
    }

    /// Stores a chunk's rows and marks it done, fenced by the claim, in one statement (so
    /// one transaction and one round trip): a replica whose claim was taken over, or whose
    /// report is no longer running, writes nothing (false). The report's row is only
    /// share-locked, so completions of one report commit side by side (a cancel waits for
    /// them); then ``finishIfComplete(_:)`` marks the report done once no chunk is left.
    func complete(_ claim: ChunkClaim, rows: [ReportRow]) async throws -> Bool {
        let seqs = rows.map(\.seq), listings = rows.map(\.listing), facts = rows.map { ByteBuffer(bytes: $0.facts) }
        let written = try await !database.query(
            """
            WITH job AS (SELECT 1 FROM report_job WHERE id = \(claim.jobID) AND status = 'running' FOR SHARE),
            chunk AS (
              UPDATE report_chunk SET state = 'done', owner = NULL, lease_until = NULL
              WHERE job_id = \(claim.jobID) AND chunk = \(claim.chunk) AND state = 'running'
                AND attempt = \(claim.attempt) AND EXISTS (SELECT 1 FROM job)
              RETURNING 1),
            stored AS (
              INSERT INTO report_row (job_id, seq, listing, facts)
              SELECT \(claim.jobID), s, l, f FROM unnest(\(seqs)::integer[], \(listings)::text[], \(facts)::bytea[]) AS u(s, l, f)
              WHERE EXISTS (SELECT 1 FROM chunk))
            SELECT 1 FROM chunk
            """
        ).isEmpty
        if written { try await finishIfComplete(claim.jobID) }
        return written
    }

    /// Marks a running report done when all its chunks are. Run after a completion commits
    /// (so the last completion to commit sees every chunk done), and by every poll, which
    /// finishes a report whose last completer died between its commit and this statement.
    func finishIfComplete(_ jobID: String? = nil) async throws {
        _ = try await database.query(
            """
            UPDATE report_job j SET status = 'done', finished_at = clock_timestamp()
            WHERE j.status = 'running' AND (\(jobID)::text IS NULL OR j.id = \(jobID))
              AND NOT EXISTS (SELECT 1 FROM report_chunk c WHERE c.job_id = j.id AND c.state <> 'done')
            """)
    }

    /// A run that threw: the chunk goes back to the queue after a backoff with jitter, or,
    /// at the last attempt, fails together with its report, whose error names the reason.
    func fail(_ claim: ChunkClaim, reason: String, policy: ChunkPolicy) async throws {
        _ = try await database.query(
            """
            WITH failed AS (
              UPDATE report_chunk SET failures = failures + 1, owner = NULL, lease_until = NULL, last_error = \(reason),
                state = CASE WHEN failures + 1 >= \(policy.maxAttempts) THEN 'failed' ELSE 'queued' END,
                not_before = clock_timestamp() + make_interval(secs => LEAST(\(policy.backoffCapSeconds),
                  \(policy.backoffBaseSeconds) * power(2, failures)) * (0.5 + random()))
              WHERE job_id = \(claim.jobID) AND chunk = \(claim.chunk) AND state = 'running' AND attempt = \(claim.attempt)
              RETURNING job_id, chunk, first_seq, end_seq, seqs, failures, state, last_error)
            \(unescaped: Self.failReports)
            """)
    }

    /// Leases that ran out (their replica died or hung) go back to the queue, counted as a
    /// failed attempt, or fail for good at the last one. Any replica may run this.
    func requeueExpired(policy: ChunkPolicy) async throws {
        _ = try await database.query(
            """
            WITH failed AS (
              UPDATE report_chunk SET failures = failures + 1, owner = NULL, lease_until = NULL,
                last_error = 'lease expired: replica ' || COALESCE(owner, '?') || ' stopped renewing it',
                state = CASE WHEN failures + 1 >= \(policy.maxAttempts) THEN 'failed' ELSE 'queued' END,
                not_before = clock_timestamp() + make_interval(secs => LEAST(\(policy.backoffCapSeconds),
                  \(policy.backoffBaseSeconds) * power(2, failures)) * (0.5 + random()))
              WHERE state = 'running' AND lease_until < clock_timestamp()
              RETURNING job_id, chunk, first_seq, end_seq, seqs, failures, state, last_error)
            \(unescaped: Self.failReports)
            """)
    }

    /// The second half of the two statements above: a chunk that reached `failed` fails its
    /// report, naming its listings by position (1-based, as lines of the request).
    static let failReports = """
        UPDATE report_job j SET status = 'failed', finished_at = clock_timestamp(),
          error = CASE WHEN cardinality(f.seqs) = f.end_seq - f.first_seq
            THEN 'listings ' || (f.first_seq + 1) || '-' || f.end_seq
            ELSE cardinality(f.seqs) || ' listings between ' || (f.first_seq + 1) || ' and ' || f.end_seq END
            || ' failed after ' || f.failures || ' attempts: ' || f.last_error
        FROM failed f WHERE f.state = 'failed' AND j.id = f.job_id AND j.status IN ('queued', 'running')
        """

    /// A draining replica hands a chunk back at once, without counting a failure.
    func release(_ claim: ChunkClaim) async throws {
        _ = try await database.query(
            """
            WITH released AS (
              UPDATE report_chunk SET state = 'queued', owner = NULL, lease_until = NULL, not_before = clock_timestamp()
              WHERE job_id = \(claim.jobID) AND chunk = \(claim.chunk) AND state = 'running' AND attempt = \(claim.attempt)
              RETURNING job_id)
            SELECT pg_notify(\(Self.channel), job_id) FROM released
            """)
    }
}
