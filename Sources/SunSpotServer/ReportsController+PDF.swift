import Foundation
import Hummingbird
import NIOCore
import SunSpotIO

/// `GET /v1/reports/{id}/report.pdf?lang=zh|en`: a finished job's report as the PDF that
/// `sunspot report -o x.pdf` writes, drawn by the same ``ListingReportPDF`` (cover + one A4
/// page per listing) — not here, but as a job step of its own (``ReportPDFWorker``) once
/// the job is done or cancelled, and stored in the database in 1 MiB parts.
///
/// A language asked for with the job (`"pdf": ["zh", "en"]`) is drawn as soon as the job
/// finishes; any other is queued by its first request. Until it is drawn the answer is 409
/// `report_pdf_pending` with Retry-After. Once drawn it is streamed part by part (never
/// whole in memory) with a strong ETag (its SHA-256), Content-Length, 304 on If-None-Match
/// and single byte ranges. Before serving, every stored row is compared with the digest of
/// the row the PDF was drawn from: a row changed since gives a 500 naming the listing, as a
/// row that does not recompute did when it was drawn — the PDF never contradicts the CSV.
extension ReportsController {
    @Sendable func pdf(_ request: Request, context: ServerContext) async throws -> Response {
        let langText = try request.query("lang") ?? "zh"
        guard let language = Language(rawValue: langText) else {
            throw APIError.badRequest("must be zh or en (got '\(langText.prefix(40))')", path: "lang")
        }
        let job = try await self.job(context)
        try Self.requireFinished(job)
        guard let stored = try await store.storedPDF(id: job.id, language: language) else {
            throw try await notDrawn(job, language)
        }
        if let listing = try await store.pdfRowMismatch(id: job.id, language: language) {
            throw APIError(
                .internalServerError, code: "report_mismatch",
                message: "the PDF is not served: listing '\(listing)' has a stored row other than the one its "
                    + "PDF was drawn from (a bug: please report it)")
        }
        let etag = "\"" + stored.sha256.prefix(32) + "\""
        var headers: HTTPFields = [
            .contentType: "application/pdf", .eTag: etag, .cacheControl: "no-cache", .acceptRanges: "bytes",
        ]
        if ComputedResponse.clientHas(etag: etag, request: request) {
            return Response(status: .notModified, headers: headers)
        }
        var range = 0..<stored.bytes
        var status = HTTPResponse.Status.ok
        if let asked = request.headers[.range], request.headers[.ifRange].map({ $0 == etag }) ?? true {
            switch ByteRange.parse(asked, size: stored.bytes) {
            case .whole: break
            case .part(let part):
                range = part
                status = .partialContent
                headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(stored.bytes)"
            case .unsatisfiable:
                throw APIError(
                    .rangeNotSatisfiable, code: "range_not_satisfiable",
                    message: "the range '\(asked.prefix(60))' is outside the PDF's \(stored.bytes) bytes",
                    path: "Range", headers: [.contentRange: "bytes */\(stored.bytes)"])
            }
        }
        let (store, served) = (self.store, range)
        let body = ResponseBody(contentLength: served.count) { writer in
            var offset = served.lowerBound
            while offset < served.upperBound {
                let index = offset / ReportPDFParts.size
                let part = try await store.pdfPart(stored, index: index)
                let base = index * ReportPDFParts.size
                let end = min(base + part.count, served.upperBound)
                guard end > offset else { throw ReportJobError("part \(index) of the PDF is short") }
                try await writer.write(
                    ByteBuffer(bytes: part[(part.startIndex + offset - base)..<(part.startIndex + end - base)]))
                offset = end
            }
            try await writer.finish(nil)
        }
        return Response(status: status, headers: headers, body: body)
    }

    /// Why there is no PDF to serve: queued or being drawn (queued now, if it never was),
    /// or failed for good with the code its draw failed with.
    func notDrawn(_ job: ReportJob, _ language: Language) async throws -> APIError {
        switch try await store.pdfStates(id: job.id)[language] {
        case .failed(let code, let reason):
            let gone = code == "report_scene_gone"
            return APIError(
                gone ? .conflict : .internalServerError, code: code, message: reason, path: gone ? "id" : nil)
        case nil:
            try await store.requestPDF(id: job.id, language: language)
            jobs.wakePDFs()
        case .pending, .ready:
            break
        }
        return APIError(
            .conflict, code: "report_pdf_pending",
            message: "the \(language.rawValue) PDF of this report (\(job.done) listing pages) is being drawn; "
                + "try again after Retry-After, or watch pdf.\(language.rawValue) in GET /v1/reports/\(job.id)",
            path: "lang", headers: [.retryAfter: "2"])
    }

    /// The job's PDFs for its JSON: `{"zh": {"state": "ready", "bytes": n}, "en": {"state": "pending"}}`.
    func pdfSummary(_ job: ReportJob) async throws -> [String: any Sendable] {
        var out: [String: any Sendable] = [:]
        for (language, state) in try await store.pdfStates(id: job.id) {
            switch state {
            case .pending: out[language.rawValue] = ["state": "pending"]
            case .ready(let bytes):
                out[language.rawValue] = ["state": "ready", "bytes": bytes] as [String: any Sendable]
            case .failed(let code, let reason):
                out[language.rawValue] = ["state": "failed", "code": code, "error": reason]
            }
        }
        return out
    }
}

/// A `Range: bytes=…` header against a body of `size` bytes: one range (first-last,
/// first-, or -suffix) is served; several ranges or another unit get the whole body.
enum ByteRange: Equatable {
    case whole
    case part(Range<Int>)
    case unsatisfiable

    static func parse(_ header: String, size: Int) -> ByteRange {
        let value = header.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("bytes="), !value.contains(",") else { return .whole }
        let spec = value.dropFirst("bytes=".count).split(separator: "-", omittingEmptySubsequences: false)
        guard spec.count == 2 else { return .whole }
        let (first, last) = (
            Int(spec[0].trimmingCharacters(in: .whitespaces)), Int(spec[1].trimmingCharacters(in: .whitespaces))
        )
        switch (first, last, spec[0].isEmpty) {
        case (nil, let suffix?, true):
            guard suffix > 0, size > 0 else { return .unsatisfiable }
            return .part(max(0, size - suffix)..<size)
        case (let first?, nil, _) where spec[1].isEmpty:
            return first < size ? .part(first..<size) : .unsatisfiable
        case (let first?, let last?, _) where first <= last:
            return first < size ? .part(first..<min(last + 1, size)) : .unsatisfiable
        default:
            return .whole  // not a valid byte range: ignored, as RFC 9110 allows
        }
    }
}
