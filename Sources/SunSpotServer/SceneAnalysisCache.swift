import Scene
import Synchronization

/// Each scene revision's analysis — the parsed scene, its 24 term days of sun and its
/// obstacles (a ``SunlightAnalyzer``) — kept on this replica, so a table for another flat
/// of an already-analysed scene costs only that flat's geometry (0.2 ms) instead of
/// rebuilding the sun days on every request (~25 ms).
///
/// Keyed by everything the analysis depends on: scene id, revision, year and the rule
/// profile's parameters. A stored revision never changes, so an entry is never stale; a new
/// revision is a new key. Bounded in bytes (``SunlightAnalyzer/estimatedBytes``), least
/// recently used first out; an analysis larger than the whole budget is used but not kept.
/// Concurrent misses for one key share one computation. Replicas each keep their own:
/// nothing here is needed for correctness, only for speed.
public final class SceneAnalysisCache: Sendable {
    public struct Key: Hashable, Sendable {
        public var sceneID: String
        public var revision: Int
        public var year: Int
        /// The rule profile's request parameters (standard, climate zone, small city).
        public var profile: String

        public init(sceneID: String, revision: Int, year: Int, profile: String) {
            (self.sceneID, self.revision, self.year, self.profile) = (sceneID, revision, year, profile)
        }

        /// The key of a table request's or a report's analysis: both spell the profile the
        /// same way, so a report's chunks and the flats' tables share one analysis.
        public init(
            sceneID: String, revision: Int, year: Int, standard: String, climateZone: String, smallCity: Bool
        ) {
            self.init(
                sceneID: sceneID, revision: revision, year: year, profile: "\(standard)|\(climateZone)|\(smallCity)")
        }
    }

    struct Entry {
        let analyzer: SunlightAnalyzer
        let bytes: Int
        var tick: UInt64
    }

    struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var tick: UInt64 = 0
        var hits = 0
        var misses = 0
        var evictions = 0
        var builds = 0
    }

    /// Most bytes the kept analyses may add up to; 0 keeps none.
    public let budgetBytes: Int
    private let state = Mutex(State())
    private let flights = Mutex<[Key: Task<SunlightAnalyzer, any Error>]>([:])

    public init(budgetBytes: Int) { self.budgetBytes = max(0, budgetBytes) }

    /// The kept analysis for `key`, or nil (and counted as a miss).
    public func get(_ key: Key) -> SunlightAnalyzer? {
        state.withLock { s in
            guard var entry = s.entries[key] else {
                s.misses += 1
                return nil
            }
            s.tick += 1
            entry.tick = s.tick
            s.entries[key] = entry
            s.hits += 1
            return entry.analyzer
        }
    }

    /// Keeps `analyzer` under `key`, dropping the least recently used analyses until the
    /// total fits the budget. One larger than the budget is not kept.
    public func put(_ key: Key, _ analyzer: SunlightAnalyzer) {
        let bytes = analyzer.estimatedBytes
        guard bytes <= budgetBytes else { return }
        state.withLock { s in
            if let old = s.entries.removeValue(forKey: key) { s.bytes -= old.bytes }
            while s.bytes + bytes > budgetBytes,
                let oldest = s.entries.min(by: { $0.value.tick < $1.value.tick })
            {
                s.entries[oldest.key] = nil
                s.bytes -= oldest.value.bytes
                s.evictions += 1
            }
            s.tick += 1
            s.entries[key] = Entry(analyzer: analyzer, bytes: bytes, tick: s.tick)
            s.bytes += bytes
        }
    }

    /// The analysis for `key`, or the result of `build` — started once however many
    /// requests for `key` arrive while it runs. `hit` is false for the request that built it.
    ///
    /// - Parameter executor: where `build` runs (engine work belongs on a dispatch executor,
    ///   not on the cooperative threads that serve HTTP); nil: the global executor.
    public func analyzer(
        for key: Key, on executor: (any TaskExecutor)? = nil,
        build: @escaping @Sendable () async throws -> SunlightAnalyzer
    )
        async throws -> (analyzer: SunlightAnalyzer, hit: Bool)
    {
        if let analyzer = get(key) { return (analyzer, true) }
        let (task, owner) = flights.withLock { flights -> (Task<SunlightAnalyzer, any Error>, Bool) in
            if let running = flights[key] { return (running, false) }
            let task = Task(executorPreference: executor) { try await build() }
            flights[key] = task
            state.withLock { $0.builds += 1 }
            return (task, true)
        }
        defer { if owner { flights.withLock { $0[key] = nil } } }
        let analyzer = try await task.value
        if owner { put(key, analyzer) }
        return (analyzer, !owner)
    }

    /// Analyses kept now.
    public var count: Int { state.withLock { $0.entries.count } }
    /// Bytes the kept analyses add up to (never more than ``budgetBytes``).
    public var bytes: Int { state.withLock { $0.bytes } }
    public func contains(_ key: Key) -> Bool { state.withLock { $0.entries[key] != nil } }
    /// Lookups answered, lookups not answered, analyses dropped for room, and analyses
    /// built through ``analyzer(for:build:)`` (one per key however many requests waited).
    public var stats: (hits: Int, misses: Int, evictions: Int, builds: Int) {
        state.withLock { ($0.hits, $0.misses, $0.evictions, $0.builds) }
    }
}
