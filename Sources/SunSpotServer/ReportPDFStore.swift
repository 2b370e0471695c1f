import Foundation
import SunSpotIO

/// One claim on drawing a report's PDF in one language; `attempt` fences every write made
/// under it (parts, seal), as a chunk's claim does.
struct PDFTask: Sendable, Hashable {
    var jobID: String
    var language: Language
    var attempt: Int
}

/// A drawn PDF as stored: `parts` rows of ``ReportPDFParts/size`` bytes (the last shorter)
/// written under claim `attempt`, `bytes` in all, and the SHA-256 of the whole file.
struct StoredPDF: Sendable, Equatable {
    var jobID: String
    var language: Language
    var attempt: Int
    var bytes: Int
    var parts: Int
    var sha256: String
}

/// Where a report's PDF in one language is, as the job's JSON shows it.
enum ReportPDFState: Sendable, Equatable {
    /// Queued (waiting for its job to finish, or for a worker) or being drawn.
    case pending
    case ready(bytes: Int)
    /// Drawing failed for good: `code` is the error code the route answers with.
    case failed(code: String, reason: String)
}

/// What a drawn PDF was drawn from: each stored row's SHA-256, so that serving it can tell
/// whether a row changed since (the PDF must never contradict the CSV).
struct RowDigest: Sendable, Equatable {
    var seq: Int
    var listing: String
    var digest: Data
}

/// The fixed size of a stored PDF's parts: a 5,000-page PDF is hundreds of rows, each read
/// and written on its own, never one giant value in memory.
enum ReportPDFParts {
    static let size = 1 << 20
}

/// A report's PDFs in the database, in the words of the service: queue a language, claim
/// one to draw under a lease, store its parts and seal it under that claim, serve it part
/// by part. Both backends keep them beside the job (deleted with it by retention); on
/// PostgreSQL any replica may draw any PDF, and one whose replica died is drawn again.
protocol ReportPDFStore: Sendable {
    /// Queues the job's PDF in `language` (nothing if it is queued, drawn or failed
    /// already). It becomes claimable once the job is done or cancelled.
    func requestPDF(id: String, language: Language) async throws

    /// Every queued, drawn or failed PDF of a job, by language.
    func pdfStates(id: String) async throws -> [Language: ReportPDFState]

    /// The sealed PDF, if it is drawn.
    func storedPDF(id: String, language: Language) async throws -> StoredPDF?

    /// One part of a sealed PDF (`index` from 0).
    func pdfPart(_ pdf: StoredPDF, index: Int) async throws -> Data

    /// The first listing (in input order) whose stored row is no longer the row the sealed
    /// PDF was drawn from, or a row stored or gone since; nil when all still match.
    func pdfRowMismatch(id: String, language: Language) async throws -> String?

    /// Claims up to `limit` queued PDFs of finished jobs (oldest job first) under a lease.
    func claimPDFs(owner: String, limit: Int, policy: ChunkPolicy) async throws -> [PDFTask]

    /// Renews a claim's lease; false when the claim is lost.
    func heartbeatPDF(_ task: PDFTask, policy: ChunkPolicy) async throws -> Bool

    /// Stores one part under the claim; false (nothing stored) when the claim is lost.
    func writePDFPart(_ task: PDFTask, index: Int, bytes: Data) async throws -> Bool

    /// Marks the PDF drawn with the parts written under this claim (dropping any other
    /// attempt's) and the digests of the rows it was drawn from, in one transaction, fenced
    /// by the claim; false when the claim is lost.
    func sealPDF(_ task: PDFTask, bytes: Int, parts: Int, sha256: String, digests: [RowDigest]) async throws -> Bool

    /// A draw that threw: queued again after a backoff, or failed for good (`final`, or
    /// the last attempt) with its code and reason.
    func failPDF(_ task: PDFTask, code: String, reason: String, final: Bool, policy: ChunkPolicy) async throws

    /// A stopping worker hands its claim back at once, not counted as a failure.
    func releasePDF(_ task: PDFTask) async throws

    /// Claims whose lease ran out go back to the queue as a failed attempt (or fail for good).
    func requeueExpiredPDFs(policy: ChunkPolicy) async throws
}

extension ReportPDFState {
    /// The error code a failed draw leaves when no more specific one applies.
    static let failedCode = "report_pdf_failed"
}
