import SolarCore
import Testing

@testable import Scene

/// What a ground grid costs, known before it runs (issue 28), and the grid stopping when
/// nobody waits for it.
@Suite("Ground work estimate and cancellation")
struct GroundWorkEstimateTests {
    static let zone = FixedOffsetZone(hours: 8)

    /// The engine's real work on a grid: for every tile, the points times the silhouette
    /// edges of each prism its culling keeps, times the pieces of the day it keeps it in.
    static func keptPairs(_ engine: GroundSunEngine, _ grid: GroundGrid) -> Double {
        var e = engine.evaluator()
        var pairs = 0.0
        let t = GroundSunEngine.tile
        for j0 in stride(from: 0, to: grid.rows, by: t) {
            for i0 in stride(from: 0, to: grid.columns, by: t) {
                let (i1, j1) = (min(grid.columns, i0 + t), min(grid.rows, j0 + t))
                let lo = grid.point(column: i0, row: j0)
                let hi = grid.point(column: i1 - 1, row: j1 - 1)
                e.prepare(centre: (lo + hi) * 0.5, halfSize: max(hi.x - lo.x, hi.y - lo.y) / 2 + 1e-6)
                let kept = e.candidates.reduce(0.0) {
                    $0 + Double(engine.obstacles[$1.index].footprint.count * $1.mask.nonzeroBitCount)
                }
                pairs += kept * Double((i1 - i0) * (j1 - j0))
            }
        }
        return pairs
    }

    /// Random scenes of the brute-force generator (boxes, courtyards, slabs over boxes; 20…50°
    /// N and S), whole days and the 8–16 band, grids at 2, 4 and 8 m: the estimate, which never
    /// runs the culling, stays within −30 % / +100 % of the pairs the engine's culling really
    /// keeps (seen: 0.82–1.59), so a budget built on it neither lets through much more than it
    /// says nor refuses what would fit.
    @Test("The estimate follows the engine's kept pairs", arguments: 0..<3)
    func boundsTheKeptPairs(chunk: Int) throws {
        var ratios: [Double] = []
        for seed in stride(from: chunk, to: 24, by: 3) {
            let random = BruteForce.RandomScene(seed: UInt64(500 + seed))
            let scene = try randomGroundScene(random)
            let band: RuleProfile.Band? = seed % 2 == 0 ? nil : RuleProfile.Band(hours: 8, 16)
            let engine = try GroundSunEngine(
                scene: scene, date: random.date, zone: Self.zone, profile: .none, band: band, planeHeight: 0)
            let estimate = try GroundWorkEstimate(
                scene: scene, on: random.date, zone: Self.zone, profile: .none, band: band, planeHeight: 0)
            let spacing = [2.0, 4, 8][seed % 3]
            let grid = GroundGrid(from: Vec2(-120, -120), to: Vec2(120, 120), spacing: spacing)
            let kept = Self.keptPairs(engine, grid)
            let units = estimate.units(grid) - Double(grid.count)
            #expect(kept > 0)
            if kept > 0 { ratios.append(units / kept) }
        }
        print("estimate / kept pairs: \(ratios.map { ($0 * 100).rounded() / 100 })")
        #expect(!ratios.isEmpty)
        #expect(ratios.min()! > 0.7, "the estimate lets through more than it says")
        #expect(ratios.max()! < 2, "the estimate refuses what would fit")
    }

    /// A grid whose task is cancelled computes nothing more: every worker stops at its next
    /// point (here, before the first), while the same grid uncancelled has sun everywhere.
    @Test func aCancelledGridStopsAtItsNextPoint() async throws {
        let random = BruteForce.RandomScene(seed: 7)
        let scene = try randomGroundScene(random)
        let grid = GroundGrid(from: Vec2(-60, -60), to: Vec2(60, 60), spacing: 4)
        func run() async throws -> SunHoursGrid {
            try await groundSunHours(
                of: scene, on: random.date, zone: Self.zone, profile: .none, band: nil, grid: grid,
                planeHeight: 0, workers: 2)
        }
        let whole = try await run()
        #expect(whole.seconds.filter { $0 > 0 }.count > grid.count / 2)
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await run()
        }
        let stopped = try await cancelled.value
        #expect(stopped.seconds.allSatisfy { $0 == 0 })
    }
}
