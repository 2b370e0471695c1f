import Foundation
import Logging
import NIOCore
import PostgresNIO
import Testing

@testable import SunSpotServer

/// Report chunk jobs on PostgreSQL (issue 12), against a real server (Scripts/with-postgres.sh):
/// claims, leases on the database clock, fenced writes, re-queue of expired leases, retries
/// to a visible failed state. The whole flow across processes (kill -9, drain) is the
/// cluster test's (Scripts/cluster-test.sh).
@Suite struct ReportChunksOnPostgres {
    /// A fresh database with one admitted job of `listings` listings, and its chunk queue.
    static func withJob(
        listings: Int, definition: ReportDefinition? = nil,
        _ body: (PostgresReportChunks, String, StoreContract.Opened) async throws -> Void
    )
        async throws
    {
        try await StoreContract.with(.postgres) { s in
            let chunks = PostgresReportChunks(database: try #require(s.database))
            let id = EditToken.randomHex(bytes: 16)
            #expect(
                try await s.reports.admit(
                    id: id, client: "a", definition: definition ?? StoreContract.definition(listings),
                    perClient: 9, queueDepth: 9) == .accepted)
            try await body(chunks, id, s)
        }
    }

    static func rows(_ claim: ChunkClaim) -> [ReportRow] {
        claim.seqs.map { ReportRow(seq: $0, listing: "L\($0)", facts: Data("r\($0)".utf8)) }
    }

    static let policy = ChunkPolicy(
        leaseSeconds: 1, heartbeatSeconds: 0.3, maxAttempts: 2, backoffBaseSeconds: 0.01,
        backoffCapSeconds: 0.01)

