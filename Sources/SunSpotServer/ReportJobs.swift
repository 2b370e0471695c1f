import Dispatch
import Foundation
import Logging
import Scene
import ServiceLifecycle
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults
import Synchronization

/// The embedded (SQLite) ``ReportRunner``: runs report jobs one at a time, oldest first, off Swift's cooperative threads (a
/// concurrent dispatch executor that ``BatchReport`` spreads its flats over), so the
/// cheap requests keep answering while a report of thousands of flats runs.
///
/// Progress is what is stored: rows are written in batches, one transaction each, as
/// ``BatchReport/run(workers:skipping:chunkSize:isCancelled:emit:)`` hands them out in input
/// order. A job interrupted by a shutdown (or a crash) stays `queued`/`running` in the
/// database and is resumed by the next daemon, skipping the listings already stored.
public final class ReportJobs: ReportRunner {
    let store: any ReportStore
    let scenes: any SceneStore
    /// The process's scene analyses, shared with table requests.
    let analyses: SceneAnalysisCache
    let workers: Int
    /// Test hook: a pause after each emitted row, so cancel and restart can be observed.
    let rowDelay: Duration
    /// Draws a job's PDFs once it is done or cancelled.
    let pdfs: ReportPDFWorker
    /// Rows per transaction, and the longest a computed row waits to be stored.
    let batchSize = 64
    let batchSeconds = 0.5

    private struct State {
        var pending: [String] = []
        var running: (id: String, cancel: CancelFlag)?
        var stopping = false
    }

    private let state = Mutex(State())
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    private let logger: Logger

