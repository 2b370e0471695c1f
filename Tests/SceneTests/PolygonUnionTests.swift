import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hand-written polygon union against brute force: coverage of sample points and,
/// for lattice rectangles, the exact area by counting unit cells.
@Suite("Polygon union")
struct PolygonUnionTests {
    /// Rectangles on an integer lattice share edges, overlap along edges, meet at corners
    /// and form T-junctions — the degenerate cases. The union's area must equal the
    /// number of covered unit cells, and every cell centre must be covered exactly when
    /// some rectangle covers it (both fill rules).
    @Test func latticeRectanglesGiveTheExactCoveredArea() {
        var rng = BruteForce.SplitMix64(state: 77)
        for round in 0..<200 {
            var rects: [[Vec2]] = []
            var cells = Set<[Int]>()
            for _ in 0..<rng.int(1...9) {
                let x0 = rng.int(0...10), y0 = rng.int(0...10)
                let x1 = x0 + rng.int(1...5), y1 = y0 + rng.int(1...5)
                rects.append(rectangle(Double(x0), Double(y0), Double(x1), Double(y1)))
                for x in x0..<x1 { for y in y0..<y1 { cells.insert([x, y]) } }
            }
            let union = PolygonUnion.union(rects)
            #expect(abs(area(union) - Double(cells.count)) < 1e-9, "round \(round)")
            for x in -1...16 {
                for y in -1...16 {
                    let q = Vec2(Double(x) + 0.5, Double(y) + 0.5)
                    let covered = cells.contains([x, y])
                    #expect(winds(union, q) == covered, "round \(round) cell \(x), \(y)")
                    #expect((union.filter { Polygon.contains($0, q) }.count % 2 == 1) == covered)
                }
            }
        }
    }

    /// Random convex polygons and star-shaped (concave) ones, some sharing a vertex or an
    /// edge with another: a sample point is in the union exactly when it is in an input
    /// (points within 1e-6 of an edge skipped); outlines are counter-clockwise, holes clockwise.
    @Test func randomConcavePolygonsAgreeWithPointSampling() {
        var rng = BruteForce.SplitMix64(state: 78)
        var checked = 0
        for round in 0..<120 {
            var polygons: [[Vec2]] = []
            for _ in 0..<rng.int(2...7) {
                let c = Vec2(rng.uniform(-20, 20), rng.uniform(-20, 20))
                let n = rng.int(3...24)
                let star = rng.chance(0.6)
                var angles = (0..<n).map { _ in rng.uniform(0, 2 * Double.pi) }.sorted()
                if !star { angles = (0..<n).map { 2 * Double.pi * Double($0) / Double(n) } }
                let radius = rng.uniform(3, 15)
                let poly = angles.map { a -> Vec2 in
                    let r = star ? radius * rng.uniform(0.3, 1) : radius
                    return c + Vec2(cos(a), sin(a)) * r
                }
                polygons.append(poly)
                if rng.chance(0.3) {  // a neighbour sharing the edge 0→1 (mirrored across it)
                    let a = poly[0], b = poly[1]
                    let e = b - a
                    let m = poly.map { p -> Vec2 in
                        let t = (p - a).dot(e) / e.dot(e)
                        let foot = a + e * t
                        return foot * 2 - p
                    }
                    polygons.append(Array(m.reversed()))
                }
            }
            polygons = polygons.map { Polygon.signedDoubleArea($0) < 0 ? Array($0.reversed()) : $0 }
            let union = PolygonUnion.union(polygons)
            for _ in 0..<400 {
                let q = Vec2(rng.uniform(-40, 40), rng.uniform(-40, 40))
                if near(polygons + union, q) { continue }
                let expected = polygons.contains { ShadowGeometry.winding([$0], q) > 0 }
                #expect(winds(union, q) == expected, "round \(round) point \(q)")
                checked += 1
            }
        }
        #expect(checked > 40_000)
    }

