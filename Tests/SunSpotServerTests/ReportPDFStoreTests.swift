import Crypto
import Foundation
import GRDB
import Logging
import PostgresNIO
import SunSpotReports
import Testing

@testable import SunSpotServer

/// Report PDFs as job steps (issue 12 §3), on both backends: claimed under a lease, drawn
/// by a real ``ReportPDFWorker`` (cairo, the sample scene), stored in parts, sealed under
/// the claim. The stored file is read back with poppler's pdfinfo.
@Suite struct ReportPDFSteps {
    static let flats = ["3/5/east", "5/2/south", "4/11/west"]

    static let policy = ChunkPolicy(
        leaseSeconds: 1, heartbeatSeconds: 0.3, maxAttempts: 2, backoffBaseSeconds: 0.01, backoffCapSeconds: 0.01)

    /// A done job over the sample scene whose rows are what BatchReport computes for it.
    static func doneJob(_ s: StoreContract.Opened) async throws -> String {
        let (scene, _, _) = try await s.scenes.create(body: try Data(contentsOf: Repo.sampleScene))
        let listings = flats.enumerated().map { i, f in
            let p = f.split(separator: "/").map(String.init)
            return ReportDefinition.Listing(
                listing: "L\(i)", scene: scene, building: p[0], floor: Int(p[1])!, unit: p[2], title: "Flat \(i)")
        }
        let definition = ReportDefinition(
            listings: listings, year: 2026, standard: "gb50180", climateZone: "II", smallCity: false,
            revisions: [scene: 1])
        let id = EditToken.randomHex(bytes: 16)
        #expect(
            try await s.reports.admit(id: id, client: "a", definition: definition, perClient: 9, queueDepth: 9)
                == .accepted)
        var rows: [ReportRow] = []
        try await definition.batchReport(scenes: s.scenes, analyses: SceneAnalysisCache(budgetBytes: 0)).run(workers: 1)
        { facts in
            rows.append(
                ReportRow(seq: rows.count, listing: facts.listing, facts: Data(ReportDocument.row(facts).utf8)))
        }
        try await s.reports.record(id: id, rows: rows)
        #expect(try await s.reports.transition(id: id, from: [.queued], to: .done))
        return id
    }

    /// A done job whose Chinese PDF was asked for, and the claim on drawing it.
    static func claimedPDF(_ s: StoreContract.Opened) async throws -> (String, PDFTask) {
        let id = try await doneJob(s)
        try await s.reports.requestPDF(id: id, language: .zh)
        return (id, try #require(try await s.reports.claimPDFs(owner: "a", limit: 1, policy: policy).first))
    }

    static func worker(_ s: StoreContract.Opened) -> ReportPDFWorker {
        var logger = Logger(label: "pdf-steps")
        logger.logLevel = .critical
        return ReportPDFWorker(
            store: s.reports, scenes: s.scenes, analyses: SceneAnalysisCache(budgetBytes: 0), workers: 1,
            policy: policy, logger: logger)
    }

    /// The stored PDF's bytes, part by part.
    static func bytes(_ s: StoreContract.Opened, _ pdf: StoredPDF) async throws -> Data {
        var all = Data()
        for i in 0..<pdf.parts { all += try await s.reports.pdfPart(pdf, index: i) }
        return all
    }

    /// Part rows stored for a job, whatever their attempt (straight from the tables).
    static func partRows(_ s: StoreContract.Opened, _ id: String) async throws -> Int {
        if let database = s.database {
            return try await database.query("SELECT COUNT(*) FROM report_pdf_part WHERE job_id = \(id)")[0].decode(
                Int.self)
        }
        let pool = try #require((s.reports as? SQLiteReportStore)?.pool)
        return try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportPdfPart WHERE jobId = ?", arguments: [id]) ?? 0
        }
    }

    @Test(arguments: StoreContract.Backend.allCases)
    func aPDFWhoseLeaseExpiresIsDrawnAgainByAnotherWorkerAndStoredAsOneFile(
        _ backend: StoreContract.Backend
    ) async throws {
        try await StoreContract.with(backend) { s in
            let id = try await Self.doneJob(s)
            try await s.reports.requestPDF(id: id, language: .en)
            try await s.reports.requestPDF(id: id, language: .en)  // asking twice queues it once
            #expect(try await s.reports.pdfStates(id: id) == [.en: .pending])
            // A worker claims it, stores a part, and dies (stops renewing its lease).
            let dead = try #require(try await s.reports.claimPDFs(owner: "dead", limit: 5, policy: Self.policy).first)
            #expect(try await s.reports.claimPDFs(owner: "other", limit: 5, policy: Self.policy).isEmpty)
            #expect(try await s.reports.writePDFPart(dead, index: 0, bytes: Data("half a PDF".utf8)))
            try await Task.sleep(for: .milliseconds(1300))
            try await s.reports.requeueExpiredPDFs(policy: Self.policy)
            try await Task.sleep(for: .milliseconds(50))  // the backoff (0.01 s x jitter)
            let alive = try #require(try await s.reports.claimPDFs(owner: "alive", limit: 5, policy: Self.policy).first)
            #expect(alive.jobID == id && alive.language == .en && alive.attempt == dead.attempt + 1)
            await Self.worker(s).draw(alive)
            // The dead worker wakes up: its heartbeat, parts and seal are all refused.
            #expect(try await !s.reports.heartbeatPDF(dead, policy: Self.policy))
            #expect(try await !s.reports.writePDFPart(dead, index: 1, bytes: Data("late".utf8)))
            #expect(
                try await !s.reports.sealPDF(dead, bytes: 10, parts: 1, sha256: "x", digests: []))

            let stored = try #require(try await s.reports.storedPDF(id: id, language: .en))
            #expect(stored.attempt == alive.attempt)
            let file = try await Self.bytes(s, stored)
            #expect(file.count == stored.bytes)
            #expect(stored.parts == (file.count + ReportPDFParts.size - 1) / ReportPDFParts.size)
            #expect(SHA256.hash(data: file).map { String(format: "%02x", $0) }.joined() == stored.sha256)
            #expect(try await Self.partRows(s, id) == stored.parts)  // the dead attempt's part is gone
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-step-\(UUID()).pdf").path
            defer { unlink(path) }
            try file.write(to: URL(fileURLWithPath: path))
            #expect(try pdfPages(path) == 1 + Self.flats.count)
            #expect(try await s.reports.pdfStates(id: id) == [.en: .ready(bytes: file.count)])
            #expect(try await s.reports.pdfRowMismatch(id: id, language: .en) == nil)
            // A row changed after drawing (as a bug would): the digest check names its listing.
            try await Self.changeRow(s, id, seq: 1)
            #expect(try await s.reports.pdfRowMismatch(id: id, language: .en) == "L1")
        }
    }

    /// Appends a space to a stored row's JSON, straight in the tables.
    static func changeRow(_ s: StoreContract.Opened, _ id: String, seq: Int) async throws {
        if let database = s.database {
            _ = try await database.query(
                "UPDATE report_row SET facts = facts || '\\x20'::bytea WHERE job_id = \(id) AND seq = \(seq)")
            return
        }
        let pool = try #require((s.reports as? SQLiteReportStore)?.pool)
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE reportRow SET facts = CAST(facts || ' ' AS BLOB) WHERE jobId = ? AND seq = ?",
                arguments: [id, seq])
        }
    }

    @Test(arguments: StoreContract.Backend.allCases)
    func aPDFThatKeepsFailingEndsFailedWithItsReason(_ backend: StoreContract.Backend) async throws {
        try await StoreContract.with(backend) { s in
            let (id, first) = try await Self.claimedPDF(s)
            try await s.reports.failPDF(
                first, code: ReportPDFState.failedCode, reason: "disk full", final: false, policy: Self.policy)
            #expect(try await s.reports.pdfStates(id: id) == [.zh: .pending])  // one failure of two allowed
            try await Task.sleep(for: .milliseconds(50))
            let second = try #require(try await s.reports.claimPDFs(owner: "a", limit: 1, policy: Self.policy).first)
            try await s.reports.failPDF(
                second, code: ReportPDFState.failedCode, reason: "disk full", final: false, policy: Self.policy)
            #expect(
                try await s.reports.pdfStates(id: id) == [.zh: .failed(code: "report_pdf_failed", reason: "disk full")])
            #expect(try await s.reports.claimPDFs(owner: "a", limit: 1, policy: Self.policy).isEmpty)
            #expect(try await s.reports.storedPDF(id: id, language: .zh) == nil)
        }
    }

    @Test(arguments: StoreContract.Backend.allCases)
    func aPDFIsClaimedOnlyOnceItsJobIsFinished(_ backend: StoreContract.Backend) async throws {
        try await StoreContract.with(backend) { s in
            let id = EditToken.randomHex(bytes: 16)
            _ = try await s.reports.admit(
                id: id, client: "a", definition: StoreContract.definition(1), perClient: 9, queueDepth: 9)
            try await s.reports.requestPDF(id: id, language: .zh)
            #expect(try await s.reports.claimPDFs(owner: "a", limit: 1, policy: Self.policy).isEmpty)
            try await s.reports.transition(id: id, from: [.queued], to: .cancelled)
            #expect(try await s.reports.claimPDFs(owner: "a", limit: 1, policy: Self.policy).count == 1)
        }
    }

    @Test(arguments: StoreContract.Backend.allCases)
    func retentionDeletesAReportsPDFPartsWithIt(_ backend: StoreContract.Backend) async throws {
        try await StoreContract.with(backend) { s in
            let (id, task) = try await Self.claimedPDF(s)
            await Self.worker(s).draw(task)
            #expect(try await s.reports.storedPDF(id: id, language: .zh) != nil)
            #expect(try await Self.partRows(s, id) > 0)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await s.reports.expireFinished(olderThanSeconds: 1) == 1)
            #expect(try await Self.partRows(s, id) == 0)
            #expect(try await s.reports.pdfStates(id: id).isEmpty)
            #expect(try await s.reports.storedPDF(id: id, language: .zh) == nil)
        }
    }
}
