/// A count-bounded least-recently-used map, the one eviction rule of the daemon's in-memory
/// caches (responses, decoded scenes). Not thread-safe: its owner keeps it under a lock.
struct LeastRecentlyUsed<Key: Hashable, Value> {
    let capacity: Int
    private var entries: [Key: (value: Value, tick: UInt64)] = [:]
    private var tick: UInt64 = 0

    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { entries.count }

    func contains(_ key: Key) -> Bool { entries[key] != nil }

    /// The value for `key`, marked as used now.
    mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        tick += 1
        entries[key] = (entry.value, tick)
        return entry.value
    }

    /// Keeps `value`, dropping the least recently used entry past `capacity` (nothing is kept at 0).
    mutating func insert(_ value: Value, for key: Key) {
        guard capacity > 0 else { return }
        tick += 1
        entries[key] = (value, tick)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.tick < $1.value.tick })?.key {
            entries[oldest] = nil
        }
    }
}
