import Foundation
import SolarCore
import SunSpotIO
import Testing

@testable import Scene

/// Shadows of concave footprints swept parallel to their own walls (sun due south, north,
/// east, west, or exactly diagonal to 45° walls): the swept pieces then share and overlap
/// edges and some collapse to slivers, which once made the union come back empty.
@Suite("Ground shadows, degenerate sweeps")
struct DegenerateSweepTests {
    /// Building 5 of the sample compound: an L, 24 m high.
    static let lShape = [Vec2(-60, 55), Vec2(-20, 55), Vec2(-20, 67), Vec2(-45, 67), Vec2(-45, 85), Vec2(-60, 85)]

    /// The L in eight sun directions, each exact and a hair off (as a computed sun is).
    /// Hand-derived areas (footprint 750 m²): at 45° elevation the shadow is 24 m long;
    /// swept north or south each column grows by 24 m (750 + 40·24 = 1710), east or west
    /// each row does (750 + 30·24 = 1470). At elevation atan √2 the sweep is (±12, ±12):
    /// along y − x every line meets the L once, so the area grows by |w| times the width
    /// across the sweep, 12√2 · 70/√2 = 840; along x + y lines with c = x + y in 22…40
    /// cross the notch with a gap (c − 22)√2, which the sweep fills up to |w| = 12√2:
    /// 750 + 12√2 · 52/√2 + ∫₀¹⁸ min(u, 12) du = 750 + 624 + 144 = 1518.
    @Test(arguments: [
        (180.0, 45.0, 1710.0), (0, 45, 1710), (90, 45, 1470), (270, 45, 1470),
        (225, 54.735610317245346, 1590), (45, 54.735610317245346, 1590),
        (135, 54.735610317245346, 1518), (315, 54.735610317245346, 1518),
    ])
    func lShapeInEveryWallParallelSun(azimuth: Double, elevation: Double, expectedArea: Double) throws {
        for nudge in [0, 1e-9, -1e-9, 1e-7, -1e-7, 1e-5] {
            let sun = sunToward(azimuth: azimuth + nudge, elevation: elevation)
            let scene = try prismScene([(Self.lShape, 0, 24)])
            let shadows = groundShadows(of: scene, towardSun: sun)
            let label = "azimuth \(azimuth) + \(nudge)"
            try #require(shadows.count == 1, "\(label)")
            let rings = shadows[0].rings
            #expect(rings.count == 1 && Polygon.signedDoubleArea(rings[0]) > 0, "\(label): \(rings)")
            #expect(abs(area(rings) - expectedArea) < 1e-3, "\(label): area \(area(rings))")
            #expect(abs(area(shadowUnion(shadows)) - expectedArea) < 1e-3, "\(label)")
            let prism = BruteForce.Prism(index: 0, footprint: Self.lShape, base: 0, top: 24)
            let mismatches = Self.quarterCellMismatches(rings, prism, sun)
            #expect(mismatches.isEmpty, "\(label): \(mismatches.prefix(5))")
        }
    }

    /// A zero-length sweep (sun straight overhead): the near and far copies coincide and
    /// no wall faces the sweep, so the shadow is the footprint itself; a raised L casts the
    /// same on the ground.
    @Test func sunOverheadCastsTheFootprint() throws {
        for base in [0.0, 10] {
            let shadows = groundShadows(of: try prismScene([(Self.lShape, base, 24)]), towardSun: Vec3(0, 0, 1))
            let rings = try #require(shadows.first?.rings)
            #expect(rings.count == 1 && rings[0].count == 6, "\(rings)")
            #expect(abs(area(rings) - 750) < 1e-9)
            #expect(Set(rings[0]) == Set(Self.lShape))
        }
    }

