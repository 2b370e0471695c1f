import Synchronization

/// The bounded pool for CPU-bound work (flat tables, pictures), in two lanes by cost, so
/// that a cheap answer never waits behind an expensive one (DESIGN.md: expensive work
/// runs under a deadline and a bounded queue, and cheap requests keep answering).
///
/// - The **light** lane (a table of an analysed scene, a small picture) has threads of its
///   own and serves in arrival order.
/// - The **heavy** lane (what ``ComputeBudget`` estimates above its light limit) serves
///   clients in turn: one client runs at most `heavyPerClient` jobs at once, and the rest
///   of its jobs wait in its own line, not in everyone's.
///
/// Each lane runs on its own ``LaneExecutor`` threads, never on the threads that serve
/// requests; the heavy lane's at a lower CPU priority (nice 10). At most `lightWorkers + heavyWorkers + queueDepth` jobs are admitted; one more
/// is refused at once with 503 + Retry-After.
///
/// A job's deadline is an instant (the request's arrival plus the budget), so time spent
/// waiting counts. When it passes, the request is answered 503 at once and the job's task
/// is cancelled: a job still waiting leaves its line, and a running one stops at the
/// engine's next cancellation check (between points, rows or windows) and frees its slot.
public final class ComputeQueue: Sendable {
    /// Which threads and which line a job takes.
    public enum Lane: String, Sendable {
        case light, heavy
    }

    public let lightWorkers: Int
    public let heavyWorkers: Int
    public let heavyPerClient: Int
    public let queueDepth: Int
    private let light: LaneExecutor
    private let heavy: LaneExecutor
    private let state = Mutex(Slots())
    private let onDepthChange: @Sendable (_ running: Int, _ waiting: Int) -> Void

    /// A job waiting for a slot.
    private struct Waiter {
        var id: UInt64
        var client: String
        var continuation: CheckedContinuation<Bool, Never>
    }

    /// Who holds a slot, who waits for one, and who waits for the queue to drain.
    private struct Slots {
        /// Jobs admitted and not yet finished (running + waiting, both lanes).
        var admitted = 0
        var lightRunning = 0
        var heavyRunning = 0
        var nextID: UInt64 = 0
        /// Heavy jobs running per client.
        var heavyByClient: [String: Int] = [:]
        var lightWaiting: [Waiter] = []
        /// Heavy jobs waiting, each client's in its own line, clients served in turn.
        var heavyWaiting: [String: [Waiter]] = [:]
        var heavyTurns: [String] = []
        var stopping = false
        var drained: [CheckedContinuation<Void, Never>] = []

        var waitingCount: Int { lightWaiting.count + heavyWaiting.values.reduce(0) { $0 + $1.count } }

        /// The next heavy job allowed to run: the first client in turn under its limit.
        mutating func nextHeavy(perClient: Int) -> Waiter? {
            for (k, client) in heavyTurns.enumerated() where heavyByClient[client, default: 0] < perClient {
                guard var line = heavyWaiting[client], !line.isEmpty else { continue }
                let w = line.removeFirst()
                heavyWaiting[client] = line.isEmpty ? nil : line
                heavyTurns.remove(at: k)
                if !line.isEmpty { heavyTurns.append(client) }  // its next job goes to the back
                return w
            }
            return nil
        }

        /// Removes a waiter (its deadline passed or its task was cancelled); nil when it already left the line.
        mutating func remove(id: UInt64, lane: Lane, client: String) -> Waiter? {
            switch lane {
            case .light:
                guard let k = lightWaiting.firstIndex(where: { $0.id == id }) else { return nil }
                return lightWaiting.remove(at: k)
            case .heavy:
                guard var line = heavyWaiting[client], let k = line.firstIndex(where: { $0.id == id }) else {
                    return nil
                }
                let w = line.remove(at: k)
                heavyWaiting[client] = line.isEmpty ? nil : line
                if line.isEmpty { heavyTurns.removeAll { $0 == client } }
                return w
            }
        }
    }

    public init(
        lightWorkers: Int, heavyWorkers: Int, heavyPerClient: Int = 1, queueDepth: Int,
        onDepthChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) {
        precondition(lightWorkers >= 1 && heavyWorkers >= 1 && heavyPerClient >= 1 && queueDepth >= 0)
        self.lightWorkers = lightWorkers
        self.heavyWorkers = heavyWorkers
        self.heavyPerClient = heavyPerClient
        self.queueDepth = queueDepth
        self.onDepthChange = onDepthChange
        light = LaneExecutor(threads: lightWorkers)
        heavy = LaneExecutor(threads: heavyWorkers, niceness: 10)
    }

    /// Jobs admitted and not yet finished.
    public var inFlight: Int { state.withLock { $0.admitted } }