    /// Hand-checked degenerate inputs: shared whole edges, partly overlapping collinear
    /// edges, duplicates, a polygon nested inside another along a shared edge, clockwise
    /// holes sharing the outline's edges, zero-area rings and slivers thinner than any
    /// fixed probe distance.
    @Test func degenerateCasesGiveTheHandDerivedOutline() {
        let l = [Vec2(-60, 55), Vec2(-20, 55), Vec2(-20, 67), Vec2(-45, 67), Vec2(-45, 85), Vec2(-60, 85)]
        func check(
            _ input: [[Vec2]], area expected: Double, rings: [Int], _ label: String,
            inside: [Vec2] = [], outside: [Vec2] = []
        ) {
            let u = PolygonUnion.union(input)
            #expect(abs(area(u) - expected) < 1e-5, "\(label): area \(area(u))")
            #expect(u.map(\.count).sorted() == rings, "\(label): \(u)")
            for q in inside { #expect(winds(u, q), "\(label): \(q) inside") }
            for q in outside { #expect(!winds(u, q), "\(label): \(q) outside") }
        }
        check([rectangle(0, 0, 10, 10), rectangle(10, 0, 20, 10)], area: 200, rings: [4], "shared whole edge")
        check(
            [rectangle(0, 0, 10, 10), rectangle(5, 10, 15, 20)], area: 200, rings: [8], "partly shared edge",
            inside: [Vec2(7, 10), Vec2(12, 15)], outside: [Vec2(2, 12), Vec2(12, 8)])
        check(
            [rectangle(0, 0, 10, 4), rectangle(2, 0, 6, 4), rectangle(4, 0, 14, 4)], area: 56, rings: [4],
            "collinear overlaps on both long edges")
        check([l, l, l], area: 750, rings: [6], "three identical copies")
        check(
            [rectangle(0, 0, 10, 10), rectangle(0, 0, 5, 5), rectangle(2, 0, 8, 10)], area: 100, rings: [4],
            "nested along shared edges")
        check(
            [rectangle(0, 0, 10, 10), Array(rectangle(0, 0, 5, 5).reversed())], area: 75, rings: [6],
            "clockwise hole on the outline's corner", inside: [Vec2(7, 2)], outside: [Vec2(2, 2)])
        check(
            [rectangle(0, 0, 10, 10), Array(rectangle(2, 2, 5, 5).reversed())], area: 91, rings: [4, 4],
            "clockwise hole inside", inside: [Vec2(7, 7)], outside: [Vec2(3, 3)])
        check(
            [[Vec2(0, 0), Vec2(10, 0), Vec2(5, 0)], rectangle(0, 0, 10, 10)], area: 100, rings: [4],
            "zero-area ring on an edge")
        check([[Vec2(0, 0), Vec2(10, 0), Vec2(5, 0)]], area: 0, rings: [], "zero-area ring alone")
        check(
            [[Vec2(0, 10), Vec2(10, 10), Vec2(10, 10 + 1e-12)], rectangle(0, 0, 10, 10)], area: 100, rings: [4],
            "sliver below the snapping tolerance")
        // The sun ~1e-7° off due south: the far copy of the L lies 3.7e-8 m east, and the
        // swept west wall is a triangle that thin — far thinner than a 1e-5 probe.
        let w = Vec2(3.7e-8, 30)
        let far = l.map { $0 + w }
        let band = [l[5], l[0], l[1], far[1], far[0], far[5]]
        check(
            [l, far, band], area: 40 * 42 + 15 * 18, rings: [8], "hair-off-south sweep of the L",
            inside: [Vec2(-59.99, 100), Vec2(-21, 90)], outside: [Vec2(-30, 100), Vec2(-60.01, 70)])
        check([band, far, l, band], area: 40 * 42 + 15 * 18, rings: [8], "same pieces repeated, other order")
    }

    /// Lattice rectangles turned 45° (corners (x − y, x + y), so twice the area) and lattice
    /// rectangles nudged by amounts either side of the snapping tolerance: membership at
    /// cell centres and the area must match the covered cells.
    @Test func diagonalAndNudgedLatticeRectangles() {
        var rng = BruteForce.SplitMix64(state: 79)
        for round in 0..<150 {
            let turned = round % 3 == 0
            let nudge = [0, 1e-12, 3e-9, 2e-8, 1e-7][round % 5]
            var rects: [[Vec2]] = []
            var cells = Set<[Int]>()
            for _ in 0..<rng.int(1...9) {
                let x0 = rng.int(0...10), y0 = rng.int(0...10)
                let x1 = x0 + rng.int(1...5), y1 = y0 + rng.int(1...5)
                var r = rectangle(Double(x0), Double(y0), Double(x1), Double(y1))
                if turned { r = r.map { Vec2($0.x - $0.y, $0.x + $0.y) } }
                if !turned && rng.chance(0.5) { r = r.map { $0 + Vec2(nudge, rng.chance(0.5) ? nudge : 0) } }
                rects.append(r)
                for x in x0..<x1 { for y in y0..<y1 { cells.insert([x, y]) } }
            }
            let union = PolygonUnion.union(rects)
            let scale = turned ? 2.0 : 1.0
            #expect(abs(area(union) - scale * Double(cells.count)) < 1e-4, "round \(round)")
            for x in -1...16 {
                for y in -1...16 {
                    let c = Vec2(Double(x) + 0.5, Double(y) + 0.5)
                    let q = turned ? Vec2(c.x - c.y, c.x + c.y) : c
                    #expect(winds(union, q) == cells.contains([x, y]), "round \(round) cell \(x), \(y)")
                }
            }
            #expect(union.allSatisfy { $0.count >= 4 }, "round \(round): \(union)")
        }
    }

    func near(_ rings: [[Vec2]], _ q: Vec2) -> Bool {
        for r in rings {
            for i in r.indices {
                let a = r[i]
                let e = r[(i + 1) % r.count] - a
                let t = max(0, min(1, (q - a).dot(e) / e.dot(e)))
                if (a + e * t - q).length < 1e-6 { return true }
            }
        }
        return false
    }
}
