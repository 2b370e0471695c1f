import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import SunSpotIO
import SunSpotReports
import SunSpotResults
import Synchronization

/// The ``ReportRunner`` of replicas sharing PostgreSQL (issue 12): every replica claims
/// chunks of ~50 listings of any report (``PostgresReportChunks``), computes them with
/// SunSpotResults' ``BatchReport`` outside any transaction, renews its lease while it works,
/// and stores each chunk's rows with the chunk's completion, fenced by its claim.
///
/// Waking: LISTEN on ``PostgresReportChunks/channel`` (admissions and releases notify it),
/// with polling as the fallback (a lost notification, a reconnecting listener, a backoff
/// that ran out). Each poll also re-queues expired leases.
///
/// Draining (SIGTERM): no new claims; running chunks get `drainSeconds` to finish, then
/// they stop and are handed back at once (not counted as failures).
final class ChunkedReportJobs: ReportRunner {
    let chunks: PostgresReportChunks
    let store: any ReportStore
    let scenes: any SceneStore
    /// The replica's scene analyses: a report's chunks of one scene share one analysis here
    /// (and with table requests), instead of each chunk rebuilding it.
    let analyses: SceneAnalysisCache
    let policy: ChunkPolicy
    /// Chunks this replica holds at the same time, each computed on one thread (more than
    /// cores: see ``StoreBackend/chunksPerWorker``).
    let slots: Int
    let pollSeconds: Double
    let drainSeconds: Double
    let rowDelay: Duration
    let owner: String
    /// Draws finished reports' PDFs on this replica (any replica may draw any of them).
    let pdfs: ReportPDFWorker
    private let logger: Logger
    private let executor = DispatchTaskExecutor(label: "sunspotd.report-chunk")

    private struct State {
        var running: [ChunkClaim: CancelFlag] = [:]
        var draining = false
        var definitions: [String: Task<ReportDefinition, any Error>] = [:]
    }

    private let state = Mutex(State())
    private let wakeup = Wakeup()

    init(
        database: PostgresService, store: any ReportStore, scenes: any SceneStore, analyses: SceneAnalysisCache,
        policy: ChunkPolicy, slots: Int,
        pollSeconds: Double = 1, drainSeconds: Double, rowDelay: Duration, pdfs: ReportPDFWorker, logger: Logger
    ) {
        chunks = PostgresReportChunks(database: database)
        self.store = store
        self.scenes = scenes
        self.analyses = analyses
        self.policy = policy
        self.slots = slots
        self.pollSeconds = pollSeconds
        self.drainSeconds = drainSeconds
        self.rowDelay = rowDelay
        self.pdfs = pdfs
        // Names this process in `report_chunk.owner` (operators and the cluster test read it).
        owner = "\(ProcessInfo.processInfo.hostName):\(getpid())"
        self.logger = logger
    }

    func enqueue(_ id: String) { wake() }

    private func wake() {
        wakeup.signal()
        pdfs.wake()
    }

    func wakePDFs() { pdfs.wake() }

    /// A cancelled report stops being claimed at once; chunks running on any replica see it
    /// at their next heartbeat and stop without writing.
    func cancel(_ id: String, wait: Duration) async throws -> CancelOutcome {
        if try await store.transition(id: id, from: [.queued, .running], to: .cancelled) {
            state.withLock { s in for (claim, flag) in s.running where claim.jobID == id { flag.request() } }
            return .cancelled
        }
        return try await store.job(id: id) == nil ? .unknown : .alreadyFinal
    }

