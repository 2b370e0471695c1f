import Synchronization

/// A small least-recently-used cache of computed response bodies, keyed by everything
/// that determines them (scene id, revision, route and parameters). A revision never
/// changes once written, so an entry can never be stale; the bound keeps memory flat.
///
/// Identical requests that arrive while their answer is being computed wait for that one
/// computation instead of starting their own (a front end opening a shared link on many
/// devices must not queue the same table N times).
public final class ResponseCache: Sendable {
    struct State {
        var entries: LeastRecentlyUsed<String, [UInt8]>
        var hits = 0
        var misses = 0
    }

    public let capacity: Int
    private let state: Mutex<State>
    private let flights = Mutex<[String: Flight]>([:])
    private let started = Mutex(0)

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
        state = Mutex(State(entries: LeastRecentlyUsed(capacity: capacity)))
    }

    public func get(_ key: String) -> [UInt8]? {
        state.withLock { s in
            guard let body = s.entries.value(for: key) else {
                s.misses += 1
                return nil
            }
            s.hits += 1
            return body
        }
    }

    /// Whether `key` is cached (not counted as a hit or a miss).
    public func contains(_ key: String) -> Bool { state.withLock { $0.entries.contains(key) } }

    public func put(_ key: String, _ body: [UInt8]) {
        state.withLock { $0.entries.insert(body, for: key) }
    }

    /// The cached body for `key`, or the result of `compute` — started once however many
    /// requests for `key` arrive while it runs. `hit` is false for the request that computed.
    ///
    /// The computation belongs to everyone waiting for it: when the last of them is
    /// cancelled (its client went away), it is cancelled too, and stops at its next check.
    public func value(
        for key: String, compute: @escaping @Sendable () async throws -> [UInt8]
    )
        async throws -> (body: [UInt8], hit: Bool)
    {
        if let body = get(key) { return (body, true) }
        let (flight, owner) = flights.withLock { flights -> (Flight, Bool) in
            if let running = flights[key] {
                running.waiters += 1
                return (running, false)
            }
            let flight = Flight(Task { try await compute() })
            flights[key] = flight
            return (flight, true)
        }
        if owner { started.withLock { $0 += 1 } }
        defer { if owner { flights.withLock { $0[key] = nil } } }
        let body = try await withTaskCancellationHandler {
            try await flight.task.value
        } onCancel: {
            let last = flights.withLock { _ in
                flight.waiters -= 1
                return flight.waiters == 0
            }
            if last { flight.task.cancel() }
        }
        if owner { put(key, body) }
        return (body, !owner)
    }

    /// One computation in flight and how many requests wait for it (changed under `flights`' lock).
    final class Flight: @unchecked Sendable {
        let task: Task<[UInt8], any Error>
        var waiters = 1
        init(_ task: Task<[UInt8], any Error>) { self.task = task }
    }

    /// Computations started through ``value(for:compute:)``.
    public var computations: Int { started.withLock { $0 } }

    public var count: Int { state.withLock { $0.entries.count } }
    public var stats: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
