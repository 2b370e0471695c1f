import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults

extension ReportDefinition {
    /// The batch engine for a job, or for a slice of its listings (a chunk): each scene the
    /// listings name, at its pinned revision, analysed once on this replica: the analysis is
    /// taken from `analyses` (shared with a report's other chunks and with table requests)
    /// or built into it on `executor`.
    ///
    /// - Parameter lines: each listing's line in the whole request (a chunk's listings are
    ///   not consecutive), so a row's line number is the same whichever chunk computes it;
    ///   nil: 1, 2, 3, …
    func batchReport(
        scenes: any SceneStore, analyses: SceneAnalysisCache, on executor: (any TaskExecutor)? = nil,
        lines: [Int]? = nil
    ) async throws -> BatchReport {
        let profile = try ProfileChoice.resolve(standard, climateZone: climateZone, smallCity: smallCity)
        let pinned = try Set(listings.map(\.scene)).map { sceneID in
            guard let revision = revisions[sceneID] else {
                throw ReportJobError("scene \(sceneID) has no pinned revision")
            }
            return (sceneID, revision)
        }
        let (year, standard, climateZone, smallCity) = (year, standard, climateZone, smallCity)
        let sources = try await withThrowingTaskGroup(of: (String, BatchReport.Source).self) { group in
            for (sceneID, revision) in pinned {
                group.addTask {
                    let key = SceneAnalysisCache.Key(
                        sceneID: sceneID, revision: revision, year: year, standard: standard,
                        climateZone: climateZone, smallCity: smallCity)
                    let analyzer = try await analyses.analyzer(for: key, on: executor) {
                        let (scene, zone) = try await Self.load(sceneID, revision, from: scenes)
                        return SunlightAnalyzer.onAllCores(scene: scene, zone: zone, profile: profile, year: year)
                    }.analyzer
                    // The rows name the scene by its content hash, as `sunspot report` does for a
                    // file: the API's CSV equals the CLI's column for column for the same document.
                    let saved = try await Self.read(sceneID, revision, from: scenes)
                    return (sceneID, BatchReport.Source(analyzer: analyzer, revision: ContentHash.fnv1a64(saved.body)))
                }
            }
            var sources: [String: BatchReport.Source] = [:]
            for try await (sceneID, source) in group { sources[sceneID] = source }
            return sources
        }
        let requests = listings.enumerated().map { i, l in
            ListingRequest(
                listing: l.listing, scene: l.scene,
                flat: FlatAddress(building: l.building, floor: l.floor, unit: l.unit),
                title: l.title, address: l.address, line: lines?[i] ?? i + 1)
        }
        return BatchReport(requests: requests, sources: sources, profile: profile, standardName: standard, year: year)
    }

    /// A pinned scene revision, parsed, with its time zone.
    private static func load(
        _ sceneID: String, _ revision: Int, from scenes: any SceneStore
    ) async throws -> (
        Scene, SystemTimeZone
    ) {
        let saved = try await read(sceneID, revision, from: scenes)
        let scene = try SceneLoader.load(saved.body)
        guard let zone = SystemTimeZone(identifier: scene.timeZoneIdentifier) else {
            throw ReportJobError("scene \(sceneID): unknown time zone '\(scene.timeZoneIdentifier)'")
        }
        return (scene, zone)
    }

    /// A pinned scene revision as stored (its body is the document as it was accepted).
    private static func read(
        _ sceneID: String, _ revision: Int, from scenes: any SceneStore
    ) async throws
        -> SceneRevision
    {
        do {
            return try await scenes.read(id: sceneID, revision: revision)
        } catch is StoreRefusal {
            throw ReportJobError("scene \(sceneID) revision \(revision) is no longer stored (the scene was deleted)")
        }
    }
}