    func run() async throws {
        async let drawing: Void = pdfs.run()
        let listener = Task { await listen() }
        defer { listener.cancel() }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                await ClaimLoop.run(
                    in: &group, pollSeconds: pollSeconds, stopping: { state.withLock { $0.draining } },
                    wakeup: wakeup,
                    free: { slots - state.withLock { $0.running.count } }, poll: housekeeping,
                    claim: claimChunks, work: { [self] claim in await runChunk(claim) })
                await drain()
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.draining = true }
            self.wakeup.signal()
        }
        await drawing
    }

    private func claimChunks(_ free: Int) async -> [ChunkClaim] {
        do {
            let claims = try await chunks.claim(owner: owner, limit: free, policy: policy)
            state.withLock { s in for c in claims { s.running[c] = CancelFlag() } }
            if claims.count == free { wake() }  // there may be more ready: look again at once
            return claims
        } catch {
            logger.warning("claiming report chunks failed; retrying", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func housekeeping() async {
        do {
            try await chunks.requeueExpired(policy: policy)
            try await chunks.finishIfComplete()
        } catch {
            logger.warning(
                "re-queueing expired report chunks or finishing complete reports failed",
                metadata: ["error": "\(error)"])
        }
    }

    /// Gives running chunks `drainSeconds` to finish, then tells the rest to stop (they release).
    private func drain() async {
        let deadline = ContinuousClock.now + .milliseconds(Int(drainSeconds * 1000))
        while ContinuousClock.now < deadline, !state.withLock({ $0.running.isEmpty }) {
            try? await Task.sleep(for: .milliseconds(20))
        }
        state.withLock { s in for flag in s.running.values { flag.stop() } }
    }

    /// LISTEN on a pooled connection of its own; reconnects after a second when it drops.
    private func listen() async {
        while !Task.isCancelled {
            do {
                try await chunks.database.ready()
                try await chunks.database.client.withConnection { c in
                    try await c.listen(on: PostgresReportChunks.channel) { notifications in
                        wake()
                        for try await _ in notifications { wake() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                logger.debug(
                    "report listener lost its connection; polling until it is back", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// The report's definition, read and decoded once per replica however many of its chunks
    /// arrive together: the first claims of a report come at once (slots × chunks in flight),
    /// and decoding 20,000 listings each time was a tenth of a replica's CPU for the report.
    private func definition(_ jobID: String) async throws -> ReportDefinition {
        let store = self.store
        let loading = state.withLock { s in
            if let known = s.definitions[jobID] { return known }
            if s.definitions.count > 64 { s.definitions.removeAll() }
            let task = Task {
                guard let definition = try await store.definition(id: jobID) else {
                    throw ReportJobError("report \(jobID) is gone")
                }
                return definition
            }
            s.definitions[jobID] = task
            return task
        }
        do {
            return try await loading.value
        } catch {
            // A failed read is not kept: the next chunk asks again.
            state.withLock { s in
                if s.definitions[jobID] == loading { s.definitions[jobID] = nil }
            }
            throw error
        }
    }

    /// One claimed chunk: compute, heartbeat meanwhile, then complete, fail or release.
    private func runChunk(_ claim: ChunkClaim) async {
        guard let flag = state.withLock({ $0.running[claim] }) else { return }
        defer {
            state.withLock { _ = $0.running.removeValue(forKey: claim) }
            wake()
        }
        let (chunks, policy) = (self.chunks, self.policy)
        let heartbeat = ClaimLoop.heartbeat(every: policy.heartbeatSeconds, flag: flag) {
            try await chunks.heartbeat(claim, policy: policy)
        }
        defer { heartbeat.cancel() }
        do {
            var slice = try await definition(claim.jobID)
            guard claim.seqs.allSatisfy(slice.listings.indices.contains) else {
                throw ReportJobError("chunk \(claim.chunk) names listings the report does not have")
            }
            slice.listings = claim.seqs.map { slice.listings[$0] }
            let report = try await slice.batchReport(
                scenes: scenes, analyses: analyses, on: executor, lines: claim.seqs.map { $0 + 1 })
            let collector = ChunkRows(seqs: claim.seqs, listings: slice.listings, delay: rowDelay)
            let task = Task(executorPreference: executor) {
                try await report.run(workers: 1, isCancelled: { flag.isSet }) { try collector.add($0, flag: flag) }
            }
            _ = try await task.value
            if flag.isSet { throw RowSink.Stopped() }
            if try await !chunks.complete(claim, rows: collector.rows) {
                logger.info(
                    "report chunk was taken over; its rows were not written",
                    metadata: ["report": "\(claim.jobID)", "chunk": "\(claim.chunk)"])
            }
        } catch {
            // The claim was lost (another replica has the chunk) or the report cancelled.
            if flag.isCancelRequested { return }
            if flag.isStopping {
                try? await chunks.release(claim)
                return
            }
            logger.warning(
                "report chunk failed",
                metadata: [
                    "report": "\(claim.jobID)", "chunk": "\(claim.chunk)",
                    "attempt": "\(claim.attempt)", "error": "\(error)",
                ])
            try? await chunks.fail(claim, reason: "\(error)", policy: policy)
        }
    }
}

/// A chunk's rows as ``BatchReport`` hands them out (in input order, on one compute
/// thread), kept in memory until the completion transaction stores them together.
final class ChunkRows: @unchecked Sendable {  // written by the chunk's one compute task, read after it ends
    let seq: [String: Int]
    let delay: Duration
    private(set) var rows: [ReportRow] = []

    init(seqs: [Int], listings: [ReportDefinition.Listing], delay: Duration) {
        seq = Dictionary(uniqueKeysWithValues: zip(listings.map(\.listing), seqs))
        self.delay = delay
    }

    func add(_ row: ListingFacts, flag: CancelFlag) throws {
        if delay > .zero {
            Thread.sleep(
                forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) * 1e-18)
        }
        if flag.isSet { throw RowSink.Stopped() }
        rows.append(
            ReportRow(seq: seq[row.listing] ?? 0, listing: row.listing, facts: Data(ReportDocument.row(row).utf8)))
    }
}
