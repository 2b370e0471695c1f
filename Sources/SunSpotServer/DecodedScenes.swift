import Scene
import SunSpotIO
import Synchronization

/// Scene revisions already decoded and validated, so that a computed route does not decode
/// the same JSON again for every picture and estimate (a 2,000-building scene took 0.15–0.5 s
/// to load in a debug build, ~20× its heat map's cost estimate). A revision never changes,
/// so an entry is never stale; the least recently used go first past `capacity`.
///
/// A scene just saved is kept at once: it is validated on the way in, and is about to be viewed.
final class DecodedScenes: Sendable {
    struct Key: Hashable {
        var sceneID: String
        var revision: Int
    }

    let capacity: Int
    private let state = Mutex((entries: [Key: (scene: Scene, tick: UInt64)](), tick: UInt64(0)))

    init(capacity: Int = 16) { self.capacity = max(0, capacity) }

    /// The saved revision as a ``Scene`` with its site's time zone (a 422 naming the field
    /// when the validator has since become stricter).
    func load(_ saved: SceneRevision) throws -> (scene: Scene, zone: SystemTimeZone) {
        let key = Key(sceneID: saved.sceneID, revision: saved.revision)
        let cached = state.withLock { s -> Scene? in
            guard let entry = s.entries[key] else { return nil }
            s.tick += 1
            s.entries[key] = (entry.scene, s.tick)
            return entry.scene
        }
        if let cached { return (cached, try SceneRevision.zone(of: cached)) }
        let loaded = try saved.loadScene()
        keep(loaded.scene, id: saved.sceneID, revision: saved.revision)
        return loaded
    }

    func keep(_ scene: Scene, id: String, revision: Int) {
        guard capacity > 0 else { return }
        state.withLock { s in
            s.tick += 1
            s.entries[Key(sceneID: id, revision: revision)] = (scene, s.tick)
            if s.entries.count > capacity, let oldest = s.entries.min(by: { $0.value.tick < $1.value.tick })?.key {
                s.entries[oldest] = nil
            }
        }
    }
}
