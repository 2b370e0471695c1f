import ArgumentParser
import Foundation
import Scene
import SunSpotIO

/// Loads and validates a scene file; the error names the file and the JSON path.
func loadScene(_ path: String) throws -> Scene {
    do {
        return try SceneLoader.load(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw ValidationError("\(path): \(error.description)")
    }
}
