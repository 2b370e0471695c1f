import Foundation
import GeoImport
import Testing

/// What the importer accepts and how it says no: every bad file gets one message
/// naming the JSON path of the problem.
@Suite struct GeoJSONReadingTests {
    /// The error of a `--strict` import (the first problem stops it), or nil.
    func failure(_ json: String, crs: String? = nil) -> ImportError? {
        do {
            _ = try importText(json, crs: crs, strict: true)
            return nil
        } catch { return error }
    }

    @Test func notJSONOrNotGeoJSON() {
        #expect(failure("buildings, height\n1, 20")?.message.hasPrefix("is not GeoJSON: not valid JSON") == true)
        #expect(failure("[1, 2]")?.message == "is not GeoJSON: the top level must be an object")
        #expect(failure(#"{"version": 1, "buildings": []}"#)?.message.hasPrefix("is not GeoJSON") == true)
        #expect(failure(#"{"type": "Polygon", "coordinates": []}"#)?.location == "type")
        #expect(failure(#"{"type": "FeatureCollection", "features": []}"#)?.location == "features")
    }

    @Test func geometriesOtherThanPolygonsAreRejected() {
        let point =
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"height": 3}, "geometry": {"type": "Point", "coordinates": [116.4, 39.9]}}]}"#
        #expect(
            failure(point)
                == ImportError(
                    "features[0].geometry.type",
                    "'Point' is not a Polygon or MultiPolygon (keep only building footprints in the file)"))
        let none =
            #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"height": 3}, "geometry": null}]}"#
        #expect(failure(none)?.location == "features[0].geometry")
    }

    @Test func badPositionsNameTheirPath() {
        let json = oneBuilding(
            properties: #"{"height": 9}"#,
            ring: #"[[116.40, 39.90], [116.4002, "39.90"], [116.4002, 39.9001], [116.40, 39.90]]"#)
        #expect(failure(json)?.location == "features[0].geometry.coordinates[0][1]")
    }

    @Test func missingHeightNamesTheFeature() throws {
        #expect(failure(oneBuilding(properties: #"{"name": "A"}"#))?.location == "features[0].properties")
        // Without --strict: 3 storeys assumed, recorded and warned about.
        let result = try importText(oneBuilding(properties: #"{"name": "A"}"#))
        #expect(result.document.buildings[0].floors == 3)
        #expect(result.report.buildings[0].heightSource == .assumed)
        #expect(result.warnings.first?.hasPrefix("features[0].properties: no usable 'height'") == true)
    }

    @Test func selfIntersectingRingNamesTheFeature() throws {
        let bowTie = "[[116.40, 39.90], [116.4002, 39.90], [116.40, 39.9001], [116.4002, 39.9001], [116.40, 39.90]]"
        let e = failure(oneBuilding(properties: #"{"height": 9}"#, ring: bowTie))
        #expect(e?.location == "features[0].geometry.coordinates[0]")
        #expect(e?.message.hasPrefix("is self-intersecting: edge 1–2 crosses edge 3–0") == true)
        // Without --strict: repaired with GEOS MakeValid into its two triangles, which
        // together are half the rectangle the same four corners make.
        let rectangle = "[[116.40, 39.90], [116.4002, 39.90], [116.4002, 39.9001], [116.40, 39.9001], [116.40, 39.90]]"
        let two = """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "Polygon", "coordinates": [\(bowTie)]}},
             {"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "Polygon", "coordinates": [\(rectangle)]}}]}
            """
        let result = try importText(two)
        #expect(result.document.buildings.map(\.id) == ["1~1", "1~2", "2"])
        #expect(result.report.skipped.isEmpty)
        #expect(result.report.buildings.map(\.repaired) == [true, true, nil])
        #expect(result.report.summary.contains("repaired 1"))
        #expect(result.warnings.first?.hasPrefix("features[0].geometry.coordinates[0]: is self-intersecting") == true)
        let areas = try result.document.buildings.map { signedArea(try #require($0.footprint)) }
        #expect(
            result.document.buildings[0].footprint?.count == 3 && result.document.buildings[1].footprint?.count == 3)
        #expect(abs(areas[0] + areas[1] - areas[2] / 2) < 0.01, "\(areas)")
    }

    @Test func unknownCRSAndWrongCRSAreNamed() {
        let json = oneBuilding(properties: #"{"height": 9}"#)
        let unknown = failure(json, crs: "EPSG:999999")
        #expect(unknown?.location == "--crs")
        #expect(unknown?.message.hasPrefix("'EPSG:999999' is not a CRS that PROJ knows") == true)
        #expect(
            failure(json, crs: "+proj=merc")?.message
                == "'+proj=merc' is a PROJ operation, not a coordinate reference system")
        // Gauss–Krüger metres read as degrees: not a place on Earth.
        let metres = oneBuilding(
            properties: #"{"height": 9}"#,
            ring: "[[705875, 4421667], [705895, 4421667], [705895, 4421680], [705875, 4421680]]")
        let wrong = failure(metres)
        #expect(wrong?.location == "features[0].geometry.coordinates[0][0]")
        #expect(wrong?.message.hasSuffix("is --crs right?") == true)
        // Degrees read as Gauss–Krüger metres: a 2 cm building.
        let degrees = failure(json, crs: "EPSG:4547")
        #expect(degrees?.location == "features[0].geometry.coordinates[0]")
        #expect(degrees?.message.hasSuffix("on the ground; is --crs right?") == true)
    }

    @Test func theFilesCrsMemberIsUsedWhenNoCrsIsGiven() throws {
        let json = """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}},
             "features": [{"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "Polygon",
               "coordinates": [[[705875, 4421667], [705895, 4421667], [705895, 4421680], [705875, 4421680], [705875, 4421667]]]}}]}
            """
        let result = try importText(json)
        #expect(result.sourceCRS == "urn:ogc:def:crs:EPSG::4547")
        // 20 m × 13 m in Gauss–Krüger metres (scale factor 1 + ~3e-4 this far from 114°E).
        #expect(abs(signedArea(result.document.buildings[0].footprint!) - 260) < 0.5)
        // Beijing: 116.4074 E, 39.9042 N is the south-west corner (swift-stack.md's cs2cs figures).
        #expect(abs(result.frame.latitude - 39.90426) < 1e-4 && abs(result.frame.longitude - 116.40751) < 1e-4)
    }

    @Test func crsGivenOverTheFilesMemberIsUsedWithAWarning() throws {
        let json = """
            {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}},
             "features": [{"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "Polygon",
               "coordinates": [[[705875, 4421667], [705895, 4421667], [705895, 4421680], [705875, 4421680], [705875, 4421667]]]}}]}
            """
        let result = try importText(json, crs: "EPSG:4547")
        #expect(result.sourceCRS == "EPSG:4547")
        #expect(
            result.warnings == ["the file declares crs 'urn:ogc:def:crs:EPSG::4549'; reading it as --crs 'EPSG:4547'"])
        #expect(abs(result.frame.longitude - 116.4075) < 1e-3)
    }

    @Test func idsNamesAndMultiPolygonParts() throws {
        let square = { (dx: Double) in
            "[[\(116.40 + dx), 39.90], [\(116.4002 + dx), 39.90], [\(116.4002 + dx), 39.9001], [\(116.40 + dx), 39.9001]]"
        }
        let json = """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "properties": {"height": 9, "@id": "way/42", "name": "甲"}, "geometry": {"type": "Polygon", "coordinates": [\(square(0))]}},
             {"type": "Feature", "id": 7, "properties": {"height": 9}, "geometry": {"type": "Polygon", "coordinates": [\(square(0.001))]}},
             {"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "MultiPolygon", "coordinates": [[\(square(0.002))], [\(square(0.003))]]}}]}
            """
        let result = try importText(json)
        #expect(result.document.buildings.map(\.id) == ["way-42", "7", "3-1", "3-2"])
        #expect(result.document.buildings.map(\.name) == ["甲", nil, nil, nil])
        #expect(result.featureOfBuilding == [0, 1, 2, 2])
    }

    @Test func duplicateIdsAreRejected() {
        let json = """
            {"type": "FeatureCollection", "features": [
             {"type": "Feature", "properties": {"height": 9, "id": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[116.40, 39.90], [116.4002, 39.90], [116.4002, 39.9001]]]}},
             {"type": "Feature", "properties": {"height": 9, "id": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[116.41, 39.90], [116.4102, 39.90], [116.4102, 39.9001]]]}}]}
            """
        #expect(
            failure(json)
                == ImportError(
                    "features[1].properties.id", "building id 'A' is already taken by features[0]; ids must be unique"))
    }

    @Test func scenesRulesAreCheckedAtTheFeature() throws {
        // Three equal buildings, the third 250 km east of the others: the origin is their
        // centroid, ~83 km from the first two and ~167 km from the third, past the scene's
        // 100 km coordinate limit. The scene's own validation refuses the third, reported
        // at its feature (strict) or skipped and named (otherwise).
        let square = { (lon: Double) in
            #"{"type": "Feature", "properties": {"height": 9}, "geometry": {"type": "Polygon", "coordinates": [[[\#(lon), 39.90], [\#(lon + 0.0002), 39.90], [\#(lon + 0.0002), 39.9001], [\#(lon), 39.90]]]}}"#
        }
        let far =
            #"{"type": "FeatureCollection", "features": ["#
            + [116.40, 116.41, 119.33].map(square).joined(separator: ",") + "]}"
        let e = failure(far)
        #expect(e?.location == "features[2]")
        #expect(e?.message.hasPrefix("the imported building buildings[2]") == true, "\(String(describing: e))")
        let result = try importText(far)
        #expect(result.document.buildings.map(\.id) == ["1", "2"])
        #expect(result.report.skipped.map(\.reason) == ["validation"])
        #expect(result.report.skipped.map(\.source) == ["features[2]"])
    }
}
