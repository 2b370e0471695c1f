import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults

extension ReportDefinition {
    /// The batch engine for a job, or for a slice of its listings (a chunk): each scene the
    /// listings name, at its pinned revision, loaded once.
    ///
    /// - Parameter firstLine: the input position of the first listing (a chunk's offset),
    ///   so a row's line number is the same whichever chunk computes it.
    func batchReport(scenes: any SceneStore, firstLine: Int = 0) async throws -> BatchReport {
        var sources: [String: BatchReport.Source] = [:]
        for sceneID in Set(listings.map(\.scene)) {
            guard let revision = revisions[sceneID] else {
                throw ReportJobError("scene \(sceneID) has no pinned revision")
            }
            let saved: SceneRevision
            do {
                saved = try await scenes.read(id: sceneID, revision: revision)
            } catch is StoreRefusal {
                throw ReportJobError(
                    "scene \(sceneID) revision \(revision) is no longer stored (the scene was deleted)")
            }
            let scene = try SceneLoader.load(saved.body)
            guard let zone = SystemTimeZone(identifier: scene.timeZoneIdentifier) else {
                throw ReportJobError("scene \(sceneID): unknown time zone '\(scene.timeZoneIdentifier)'")
            }
            sources[sceneID] = BatchReport.Source(scene: scene, zone: zone, revision: String(revision))
        }
        let profile = try ProfileChoice.resolve(standard, climateZone: climateZone, smallCity: smallCity)
        let requests = listings.enumerated().map { i, l in
            ListingRequest(
                listing: l.listing, scene: l.scene,
                flat: FlatAddress(building: l.building, floor: l.floor, unit: l.unit),
                title: l.title, address: l.address, line: firstLine + i + 1)
        }
        return BatchReport(requests: requests, sources: sources, profile: profile, standardName: standard, year: year)
    }
}
