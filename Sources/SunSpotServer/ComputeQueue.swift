import Synchronization

/// A bounded pool for CPU-bound work (flat tables, pictures), off the event loops and off
/// Swift's cooperative threads, so cheap requests keep answering while it is busy.
///
/// At most `workers` jobs run and `queueDepth` wait; a job past that is refused at
/// once with 503 + Retry-After (DESIGN.md: expensive work runs under a deadline and a
/// bounded queue). A job not finished by its deadline is answered with 503 too; the
/// job itself runs to its end (pure CPU code cannot be interrupted) and keeps its
/// slot meanwhile, so the bound on admitted work always holds.
///
/// Jobs are async and run on the daemon's one ``DispatchTaskExecutor``: engine code that
/// is itself async (a task group) is awaited, never bridged with a semaphore.
public final class ComputeQueue: Sendable {
    public let workers: Int
    public let queueDepth: Int
    private let executor = DispatchTaskExecutor(label: "sunspotd.compute")
    private let state = Mutex(Slots())
    private let onDepthChange: @Sendable (_ running: Int, _ waiting: Int) -> Void

    /// Who holds a slot, who waits for one, and who waits for the queue to drain.
    private struct Slots {
        /// Jobs admitted and not yet finished (running + waiting).
        var admitted = 0
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var stopping = false
        var drained: [CheckedContinuation<Void, Never>] = []
    }

    public init(workers: Int, queueDepth: Int, onDepthChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        precondition(workers >= 1 && queueDepth >= 0)
        self.workers = workers
        self.queueDepth = queueDepth
        self.onDepthChange = onDepthChange
    }

    /// Jobs admitted and not yet finished.
    public var inFlight: Int { state.withLock { $0.admitted } }

    /// Runs `work` in a slot of the pool and returns its result, or throws 503 when the
    /// queue is full or `deadline` passes first.
    public func run<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T
    {
        let count: Int? = state.withLock { s in
            guard s.admitted < workers + queueDepth else { return nil }
            s.admitted += 1
            return s.admitted
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
                once.resume(
                    with: .failure(
                        APIError.unavailable(
                            "the computation did not finish within its deadline of \(seconds) s",
                            code: "deadline_exceeded",
                            retryAfterSeconds: max(1, seconds / 2))))
            }
            Task(executorPreference: executor) { [self] in
                let result: Result<T, any Error>
                if await acquireSlot() {
                    do { result = .success(try await work()) } catch { result = .failure(error) }
                    releaseSlot()
                } else {
                    result = .failure(
                        APIError.unavailable(
                            "the server is shutting down", code: "shutting_down",
                            retryAfterSeconds: 5))
                }
                finished()
                timer.cancel()
                once.resume(with: result)
            }
        }
    }

    /// Waits for a free slot; false when the queue is stopping instead.
    private func acquireSlot() async -> Bool {
        await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
            let granted: Bool? = state.withLock { s in
                if s.stopping { return false }
                guard s.running < workers else {
                    s.waiting.append(c)
                    return nil
                }
                s.running += 1
                return true
            }
            if let granted { c.resume(returning: granted) }
        }
    }

    /// Hands the slot to the next waiting job, or frees it.
    private func releaseSlot() {
        let next = state.withLock { s -> CheckedContinuation<Bool, Never>? in
            guard !s.waiting.isEmpty else {
                s.running -= 1
                return nil
            }
            return s.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }

    private func finished() {
        let (left, drained) = state.withLock { s -> (Int, [CheckedContinuation<Void, Never>]) in
            s.admitted -= 1
            guard s.admitted == 0 else { return (s.admitted, []) }
            defer { s.drained = [] }
            return (0, s.drained)
        }
        report(left)
        for c in drained { c.resume() }
    }

    private func report(_ admittedCount: Int) {
        let running = min(admittedCount, workers)
        onDepthChange(running, admittedCount - running)
    }

    /// Refuses the jobs still waiting for a slot (503, shutting down) and returns when the
    /// running ones have finished.
    public func shutdown() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let (refused, done) = state.withLock { s -> ([CheckedContinuation<Bool, Never>], Bool) in
                s.stopping = true
                defer { s.waiting = [] }
                if s.admitted > 0 { s.drained.append(c) }
                return (s.waiting, s.admitted == 0)
            }
            for w in refused { w.resume(returning: false) }
            if done { c.resume() }
        }
    }
}

/// Resumes a continuation at most once: the first of "job finished" and "deadline passed" wins.
final class ResumeOnce<T: Sendable>: Sendable {
    private let state = Mutex<
        (continuation: CheckedContinuation<T, any Error>?, pending: Result<T, any Error>?, done: Bool)
    >(
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
