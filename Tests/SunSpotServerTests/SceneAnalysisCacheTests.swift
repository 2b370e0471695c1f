import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotServer
import Synchronization
import Testing

// The per-replica scene analysis cache: a table built from a kept analysis is the table
// built from scratch, the kept analyses stay within their byte budget (least recently used
// out first), concurrent misses build once, and a new revision never gets an old analysis.

/// A flat's table the way nothing is reused: the document loaded and analysed afresh.
private func freshTable(_ document: [UInt8], flat: FlatAddress, year: Int = 2026) throws -> [UInt8] {
    let analyzer = try analyzer(of: document, year: year)
    return Array(try JSONOutput.encode(FlatTableReport(table: try analyzer.table(for: flat), analyzer: analyzer)).utf8)
}

private func analyzer(of document: [UInt8], year: Int) throws -> SunlightAnalyzer {
    let scene = try SceneLoader.load(Data(document))
    let zone = try #require(SystemTimeZone(identifier: scene.timeZoneIdentifier))
    return SunlightAnalyzer(scene: scene, zone: zone, profile: try ProfileChoice.resolve("gb50180"), year: year)
}

private func sunlightPath(_ id: String, _ flat: FlatAddress) -> String {
    "/v1/scenes/\(id)/flats/\(flat.building)/\(flat.floor)/\(flat.unit)/sunlight?year=2026"
}

@Suite struct SceneAnalysisReuse {
    @Test func everyFlatOfTheSampleGetsTheBytesOfAFreshAnalysisFromOneKeptAnalysis() async throws {
        let sample = try Repo.sample()
        let flats = try SceneLoader.load(Data(sample)).allFlats
        #expect(flats.count == 86)
        // No response cache: every request computes its table, from the kept analysis.
        try await withServer({ $0.cacheEntries = 0 }) { server in
            let id = try await server.create(sample).id
            for flat in flats {
                let reply = try await server.get(sunlightPath(id, flat))
                #expect(reply.status == 200, "\(flat)")
                #expect(reply.body == (try freshTable(sample, flat: flat)), "\(flat)")
            }
            let stats = server.parts.analyses.stats
            #expect(stats.builds == 1)
            #expect(stats.hits == flats.count - 1)
            #expect(server.parts.analyses.count == 1)
        }
    }

    @Test func aNewRevisionIsAnalysedAfreshNotServedTheOldAnalysis() async throws {
        let sample = try Repo.sample()
        // The same compound 6° further north: every table changes.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(sample)) as? [String: Any])
        var site = try #require(object["site"] as? [String: Any])
        site["latitude"] = try #require(site["latitude"] as? Double) + 6
        object["site"] = site
        let moved = Array(try JSONSerialization.data(withJSONObject: object))
        let flat = FlatAddress(building: "3", floor: 5, unit: "east")
        try await withServer({ $0.cacheEntries = 0 }) { server in
            let (id, token, _) = try await server.create(sample)
            let first = try await server.get(sunlightPath(id, flat))
            #expect(first.body == (try freshTable(sample, flat: flat)))
            let put = try await server.send(
                "PUT", "/v1/scenes/\(id)", json: moved,
                headers: ["Authorization": "Bearer \(token)", "If-Match": "\"1\""])
            #expect(put.status == 200)
            let second = try await server.get(sunlightPath(id, flat))
            #expect(second.header("Scene-Revision") == "2")
            #expect(second.body == (try freshTable(moved, flat: flat)))
            #expect(second.body != first.body)
            // Revision 1 is still asked for by number, and still gets its own analysis.
            let old = try await server.get(sunlightPath(id, flat) + "&revision=1")
            #expect(old.body == first.body)
            #expect(server.parts.analyses.stats.builds == 2)
        }
    }
}

@Suite struct SceneAnalysisCacheBudget {
    static let sample = (try? Repo.sample()) ?? []

    static func key(_ year: Int) -> SceneAnalysisCache.Key {
        .init(sceneID: "s", revision: 1, year: year, profile: "gb50180|II|false")
    }

