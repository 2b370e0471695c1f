import ServiceLifecycle

/// What runs stored report jobs, in the words of the service: take a newly admitted job,
/// cancel one, and run until the daemon stops. ``ReportJobs`` runs them one at a time in
/// the embedded process (SQLite); ``ChunkedReportJobs`` spreads chunks of every job over
/// all replicas sharing a PostgreSQL database (issue 12).
public protocol ReportRunner: Service, Sendable {
    /// A job was admitted: start it (here or on any replica) as soon as there is room.
    func enqueue(_ id: String)

    /// Cancels a job: a queued one never starts; a running one stops, keeps the complete
    /// rows it has stored, and is marked cancelled (within `wait`, after which the caller
    /// reports its current state).
    func cancel(_ id: String, wait: Duration) async throws -> CancelOutcome

    /// A report's PDF was asked for: its ``ReportPDFWorker`` looks for work now, not at its next poll.
    func wakePDFs()
}

public enum CancelOutcome: Sendable { case cancelled, alreadyFinal, unknown }

extension ReportRunner {
    func cancel(_ id: String) async throws -> CancelOutcome { try await cancel(id, wait: .seconds(10)) }
}
