import Foundation

/// Where a report job is in its life. `queued` and `running` jobs are resumed when the
/// daemon starts again; the other three are final.
enum ReportStatus: String, Sendable, Codable {
    case queued, running, done, failed, cancelled

    var isFinal: Bool { self == .done || self == .failed || self == .cancelled }
}

/// What a job was asked to compute, stored as JSON with the job so a restarted daemon
/// resumes the same work: the listings in input order, the settings, and the scene
/// revisions pinned when the job was accepted (later edits of a scene do not change a
/// report already under way).
struct ReportDefinition: Codable, Sendable, Equatable {
    struct Listing: Codable, Sendable, Equatable {
        var listing: String
        var scene: String
        var building: String
        var floor: Int
        var unit: String
        var title: String?
        var address: String?
    }

    var listings: [Listing]
    var year: Int
    var standard: String
    var climateZone: String
    var smallCity: Bool
    /// Scene id → the revision every row of that scene is computed from.
    var revisions: [String: Int]
}

/// One job as `GET /v1/reports/{id}` shows it; `done` is the number of stored rows.
struct ReportJob: Sendable, Equatable {
    var id: String
    var status: ReportStatus
    var total: Int
    var done: Int
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var error: String?
}

/// Why a new job was refused before it was stored.
enum ReportAdmission: Equatable {
    case accepted
    /// This client already has `limit` jobs queued or running.
    case clientQuota(limit: Int)
    /// The daemon already holds `limit` queued or running jobs in all.
    case queueFull(limit: Int)
}

/// One computed listing of a report, as stored: its input position, its id and its row's JSON.
struct ReportRow: Sendable, Equatable {
    var seq: Int
    var listing: String
    var facts: Data
}

/// Where report jobs and their rows live, in the words of the service: admit a job under
/// the client's and the daemon's quotas, record each listing's row once, move a job along
/// its life. ``SQLiteReportStore`` keeps them next to the scenes in the embedded file;
/// ``PostgresReportStore`` keeps them in the shared database of several replicas. Each also
/// keeps the jobs' drawn PDFs (``ReportPDFStore``).
protocol ReportStore: ReportPDFStore {
    /// Stores a new queued job unless the client's quota or the daemon's queue is full;
    /// the counts and the insert are one transaction, so concurrent posts cannot overshoot.
    func admit(
        id: String, client: String, definition: ReportDefinition, perClient: Int, queueDepth: Int
    ) async throws
        -> ReportAdmission

    func job(id: String) async throws -> ReportJob?

    func definition(id: String) async throws -> ReportDefinition?

    /// Queued and running jobs, oldest first (what a starting daemon resumes).
    func unfinished() async throws -> [String]

    /// Listings whose rows are stored.
    func storedListings(id: String) async throws -> Set<String>

    /// Stored rows' JSON, in input order.
    func rows(id: String) async throws -> [Data]

    /// Records a batch of rows in one transaction; a listing's row is stored once per job
    /// (the store refuses a second one).
    func record(id: String, rows: [ReportRow]) async throws

    /// Deletes finished jobs (done, failed, cancelled) and their rows once they finished
    /// more than `seconds` ago (`--report-retention`); returns how many went.
    @discardableResult
    func expireFinished(olderThanSeconds seconds: Double) async throws -> Int

    /// Moves a job to `status` if it is in one of `from`; returns whether it moved.
    @discardableResult
    func transition(id: String, from: [ReportStatus], to status: ReportStatus, error: String?) async throws -> Bool
}

extension ReportStore {
    @discardableResult
    func transition(id: String, from: [ReportStatus], to status: ReportStatus) async throws -> Bool {
        try await transition(id: id, from: from, to: status, error: nil)
    }
}
