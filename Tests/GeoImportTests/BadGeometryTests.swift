import Foundation
import GeoImport
import Testing

/// Geometry no scene can hold is skipped and named, never a crash and never the whole
/// file: a million-vertex ring, NaN and out-of-range coordinates.
@Suite struct BadGeometryTests {
    static func feature(_ index: Int, _ ring: [Coordinate]) -> GeoFeature {
        GeoFeature(
            index: index, path: "way/\(index + 1)", featureID: "way/\(index + 1)",
            properties: ["building": .string("yes"), "height": .string("12")],
            polygons: [GeoPolygon(outer: ring, path: "way/\(index + 1)")],
            propertiesPath: "way/\(index + 1) tags", propertyPrefix: "way/\(index + 1) tag ")
    }

    static let square = [
        Coordinate(24.94, 60.17), Coordinate(24.9402, 60.17), Coordinate(24.9402, 60.1701), Coordinate(24.94, 60.1701),
    ]

    @Test func aMillionVerticesNaNAndOffTheGlobeAreSkippedByName() throws {
        // A 200 m circle of a million vertices (each 1.3 mm apart, so they survive the
        // centimetre rule only partly; far more than the scene's 256 remain).
        let million = (0..<1_000_000).map { i -> Coordinate in
            let a = Double(i) / 1_000_000 * 2 * .pi
            return Coordinate(24.945 + 0.0036 * cos(a), 60.171 + 0.0018 * sin(a))
        }
        var nan = Self.square
        nan[2] = Coordinate(.nan, 60.1701)
        var offGlobe = Self.square
        offGlobe[1] = Coordinate(24.94, 95)
        let features = [
            Self.feature(0, Self.square), Self.feature(1, million), Self.feature(2, nan), Self.feature(3, offGlobe),
        ]
        let result = try GeoImporter.importScene(
            features: features, declaredCRS: nil, options: ImportOptions(timeZone: "Europe/Helsinki"))
        #expect(result.document.buildings.map(\.id) == ["way-1"])
        let skipped = Dictionary(uniqueKeysWithValues: result.report.skipped.map { ($0.source, $0) })
        #expect(skipped.keys.sorted() == ["way/2", "way/3", "way/4"])
        #expect(skipped["way/2"]?.message.contains("vertices; the limit is 256") == true, "\(skipped["way/2"]!)")
        #expect(skipped["way/3"]?.reason == "coordinates")
        #expect(skipped["way/4"]?.message.contains("is not a place on Earth") == true, "\(skipped["way/4"]!)")
        #expect(result.report.read == 4)
    }
}