    /// The reported case itself: site and date of the sample compound, true solar noon
    /// (the computed sun is due south to about 1e-7°). The L swept north by
    /// L = 24·|plan(s)|/s_z keeps its notch: area 750 + 40 L.
    @Test func sampleLShapeAtTrueNoonInShanghai() throws {
        let site = try GeoSite(latitude: 31.2304, longitude: 121.4737)
        let noon = TrueSolarTime.instant(
            date: CivilDate(year: 2026, month: 1, day: 20), secondsOfDay: 12 * 3600,
            longitude: site.longitude)
        let d = SolarPosition(at: noon, site: site, refraction: .standard).direction
        let sun = Vec3(d.x, d.y, d.z)
        let length = 24 * (d.x * d.x + d.y * d.y).squareRoot() / d.z
        let shadows = groundShadows(of: try prismScene([(Self.lShape, 0, 24)]), towardSun: sun)
        let rings = try #require(shadows.first?.rings)
        #expect(rings.count == 1)
        #expect(abs(area(rings) - (750 + 40 * length)) < 1e-4, "\(area(rings)) vs \(750 + 40 * length)")
        #expect(winds(rings, Vec2(-52, 100)) && winds(rings, Vec2(-30, 80)) && !winds(rings, Vec2(-30, 100)))
    }

