import Foundation
import GeoImport
import Testing

/// The local frame against pyproj: the same lon/lat points (0–5 km from seven site
/// centres, equator to 70° N, both hemispheres) through the same PROJ string.
@Suite struct LocalFrameReferenceTests {
    @Test func projStringIsTheFixtureString() throws {
        for row in try Fixture("local_frame.csv").records {
            let frame = LocalFrame(latitude: row.double("lat0"), longitude: row.double("lon0"))
            #expect(frame.projString == row["proj"]!)
        }
    }

    @Test func pointsWithinFiveKilometresMatchPyprojToAMillimetre() throws {
        let rows = try Fixture("local_frame.csv").records
        #expect(rows.count > 250)
        var worst = 0.0
        for (proj, group) in Dictionary(grouping: rows, by: { $0["proj"]! }) {
            let frame = LocalFrame(latitude: group[0].double("lat0"), longitude: group[0].double("lon0"))
            #expect(frame.projString == proj)
            let projector = try frame.projectorFromWGS84()
            let out = try projector.transform(group.map { Coordinate($0.double("lon"), $0.double("lat")) })
            for (row, p) in zip(group, out) {
                let miss = hypot(p.x - row.double("x"), p.y - row.double("y"))
                worst = max(worst, miss)
                #expect(
                    miss < 0.001,
                    "\(proj): (\(row["lon"]!), \(row["lat"]!)) → (\(p.x), \(p.y)), pyproj (\(row["x"]!), \(row["y"]!))")
            }
        }
        print("local frame vs pyproj: max deviation \(worst * 1000) mm over \(rows.count) points")
    }

    @Test func theCentreIsTheOriginAndNorthIsPlusY() throws {
        // Hand-derived: aeqd keeps distances and azimuths from its centre, so a point
        // due north of the centre lies on +y and one due east on +x.
        let frame = LocalFrame(latitude: 39.9042, longitude: 116.4074)
        let projector = try frame.projectorFromWGS84()
        let origin = try projector.transform(Coordinate(116.4074, 39.9042))
        #expect(abs(origin.x) < 1e-9 && abs(origin.y) < 1e-9)
        let north = try projector.transform(Coordinate(116.4074, 39.9142))
        #expect(abs(north.x) < 1e-9 && north.y > 1100 && north.y < 1112)
        let east = try projector.transform(Coordinate(116.4174, 39.9042))
        #expect(east.x > 850 && east.x < 856 && abs(east.y) < 0.1)
    }
}