    @Test func keptAnalysesNeverAddUpToMoreThanTheBudgetAndTheLeastRecentlyUsedGoFirst() throws {
        let years = [2026, 2027, 2028, 2029]
        let analyzers = try years.map { try analyzer(of: Self.sample, year: $0) }
        let largest = try #require(analyzers.map(\.estimatedBytes).max())
        // Room for two analyses, not three.
        let cache = SceneAnalysisCache(budgetBytes: largest * 5 / 2)
        cache.put(Self.key(2026), analyzers[0])
        cache.put(Self.key(2027), analyzers[1])
        #expect(cache.count == 2)
        #expect(cache.get(Self.key(2026)) != nil)  // 2026 is now the more recently used
        cache.put(Self.key(2028), analyzers[2])
        #expect(cache.count == 2 && cache.bytes <= cache.budgetBytes)
        #expect(cache.contains(Self.key(2026)) && !cache.contains(Self.key(2027)) && cache.contains(Self.key(2028)))
        cache.put(Self.key(2029), analyzers[3])
        #expect(cache.bytes <= cache.budgetBytes)
        #expect(!cache.contains(Self.key(2026)) && cache.contains(Self.key(2029)))
        #expect(cache.bytes == analyzers[2].estimatedBytes + analyzers[3].estimatedBytes)
        #expect(cache.stats.evictions == 2)
    }

    @Test func anAnalysisLargerThanTheBudgetIsUsedButNotKept() async throws {
        let one = try analyzer(of: Self.sample, year: 2026)
        let cache = SceneAnalysisCache(budgetBytes: one.estimatedBytes - 1)
        let (got, hit) = try await cache.analyzer(for: Self.key(2026)) { one }
        #expect(!hit && got.year == 2026)
        #expect(cache.count == 0 && cache.bytes == 0)
    }

    @Test func theEstimateIsDominatedByTheSunDaysTablesAndGrowsWithTheScene() throws {
        let one = try analyzer(of: Self.sample, year: 2026)
        // What each day must hold by its definition: a sun direction (3 Doubles) per minute
        // of the civil day, and the sparse table of its 1° azimuth minima (level k holds the
        // minima of 2^k bins: 361 − 2^k of them, k = 0…8; level 0 is the minima themselves).
        let sparse = (0...8).reduce(0) { $0 + 361 - (1 << $1) }
        let days = one.days.reduce(0) { sum, day in
            sum + Int(day.end.seconds(since: day.start) / 60) * 24 + sparse * 8
        }
        #expect(one.estimatedBytes >= days)
        #expect(one.estimatedBytes < 2 * days)  // the scene itself is small beside its sun days
        // A scene with its buildings twice over holds more.
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Self.sample)) as? [String: Any])
        let buildings = try #require(object["buildings"] as? [[String: Any]])
        object["buildings"] =
            buildings
            + buildings.map { b in
                var c = b
                c["id"] = "copy-\(b["id"] ?? "")"
                return c
            }
        let doubled = try analyzer(of: Array(try JSONSerialization.data(withJSONObject: object)), year: 2026)
        #expect(doubled.estimatedBytes > one.estimatedBytes)
    }

    @Test func concurrentMissesForOneKeyBuildOnce() async throws {
        let one = try analyzer(of: Self.sample, year: 2026)
        let cache = SceneAnalysisCache(budgetBytes: 1 << 30)
        let started = BuildCounter()
        let hits = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await cache.analyzer(for: Self.key(2026)) {
                        started.count.withLock { $0 += 1 }
                        try await Task.sleep(for: .milliseconds(200))
                        return one
                    }.hit
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(started.count.withLock { $0 } == 1)
        #expect(cache.stats.builds == 1)
        #expect(hits.filter { !$0 }.count == 1)
    }
}

/// How often a build closure ran, across the tasks that shared it.
private final class BuildCounter: Sendable {
    let count = Mutex(0)
}

@Suite struct AnalysisCacheOption {
    @Test func theBudgetComesFromTheOptionOrTheEnvironmentAndNegativeIsRefused() throws {
        #expect(ServerConfiguration().analysisCacheBytes == 256 << 20)
        let env = try ServerOptions.parse([]).configuration(environment: ["SUNSPOTD_ANALYSIS_CACHE_BYTES": "1000"])
        #expect(env.analysisCacheBytes == 1000)
        let option = try ServerOptions.parse(["--analysis-cache-bytes", "0"])
            .configuration(environment: ["SUNSPOTD_ANALYSIS_CACHE_BYTES": "1000"])
        #expect(option.analysisCacheBytes == 0)
        do {
            _ = try ServerOptions.parse([]).configuration(environment: ["SUNSPOTD_ANALYSIS_CACHE_BYTES": "-1"])
            Issue.record("a negative budget was accepted")
        } catch {
            #expect("\(error)".contains("--analysis-cache-bytes"), "\(error)")
        }
    }
}