    /// The whole sample compound at every daylight hour of the reported day: one shadow per
    /// building, a non-empty union, and union membership at sample points equal to "inside
    /// some building's shadow" (itself checked against ray casting elsewhere).
    @Test func sampleCompoundUnionAtEveryHour() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let scene = try SceneLoader.load(contentsOf: root.appendingPathComponent("../../data/sample-compound.json"))
        var rng = BruteForce.SplitMix64(state: 2026)
        var checked = 0
        for hour in 8...16 {
            let t = TrueSolarTime.instant(
                date: CivilDate(year: 2026, month: 1, day: 20),
                secondsOfDay: Double(hour) * 3600, longitude: scene.site.longitude)
            let d = SolarPosition(at: t, site: scene.site, refraction: .standard).direction
            let shadows = groundShadows(of: scene, towardSun: Vec3(d.x, d.y, d.z))
            #expect(shadows.count == scene.buildings.count, "hour \(hour)")
            let union = shadowUnion(shadows)
            #expect(!union.isEmpty, "hour \(hour)")
            let all = shadows.flatMap(\.rings)
            let xs = all.flatMap { $0.map(\.x) }, ys = all.flatMap { $0.map(\.y) }
            for _ in 0..<800 {
                let q = Vec2(rng.uniform(xs.min()! - 5, xs.max()! + 5), rng.uniform(ys.min()! - 5, ys.max()! + 5))
                if Self.nearAnyEdge(all + union, q, 1e-6) { continue }
                #expect(winds(union, q) == shadows.contains { $0.contains(q) }, "hour \(hour) point \(q)")
                checked += 1
            }
        }
        #expect(checked > 7000)
    }

    /// Random x-monotone rectilinear footprints (staircases above and below, so many
    /// collinear and concave walls), half of them turned 45° (scaled by √2 to stay on the
    /// lattice), swept along the axes and the diagonals with heights that make every sweep
    /// a lattice vector. Every shadow edge then lies on a line x, y or x ± y = integer, so
    /// each unit cell's four quarter-triangles lie wholly in or out: the shadow must contain
    /// each quarter's centroid exactly when the reference ray toward the sun enters the
    /// prism, and its area must be a quarter of the number of shaded quarters.
    @Test func randomRectilinearFootprintsSweptAlongWalls() throws {
        var rng = BruteForce.SplitMix64(state: 0x5EED)
        var quarters = 0
        for round in 0..<48 {
            let footprint = Self.randomStaircase(&rng, turned: round % 2 == 1)
            let azimuth = Double(45 * rng.int(0...7)) + [0, 0, 1e-9, -1e-7][rng.int(0...3)]
            let diagonal = Int(azimuth.rounded()) % 90 != 0
            let height = Double(2 * rng.int(2...8))
            let elevation = diagonal ? atan(2.0.squareRoot()) * 180 / Double.pi : 45
            let sun = sunToward(azimuth: azimuth, elevation: elevation)
            let shadows = groundShadows(of: try prismScene([(footprint, 0, height)]), towardSun: sun)
            let label = "round \(round) azimuth \(azimuth) footprint \(footprint)"
            try #require(shadows.count == 1, "\(label)")
            let prism = BruteForce.Prism(index: 0, footprint: footprint, base: 0, top: height)
            let mismatches = Self.quarterCellMismatches(shadows[0].rings, prism, sun)
            #expect(mismatches.isEmpty, "\(label): \(mismatches.prefix(5))")
            let shaded = Self.quarterCentroids(around: shadows[0].rings).filter {
                BruteForce.entry(prism, Vec3($0.x, $0.y, 0), sun) != nil
            }.count
            #expect(abs(area(shadows[0].rings) - Double(shaded) / 4) < 1e-4, "\(label)")
            quarters += shaded
        }
        #expect(quarters > 20_000)
    }

    // MARK: - References

    /// Centroids of the four triangles the diagonals cut each unit cell into, over the
    /// rings' bounding box plus a margin of two cells.
    static func quarterCentroids(around rings: [[Vec2]]) -> [Vec2] {
        let xs = rings.flatMap { $0.map(\.x) }, ys = rings.flatMap { $0.map(\.y) }
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return [] }
        var out: [Vec2] = []
        for i in Int(x0.rounded(.down)) - 2...Int(x1.rounded(.up)) + 2 {
            for j in Int(y0.rounded(.down)) - 2...Int(y1.rounded(.up)) + 2 {
                let c = Vec2(Double(i), Double(j))
                out += [Vec2(0.5, 1.0 / 6), Vec2(5.0 / 6, 0.5), Vec2(0.5, 5.0 / 6), Vec2(1.0 / 6, 0.5)].map { c + $0 }
            }
        }
        return out
    }

    /// Quarter centroids where the shadow rings and the reference ray disagree.
    static func quarterCellMismatches(_ rings: [[Vec2]], _ prism: BruteForce.Prism, _ sun: Vec3) -> [Vec2] {
        // The box of the rings and of the prism's own reach, so a missing shadow is caught too.
        let d = Vec2(sun.x / sun.z, sun.y / sun.z) * prism.top
        let reach = [prism.footprint, prism.footprint.map { $0 - d }] + rings
        return quarterCentroids(around: reach).filter {
            winds(rings, $0) != (BruteForce.entry(prism, Vec3($0.x, $0.y, 0), sun) != nil)
        }
    }

    /// A counter-clockwise x-monotone rectilinear polygon: columns of random widths, each
    /// spanning a random y interval overlapping its neighbour's, without repeated or
    /// straight-on vertices; turned 45° as (x − y, x + y) when asked.
    static func randomStaircase(_ rng: inout BruteForce.SplitMix64, turned: Bool) -> [Vec2] {
        let n = rng.int(2...7)
        var x = [0]
        for _ in 0..<n { x.append(x.last! + rng.int(1...4)) }
        var spans: [(Int, Int)] = [(0, rng.int(1...8))]
        while spans.count < n {
            let (lo, hi) = spans.last!
            let newLo = rng.int((lo - 4)...(hi - 1))
            let newHi = rng.int(max(newLo + 1, lo + 1)...(hi + 5))
            spans.append((newLo, newHi))
        }
        var ring: [Vec2] = []
        for i in 0..<n { ring += [Vec2(Double(x[i]), Double(spans[i].0)), Vec2(Double(x[i + 1]), Double(spans[i].0))] }
        for i in (0..<n).reversed() {
            ring += [Vec2(Double(x[i + 1]), Double(spans[i].1)), Vec2(Double(x[i]), Double(spans[i].1))]
        }
        ring = PolygonUnion.simplified(PolygonUnion.cleaned(ring), tolerance: 1e-9)
        return turned ? ring.map { Vec2($0.x - $0.y, $0.x + $0.y) } : ring
    }

    static func nearAnyEdge(_ rings: [[Vec2]], _ q: Vec2, _ tolerance: Double) -> Bool {
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
