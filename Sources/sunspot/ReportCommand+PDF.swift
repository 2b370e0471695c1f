import ArgumentParser
import Foundation
import Render
import Scene
import SunSpotResults

extension ReportCommand {
    /// `-o report.pdf`: every listing computed (the same rows as the CSV), then the cover and
    /// one page per listing drawn on all cores and written in order to a temporary file that
    /// is renamed over the output at the end. Interrupted or failed: nothing is written.
    func writePDF(_ report: BatchReport) async throws {
        let document: PDFDocument
        do {
            document = try PDFDocument(path: output, language: lang.value)
        } catch {
            throw ValidationError("-o \(output): \(error.description)")
        }
        document.setTitle(lang.value.pick("日照分析报告", "Sunlight report"))
        let bar = ReportProgress(total: report.requests.count, mode: progress)
        let interrupted = InterruptFlag()
        let results: [ListingResult]
        do {
            results = try await ListingReportPDF.assemble(
                report, into: document, generated: Self.generatedStamp(), workers: workers,
                isCancelled: { interrupted.isSet }, pageDone: { bar.advance() })
        } catch {
            document.discard()
            throw ValidationError("\(error)")
        }
        // Ctrl-C leaves no PDF: the cover's counts would not match a partial one.
        if interrupted.isSet {
            document.discard()
            bar.finish(interrupted: true, skipped: 0, unit: "pages", partialNote: "no PDF was written")
            throw ExitCode(130)
        }
        let pages = document.pageCount
        do {
            try document.commit()
        } catch {
            throw ValidationError(error.description)
        }
        bar.finish(interrupted: false, skipped: 0, unit: "pages")
        print("\(output): \(pages) pages (\(pages - results.count) cover, \(results.count) listings) pdf")
    }

    /// `2026-05-01 14:03:12 +08:00`: when the report was made, in the machine's local time.
    static func generatedStamp() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
        return f.string(from: Date())
    }
}
