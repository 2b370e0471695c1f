import NIOPosix
import Synchronization

/// A bounded pool for CPU-bound work (flat tables), off the event loops and off Swift's
/// cooperative threads, so cheap requests keep answering while it is busy.
///
/// At most `workers` jobs run and `queueDepth` wait; a job past that is refused at
/// once with 503 + Retry-After (DESIGN.md: expensive work runs under a deadline and a
/// bounded queue). A job not finished by its deadline is answered with 503 too; the
/// job itself runs to its end (pure CPU code cannot be interrupted) and keeps its
/// slot meanwhile, so the bound on admitted work always holds.
public final class ComputeQueue: Sendable {
    public let workers: Int
    public let queueDepth: Int
    private let pool: NIOThreadPool
    /// Jobs admitted and not yet finished (running + waiting).
    private let admitted = Mutex(0)
    private let onDepthChange: @Sendable (_ running: Int, _ waiting: Int) -> Void

    public init(workers: Int, queueDepth: Int, onDepthChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        precondition(workers >= 1 && queueDepth >= 0)
        self.workers = workers
        self.queueDepth = queueDepth
        self.onDepthChange = onDepthChange
        pool = NIOThreadPool(numberOfThreads: workers)
        pool.start()
    }

    /// Jobs admitted and not yet finished.
    public var inFlight: Int { admitted.withLock { $0 } }

    /// Runs `work` on a worker thread and returns its result, or throws 503 when the
    /// queue is full or `deadline` passes first.
    public func run<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let count: Int? = admitted.withLock { n in
            guard n < workers + queueDepth else { return nil }
            n += 1
            return n
        }
        guard let count else {
            throw APIError.unavailable(
                "the compute queue is full (\(workers) running, \(queueDepth) waiting); try again shortly",
                code: "queue_full", retryAfterSeconds: 1)
        }
        report(count)
        let once = ResumeOnce<T>()
        return try await withCheckedThrowingContinuation { continuation in
            once.set(continuation)
            let timer = Task {
                guard (try? await Task.sleep(for: deadline)) != nil else { return }  // cancelled: the job finished
                let seconds = Int(deadline.components.seconds)
                once.resume(with: .failure(APIError.unavailable(
                    "the computation did not finish within its deadline of \(seconds) s", code: "deadline_exceeded",
                    retryAfterSeconds: max(1, seconds / 2))))
            }
            pool.submit { [self] state in
                let result: Result<T, any Error>
                if case .active = state {
                    result = Result { try work() }
                } else {
                    result = .failure(APIError.unavailable("the server is shutting down", code: "shutting_down", retryAfterSeconds: 5))
                }
                let left = admitted.withLock { n in
                    n -= 1
                    return n
                }
                report(left)
                timer.cancel()
                once.resume(with: result)
            }
        }
    }

    private func report(_ admittedCount: Int) {
        let running = min(admittedCount, workers)
        onDepthChange(running, admittedCount - running)
    }

    /// Stops the worker threads after the jobs already queued.
    public func shutdown() async throws { try await pool.shutdownGracefully() }
}

/// Resumes a continuation at most once: the first of "job finished" and "deadline passed" wins.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<(continuation: CheckedContinuation<T, any Error>?, pending: Result<T, any Error>?, done: Bool)>(
        (nil, nil, false))

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let pending = state.withLock { s -> Result<T, any Error>? in
            if let p = s.pending {
                s.pending = nil
                return p
            }
            s.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    func resume(with result: Result<T, any Error>) {
        let continuation = state.withLock { s -> CheckedContinuation<T, any Error>? in
            guard !s.done else { return nil }
            s.done = true
            guard let c = s.continuation else {
                s.pending = result
                return nil
            }
            s.continuation = nil
            return c
        }
        continuation?.resume(with: result)
    }
}
