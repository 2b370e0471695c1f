import Scene
import SunSpotIO
import SunSpotResults

/// Writes a listings report as one PDF: the cover page(s), then one page per listing in
/// input order. The one function the CLI (and later the daemon) calls.
///
/// Listing pages are built and drawn on worker tasks (each into its own cairo recording
/// surface) and replayed into the document strictly in order, with at most
/// `2 × workers` pages in flight, so memory stays flat however long the report is.
public enum ListingReportPDF {
    /// - Parameters:
    ///   - results: every listing's result, in input order (``BatchReport/runResults(workers:skipping:chunkSize:isCancelled:emit:)``).
    ///   - isCancelled: checked before each page; when true the writing stops (the caller discards the document).
    ///   - pageDone: called after each listing page is written, in order.
    /// - Returns: the number of listing pages written.
    @discardableResult
    public static func write(
        cover: ReportCover, results: [ListingResult], to document: PDFDocument, workers: Int,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        pageDone: () -> Void = {}
    ) async throws -> Int {
        let coverPages = try writeCover(cover, to: document, listingPages: results.count)
        return try await writePages(
            results, firstPage: coverPages + 1, totalPages: coverPages + results.count, to: document,
            workers: workers, isCancelled: isCancelled, pageDone: pageDone)
    }

    /// The cover page(s) alone, labelled as the first of `cover pages + listingPages`: the
    /// daemon draws the cover first and then its listings a slice at a time (``writePages``),
    /// so a report of thousands of listings never holds every page's inputs at once.
    /// - Returns: the number of cover pages written.
    public static func writeCover(_ cover: ReportCover, to document: PDFDocument, listingPages: Int) throws -> Int {
        let coverPages = cover.pages(pageHeight: document.heightPoints)
        let total = coverPages.count + listingPages
        for i in coverPages.indices {
            try document.addPage { c in cover.draw(c, page: i, pageLabel: "\(i + 1) / \(total)") }
        }
        return coverPages.count
    }

    /// Listing pages for `results`, labelled from `firstPage` of `totalPages`, recorded on
    /// worker tasks and replayed into the document in order.
    /// - Returns: the number of listing pages written.
    @discardableResult
    public static func writePages(
        _ results: [ListingResult], firstPage: Int, totalPages: Int, to document: PDFDocument, workers: Int,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        pageDone: () -> Void = {}
    ) async throws -> Int {
        let language = document.language
        let (w, h) = (document.widthPoints, document.heightPoints)
        var written = 0
        try await withThrowingTaskGroup(of: (Int, RecordedPage).self) { group in
            var next = 0
            var ready: [Int: RecordedPage] = [:]
            func schedule() {
                guard next < results.count, !isCancelled() else { return }
                let (k, result) = (next, results[next])
                let label = "\(firstPage + k) / \(totalPages)"
                group.addTask {
                    var page = try ListingPage.make(result: result, language: language)
                    page.pageLabel = label
                    let p = page
                    return (k, try RecordedPage(widthPoints: w, heightPoints: h, language: language) { p.draw($0) })
                }
                next += 1
            }
            for _ in 0..<(2 * max(1, workers)) { schedule() }
            while let (k, page) = try await group.next() {
                ready[k] = page
                while let page = ready.removeValue(forKey: written) {
                    if isCancelled() {
                        group.cancelAll()
                        return
                    }
                    try document.add(page)
                    written += 1
                    pageDone()
                }
                schedule()
            }
        }
        return written
    }
}
