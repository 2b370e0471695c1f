import SolarCore
import Testing

@testable import Scene

/// Equal-time lines: the N-hour line encloses exactly the grid points with ≥ N hours.
@Suite("Equal-time contours")
struct ContourTests {
    func grid(_ columns: Int, _ rows: Int, _ hours: [Double], inside: [Bool]? = nil) -> SunHoursGrid {
        try! SunHoursGrid(
            origin: Vec2(100, -40), spacing: 2, columns: columns, rows: rows, seconds: hours.map { $0 * 3600 },
            insideBuilding: inside ?? Array(repeating: false, count: hours.count), planeHeight: 0,
            bandStart: 0, bandEnd: 8 * 3600)
    }

    /// Checks the rule at every grid point, by both fill rules, and that no ring crosses another.
    func expectExactEnclosure(
        _ g: SunHoursGrid, _ rings: [[Vec2]], _ isIn: (Int) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for j in 0..<g.rows {
            for i in 0..<g.columns {
                let q = g.point(column: i, row: j)
                let w = ShadowGeometry.winding(rings, q)
                let evenOdd = rings.filter { Polygon.contains($0, q) }.count % 2 == 1
                let k = j * g.columns + i
                #expect((w > 0) == isIn(k), "point (\(i), \(j))", sourceLocation: sourceLocation)
                #expect(w == 0 || w == 1, "winding \(w) at (\(i), \(j))", sourceLocation: sourceLocation)
                #expect(evenOdd == isIn(k), "even–odd at (\(i), \(j))", sourceLocation: sourceLocation)
            }
        }
        for (a, r) in rings.enumerated() {
            for (b, s) in rings.enumerated() where b > a {
                for i in r.indices {
                    for j in s.indices {
                        #expect(
                            !Polygon.segmentsIntersect(r[i], r[(i + 1) % r.count], s[j], s[(j + 1) % s.count]),
                            "rings \(a) and \(b) cross", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    /// A 3 × 3 block of 3 h in a 5 × 5 field of 0 h: the 2 h line crosses each edge out
    /// of the block a third of the way ((3 − 2) / (3 − 0)); its extremes are 1/3 spacing
    /// beyond the block's outer points, and it is one counter-clockwise ring.
    @Test func blockContourInterpolatesBetweenPoints() {
        var hours = [Double](repeating: 0, count: 25)
        for j in 1...3 { for i in 1...3 { hours[j * 5 + i] = 3 } }
        let g = grid(5, 5, hours)
        let rings = g.contours(hours: 2)
        #expect(rings.count == 1)
        let r = rings[0]
        #expect(Polygon.signedDoubleArea(r) > 0)
        #expect(abs(r.map(\.x).min()! - (100 + 2 * (1 - 1.0 / 3))) < 1e-9)
        #expect(abs(r.map(\.x).max()! - (100 + 2 * (3 + 1.0 / 3))) < 1e-9)
        #expect(abs(r.map(\.y).min()! - (-40 + 2 * (1 - 1.0 / 3))) < 1e-9)
        expectExactEnclosure(g, rings) { hours[$0] >= 2 }
        // The 3 h line passes at the clamp (5 % of the edge) next to the block's points.
        let tight = g.contours(hours: 3)
        #expect(abs(tight[0].map(\.x).max()! - (100 + 2 * 3.05)) < 1e-9)
        #expect(g.contours(hours: 4).isEmpty)
    }

    /// All points in: the line runs 1 % of the spacing (0.02 m) outside the grid's outer
    /// points, cutting each corner by a right triangle of legs 0.02 m.
    @Test func wholeGridIsClosedAlongItsEdge() {
        let g = grid(4, 3, Array(repeating: 5, count: 12))
        let rings = g.contours(hours: 1)
        #expect(rings.count == 1)
        #expect(abs(Polygon.signedDoubleArea(rings[0]) / 2 - ((6 + 0.04) * (4 + 0.04) - 4 * 0.0002)) < 1e-9)
    }

    /// A ring of 4 h around a 0 h centre gives an outline and a clockwise hole; a building
    /// point (flagged) is never in, whatever its value.
    @Test func holesAndBuildingPoints() {
        var hours = [Double](repeating: 0, count: 49)
        for j in 1...5 { for i in 1...5 where !(i == 3 && j == 3) { hours[j * 7 + i] = 4 } }
        var inside = [Bool](repeating: false, count: 49)
        inside[1 * 7 + 1] = true
        let g = grid(7, 7, hours, inside: inside)
        let rings = g.contours(hours: 2)
        #expect(rings.count == 2)
        #expect(rings.filter { Polygon.signedDoubleArea($0) < 0 }.count == 1)
        expectExactEnclosure(g, rings) { hours[$0] >= 2 && !inside[$0] }
    }

    /// Random fields (many saddles, islands, holes, edge contacts) at several thresholds.
    @Test func randomFieldsAreEnclosedExactly() {
        var rng = BruteForce.SplitMix64(state: 42)
        for round in 0..<30 {
            let columns = rng.int(1...14)
            let rows = rng.int(1...14)
            let hours = (0..<(columns * rows)).map { _ in rng.chance(0.2) ? 8 : (rng.uniform(0, 8) * 4).rounded() / 4 }
            let inside = hours.map { _ in rng.chance(0.08) }
            let g = grid(columns, rows, hours, inside: inside)
            for n in [0.0, 1, 2, 3.5, 6, 8] {
                expectExactEnclosure(g, g.contours(hours: n)) { hours[$0] >= n && !inside[$0] }
                let shadow = g.shadowSeconds
                expectExactEnclosure(g, g.shadowContours(hours: n)) { shadow[$0] >= n * 3600 - 1e-6 && !inside[$0] }
            }
            _ = round
        }
    }

    @Test func handBuiltGridsAreChecked() {
        func path(_ body: () throws -> SunHoursGrid) -> String? {
            do { _ = try body() } catch { return (error as? SceneIssue)?.path }
            return nil
        }
        #expect(
            path {
                try SunHoursGrid(
                    origin: Vec2(0, 0), spacing: 1, columns: 2, rows: 2, seconds: [0, 1, 2],
                    insideBuilding: [false, false, false], planeHeight: 0, bandStart: 0, bandEnd: 1)
            }
                == "seconds")
        #expect(
            path {
                try SunHoursGrid(
                    origin: Vec2(0, 0), spacing: 1, columns: 1, rows: 2, seconds: [0, -1],
                    insideBuilding: [false, false], planeHeight: 0, bandStart: 0, bandEnd: 1)
            }
                == "seconds[1]")
        #expect(
            path {
                try SunHoursGrid(
                    origin: Vec2(0, 0), spacing: 0, columns: 1, rows: 1, seconds: [0],
                    insideBuilding: [false], planeHeight: 0, bandStart: 0, bandEnd: 1)
            }
                == "grid.spacing")
        #expect(
            path {
                try SunHoursGrid(
                    origin: Vec2(0, 0), spacing: 1, columns: 1, rows: 1, seconds: [0],
                    insideBuilding: [false], planeHeight: 0, bandStart: 2, bandEnd: 1)
            }
                == "band")
    }

    /// On a computed map: the 1…8 h lines of a real scene enclose exactly its points with ≥ N h.
    @Test func contoursOfAComputedMap() async throws {
        let random = BruteForce.RandomScene(seed: 5)
        let scene = try randomGroundScene(random)
        let grid = GroundGrid(from: Vec2(-80, -80), to: Vec2(80, 80), spacing: 5)
        let g = try await groundSunHours(
            of: scene, on: random.date, zone: FixedOffsetZone(hours: 8),
            profile: .gb50180(), band: RuleProfile.Band(hours: 8, 16), grid: grid,
            planeHeight: 0)
        var distinct = Set<Int>()
        for n in 1...8 {
            let rings = g.contours(hours: Double(n))
            expectExactEnclosure(g, rings) { g.seconds[$0] >= Double(n) * 3600 - 1e-6 && !g.insideBuilding[$0] }
            distinct.insert(rings.count)
        }
        #expect(distinct.count > 1)
    }
}
