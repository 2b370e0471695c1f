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

    private let state: Mutex<LeastRecentlyUsed<Key, Scene>>

    init(capacity: Int = 16) { state = Mutex(LeastRecentlyUsed(capacity: capacity)) }

    /// The saved revision as a ``Scene`` with its site's time zone (a 422 naming the field
    /// when the validator has since become stricter).
    func load(_ saved: SceneRevision) throws -> (scene: Scene, zone: SystemTimeZone) {
        let key = Key(sceneID: saved.sceneID, revision: saved.revision)
        let cached = state.withLock { $0.value(for: key) }
        if let cached { return (cached, try SceneRevision.zone(of: cached)) }
        let loaded = try saved.loadScene()
        keep(loaded.scene, id: saved.sceneID, revision: saved.revision)
        return loaded
    }

    func keep(_ scene: Scene, id: String, revision: Int) {
        state.withLock { $0.insert(scene, for: Key(sceneID: id, revision: revision)) }
    }
}
