import Foundation
import GeoImport
import Testing

/// Site-plan CRSs to WGS84 against pyproj: CGCS2000 3-degree Gauss–Krüger zones
/// (EPSG:4547/4548/4549), CGCS2000 geographic (EPSG:4490, latitude-first by its
/// authority), UTM 50N and Web Mercator.
@Suite struct SourceCRSReferenceTests {
    @Test func pointsMatchPyprojToAMillimetre() throws {
        let rows = try Fixture("source_crs.csv").records
        #expect(rows.count >= 40)
        var worst = 0.0
        for (crs, group) in Dictionary(grouping: rows, by: { $0["crs"]! }) {
            let projector = try Projector(from: crs, to: "EPSG:4326")
            let out = try projector.transform(group.map { Coordinate($0.double("x"), $0.double("y")) })
            for (row, p) in zip(group, out) {
                let scale = metresPerDegree(latitude: row.double("lat"))
                let miss = hypot((p.x - row.double("lon")) * scale.lon, (p.y - row.double("lat")) * scale.lat)
                worst = max(worst, miss)
                #expect(
                    miss < 0.001,
                    "\(crs) (\(row["x"]!), \(row["y"]!)) → (\(p.x), \(p.y)), pyproj (\(row["lon"]!), \(row["lat"]!))")
            }
        }
        print("source CRSs vs pyproj: max deviation \(worst * 1000) mm over \(rows.count) points")
    }

    @Test func beijingInCGCS2000ZoneMatchesCs2cs() throws {
        // ../shared/reference/swift-stack.md: cs2cs -f %.3f gives E=705875.016 N=4421667.493.
        let projector = try Projector(from: "EPSG:4326", to: "EPSG:4547")
        let p = try projector.transform(Coordinate(116.4074, 39.9042))
        #expect(abs(p.x - 705_875.016) < 0.001 && abs(p.y - 4_421_667.493) < 0.001)
    }
}