    /// Runs `work` on the light lane with a deadline `deadline` from now (tests, simple callers).
    public func run<T: Sendable>(deadline: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T
    {
        try await run(lane: .light, client: "", deadline: .now + deadline, work)
    }

    /// Runs `work` in a slot of `lane` and returns its result, or throws 503 when the queue
    /// is full or `deadline` passes first (the job is then cancelled).
    ///
    /// `work` runs on the lane's threads, with ``LaneExecutor/current`` set to them for the
    /// engine's own parallelism.
    public func run<T: Sendable>(
        lane: Lane, client: String, deadline: ContinuousClock.Instant,
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let admitted: (count: Int, id: UInt64)? = state.withLock { s in
            guard s.admitted < lightWorkers + heavyWorkers + queueDepth else { return nil }
            s.admitted += 1
            s.nextID += 1
            return (s.admitted, s.nextID)
        }
        guard let admitted else {
            throw APIError.unavailable(
                "the compute queue is full (\(lightWorkers + heavyWorkers) running, \(queueDepth) waiting); "
                    + "try again shortly",
                code: "queue_full", retryAfterSeconds: 1)
        }
        report()
        let executor = lane == .light ? light : heavy
        let once = ResumeOnce<T>()
        let job = Task(executorPreference: executor) { [self] in
            let result: Result<T, any Error>
            switch await acquireSlot(lane: lane, client: client, id: admitted.id) {
            case .granted:
                if Task.isCancelled {
                    result = .failure(CancellationError())
                } else {
                    do {
                        result = .success(try await LaneExecutor.$current.withValue(executor) { try await work() })
                    } catch {
                        result = .failure(error)
                    }
                }
                releaseSlot(lane: lane, client: client)
            case .cancelled:
                result = .failure(CancellationError())
            case .stopping:
                result = .failure(
                    APIError.unavailable("the server is shutting down", code: "shutting_down", retryAfterSeconds: 5))
            }
            finished()
            once.resume(with: result)
        }
        let timer = Task {
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }  // answered
            once.resume(with: .failure(Self.deadlineExceeded))
            job.cancel()
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { once.set($0) }
        } onCancel: {
            // Nobody waits for the answer any more: stop the work.
            once.resume(with: .failure(CancellationError()))
            job.cancel()
        }
    }

    /// 503 with a Retry-After of the budget's order (the client should not retry at once).
    static var deadlineExceeded: APIError {
        APIError.unavailable(
            "the computation did not finish within its deadline (measured from the request's arrival)",
            code: "deadline_exceeded", retryAfterSeconds: 5)
    }

    private enum Grant { case granted, cancelled, stopping }

    /// Waits for a free slot in `lane`; leaves the line when the task is cancelled.
    private func acquireSlot(lane: Lane, client: String, id: UInt64) async -> Grant {
        let stillWaiting = await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                let granted: Bool? = state.withLock { s in
                    // Checked under the lock that the cancellation handler takes: a job
                    // cancelled before it got here never joins a line.
                    if s.stopping || Task.isCancelled { return false }
                    let w = Waiter(id: id, client: client, continuation: c)
                    switch lane {
                    case .light:
                        guard s.lightRunning < lightWorkers else {
                            s.lightWaiting.append(w)
                            return nil
                        }
                        s.lightRunning += 1
                    case .heavy:
                        let mine = s.heavyByClient[client, default: 0]
                        guard s.heavyRunning < heavyWorkers, mine < heavyPerClient, s.heavyWaiting[client] == nil
                        else {
                            if s.heavyWaiting[client] == nil { s.heavyTurns.append(client) }
                            s.heavyWaiting[client, default: []].append(w)
                            return nil
                        }
                        s.heavyRunning += 1
                        s.heavyByClient[client] = mine + 1
                    }
                    return true
                }
                if let granted { c.resume(returning: granted) }
                report()
            }
        } onCancel: {
            let left = state.withLock { $0.remove(id: id, lane: lane, client: client) }
            left?.continuation.resume(returning: false)
        }
        if stillWaiting { return .granted }
        return state.withLock { $0.stopping } ? .stopping : .cancelled
    }

    /// Hands the slot to the next waiting job of its lane, or frees it.
    private func releaseSlot(lane: Lane, client: String) {
        let next = state.withLock { s -> Waiter? in
            switch lane {
            case .light:
                guard !s.lightWaiting.isEmpty else {
                    s.lightRunning -= 1
                    return nil
                }
                return s.lightWaiting.removeFirst()
            case .heavy:
                s.heavyByClient[client, default: 1] -= 1
                if s.heavyByClient[client] == 0 { s.heavyByClient[client] = nil }
                guard let w = s.nextHeavy(perClient: heavyPerClient) else {
                    s.heavyRunning -= 1
                    return nil
                }
                s.heavyByClient[w.client, default: 0] += 1
                return w
            }
        }
        next?.continuation.resume(returning: true)
    }

    private func finished() {
        let drained = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.admitted -= 1
            guard s.admitted == 0 else { return [] }
            defer { s.drained = [] }
            return s.drained
        }
        report()
        for c in drained { c.resume() }
    }

    private func report() {
        let (running, waiting) = state.withLock { s in (s.lightRunning + s.heavyRunning, s.waitingCount) }
        onDepthChange(running, waiting)
    }

    /// Refuses the jobs still waiting for a slot (503, shutting down) and returns when the
    /// running ones have finished; then stops the lanes' threads.
    public func shutdown() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let (refused, done) = state.withLock { s -> ([Waiter], Bool) in
                s.stopping = true
                let all = s.lightWaiting + s.heavyWaiting.values.flatMap { $0 }
                s.lightWaiting = []
                s.heavyWaiting = [:]
                s.heavyTurns = []
                if s.admitted > 0 { s.drained.append(c) }
                return (all, s.admitted == 0)
            }
            for w in refused { w.continuation.resume(returning: false) }
            if done { c.resume() }
        }
        await light.shutdown()
        await heavy.shutdown()
    }
}

/// Resumes a continuation at most once: the first of "job finished", "deadline passed" and
/// "nobody waits" wins.
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
