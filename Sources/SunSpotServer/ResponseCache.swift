import Synchronization

/// A small least-recently-used cache of computed response bodies, keyed by everything
/// that determines them (scene id, revision, route and parameters). A revision never
/// changes once written, so an entry can never be stale; the bound keeps memory flat.
public final class ResponseCache: Sendable {
    struct State {
        var entries: [String: (body: [UInt8], tick: UInt64)] = [:]
        var tick: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int) { self.capacity = max(0, capacity) }

    public func get(_ key: String) -> [UInt8]? {
        state.withLock { s in
            guard let entry = s.entries[key] else {
                s.misses += 1
                return nil
            }
            s.tick += 1
            s.entries[key] = (entry.body, s.tick)
            s.hits += 1
            return entry.body
        }
    }

    public func put(_ key: String, _ body: [UInt8]) {
        guard capacity > 0 else { return }
        state.withLock { s in
            s.tick += 1
            s.entries[key] = (body, s.tick)
            if s.entries.count > capacity, let oldest = s.entries.min(by: { $0.value.tick < $1.value.tick })?.key {
                s.entries[oldest] = nil
            }
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }
    public var stats: (hits: Int, misses: Int) { state.withLock { ($0.hits, $0.misses) } }
}
