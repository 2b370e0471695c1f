import Scene
import SolarCore

/// A listings report: each scene analysed once (its 24 sun days and obstacles shared by all
/// of its listings), each distinct flat computed once, the flats spread over all cores, and
/// the rows handed out in input order so that a partial output is always a complete prefix.
public struct BatchReport: Sendable {
    /// A scene as the listings name it, with the version that goes into every row.
    public struct Source: Sendable {
        public var scene: Scene
        public var zone: any CivilTimeZone
        public var revision: String
        /// The scene's analysis, when the caller keeps analyses (a server's per-revision cache,
        /// shared by a report's chunks and by table requests); it must be for the report's
        /// profile and year. Nil: ``run(workers:skipping:chunkSize:isCancelled:emit:)`` builds it.
        public var analyzer: SunlightAnalyzer?

        public init(scene: Scene, zone: any CivilTimeZone, revision: String) {
            self.scene = scene
            self.zone = zone
            self.revision = revision
        }

        /// A scene already analysed for the report's profile and year.
        public init(analyzer: SunlightAnalyzer, revision: String) {
            self.init(scene: analyzer.scene, zone: analyzer.zone, revision: revision)
            self.analyzer = analyzer
        }
    }

    public let requests: [ListingRequest]
    public let profile: RuleProfile
    public let standardName: String
    public let year: Int
    let sources: [String: Source]

    /// - Parameter sources: every scene the requests name, by the name they use.
    public init(
        requests: [ListingRequest], sources: [String: Source], profile: RuleProfile, standardName: String,
        year: Int
    ) {
        self.requests = requests
        self.profile = profile
        self.standardName = standardName
        self.year = year
        self.sources = sources
    }

    /// Requests whose scene is missing or whose flat is not in its scene, with their lines.
    public func issues() -> [ListingsIssue] {
        requests.compactMap { r -> ListingsIssue? in
            guard let source = sources[r.scene] else {
                return ListingsIssue(
                    line: r.line, message: "scene '\(r.scene)' was not loaded", listing: r.listing, field: "scene")
            }
            do throws(SceneIssue) {
                _ = try source.scene.locate(r.flat)
                return nil
            } catch {
                return ListingsIssue(
                    line: r.line, message: "flat \(r.flat): \(error.path) \(error.message)", listing: r.listing,
                    field: ["building", "floor", "unit"].first { error.path.hasPrefix($0) } ?? error.path)
            }
        }
    }

    /// One analyzer (the 24 sun days of its site) per scene used: the source's own, or built
    /// (concurrently).
    func analyzers(for names: Set<String>) async -> [String: SunlightAnalyzer] {
        await withTaskGroup(of: (String, SunlightAnalyzer).self) { group in
            var out: [String: SunlightAnalyzer] = [:]
            for name in names {
                guard let source = sources[name] else { continue }
                if let analyzer = source.analyzer {
                    out[name] = analyzer
                    continue
                }
                let (profile, year) = (self.profile, self.year)
                group.addTask {
                    (name, SunlightAnalyzer(scene: source.scene, zone: source.zone, profile: profile, year: year))
                }
            }
            for await (name, analyzer) in group { out[name] = analyzer }
            return out
        }
    }

    /// Computes every request not in `done` and calls `emit` for each row, in input order.
    ///
    /// Stops scheduling new work once `isCancelled()` is true; rows already computed in
    /// order are still emitted, so what was written is a complete prefix.
    /// - Returns: the number of rows emitted.
    @discardableResult
    public func run(
        workers: Int, skipping done: Set<String> = [], chunkSize: Int = 16,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        emit: (ListingFacts) throws -> Void
    ) async throws -> Int {
        try await runResults(workers: workers, skipping: done, chunkSize: chunkSize, isCancelled: isCancelled) {
            try emit($0.facts)
        }
    }

    /// Like ``run(workers:skipping:chunkSize:isCancelled:emit:)``, but each row comes with the
    /// flat's whole table (its sunlit intervals) and the scene's analyzer: what a PDF page draws.
    @discardableResult
    public func runResults(
        workers: Int, skipping done: Set<String> = [], chunkSize: Int = 16,
        isCancelled: @escaping @Sendable () -> Bool = { false },
        emit: (ListingResult) throws -> Void
    ) async throws -> Int {
        let todo = requests.filter { !done.contains($0.listing) }
        // Distinct (scene, flat) jobs in order of first use; listings point at them.
        var jobIndex: [JobKey: Int] = [:]
        var jobs: [JobKey] = []
        let jobOfListing = todo.map { r -> Int in
            let key = JobKey(scene: r.scene, flat: r.flat)
            if let j = jobIndex[key] { return j }
            jobIndex[key] = jobs.count
            jobs.append(key)
            return jobs.count - 1
        }
        let size = max(1, chunkSize)
        let chunks = stride(from: 0, to: jobs.count, by: size).map { $0..<min($0 + size, jobs.count) }
        let analyzers = await analyzers(for: Set(todo.map(\.scene)))
        let revisions = sources.mapValues(\.revision)
        let workers = max(1, workers)
        var tables = [FlatTable?](repeating: nil, count: jobs.count)
        var emitted = 0
        var nextChunk = 0
        var jobsReady = 0  // jobs[0..<jobsReady] are all computed
        var readyChunks = Set<Int>()
        try await withThrowingTaskGroup(of: (Int, [FlatTable]).self) { group in
            func schedule() {
                guard nextChunk < chunks.count, !isCancelled() else { return }
                let c = nextChunk
                let range = chunks[c]
                let keys = Array(jobs[range])
                group.addTask {
                    (c, try keys.map { key in try analyzers[key.scene]!.table(for: key.flat) })
                }
                nextChunk += 1
            }
            for _ in 0..<(2 * workers) { schedule() }
            while let (c, computed) = try await group.next() {
                for (offset, table) in computed.enumerated() { tables[chunks[c].lowerBound + offset] = table }
                readyChunks.insert(c)
                // Chunks are consecutive and equal-sized: the next one to wait for is jobsReady / size.
                while jobsReady < jobs.count, readyChunks.contains(jobsReady / size) {
                    jobsReady = chunks[jobsReady / size].upperBound
                }
                while emitted < todo.count && jobOfListing[emitted] < jobsReady {
                    let r = todo[emitted]
                    let table = tables[jobOfListing[emitted]]!
                    let analyzer = analyzers[r.scene]!
                    let facts = ListingFacts(
                        request: r, table: table, analyzer: analyzer, standardName: standardName,
                        sceneRevision: revisions[r.scene] ?? "")
                    try emit(ListingResult(facts: facts, table: table, analyzer: analyzer))
                    emitted += 1
                }
                schedule()
            }
        }
        return emitted
    }

    struct JobKey: Hashable {
        var scene: String
        var flat: FlatAddress
    }
}

/// One listing's row together with what it was computed from: the flat's 24-term table
/// (every sunlit interval) and the analyzer of its scene (site, zone, profile, year, obstacles).
public struct ListingResult: Sendable {
    public var facts: ListingFacts
    public var table: FlatTable
    public var analyzer: SunlightAnalyzer

    public init(facts: ListingFacts, table: FlatTable, analyzer: SunlightAnalyzer) {
        self.facts = facts
        self.table = table
        self.analyzer = analyzer
    }
}

/// A short, stable fingerprint of a scene file's bytes (FNV-1a, 64 bits), so a report row
/// names the exact scene version it was computed from.
public enum ContentHash {
    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