    init(
        store: any ReportStore, scenes: any SceneStore, analyses: SceneAnalysisCache, workers: Int,
        rowDelay: Duration, pdfs: ReportPDFWorker, logger: Logger
    ) {
        self.store = store
        self.analyses = analyses
        self.pdfs = pdfs
        self.scenes = scenes
        self.workers = workers
        self.rowDelay = rowDelay
        self.logger = logger
        (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// Queues a stored job for running.
    public func enqueue(_ id: String) {
        state.withLock { $0.pending.append(id) }
        wake.yield()
    }

    /// Cancels a job: a queued one never starts; a running one stops scheduling work,
    /// stores the complete rows it has, and is marked cancelled before this returns (or
    /// within `wait`, after which the caller reports its current state).
    public func cancel(_ id: String, wait: Duration = .seconds(10)) async throws -> CancelOutcome {
        let flag = state.withLock { s -> CancelFlag? in
            s.pending.removeAll { $0 == id }
            if let running = s.running, running.id == id {
                running.cancel.request()
                return running.cancel
            }
            return nil
        }
        if let flag {
            let deadline = ContinuousClock.now + wait
            while !flag.isAcknowledged, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            return .cancelled
        }
        if try await store.transition(id: id, from: [.queued, .running], to: .cancelled) { return .cancelled }
        return try await store.job(id: id) == nil ? .unknown : .alreadyFinal
    }

    public func wakePDFs() { pdfs.wake() }

    /// The job loop: resumes what the database holds unfinished, then runs jobs as they
    /// are queued, until a graceful shutdown (which leaves the running job resumable).
    /// Beside it, the PDF worker draws the PDFs of jobs that finished.
    public func run() async throws {
        async let drawing: Void = pdfs.run()
        for id in try await store.unfinished() { enqueue(id) }
        await withGracefulShutdownHandler {
            for await _ in wakes {
                while let id = next() {
                    await runJob(id)
                    state.withLock { $0.running = nil }
                    pdfs.wake()  // the job's PDFs, if it finished and they were asked for
                }
            }
        } onGracefulShutdown: {
            self.stop()
        }
        await drawing
    }

    private func next() -> String? {
        state.withLock { s -> String? in
            guard !s.stopping, !s.pending.isEmpty else { return nil }
            let id = s.pending.removeFirst()
            s.running = (id, CancelFlag())
            return id
        }
    }

    /// Stops the loop: the running job stops emitting and keeps its status for the next start.
    func stop() {
        state.withLock { s in
            s.stopping = true
            s.running?.cancel.stop()
        }
        wake.finish()
    }

    private func runJob(_ id: String) async {
        guard let flag = state.withLock({ $0.running?.cancel }) else { return }
        defer { flag.acknowledge() }
        do {
            guard let definition = try await store.definition(id: id),
                try await store.transition(id: id, from: [.queued, .running], to: .running)
            else { return }
            let executor = DispatchTaskExecutor(label: "sunspotd.report")
            let report = try await definition.batchReport(scenes: scenes, analyses: analyses, on: executor)
            let stored = try await store.storedListings(id: id)
            let sink = RowSink(
                store: store, jobID: id, definition: definition, flag: flag, delay: rowDelay,
                batchSize: batchSize, batchSeconds: batchSeconds)
            let workers = self.workers
            let task = Task(executorPreference: executor) {
                try await report.run(workers: workers, skipping: stored, isCancelled: { flag.isSet }) { row in
                    try sink.emit(row)
                }
            }
            let result = await task.result
            try await sink.finish()
            if flag.isStopping { return }  // shutdown: stays running, resumed at the next start
            if flag.isCancelRequested {
                try await store.transition(id: id, from: [.queued, .running], to: .cancelled)
            } else if case .failure(let error) = result {
                throw error
            } else {
                try await store.transition(id: id, from: [.running], to: .done)
                logger.info("report done", metadata: ["report": "\(id)", "rows": "\(definition.listings.count)"])
            }
        } catch {
            if flag.isStopping { return }
            logger.error("report failed", metadata: ["report": "\(id)", "error": "\(error)"])
            _ = try? await store.transition(
                id: id, from: [.queued, .running], to: flag.isCancelRequested ? .cancelled : .failed,
                error: flag.isCancelRequested ? nil : "\(error)")
        }
    }
}

struct ReportJobError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A running job's stop signals: a cancel (DELETE) or a daemon shutdown, and the
/// runner's acknowledgement that the job's final state is stored.
final class CancelFlag: Sendable {
    private let bits = Atomic<UInt8>(0)
    private static let cancel: UInt8 = 1, stopping: UInt8 = 2, acknowledged: UInt8 = 4

    func request() { bits.bitwiseOr(Self.cancel, ordering: .relaxed) }
    func stop() { bits.bitwiseOr(Self.stopping, ordering: .relaxed) }
    func acknowledge() { bits.bitwiseOr(Self.acknowledged, ordering: .releasing) }

    var isSet: Bool { bits.load(ordering: .relaxed) & (Self.cancel | Self.stopping) != 0 }
    var isCancelRequested: Bool { bits.load(ordering: .relaxed) & Self.cancel != 0 }
    var isStopping: Bool { bits.load(ordering: .relaxed) & Self.stopping != 0 }
    var isAcknowledged: Bool { bits.load(ordering: .acquiring) & Self.acknowledged != 0 }
}

/// Collects a job's rows and stores them in batches; once the job is told to stop,
/// no further row is accepted (the emit throws), so what is stored is complete rows only.
///
/// ``BatchReport`` hands rows to a synchronous callback on a compute thread, and the
/// stores are asynchronous: full batches go through a stream to one writer task, which
/// records them in order, one transaction each. A failed write stops the job at its next row.
final class RowSink: @unchecked Sendable {  // `buffer`/`lastFlush`: used by the one task that runs the job
    let seq: [String: Int]
    let flag: CancelFlag
    let delay: Duration
    let batchSize: Int
    let batchSeconds: Double
    private var buffer: [ReportRow] = []
    private var lastFlush = ContinuousClock.now
    private let batches: AsyncStream<[ReportRow]>.Continuation
    private let writer: Task<Void, any Error>
    private let failed = CancelFlag()  // set by the writer when a write failed

    init(
        store: any ReportStore, jobID: String, definition: ReportDefinition, flag: CancelFlag, delay: Duration,
        batchSize: Int, batchSeconds: Double
    ) {
        seq = Dictionary(uniqueKeysWithValues: definition.listings.enumerated().map { ($1.listing, $0) })
        self.flag = flag
        self.delay = delay
        self.batchSize = batchSize
        self.batchSeconds = batchSeconds
        let (stream, continuation) = AsyncStream<[ReportRow]>.makeStream()
        batches = continuation
        let failed = self.failed
        writer = Task {
            do {
                for await batch in stream { try await store.record(id: jobID, rows: batch) }
            } catch {
                failed.request()
                throw error
            }
        }
    }

    struct Stopped: Error {}

    func emit(_ row: ListingFacts) throws {
        if delay > .zero {
            Thread.sleep(
                forTimeInterval: Double(delay.components.seconds) + Double(delay.components.attoseconds) * 1e-18)
        }
        if flag.isSet || failed.isSet { throw Stopped() }
        buffer.append(
            ReportRow(seq: seq[row.listing] ?? 0, listing: row.listing, facts: Data(ReportDocument.row(row).utf8)))
        let waited = ContinuousClock.now - lastFlush
        if buffer.count >= batchSize || waited > .milliseconds(Int(batchSeconds * 1000)) { flush() }
    }

    private func flush() {
        if !buffer.isEmpty { batches.yield(buffer) }
        buffer.removeAll()
        lastFlush = ContinuousClock.now
    }

    /// Hands over the last rows and waits until every batch is stored (or the first failure).
    func finish() async throws {
        flush()
        batches.finish()
        try await writer.value
    }
}
