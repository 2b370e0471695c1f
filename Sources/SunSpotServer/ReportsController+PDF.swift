import Foundation
import Hummingbird
import Render
import SunSpotIO
import SunSpotReports
import SunSpotResults

/// `GET /v1/reports/{id}/report.pdf?lang=zh|en`: a finished job's report as the PDF that
/// `sunspot report -o x.pdf` writes, drawn by the same ``ListingReportPDF`` (cover + one A4
/// page per listing).
///
/// Rows store numbers, not the per-term intervals a page draws, so the pages' inputs are
/// recomputed by ``BatchReport/runResults(workers:skipping:chunkSize:isCancelled:emit:)`` from
/// the job's stored definition and pinned scene revisions, for the listings whose rows are
/// stored (all of a done job, the complete rows of a cancelled one), in the job's order. Each
/// recomputed row must be byte for byte the stored one — if not, the PDF would contradict the
/// CSV, and the request fails with a 500 naming the listing instead of serving it.
///
/// Drawing is expensive: it holds one slot of the bounded compute queue under its deadline,
/// and the bytes are cached (``ResponseCache``, keyed by job, rows and language) behind a
/// strong ETag, so a 304 or a repeat costs nothing.
extension ReportsController {
    @Sendable func pdf(_ request: Request, context: ServerContext) async throws -> Response {
        let langText = try request.query("lang") ?? "zh"
        guard let language = Language(rawValue: langText) else {
            throw APIError.badRequest("must be zh or en (got '\(langText.prefix(40))')", path: "lang")
        }
        let job = try await self.job(context)
        try Self.requireFinished(job)
        // A finished job's rows never change: the job, its row count and the language name the bytes.
        let key =
            "report.pdf|\(job.id)|\(job.status.rawValue)|\(job.done)|\(language.rawValue)|\(SunSpotVersion.current)"
        let computed = ComputedResponse(queue: queue, cache: cache, configuration: configuration)
        return try await computed.respond(to: request, route: "report.pdf", key: key, contentType: "application/pdf") {
            [self] in
            try await renderPDF(job, language: language)
        }
    }

    /// Recomputes the stored listings' results and draws them (runs on a compute slot).
    func renderPDF(_ job: ReportJob, language: Language) async throws -> [UInt8] {
        guard var whole = try await store.definition(id: job.id) else {
            throw APIError.notFound("no report with this id", path: "id")
        }
        let stored = try await store.rows(id: job.id)
        let listed = try await store.storedListings(id: job.id)
        whole.listings = whole.listings.filter { listed.contains($0.listing) }
        let definition = whole
        let report: BatchReport
        do {
            report = try await definition.batchReport(scenes: scenes)
        } catch let error as ReportJobError {
            throw APIError(
                .conflict, code: "report_scene_gone",
                message: "the PDF cannot be drawn: \(error.description); the CSV and JSON are still served",
                path: "id")
        }
        let generated = job.finishedAt.map(Self.timestamp) ?? ""
        let title = language.pick("日照分析报告", "Sunlight report")
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("sunspotd-report-\(job.id)-\(language.rawValue)-\(UUID().uuidString).pdf").path
        var results: [ListingResult] = []
        // One worker: the PDF holds one compute slot, so it uses one thread's worth of CPU.
        try await report.runResults(workers: 1) { results.append($0) }
        try Self.check(results.map(\.facts), against: stored)
        let document = try PDFDocument(path: file, language: language)
        document.setTitle(title)
        let cover = ReportCover(
            generated: generated, standard: definition.standard,
            standardTitle: report.profile.title, year: definition.year,
            rows: results.map(\.facts), language: language)
        defer { unlink(file) }
        try await ListingReportPDF.write(cover: cover, results: results, to: document, workers: 1)
        try document.commit()
        return Array(try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    /// The recomputed rows must be the stored rows, in the same order, byte for byte as stored.
    static func check(_ recomputed: [ListingFacts], against stored: [Data]) throws {
        func mismatch(_ message: String) -> APIError {
            APIError(
                .internalServerError, code: "report_mismatch",
                message: "the PDF was not drawn: \(message) (a bug: please report it)")
        }
        guard recomputed.count == stored.count else {
            throw mismatch("\(recomputed.count) listings recomputed for \(stored.count) stored rows")
        }
        for (row, data) in zip(recomputed, stored) where Data(ReportDocument.row(row).utf8) != data {
            throw mismatch("listing '\(row.listing)' recomputes to a row that differs from its stored row")
        }
    }
}
