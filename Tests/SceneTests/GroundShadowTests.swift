import SolarCore
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unit vector toward a sun at azimuth (clockwise from north) and elevation, degrees.
func sunToward(azimuth: Double, elevation: Double) -> Vec3 {
    let a = azimuth * Double.pi / 180
    let e = elevation * Double.pi / 180
    return Vec3(sin(a) * cos(e), cos(a) * cos(e), sin(e))
}

/// A scene of plain prisms (footprints counter-clockwise), ids P0, P1, ….
func prismScene(_ prisms: [(footprint: [Vec2], base: Double, top: Double)]) throws -> Scene {
    try SceneDocument(
        site: Beijing.site,
        buildings: prisms.enumerated().map { i, p in
            BuildingSpec(
                id: "P\(i)", footprint: p.footprint.map { [$0.x, $0.y] }, height: p.top - p.base,
                base: p.base > 0 ? p.base : nil)
        }
    ).scene()
}

func rectangle(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [Vec2] {
    [Vec2(x0, y0), Vec2(x1, y0), Vec2(x1, y1), Vec2(x0, y1)]
}

func area(_ rings: [[Vec2]]) -> Double { rings.reduce(0) { $0 + Polygon.signedDoubleArea($1) / 2 } }

func winds(_ rings: [[Vec2]], _ q: Vec2) -> Bool { ShadowGeometry.winding(rings, q) > 0 }

/// Shadows on a horizontal plane against hand-derived geometry and against ray casting.
@Suite("Ground shadows")
struct GroundShadowTests {
    /// A 10 m × 10 m box, 20 m high, sun due south at 30°: the shadow runs north
    /// 20 / tan 30° = 34.641 m past the box, as wide as the box.
    @Test func boxShadowRunsHeightOverTanElevationAwayFromTheSun() throws {
        let scene = try prismScene([(rectangle(-5, -5, 5, 5), 0, 20)])
        let shadows = groundShadows(of: scene, towardSun: sunToward(azimuth: 180, elevation: 30))
        #expect(shadows.count == 1)
        #expect(shadows[0].buildingID == "P0")
        let ring = try #require(shadows[0].rings.first)
        #expect(shadows[0].rings.count == 1)
        let length = 20 / tan(30 * Double.pi / 180)
        #expect(abs(ring.map(\.y).max()! - (5 + length)) < 1e-9)
        #expect(abs(ring.map(\.y).min()! - -5) < 1e-9)
        #expect(abs(ring.map(\.x).max()! - 5) < 1e-9 && abs(ring.map(\.x).min()! - -5) < 1e-9)
        #expect(abs(area(shadows[0].rings) - 10 * (10 + length)) < 1e-6)
    }

    /// Sun in the south-east: the square sweeps north-west; area = 100 + L · 10√2 (the
    /// square's width across the diagonal), and the far corner lies at (−5, 5) + L·(−1, 1)/√2.
    @Test func diagonalSunSweepsTheSquaresDiagonalWidth() throws {
        let scene = try prismScene([(rectangle(-5, -5, 5, 5), 0, 12)])
        let el = 40.0
        let shadows = groundShadows(of: scene, towardSun: sunToward(azimuth: 135, elevation: el))
        let length = 12 / tan(el * Double.pi / 180)
        #expect(abs(area(shadows[0].rings) - (100 + length * 10 * 2.0.squareRoot())) < 1e-6)
        let tip = Vec2(-5 - length / 2.0.squareRoot(), 5 + length / 2.0.squareRoot())
        #expect(shadows[0].rings[0].contains { ($0 - tip).length < 1e-9 })
        #expect(shadows[0].rings[0].count == 6)
    }

    /// Raised 10…20 m: on the ground the shadow starts 10/tan el from the footprint;
    /// on a plane at 15 m only the top 5 m count; on a plane at 25 m nothing is cast.
    @Test func raisedVolumesAndRaisedPlanes() throws {
        let scene = try prismScene([(rectangle(0, 0, 10, 10), 10, 20), (rectangle(30, 0, 40, 10), 0, 10)])
        let sun = sunToward(azimuth: 180, elevation: 45)
        let ground = groundShadows(of: scene, towardSun: sun)
        #expect(ground.map(\.buildingID) == ["P0", "P1"])
        let raised = ground[0].rings[0]
        #expect(abs(raised.map(\.y).min()! - 10) < 1e-9)  // 0 + 10 / tan 45°
        #expect(abs(raised.map(\.y).max()! - 30) < 1e-9)  // 10 + 20 / tan 45°
        #expect(!ground[0].contains(Vec2(5, 5)))  // under the raised volume the sun passes below it
        let mid = groundShadows(of: scene, towardSun: sun, planeHeight: 15)
        #expect(mid.map(\.buildingID) == ["P0"])  // P1 (10 m) is below the plane
        #expect(abs(area(mid[0].rings) - 10 * 15) < 1e-6)  // footprint plus 5 m
        #expect(mid[0].contains(Vec2(5, 5)))  // the volume stands on this plane
        #expect(groundShadows(of: scene, towardSun: sun, planeHeight: 25).isEmpty)
        #expect(groundShadows(of: scene, towardSun: sunToward(azimuth: 180, elevation: -1)).isEmpty)
    }

    /// A U open to the north, sun due south at 45°, 5 m high: each column of the U moves
    /// 5 m north. Area 250 + 150 + 250 = 650 (a convex hull would give 750); the back of
    /// the courtyard (15, 17) stays sunlit.
    @Test func concaveFootprintKeepsItsNotch() throws {
        let u = [
            Vec2(0, 0), Vec2(30, 0), Vec2(30, 20), Vec2(20, 20), Vec2(20, 10), Vec2(10, 10), Vec2(10, 20),
            Vec2(0, 20),
        ]
        let scene = try prismScene([(u, 0, 5)])
        let shadow = groundShadows(of: scene, towardSun: sunToward(azimuth: 180, elevation: 45))[0]
        #expect(abs(area(shadow.rings) - 650) < 1e-6)
        #expect(!shadow.contains(Vec2(15, 17)))
        #expect(shadow.contains(Vec2(15, 14)))
        #expect(shadow.rings.count == 1 && shadow.rings[0].count == 8)
    }

    /// A square ring building with a 2 m slit in its east wing, 4 m high, sun south at 45°:
    /// the slit closes and the back of the courtyard, x 10…20, y 14…20, is a hole
    /// (area 30 × 34 − 60 = 960; one outline, one clockwise hole).
    @Test func sweptSlitLeavesAHole() throws {
        let c = [
            Vec2(0, 0), Vec2(30, 0), Vec2(30, 14), Vec2(20, 14), Vec2(20, 10), Vec2(10, 10), Vec2(10, 20),
            Vec2(20, 20), Vec2(20, 16), Vec2(30, 16), Vec2(30, 30), Vec2(0, 30),
        ]
        let scene = try prismScene([(c, 0, 4)])
        let shadow = groundShadows(of: scene, towardSun: sunToward(azimuth: 180, elevation: 45))[0]
        #expect(abs(area(shadow.rings) - 960) < 1e-6)
        #expect(shadow.rings.count == 2)
        #expect(shadow.rings.filter { Polygon.signedDoubleArea($0) < 0 }.count == 1)
        #expect(!shadow.contains(Vec2(15, 17)))
        #expect(shadow.contains(Vec2(25, 15)))
    }

    /// Two touching 10 m squares and a separate one: the union is the 20 × 10 block and
    /// the square, with the shared wall gone.
    @Test func unionMergesSharedEdgesAndKeepsSeparatePartsApart() {
        let a = BuildingShadow(buildingID: "a", rings: [rectangle(0, 0, 10, 10)])
        let b = BuildingShadow(buildingID: "b", rings: [rectangle(10, 0, 20, 10)])
        let c = BuildingShadow(buildingID: "c", rings: [rectangle(30, 0, 40, 10)])
        let d = BuildingShadow(buildingID: "d", rings: [rectangle(5, 5, 15, 25)])  // overlaps both a and b
        let u = shadowUnion([a, b, c])
        #expect(u.count == 2)
        #expect(u.allSatisfy { $0.count == 4 })
        #expect(abs(area(u) - 300) < 1e-9)
        let v = shadowUnion([a, b, c, d])
        #expect(abs(area(v) - (300 + 150)) < 1e-9)
        #expect(v.map(\.count).sorted() == [4, 8])
        // Corner-touching squares stay two rings.
        let e = BuildingShadow(buildingID: "e", rings: [rectangle(40, 10, 50, 20)])
        #expect(shadowUnion([c, e]).count == 2)
    }

    /// For random scenes (the brute-force suite's generator) and random suns and planes,
    /// a point is inside a building's shadow polygon exactly when the reference ray
    /// toward the sun enters that prism (above the plane), and inside the union exactly
    /// when it enters any. Points within 1 mm of an outline are skipped (the two sides
    /// may round differently there).
    @Test func shadowPolygonsAgreeWithRayCasting() throws {
        var checked = 0
        var shadedSeen = 0
        for seed in 0..<40 {
            let random = BruteForce.RandomScene(seed: UInt64(seed))
            let scene = try prismScene(random.prisms.map { ($0.footprint, $0.base, $0.top) })
            var rng = BruteForce.SplitMix64(state: 0xBEEF &+ UInt64(seed))
            for _ in 0..<3 {
                let sun = sunToward(azimuth: rng.uniform(0, 360), elevation: rng.uniform(8, 80))
                let h = [0, 1.5, 4, 6.5, 12][rng.int(0...4)]
                let shadows = groundShadows(of: scene, towardSun: sun, planeHeight: h)
                let union = shadowUnion(shadows)
                let boundaries = shadows.flatMap(\.rings) + union
                let xs = union.flatMap { $0.map(\.x) }, ys = union.flatMap { $0.map(\.y) }
                for k in 0..<60 {
                    // Half anywhere in the district, half within the shadows' bounding box.
                    let q =
                        k % 2 == 0 || xs.isEmpty
                        ? Vec2(rng.uniform(-140, 140), rng.uniform(-140, 140))
                        : Vec2(rng.uniform(xs.min()!, xs.max()!), rng.uniform(ys.min()!, ys.max()!))
                    if nearOutline(boundaries, q, 1e-3) { continue }
                    let p = Vec3(q.x, q.y, h)
                    var anyHit = false
                    for (i, prism) in random.prisms.enumerated() {
                        let hit = BruteForce.entry(prism, p, sun) != nil
                        anyHit = anyHit || hit
                        let inPolygon = shadows.first { $0.buildingID == "P\(i)" }?.contains(q) ?? false
                        #expect(hit == inPolygon, "seed \(seed) prism \(i) point \(q) plane \(h)")
                    }
                    #expect(anyHit == winds(union, q), "seed \(seed) union point \(q) plane \(h)")
                    if anyHit { shadedSeen += 1 }
                    checked += 1
                }
            }
        }
        print("shadow polygons vs ray casting: \(checked) points, \(shadedSeen) shaded")
        #expect(checked > 6_000 && shadedSeen > 1_500)
    }

    /// Star-shaped footprints (up to 40 vertices, deep notches), some raised: the shadow
    /// polygon contains a point exactly when the reference ray enters the prism.
    @Test func starFootprintsAgreeWithRayCasting() throws {
        var rng = BruteForce.SplitMix64(state: 0x57A2)
        var shaded = 0
        for round in 0..<30 {
            let n = rng.int(5...40)
            let angles = (0..<n).map { 2 * Double.pi * (Double($0) + rng.uniform(0, 0.8)) / Double(n) }
            let footprint = angles.map { Vec2(cos($0), sin($0)) * rng.uniform(4, 20) }
            let base = rng.chance(0.3) ? rng.uniform(3, 15) : 0
            let top = base + rng.uniform(5, 40)
            let scene = try prismScene([(footprint, base, top)])
            let prism = BruteForce.Prism(index: 0, footprint: footprint, base: base, top: top)
            let sun = sunToward(azimuth: rng.uniform(0, 360), elevation: rng.uniform(10, 70))
            let h = [0, 1.5, 4][rng.int(0...2)]
            let shadows = groundShadows(of: scene, towardSun: sun, planeHeight: h)
            let rings = shadows.first?.rings ?? []
            for _ in 0..<300 {
                let q = Vec2(rng.uniform(-60, 60), rng.uniform(-60, 60))
                if nearOutline(rings, q, 1e-3) { continue }
                let hit = BruteForce.entry(prism, Vec3(q.x, q.y, h), sun) != nil
                #expect(winds(rings, q) == hit, "round \(round) point \(q)")
                if hit { shaded += 1 }
            }
        }
        #expect(shaded > 600)
    }

    func nearOutline(_ rings: [[Vec2]], _ q: Vec2, _ tolerance: Double) -> Bool {
        for r in rings {
            for i in r.indices {
                let a = r[i]
                let e = r[(i + 1) % r.count] - a
                let t = max(0, min(1, (q - a).dot(e) / e.dot(e)))
                if (a + e * t - q).length < tolerance { return true }
            }
        }
        return false
    }
}
