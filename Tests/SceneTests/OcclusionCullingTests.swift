import SolarCore
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The view drops obstacles a nearer one hides (ObstructionView.unhidden). That is only
/// allowed if it never changes an answer: for any sun above the horizon, the state among
/// the kept obstacles must equal the brute-force nearest hit among all of them.
@Suite("Occlusion culling never changes a state or a blocker")
struct OcclusionCullingTests {
    /// Rows of slabs (as in the benchmark district) with small boxes scattered between them,
    /// so that many obstacles are hidden behind nearer slabs.
    static func district(_ rng: inout BruteForce.SplitMix64) -> [BruteForce.Prism] {
        var prisms: [BruteForce.Prism] = []
        for row in 0..<4 {
            for col in 0..<4 {
                let c = Vec2(Double(col) * 75 + Double(row % 2) * 20, Double(row) * 90)
                let angle = rng.uniform(-0.1, 0.1)
                let height = rng.uniform(20, 100)
                prisms.append(box(index: prisms.count, centre: c, width: 60, depth: 14, angle: angle, top: height))
                let small = c + Vec2(rng.uniform(-30, 30), rng.uniform(20, 60))
                prisms.append(
                    box(
                        index: prisms.count, centre: small, width: rng.uniform(4, 15), depth: rng.uniform(4, 15),
                        angle: rng.uniform(0, 3), top: rng.uniform(3, 40)))
            }
        }
        return prisms
    }

    static func box(
        index: Int, centre: Vec2, width: Double, depth: Double, angle: Double, top: Double
    ) -> BruteForce.Prism {
        let c = cos(angle), s = sin(angle)
        let corners = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map { (u, v) in
            Vec2(centre.x + u * width / 2 * c - v * depth / 2 * s, centre.y + u * width / 2 * s + v * depth / 2 * c)
        }
        return BruteForce.Prism(index: index, footprint: corners, base: 0, top: top)
    }

    @Test func keptObstaclesGiveTheBruteForceStateForEverySun() {
        var rng = BruteForce.SplitMix64(state: 20_261_121)
        var culled = 0
        var considered = 0
        var checks = 0
        for _ in 0..<8 {
            let prisms = Self.district(&rng)
            let obstacles = prisms.map(\.obstacle)
            for _ in 0..<40 {
                // A point on the south face of a random slab, at a random floor.
                let slab = prisms[2 * rng.int(0...15)]
                let south = slab.footprint[0] + (slab.footprint[1] - slab.footprint[0]) * rng.uniform(0.05, 0.95)
                let edge = slab.footprint[1] - slab.footprint[0]
                let outward = Vec2(edge.y, -edge.x) * (1 / edge.length)
                let q = south + outward * 0.01
                let p = Vec3(q.x, q.y, rng.uniform(0.9, slab.top - 1))
                let view = ObstructionView(point: p, outward: outward, obstacles: obstacles)
                let reaching = obstacles.filter { o in
                    o.topMeters > p.z && o.footprint.contains { ($0 - p.xy).dot(outward) > 1e-6 }
                }
                considered += reaching.count
                culled += reaching.count - view.obstacles.count
                for _ in 0..<300 {
                    let azimuth = rng.uniform(0, 2 * Double.pi)
                    let elevation = rng.uniform(0.001, 1.2)
                    let s = Vec3(sin(azimuth) * cos(elevation), cos(azimuth) * cos(elevation), sin(elevation))
                    let expected = BruteForce.exposure(prisms, p, outward, s)
                    let got = BruteForce.code(view.state(toward: s))
                    checks += 1
                    if got != expected {
                        Issue.record(
                            "point \(p), sun az \(azimuth) el \(elevation): engine \(BruteForce.describe(got)), brute force \(BruteForce.describe(expected))"
                        )
                        return
                    }
                }
            }
        }
        print(
            "occlusion culling: \(culled) of \(considered) reaching obstacles dropped; \(checks) sun directions agree with brute force"
        )
        #expect(culled > considered / 10, "the test scenes should exercise the culling")
    }
}
