import Foundation
import GeoImport
import Scene
import SunSpotIO
import Testing

/// data/sample-buildings.geojson imported, against pyproj.Geod's geodesic areas,
/// edge lengths and azimuths of the same lon/lat rings (Fixtures/sample_geodesy.csv),
/// and against the same file converted to EPSG:4547 by pyproj.
@Suite struct SampleImportTests {
    static func importSample(
        _ url: URL = dataURL("sample-buildings.geojson"), crs: String? = nil
    ) throws -> ImportResult {
        try GeoImporter.importScene(
            geoJSON: Data(contentsOf: url),
            options: ImportOptions(sourceCRS: crs, timeZone: "Asia/Shanghai"))
    }

    /// (feature, part) of each building, from the importer's feature map; a courtyard
    /// block's later pieces share their first piece's part.
    static func parts(_ result: ImportResult) -> [(feature: Int, part: Int)] {
        var seen: [Int: Int] = [:]
        return zip(result.featureOfBuilding, result.report.buildings).map { f, record in
            if let piece = record.piece, piece > 1 { return (f, seen[f, default: 1] - 1) }
            defer { seen[f, default: 0] += 1 }
            return (f, seen[f, default: 0])
        }
    }

    @Test func everyOuterRingBecomesOneValidBuilding() throws {
        let result = try Self.importSample()
        // 9 features, one of them a two-part MultiPolygon.
        // The kindergarten's courtyard is kept: its block is two pieces.
        #expect(result.document.buildings.count == 11)
        #expect(
            result.document.buildings.map(\.id) == [
                "1", "2", "3", "4", "5", "way-118800231~1", "way-118800231~2", "G-1", "G-2", "B", "T1",
            ])
        #expect(result.document.buildings[5].name == "幼儿园" && result.document.buildings[6].name == "幼儿园")
        _ = try result.document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        #expect(
            result.warnings == ["features[5]: 1 courtyard(s) kept: the block is cut corner to corner into 2 pieces"])
    }

    @Test func areasEdgesAndAzimuthsMatchGeodesics() throws {
        let result = try Self.importSample()
        let geodesy = try Fixture("sample_geodesy.csv").records
        func values(_ f: Int, _ p: Int, _ kind: String) -> [Double] {
            geodesy.filter { $0.int("feature") == f && $0.int("part") == p && $0["kind"] == kind }
                .sorted { $0.int("index") < $1.int("index") }.map { $0.double("value") }
        }
        var worstArea = 0.0, worstEdge = 0.0, worstSideways = 0.0
        for (building, (f, p)) in zip(result.document.buildings, Self.parts(result)) where !building.id.contains("~") {
            let footprint = try #require(building.footprint)
            let signed = try #require(values(f, p, "area").first)
            let lengths = values(f, p, "edge")
            let azimuths = values(f, p, "azimuth")
            let n = footprint.count
            #expect(n == lengths.count, "building \(building.id): \(n) vertices, file ring has \(lengths.count)")
            guard n == lengths.count else { continue }
            // Counter-clockwise in the scene; the same area as the geodesic polygon.
            let area = signedArea(footprint)
            #expect(area > 0)
            worstArea = max(worstArea, abs(area - abs(signed)) / abs(signed))
            #expect(
                abs(area - abs(signed)) / abs(signed) < 0.001,
                "building \(building.id): area \(area), geodesic \(signed)")
            for k in 0..<n {
                // A clockwise file ring (negative geodesic area) comes out reversed:
                // scene edge k is file edge n-2-k run backwards.
                let reversed = signed < 0
                let source = reversed ? (2 * n - 2 - k) % n : k
                let a = footprint[k], b = footprint[(k + 1) % n]
                let dx = b[0] - a[0], dy = b[1] - a[1]
                let length = hypot(dx, dy)
                worstEdge = max(worstEdge, abs(length - lengths[source]) / lengths[source])
                #expect(
                    abs(length - lengths[source]) / lengths[source] < 0.001,
                    "building \(building.id) edge \(k): \(length) m, geodesic \(lengths[source]) m")
                // Direction: x east, y north. Sideways miss of the edge's end point
                // if it were run along the geodesic azimuth (± 180° when reversed).
                let azimuth = (azimuths[source] + (reversed ? 180 : 0)) * .pi / 180
                let sideways = abs(dx * cos(azimuth) - dy * sin(azimuth))
                worstSideways = max(worstSideways, sideways)
                #expect(sideways < 0.003, "building \(building.id) edge \(k): \(sideways) m off the geodesic azimuth")
            }
        }
        print(
            "sample vs pyproj.Geod: max area deviation \(worstArea * 100)%, max edge deviation \(worstEdge * 100)%, max sideways \(worstSideways * 1000) mm"
        )
    }

    @Test func theOriginIsTheFootprintsCentroid() throws {
        // The origin is the centroid of the outer rings (a courtyard counts as built), so
        // compare on the sample with the kindergarten's courtyard taken out of the file.
        var file = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dataURL("sample-buildings.geojson")))
                as? [String: Any])
        var features = try #require(file["features"] as? [[String: Any]])
        var geometry = try #require(features[5]["geometry"] as? [String: Any])
        geometry["coordinates"] = [try #require((geometry["coordinates"] as? [Any])?.first)]
        features[5]["geometry"] = geometry
        file["features"] = features
        let result = try GeoImporter.importScene(
            geoJSON: JSONSerialization.data(withJSONObject: file), options: ImportOptions(timeZone: "Asia/Shanghai"))
        #expect(result.document.buildings.count == 10)
        #expect(result.document.site.latitude == (try Self.importSample()).document.site.latitude)
        var a = 0.0, cx = 0.0, cy = 0.0
        for building in result.document.buildings {
            let f = try #require(building.footprint)
            for i in f.indices {
                let p = f[i], q = f[(i + 1) % f.count]
                let cross = p[0] * q[1] - q[0] * p[1]
                a += cross / 2
                cx += (p[0] + q[0]) * cross / 6
                cy += (p[1] + q[1]) * cross / 6
            }
        }
        #expect(hypot(cx / a, cy / a) < 0.05, "centroid at (\(cx / a), \(cy / a))")
        #expect(result.document.site.latitude == result.frame.latitude)
        #expect(result.document.site.longitude == result.frame.longitude)
    }

    @Test func heightsFollowTheOSMTags() throws {
        // Hand-derived from each feature's properties (see Scripts/make_sample_geojson.py).
        let b = try Self.importSample().document.buildings
        let byID = Dictionary(uniqueKeysWithValues: b.map { ($0.id, $0) })
        // height 54.6 over levels "18": 3.0333… m storeys, rounded down to the millimetre.
        #expect(byID["1"]?.height == 54.6 && byID["1"]?.floors == 18 && byID["1"]?.floorHeight == 3.033)
        // levels only: 11 × the default 3 m.
        #expect(byID["2"]?.height == nil && byID["2"]?.floors == 11 && byID["2"]?.floorHeight == 3)
        // height given as text "33.5 m".
        #expect(byID["3"]?.height == 33.5 && byID["3"]?.floorHeight == 3.045)
        // height only: no storeys.
        #expect(byID["4"]?.height == 45 && byID["4"]?.floors == nil)
        // min_height 15, height 19: a 4 m volume from 15 m up.
        #expect(byID["B"]?.base == 15 && byID["B"]?.height == 4)
        #expect(byID["T1"]?.height == 98 && byID["T1"]?.floors == 24 && byID["T1"]?.floorHeight == 4.083)
    }

    @Test func theCGCS2000CopyGivesTheSameScene() throws {
        // pyproj converted every vertex to EPSG:4547 (rounded to the millimetre); read
        // back through PROJ it must land within a centimetre of the WGS84 import.
        let wgs = try Self.importSample()
        let gk = try Self.importSample(fixtureURL("sample-buildings-epsg4547.geojson"), crs: "EPSG:4547")
        #expect(gk.sourceCRS == "EPSG:4547")
        #expect(
            abs(gk.frame.latitude - wgs.frame.latitude) < 2e-7 && abs(gk.frame.longitude - wgs.frame.longitude) < 2e-7)
        // The two origins may round to different 1e-7° steps; shift by their difference.
        let scale = metresPerDegree(latitude: wgs.frame.latitude)
        let shift = (
            (gk.frame.longitude - wgs.frame.longitude) * scale.lon, (gk.frame.latitude - wgs.frame.latitude) * scale.lat
        )
        var worst = 0.0
        for (a, b) in zip(wgs.document.buildings, gk.document.buildings) {
            #expect(a.id == b.id && a.height == b.height && a.floors == b.floors)
            let f = a.footprint ?? [], g = b.footprint ?? []
            #expect(f.count == g.count, "building \(a.id)")
            // A courtyard piece's ring may start at another corner (GEOS's polygonizer
            // order): take the best cyclic shift.
            let shifts = a.id.contains("~") ? Array(g.indices) : [0]
            worst = max(
                worst,
                shifts.map { k in
                    zip(f, g.indices.map { g[($0 + k) % g.count] }).map { p, q in
                        hypot(p[0] - (q[0] + shift.0), p[1] - (q[1] + shift.1))
                    }.max() ?? 0
                }.min() ?? 0)
        }
        #expect(worst < 0.01)
        print("EPSG:4547 copy vs WGS84 import: max vertex deviation \(worst * 1000) mm")
    }
}
