import Crypto
import Foundation
import Logging
import ServiceLifecycle
import SunSpotIO
import Synchronization

/// Draws report PDFs as job steps of their own, outside any request: claims a queued PDF
/// of a finished job under a lease (``ReportPDFStore``), renews the lease while it draws
/// (``ReportPDFDrawer``, to a temporary file), copies the file into the database 1 MiB part
/// at a time under the claim, and seals it with the digests of the rows it was drawn from.
///
/// Both runners run one (``ReportJobs`` on SQLite, ``ChunkedReportJobs`` on every replica
/// sharing PostgreSQL), so any replica may draw any PDF; one that dies mid-draw stops
/// renewing its lease, and another replica draws the PDF again from the start.
///
/// A draw that fails for a reason a retry cannot change (a row that no longer recomputes,
/// a scene deleted since) fails at once with the route's error code; any other failure is
/// retried with backoff up to the chunk policy's maximum attempts, then shown as failed.
/// On a graceful shutdown it stops claiming, stops its draws and hands them back.
final class ReportPDFWorker: Sendable {
    let store: any ReportStore
    let drawer: ReportPDFDrawer
    let policy: ChunkPolicy
    /// PDFs this process draws at once.
    let slots: Int
    let pollSeconds: Double
    let owner: String
    private let logger: Logger

    private struct State {
        var running: [PDFTask: CancelFlag] = [:]
        var stopping = false
    }

    private let state = Mutex(State())
    private let wakeup = Wakeup()

    init(
        store: any ReportStore, scenes: any SceneStore, analyses: SceneAnalysisCache, workers: Int,
        policy: ChunkPolicy, slots: Int = 1, pollSeconds: Double = 1, logger: Logger
    ) {
        self.store = store
        drawer = ReportPDFDrawer(store: store, scenes: scenes, analyses: analyses, workers: max(1, workers))
        self.policy = policy
        self.slots = slots
        self.pollSeconds = pollSeconds
        owner = "\(ProcessInfo.processInfo.hostName):\(getpid())"
        self.logger = logger
    }

    /// Something may be ready to draw (a job finished, a PDF was asked for): look now.
    func wake() { wakeup.signal() }

    /// Claims and draws until a graceful shutdown (or cancellation); polls as the fallback to ``wake()``.
    func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                await ClaimLoop.run(
                    in: &group, pollSeconds: pollSeconds, stopping: { state.withLock { $0.stopping } },
                    wakeup: wakeup,
                    free: { slots - state.withLock { $0.running.count } }, poll: requeueExpired, claim: claim,
                    work: { [self] task in await draw(task) })
                state.withLock { s in for flag in s.running.values { flag.stop() } }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            self.state.withLock { $0.stopping = true }
            self.wakeup.signal()
        }
    }

    private func claim(_ free: Int) async -> [PDFTask] {
        do {
            let tasks = try await store.claimPDFs(owner: owner, limit: free, policy: policy)
            state.withLock { s in for t in tasks { s.running[t] = CancelFlag() } }
            return tasks
        } catch {
            logger.warning("claiming report PDFs failed; retrying", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func requeueExpired() async {
        do { try await store.requeueExpiredPDFs(policy: policy) } catch {
            logger.warning("re-queueing expired report PDFs failed", metadata: ["error": "\(error)"])
        }
    }

    /// One claimed PDF: draw, heartbeat meanwhile, copy into parts, seal; or fail or hand back.
    func draw(_ task: PDFTask) async {
        let flag = state.withLock { s in
            if let flag = s.running[task] { return flag }
            let flag = CancelFlag()  // a task claimed elsewhere (tests hand one in)
            s.running[task] = flag
            return flag
        }
        defer {
            state.withLock { _ = $0.running.removeValue(forKey: task) }
            wake()
        }
        let (store, policy) = (self.store, self.policy)
        let heartbeat = ClaimLoop.heartbeat(every: policy.heartbeatSeconds, flag: flag) {
            try await store.heartbeatPDF(task, policy: policy)
        }
        defer { heartbeat.cancel() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sunspotd-report-\(task.jobID)-\(task.language.rawValue)-\(task.attempt)-\(UUID().uuidString).pdf"
        ).path
        defer { unlink(path) }
        let metadata: Logger.Metadata = [
            "report": "\(task.jobID)", "lang": "\(task.language.rawValue)", "attempt": "\(task.attempt)",
        ]
        do {
            let started = ContinuousClock.now
            let drawer = self.drawer
            let drawn = try await Task(executorPreference: drawer.executor) {
                try await drawer.draw(
                    jobID: task.jobID, language: task.language, to: path, isCancelled: { flag.isSet })
            }.value
            guard let file = try await copy(path, task: task, flag: flag),
                try await store.sealPDF(
                    task, bytes: file.bytes, parts: file.parts, sha256: file.sha256, digests: drawn.digests)
            else {
                logger.info("report PDF was taken over; it was not stored", metadata: metadata)
                return
            }
            logger.info(
                "report PDF drawn",
                metadata: metadata.merging(
                    [
                        "pages": "\(drawn.pages)", "bytes": "\(file.bytes)",
                        "seconds": "\(ContinuousClock.now - started)",
                    ]
                ) { $1 })
        } catch {
            if flag.isCancelRequested { return }  // the claim was lost: another worker has it
            if flag.isStopping {
                try? await store.releasePDF(task)
                return
            }
            let refusal = error as? APIError
            logger.warning("report PDF failed", metadata: metadata.merging(["error": "\(error)"]) { $1 })
            try? await store.failPDF(
                task, code: refusal?.code ?? ReportPDFState.failedCode, reason: refusal?.message ?? "\(error)",
                final: refusal != nil, policy: policy)
        }
    }

    /// Copies the drawn file into 1 MiB parts under the claim, hashing as it goes; nil when
    /// the claim was lost on the way (what was written is another attempt's and never served).
    private func copy(
        _ path: String, task: PDFTask, flag: CancelFlag
    ) async throws -> (
        bytes: Int, parts: Int, sha256: String
    )? {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hash = SHA256()
        var (bytes, parts) = (0, 0)
        while let part = try handle.read(upToCount: ReportPDFParts.size), !part.isEmpty {
            if flag.isSet { throw RowSink.Stopped() }
            guard try await store.writePDFPart(task, index: parts, bytes: part) else { return nil }
            hash.update(data: part)
            bytes += part.count
            parts += 1
        }
        return (bytes, parts, hash.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
