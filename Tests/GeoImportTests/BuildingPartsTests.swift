import Foundation
import GeoImport
import Scene
import Testing

/// Simple 3D Buildings: an outline with `building:part` volumes inside is replaced by
/// them, and each part stands on its own base (min_height / building:min_level).
@Suite struct BuildingPartsTests {
    /// A ring of (east, north) metres about (24.94 E, 60.17 N) as GeoJSON lon/lat.
    static func ring(_ metres: [(Double, Double)]) -> String {
        let perLat = 111_412.0, perLon = 111_412.0 * cos(60.17 * .pi / 180)
        let points = (metres + [metres[0]]).map { "[\(24.94 + $0.0 / perLon), \(60.17 + $0.1 / perLat)]" }
        return "[" + points.joined(separator: ", ") + "]"
    }

    static func feature(_ properties: String, _ metres: [(Double, Double)]) -> String {
        #"{"type": "Feature", "properties": \#(properties), "geometry": {"type": "Polygon", "coordinates": [\#(ring(metres))]}}"#
    }

    @Test func anOutlineWithPartsIsReplacedByThemAndEachPartKeepsItsBase() throws {
        // A 40 × 20 m outline (no height: it would be assumed) with a 4-level podium part
        // on its west half and a tower part from 12 m to 60 m on its east half; a
        // neighbour without parts stays.
        let text = """
            {"type": "FeatureCollection", "features": [
              \(Self.feature(#"{"id": "outline", "building": "office", "name": "Tower"}"#, [(0, 0), (40, 0), (40, 20), (0, 20)])),
              \(Self.feature(#"{"id": "podium", "building:part": "yes", "building:levels": "4"}"#, [(0, 0), (20, 0), (20, 20), (0, 20)])),
              \(Self.feature(#"{"id": "tower", "building:part": "yes", "height": "60", "min_height": "12"}"#, [(20, 0), (40, 0), (40, 20), (20, 20)])),
              \(Self.feature(#"{"id": "neighbour", "building": "yes", "height": "9"}"#, [(60, 0), (70, 0), (70, 10), (60, 10)]))]}
            """
        let result = try GeoImporter.importScene(
            geoJSON: Data(text.utf8), options: ImportOptions(timeZone: "Europe/Helsinki"))
        #expect(result.document.buildings.map(\.id) == ["podium", "tower", "neighbour"])
        #expect(result.report.replacedByParts == [.init(source: "features[0]", name: "Tower", parts: 2)])
        #expect(result.report.summary.contains("1 outlines replaced by their building:part volumes"))
        let tower = try #require(result.document.buildings.first { $0.id == "tower" })
        #expect(tower.base == 12 && tower.height == 48)
        let podium = try #require(result.document.buildings.first { $0.id == "podium" })
        #expect(podium.base == nil && podium.floors == 4 && podium.floorHeight == 3)
        // Every feature is accounted for: in the scene, or replaced by its parts.
        #expect(result.report.buildings.count + result.report.replacedByParts.count == result.report.read)
    }
}
