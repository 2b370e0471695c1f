import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO

/// The repository's sample compound (data/sample-compound.json).
func sampleScene() throws -> Scene {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try SceneLoader.load(contentsOf: root.appendingPathComponent("data/sample-compound.json"))
}

/// The sample compound before the tower T1 (data/sample-compound-before.json).
func sampleSceneBefore() throws -> Scene {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try SceneLoader.load(contentsOf: root.appendingPathComponent("data/sample-compound-before.json"))
}

let shanghai = FixedOffsetZone(hours: 8)

extension Color {
    /// Largest difference of the RGB components (0…1).
    func distance(to other: Color) -> Double {
        max(abs(red - other.red), abs(green - other.green), abs(blue - other.blue))
    }

}

/// Stereographic projection written out here, independently of the code under test:
/// zenith angle z maps to r = R·tan(z/2); north up, east right.
func stereographic(azimuthDegrees a: Double, elevationDegrees e: Double, centre: Point, radius: Double) -> Point {
    let z = (90 - e) * Double.pi / 180
    let r = radius * tan(z / 2)
    return Point(centre.x + r * sin(a * Double.pi / 180), centre.y - r * cos(a * Double.pi / 180))
}
