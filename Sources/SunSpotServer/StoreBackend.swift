import Logging
import ServiceLifecycle

/// The stores a daemon runs on, picked by `--db` (or `SUNSPOTD_DB`): a file path opens the
/// embedded SQLite backend (the default, unchanged); a `postgres://` URL opens the shared
/// PostgreSQL backend that several replicas use together (issue 12).
struct StoreBackend {
    let scenes: any SceneStore
    let reports: any ReportStore
    /// What must run for the stores to answer (the PostgreSQL client); started before
    /// the listener and stopped after it.
    let services: [any Service]
    /// The shared database, when the backend is PostgreSQL.
    let database: PostgresService?

    static func open(_ location: String, logger: Logger) throws -> StoreBackend {
        if PostgresService.isURL(location) {
            let database = try PostgresService(url: location, logger: logger)
            return StoreBackend(
                scenes: PostgresSceneStore(database: database), reports: PostgresReportStore(database: database),
                services: [database], database: database)
        }
        let scenes = try SQLiteSceneStore(path: location)
        return StoreBackend(scenes: scenes, reports: SQLiteReportStore(pool: scenes.pool), services: [], database: nil)
    }

    /// Report chunks a PostgreSQL replica computes at once per report worker thread.
    static let chunksPerWorker = 3

    /// The report runner that fits the backend: chunks spread over all replicas on
    /// PostgreSQL, the single-process runner on SQLite; each draws finished jobs' PDFs
    /// (``ReportPDFWorker``) under the same lease, heartbeat and retry policy as chunks.
    ///
    /// Reports take their scenes' analyses from `analyses`, the cache table requests fill.
    func runner(
        _ configuration: ServerConfiguration, analyses: SceneAnalysisCache, logger: Logger
    ) -> any ReportRunner {
        let rowDelay = Duration.milliseconds(Int(configuration.reportRowDelaySeconds * 1000))
        let policy = ChunkPolicy(
            leaseSeconds: configuration.reportLeaseSeconds,
            heartbeatSeconds: configuration.reportHeartbeatSeconds,
            maxAttempts: configuration.reportMaxAttempts)
        let pdfs = ReportPDFWorker(
            store: reports, scenes: scenes, analyses: analyses, workers: configuration.reportWorkers, policy: policy,
            logger: logger)
        guard let database else {
            return ReportJobs(
                store: reports, scenes: scenes, analyses: analyses, workers: configuration.reportWorkers,
                rowDelay: rowDelay,
                pdfs: pdfs, logger: logger)
        }
        // Draining chunks must end (finish or hand back) inside the shutdown grace. A chunk runs
        // on one thread but spends part of its life on round trips (claim, completion) and
        // waiting for its scene's analysis: with as many chunks in flight as threads the cores
        // idled (1 replica, 20,000 listings: 4,716 listings/s; 3x: 5,638; 4x: 5,684).
        return ChunkedReportJobs(
            database: database, store: reports, scenes: scenes, analyses: analyses, policy: policy,
            slots: configuration.reportWorkers * Self.chunksPerWorker,
            drainSeconds: configuration.shutdownGraceSeconds * 0.6,
            rowDelay: rowDelay, pdfs: pdfs, logger: logger)
    }
}
