import Scene
import SunSpotIO

extension SceneRevision {
    /// The saved document as a validated ``Scene`` with its site's time zone, for the
    /// computed routes (runs on a compute slot). A stored revision was valid when saved;
    /// a failure here means the validator has since become stricter, which is a 422 naming
    /// the field, not a 500.
    func loadScene() throws -> (scene: Scene, zone: SystemTimeZone) {
        let scene = try self.scene()
        return (scene, try Self.zone(of: scene))
    }

    /// The scene's site time zone (a 422 naming `site.timeZone` when unknown).
    static func zone(of scene: Scene) throws -> SystemTimeZone {
        guard let zone = SystemTimeZone(identifier: scene.timeZoneIdentifier) else {
            throw APIError.invalidScene("unknown time zone '\(scene.timeZoneIdentifier)'", path: "site.timeZone")
        }
        return zone
    }

    /// The saved document as a validated ``Scene`` (a failure is a 422 naming the field), for
    /// routes that resolve the site's time zone themselves.
    func scene() throws -> Scene {
        do {
            return try SceneLoader.load(body)
        } catch {
            throw SceneBody.invalid(error)
        }
    }
}