    @Test func aJobIsSplitIntoChunksOfFiftyAndEachIsClaimedOnce() async throws {
        try await Self.withJob(listings: 120) { chunks, id, s in
            // Oldest first, in chunk order (RETURNING itself promises no order).
            let first = try await chunks.claim(owner: "a", limit: 2, policy: Self.policy).sorted { $0.chunk < $1.chunk }
            let second = try await chunks.claim(owner: "b", limit: 5, policy: Self.policy)
            #expect(first.map(\.chunk) == [0, 1] && second.map(\.chunk) == [2])
            #expect((first + second).map(\.seqs) == [Array(0..<50), Array(50..<100), Array(100..<120)])
            #expect(try await chunks.claim(owner: "c", limit: 5, policy: Self.policy).isEmpty)
            #expect(try await s.reports.job(id: id)?.status == .running)
            for claim in first + second { #expect(try await chunks.complete(claim, rows: Self.rows(claim))) }
            let job = try #require(try await s.reports.job(id: id))
            #expect(job.status == .done && job.done == 120 && job.finishedAt != nil)
            #expect(try await s.reports.rows(id: id).count == 120)
        }
    }

    @Test func anExpiredLeaseIsRequeuedAndTheLateWriterIsFencedOut() async throws {
        try await Self.withJob(listings: 10) { chunks, id, s in
            let dead = try #require(try await chunks.claim(owner: "dead", limit: 1, policy: Self.policy).first)
            #expect(try await chunks.heartbeat(dead, policy: Self.policy))
            try await Task.sleep(for: .milliseconds(1300))  // the lease (1 s, database clock) runs out
            try await chunks.requeueExpired(policy: Self.policy)
            try await Task.sleep(for: .milliseconds(50))  // the backoff (0.01 s x jitter)
            let alive = try #require(try await chunks.claim(owner: "alive", limit: 1, policy: Self.policy).first)
            #expect(alive.chunk == dead.chunk && alive.attempt == dead.attempt + 1)
            // The replica presumed dead wakes up: its heartbeat and its completion are refused.
            #expect(try await !chunks.heartbeat(dead, policy: Self.policy))
            #expect(try await !chunks.complete(dead, rows: Self.rows(dead)))
            #expect(try await s.reports.rows(id: id).isEmpty)
            #expect(try await chunks.complete(alive, rows: Self.rows(alive)))
            #expect(try await s.reports.job(id: id)?.status == .done)
            #expect(try await s.reports.rows(id: id).count == 10)
        }
    }

    @Test func failuresRetryThenFailTheReportWithTheReason() async throws {
        try await Self.withJob(listings: 10) { chunks, id, s in
            let first = try #require(try await chunks.claim(owner: "a", limit: 1, policy: Self.policy).first)
            try await chunks.fail(first, reason: "scene gone", policy: Self.policy)
            #expect(try await s.reports.job(id: id)?.status == .running)  // one failure of two allowed
            try await Task.sleep(for: .milliseconds(50))
            let second = try #require(try await chunks.claim(owner: "a", limit: 1, policy: Self.policy).first)
            #expect(second.attempt == 2)
            try await chunks.fail(second, reason: "scene gone", policy: Self.policy)
            let job = try #require(try await s.reports.job(id: id))
            #expect(job.status == .failed)
            #expect(job.error == "listings 1-10 failed after 2 attempts: scene gone")
            #expect(try await chunks.claim(owner: "a", limit: 1, policy: Self.policy).isEmpty)
        }
    }

    @Test func aFlatListedFarApartIsInOneChunkAndAFailedChunkNamesItsListings() async throws {
        // 60 listings cycling through 30 flats: L0 and L30 are the same flat, and so on.
        var definition = StoreContract.definition(60)
        for i in definition.listings.indices { definition.listings[i].floor = i % 30 + 1 }
        try await Self.withJob(listings: 60, definition: definition) { chunks, id, s in
            let claims = try await chunks.claim(owner: "a", limit: 5, policy: Self.policy).sorted {
                $0.chunk < $1.chunk
            }
            let first: [Int] = (0..<25).flatMap { [$0, $0 + 30] }.sorted()
            let second: [Int] = (25..<30).flatMap { [$0, $0 + 30] }.sorted()
            #expect(claims.map(\.seqs) == [first, second])
            try await chunks.fail(claims[1], reason: "scene gone", policy: Self.policy)
            try await Task.sleep(for: .milliseconds(50))
            let again = try #require(try await chunks.claim(owner: "a", limit: 1, policy: Self.policy).first)
            try await chunks.fail(again, reason: "scene gone", policy: Self.policy)
            let job = try #require(try await s.reports.job(id: id))
            #expect(job.error == "10 listings between 26 and 60 failed after 2 attempts: scene gone")
        }
    }

    /// Migration 5 gives chunks admitted under schema 4 (a consecutive range each) their list
    /// of positions, so a replica upgraded mid-report claims and completes them as before.
    @Test func chunksAdmittedBeforeMigrationFiveAreClaimedWithTheirRange() async throws {
        guard let base = ProcessInfo.processInfo.environment["SUNSPOT_TEST_POSTGRES"] else {
            throw StoreTestError("SUNSPOT_TEST_POSTGRES is not set: run the tests under Scripts/with-postgres.sh")
        }
        let logger = Logger(label: "migration-test")
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await StoreContract.admin(base, logger: logger, "CREATE DATABASE \(name)")
        let url = base.replacingOccurrences(of: #"/[^/]*$"#, with: "/\(name)", options: .regularExpression)
        do { try await Self.upgradeAndClaim(url, logger: logger) } catch {
            try? await StoreContract.admin(base, logger: logger, "DROP DATABASE \(name) WITH (FORCE)")
            throw error
        }
        try await StoreContract.admin(base, logger: logger, "DROP DATABASE \(name) WITH (FORCE)")
    }

    /// Schema 4 with a report of two range chunks, then the current stores on it, claiming them.
    static func upgradeAndClaim(_ url: String, logger: Logger) async throws {
        let old = PostgresClient(configuration: try PostgresService.configuration(url))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await old.run() }
            try await PostgresMigrations.apply(old, logger: logger, through: 4)
            let definition = ByteBuffer(bytes: try JSONEncoder().encode(StoreContract.definition(70)))
            let admitted: [PostgresQuery] = [
                "INSERT INTO report_job (id, client, status, total, definition) VALUES ('j', 'a', 'queued', 70, \(definition))",
                "INSERT INTO report_chunk (job_id, chunk, first_seq, end_seq) VALUES ('j', 0, 0, 50), ('j', 1, 50, 70)",
            ]
            for query in admitted { _ = try await old.query(query, logger: logger).collect() }
            group.cancelAll()
        }
        try await StoreContract.with(url: url) { s in
            let chunks = PostgresReportChunks(database: try #require(s.database))
            let claims = try await chunks.claim(owner: "a", limit: 5, policy: Self.policy).sorted {
                $0.chunk < $1.chunk
            }
            #expect(claims.map(\.seqs) == [Array(0..<50), Array(50..<70)])
            for claim in claims { #expect(try await chunks.complete(claim, rows: Self.rows(claim))) }
            #expect(try await s.reports.job(id: "j")?.status == .done)
        }
    }

    @Test func aReleasedChunkIsClaimedAgainWithoutCountingAFailure() async throws {
        try await Self.withJob(listings: 10) { chunks, id, s in
            let held = try #require(try await chunks.claim(owner: "draining", limit: 1, policy: Self.policy).first)
            try await chunks.release(held)
            let again = try #require(try await chunks.claim(owner: "other", limit: 1, policy: Self.policy).first)
            #expect(again.attempt == 2)
            // Two claims, no failures: a failure now is the first of two allowed.
            try await chunks.fail(again, reason: "x", policy: Self.policy)
            #expect(try await s.reports.job(id: id)?.status == .running)
        }
    }

    @Test func aCancelledReportStopsItsChunks() async throws {
        try await Self.withJob(listings: 60) { chunks, id, s in
            let held = try #require(try await chunks.claim(owner: "a", limit: 1, policy: Self.policy).first)
            #expect(try await s.reports.transition(id: id, from: [.queued, .running], to: .cancelled))
            #expect(try await !chunks.heartbeat(held, policy: Self.policy))
            #expect(try await !chunks.complete(held, rows: Self.rows(held)))
            #expect(try await chunks.claim(owner: "a", limit: 5, policy: Self.policy).isEmpty)
        }
    }
}

/// Finished reports expire after `--report-retention`, on both backends.
@Suite struct ReportRetentionRule {
    @Test(arguments: StoreContract.Backend.allCases)
    func finishedJobsOlderThanTheRetentionAreDeletedWithTheirRows(_ backend: StoreContract.Backend) async throws {
        try await StoreContract.with(backend) { s in
            let (old, running) = (EditToken.randomHex(bytes: 16), EditToken.randomHex(bytes: 16))
            for id in [old, running] {
                _ = try await s.reports.admit(
                    id: id, client: "a", definition: StoreContract.definition(1), perClient: 9,
                    queueDepth: 9)
            }
            try await s.reports.record(id: old, rows: [ReportRow(seq: 0, listing: "L0", facts: Data("x".utf8))])
            try await s.reports.transition(id: old, from: [.queued], to: .done)
            #expect(try await s.reports.expireFinished(olderThanSeconds: 3600) == 0)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await s.reports.expireFinished(olderThanSeconds: 1) == 1)
            #expect(try await s.reports.job(id: old) == nil)
            #expect(try await s.reports.rows(id: old).isEmpty)
            #expect(try await s.reports.job(id: running)?.status == .queued)  // unfinished jobs are kept
        }
    }
}
