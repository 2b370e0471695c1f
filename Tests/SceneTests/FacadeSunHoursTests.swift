import SolarCore
import Testing

@testable import Scene

/// Facade sun hours (线上日照, facade heat maps) against hand-derived geometry.
@Suite("Facade sun hours")
struct FacadeSunHoursTests {
    /// A 10-storey box (20 × 10 m, 30 m) behind a wall 20.9 m high, 40 km long, 40 m south.
    static func walledScene(profile: RuleProfile = .none) throws -> SunlightAnalyzer {
        let house = BuildingSpec(
            id: "H", box: BoxSpec(x: 0, y: 0, width: 20, depth: 10), floors: 10, floorHeight: 3,
            units: [UnitSpec(id: "u", windows: [WindowSpec(face: "south", offset: 0, width: 1.5)])])
        let wall = BuildingSpec(id: "W", box: BoxSpec(x: 0, y: -5 - 40 - 0.5, width: 40_000, depth: 1), height: 20.9)
        return try analyzer([house, wall], profile: profile)
    }

    static let grid = FacadeGrid(
        building: "H", edge: 0, offsetsMeters: [-6, 0, 6], heightsMeters: [0.9, 6.9, 12.9, 18.9, 24.9])

    /// Behind an endless wall of height H at distance D, a facade point at height z sees the
    /// sun exactly while it is in front of the facade and tan β ≥ (H − z)/D (β the profile
    /// angle, D = 40 m − 1 cm); above the wall's top it sees it whenever it is in front.
    @Test func endlessWallCutsEachHeightWhereTheProfileAngleSays() async throws {
        let a = try Self.walledScene()
        var worst = 0.0
        var boundaries = 0
        for name in ["冬至", "大寒", "春分"] {
            let k = WindowDetailsTests.termIndex(a, name)
            let map = try await a.facadeMap(Self.grid, termIndex: k, workers: 2)
            #expect(map.samples.count == 15)
            #expect(abs(map.facingAzimuthDegrees - 180) < 1e-9)
            var previous = -1.0
            for (i, sample) in map.samples.enumerated() {
                let z = sample.heightMeters
                let lit = { (s: Vec3) -> Bool in
                    let sv = -s.y  // outward is south
                    guard sv > 0, s.z > 0 else { return false }
                    return z >= 20.9 || s.z / sv >= (20.9 - z) / 39.99
                }
                // On 春分 the sun grazes the facade plane or the wall's silhouette within seconds
                // of sunrise and sunset; stretches that short are below what the references
                // resolve (cf. the brute-force suite's 3 s), so boundaries within 5 s of either are set aside.
                let ends = a.days[k].daylight.flatMap { [$0.start, $0.end] }
                let clear = { (t: Double) in !ends.contains { abs($0 - t) < 5 } }
                let reference = WindowDetailsTests.referenceBoundaries(a, term: k, lit).filter(clear)
                let engine = WindowDetailsTests.engineBoundaries(a, sample.row, term: k).filter(clear)
                let dropped = WindowDetailsTests.referenceBoundaries(a, term: k, lit).filter { !clear($0) }
                if !dropped.isEmpty {
                    print(
                        "\(name) z=\(z): set aside \(dropped.map { min(abs($0 - ends[0]), abs($0 - ends[ends.count - 1])) }) s from sunrise/sunset"
                    )
                }
                #expect(engine.count == reference.count, "\(name) z=\(z): \(engine.count) vs \(reference.count)")
                for (e, r) in zip(engine, reference) {
                    worst = max(worst, abs(e - r))
                    #expect(abs(e - r) < 0.5)
                }
                boundaries += reference.count
                // The wall is endless east–west: every offset of a row is the same, and higher rows get more.
                if i % 3 == 0 {
                    #expect(sample.row.totalSeconds >= previous - 1e-6)
                    previous = sample.row.totalSeconds
                } else {
                    #expect(abs(sample.row.totalSeconds - map.samples[i - i % 3].row.totalSeconds) < 1)
                }
            }
        }
        print("facade behind an endless wall: \(boundaries) boundaries within \(worst) s of the hand-derived instants")
        #expect(boundaries >= 12)
    }

    @Test func resultsDoNotDependOnTheNumberOfWorkers() async throws {
        let a = try Self.walledScene(profile: .gb50180())
        let k = WindowDetailsTests.termIndex(a, "大寒")
        let b = a.scene.buildings[0]
        let grid = FacadeGrid(
            building: "H", edge: 0, offsetsMeters: FacadeGrid.offsets(lengthMeters: 20, spacingMeters: 1.5),
            heightsMeters: a.floorSillHeights(building: b))
        #expect(grid.offsetsMeters.count == 14 && grid.heightsMeters.count == 10)
        let one = try await a.facadeMap(grid, termIndex: k, workers: 1)
        let three = try await a.facadeMap(grid, termIndex: k, workers: 3)
        #expect(one.samples.map(\.point) == three.samples.map(\.point))
        #expect(one.samples.map(\.row.bandSeconds) == three.samples.map(\.row.bandSeconds))
        #expect(one.samples.map(\.row.intervals) == three.samples.map(\.row.intervals))
        // Row-major, lowest floor first.
        #expect(one.sample(row: 2, column: 5).heightMeters == grid.heightsMeters[2])
        #expect(one.sample(row: 2, column: 5).offsetMeters == grid.offsetsMeters[5])
    }

    /// A facade point where a window's sill centre is gets that flat's row.
    @Test func pointAtAWindowSillGetsTheFlatsRow() async throws {
        let a = try Self.walledScene(profile: .gb50180())
        let table = try a.table(for: FlatAddress(building: "H", floor: 3, unit: "u"))
        let k = WindowDetailsTests.termIndex(a, "冬至")
        let map = try await a.facadeMap(
            FacadeGrid(building: "H", edge: 0, offsetsMeters: [0], heightsMeters: [6.9]),
            termIndex: k, workers: 1)
        #expect(map.samples[0].point == table.point)
        #expect(map.samples[0].row.intervals == table.rows[k].intervals)
    }

    @Test func badRequestsNameTheField() throws {
        let a = try Self.walledScene()
        func path(_ g: FacadeGrid) -> String? {
            do {
                _ = try a.facadePoints(g)
                return nil
            } catch {
                return error.path
            }
        }
        #expect(path(FacadeGrid(building: "X", edge: 0, offsetsMeters: [0], heightsMeters: [1])) == "building")
        #expect(path(FacadeGrid(building: "H", edge: 4, offsetsMeters: [0], heightsMeters: [1])) == "edge")
        #expect(path(FacadeGrid(building: "H", edge: 0, offsetsMeters: [10.5], heightsMeters: [1])) == "offsets")
        #expect(path(FacadeGrid(building: "H", edge: 1, offsetsMeters: [5.5], heightsMeters: [1])) == "offsets")
        #expect(path(FacadeGrid(building: "H", edge: 0, offsetsMeters: [0], heightsMeters: [31])) == "heights")
        #expect(path(FacadeGrid(building: "H", edge: 0, offsetsMeters: [0], heightsMeters: [.nan])) == "heights")
        #expect(path(FacadeGrid(building: "H", edge: 0, offsetsMeters: [], heightsMeters: [1])) == "offsets")
        #expect(
            path(
                FacadeGrid(
                    building: "H", edge: 0, offsetsMeters: Array(repeating: 0, count: 1000),
                    heightsMeters: Array(repeating: 1, count: 101))) == "spacing")
        #expect(path(FacadeGrid(building: "H", edge: 1, offsetsMeters: [4.9], heightsMeters: [0, 30])) == nil)
    }
}
