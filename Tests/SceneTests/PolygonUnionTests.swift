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
