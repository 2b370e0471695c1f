import Foundation
import GeoImport
import Scene

/// A CSV written by Fixtures/make_proj_fixture.py (pyproj).
struct Fixture {
    let records: [[String: String]]

    init(_ name: String) throws {
        let text = try String(contentsOf: fixtureURL(name), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines[0]
        records = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

func fixtureURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .appendingPathComponent(name)
}

/// The repository's `data/` directory.
func dataURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data").appendingPathComponent(name)
}

extension Dictionary where Key == String, Value == String {
    func double(_ key: String) -> Double { Double(self[key]!)! }
    func int(_ key: String) -> Int { Int(self[key]!)! }
}

/// Metres per degree of latitude and of longitude near `latitude` (WGS84, enough for
/// turning sub-millimetre angle differences into lengths).
func metresPerDegree(latitude: Double) -> (lat: Double, lon: Double) {
    let phi = latitude * .pi / 180
    let lat = 111_132.954 - 559.822 * cos(2 * phi) + 1.175 * cos(4 * phi)
    let lon = 111_412.84 * cos(phi) - 93.5 * cos(3 * phi)
    return (lat, lon)
}

/// Imports GeoJSON text given inline (tests of bad input and of single rules).
func importText(
    _ json: String, crs: String? = nil, heights: HeightRules = HeightRules(), strict: Bool = false
) throws(ImportError) -> ImportResult {
    var options = ImportOptions(sourceCRS: crs, timeZone: "Asia/Shanghai", heights: heights)
    options.strict = strict
    return try GeoImporter.importScene(geoJSON: Data(json.utf8), options: options)
}

/// A one-feature FeatureCollection with a rectangle near Beijing and the given properties JSON.
func oneBuilding(properties: String, ring: String? = nil) -> String {
    let square = ring ?? "[[116.40, 39.90], [116.4002, 39.90], [116.4002, 39.9001], [116.40, 39.9001], [116.40, 39.90]]"
    return """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "properties": \(properties), "geometry": {"type": "Polygon", "coordinates": [\(square)]}}]}
        """
}

/// Shoelace area of a footprint `[[x, y], …]` (positive when counter-clockwise).
func signedArea(_ footprint: [[Double]]) -> Double {
    Polygon.signedDoubleArea(footprint.map { Vec2($0[0], $0[1]) }) / 2
}
