import SunSpotIO
import SunSpotResults

extension ListingReportPDF {
    /// A whole listings report into `document`: every listing of `report` computed (the
    /// numbers of the CSV), then the cover and one page per listing. The one assembly that
    /// `sunspot report -o x.pdf` and the daemon's report PDF share; the caller owns the
    /// document (commits it, or discards it when this throws or was cancelled).
    ///
    /// - Parameters:
    ///   - generated: when the report was made, as the cover prints it.
    ///   - isCancelled: polled while computing and before each page; when it turns true the
    ///     assembly stops early (check it afterwards: a partial PDF must not be committed).
    ///   - check: sees the computed results before anything is drawn (the daemon compares
    ///     them with the rows it stored, so the PDF cannot contradict the CSV).
    ///   - pageDone: called after each listing page is written, in order.
    /// - Returns: the computed results, in input order.
    @discardableResult
    public static func assemble(
        _ report: BatchReport, into document: PDFDocument, generated: String, workers: Int,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        check: ([ListingResult]) throws -> Void = { _ in },
        pageDone: () -> Void = {}
    ) async throws -> [ListingResult] {
        var results: [ListingResult] = []
        try await report.runResults(workers: workers, isCancelled: isCancelled) { results.append($0) }
        if isCancelled() { return results }
        try check(results)
        let cover = ReportCover(
            generated: generated, standard: report.standardName, standardTitle: report.profile.title,
            year: report.year, rows: results.map(\.facts), language: document.language)
        try await write(
            cover: cover, results: results, to: document, workers: workers, isCancelled: isCancelled,
            pageDone: pageDone)
        return results
    }
}
