import Crypto
import Foundation
import Render
import SunSpotIO
import SunSpotReports
import SunSpotResults

/// Draws a finished job's report PDF to a file, as `sunspot report -o x.pdf` does (the same
/// ``ListingReportPDF`` cover and pages), for the listings whose rows are stored (all of a
/// done job, the complete rows of a cancelled one), in the job's order.
///
/// Rows store numbers, not the per-term intervals a page draws, so the pages' inputs are
/// recomputed from the job's definition and pinned scene revisions — `slice` listings at a
/// time, each slice drawn before the next is computed, so memory stays bounded however many
/// listings the report has (the cover is drawn first, from the stored rows). Each recomputed
/// row must be byte for byte its stored row, or the draw fails naming the listing: the PDF
/// never contradicts the CSV. The stored rows' digests come back, so serving the PDF later
/// can tell whether a row changed since.
struct ReportPDFDrawer: Sendable {
    let store: any ReportStore
    let scenes: any SceneStore
    /// The replica's scene analyses, shared with its report chunks and table requests.
    let analyses: SceneAnalysisCache
    /// Threads one drawing uses (recomputing a slice, recording its pages).
    let workers: Int
    /// Listings recomputed and drawn at a time.
    var slice = 100
    /// Where drawings (and the analyses they build) run.
    let executor = DispatchTaskExecutor(label: "sunspotd.report-pdf")

    struct Drawn {
        var pages: Int
        var digests: [RowDigest]
    }

    /// Draws into `path` (nothing is there unless it returns). Throws an ``APIError`` that
    /// a retry cannot change (a row that does not recompute, a scene deleted since), other
    /// errors for what may pass, ``RowSink/Stopped`` when `isCancelled` turned true.
    func draw(
        jobID: String, language: Language, to path: String, isCancelled: @escaping @Sendable () -> Bool
    ) async throws -> Drawn {
        guard let job = try await store.job(id: jobID), let whole = try await store.definition(id: jobID) else {
            throw ReportJobError("report \(jobID) is gone")
        }
        let stored = try await store.rows(id: jobID)
        let listed = try await store.storedListings(id: jobID)
        let seqs = whole.listings.indices.filter { listed.contains(whole.listings[$0].listing) }
        guard seqs.count == stored.count else {
            throw Self.mismatch("\(seqs.count) listings stored for \(stored.count) stored rows")
        }
        let decoder = JSONDecoder()
        let facts = try stored.map { try decoder.decode(ListingFacts.self, from: $0) }
        let profile = try ProfileChoice.resolve(
            whole.standard, climateZone: whole.climateZone, smallCity: whole.smallCity)
        let document = try PDFDocument(path: path, language: language)
        defer { document.discard() }
        document.setTitle(language.pick("日照分析报告", "Sunlight report"))
        let cover = ReportCover(
            generated: job.finishedAt.map(ReportsController.timestamp) ?? "", standard: whole.standard,
            standardTitle: profile.title, year: whole.year, rows: facts, language: language)
        let coverPages = try ListingReportPDF.writeCover(cover, to: document, listingPages: stored.count)
        for start in stride(from: 0, to: seqs.count, by: max(1, slice)) {
            if isCancelled() { throw RowSink.Stopped() }
            let range = start..<min(start + slice, seqs.count)
            var part = whole
            part.listings = range.map { whole.listings[seqs[$0]] }
            let report: BatchReport
            do {
                report = try await part.batchReport(scenes: scenes, analyses: analyses, on: executor)
            } catch let error as ReportJobError {
                throw APIError(
                    .conflict, code: "report_scene_gone",
                    message: "the PDF cannot be drawn: \(error.description); the CSV and JSON are still served",
                    path: "id")
            }
            var results: [ListingResult] = []
            try await report.runResults(workers: workers, isCancelled: isCancelled) { results.append($0) }
            if isCancelled() { throw RowSink.Stopped() }
            try Self.check(results.map(\.facts), against: Array(stored[range]))
            try await ListingReportPDF.writePages(
                results, firstPage: coverPages + start + 1, totalPages: coverPages + stored.count, to: document,
                workers: workers, isCancelled: isCancelled)
        }
        if isCancelled() { throw RowSink.Stopped() }
        try document.commit()
        let digests = seqs.indices.map {
            RowDigest(seq: seqs[$0], listing: whole.listings[seqs[$0]].listing, digest: Self.digest(stored[$0]))
        }
        return Drawn(pages: coverPages + stored.count, digests: digests)
    }

    static func digest(_ row: Data) -> Data { Data(SHA256.hash(data: row)) }

    /// The recomputed rows must be the stored rows, in the same order, byte for byte as stored.
    static func check(_ recomputed: [ListingFacts], against stored: [Data]) throws {
        guard recomputed.count == stored.count else {
            throw mismatch("\(recomputed.count) listings recomputed for \(stored.count) stored rows")
        }
        for (row, data) in zip(recomputed, stored) where Data(ReportDocument.row(row).utf8) != data {
            throw mismatch("listing '\(row.listing)' recomputes to a row that differs from its stored row")
        }
    }

    static func mismatch(_ message: String) -> APIError {
        APIError(
            .internalServerError, code: "report_mismatch",
            message: "the PDF was not drawn: \(message) (a bug: please report it)")
    }
}
