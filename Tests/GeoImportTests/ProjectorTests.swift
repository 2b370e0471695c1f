import GeoImport
import Testing

/// The PROJ wrapper's errors and its use from many tasks at once.
@Suite struct ProjectorTests {
    @Test func unknownCRSIsNamed() {
        #expect(throws: ProjectionError.self) { try Projector(from: "EPSG:999999", to: "EPSG:4326") }
        do {
            _ = try Projector(from: "EPSG:4326", to: "EPSG:not-a-code")
        } catch {
            guard case .unknownCRS(let crs, _) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(crs == "EPSG:not-a-code")
        }
    }

    @Test func aPointOffTheProjectionFails() throws {
        // No latitude beyond the pole.
        let projector = try Projector(from: "EPSG:4326", to: "EPSG:3857")
        do {
            _ = try projector.transform([Coordinate(116, 39), Coordinate(116, 95)])
            Issue.record("the pole transformed")
        } catch {
            guard case .pointFailed(let index, _, let crs, _) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(index == 1 && crs == "EPSG:4326")
        }
    }

    @Test func axisOrderIsLongitudeFirstEvenForLatitudeFirstCRSs() throws {
        // EPSG:4490 (CGCS2000) is latitude-first by its authority; normalised, lon comes first.
        let projector = try Projector(from: "EPSG:4490", to: "EPSG:4326")
        let p = try projector.transform(Coordinate(116.4074, 39.9042))
        #expect(abs(p.x - 116.4074) < 1e-6 && abs(p.y - 39.9042) < 1e-6)
    }

    @Test func oneProjectorServesManyTasks() async throws {
        let projector = try LocalFrame(latitude: 31.2304, longitude: 121.4737).projectorFromWGS84()
        let points = (0..<200).map { Coordinate(121.4737 + Double($0) * 1e-4, 31.2304 - Double($0) * 7e-5) }
        let serial = try projector.transform(points)
        let parallel = try await withThrowingTaskGroup(of: (Int, Coordinate).self) { group in
            for (i, p) in points.enumerated() { group.addTask { (i, try projector.transform(p)) } }
            var out = [Coordinate](repeating: Coordinate(0, 0), count: points.count)
            for try await (i, c) in group { out[i] = c }
            return out
        }
        #expect(parallel == serial)
    }
}
