import SolarCore
import Synchronization
import Testing

@testable import Scene

/// A scene of the brute-force generator's prisms at its site.
func randomGroundScene(_ random: BruteForce.RandomScene) throws -> Scene {
    try SceneDocument(
        site: SiteSpec(latitude: random.latitude, longitude: random.longitude, timeZone: "Asia/Shanghai"),
        buildings: random.prisms.enumerated().map { i, p in
            BuildingSpec(
                id: "P\(i)", footprint: p.footprint.map { [$0.x, $0.y] }, height: p.top - p.base,
                base: p.base > 0 ? p.base : nil)
        }
    ).scene()
}

/// Ground sun hours against 1-second ray casting, the window engine, and their own invariants.
@Suite("Ground sun hours")
struct GroundSunHoursTests {
    static let zone = FixedOffsetZone(hours: 8)
    static let japaneseBand = RuleProfile.Band(hours: 8, 16)

    static var geometric: RuleProfile {
        var p = RuleProfile.none
        p.refraction = false
        return p
    }

    /// For random scenes (the brute-force suite's generator: boxes, rotated and raised
    /// boxes, L and U courtyards, slabs over boxes; 20…50° N and S; solstices, equinox,
    /// 大寒), random ground points on planes at 0, 1.5, 4 and 6.5 m, in the 8–16 TST band
    /// or over the whole day: the reference casts the ray toward the sun (the day's
    /// SolarCore path) at every whole second against every prism with its own ray–prism
    /// test. Required: at every sampled second more than 2 s from an engine boundary, the
    /// same exposure (sunlit, or the same nearest building) — so every boundary is within
    /// 2 s — and the band's sunlit total within 1 s per boundary plus 2 s.
    @Test("Grid points match 1-s ray casting", arguments: 0..<4)
    func pointsMatchRayCasting(chunk: Int) throws {
        var points = 0
        var boundaries = 0
        var maxTotalError = 0.0
        for seed in stride(from: chunk, to: 40, by: 4) {
            let random = BruteForce.RandomScene(seed: UInt64(100 + seed))
            let scene = try randomGroundScene(random)
            var rng = BruteForce.SplitMix64(state: 0x6A0D &+ UInt64(seed))
            let h = [0, 1.5, 4, 6.5][rng.int(0...3)]
            let band: RuleProfile.Band? = seed % 5 == 4 ? nil : Self.japaneseBand
            let engine = try GroundSunEngine(
                scene: scene, date: random.date, zone: Self.zone, profile: Self.geometric,
                band: band, planeHeight: h)
            var tested = 0
            while tested < 4 {
                // Half the points within 12 m of a prism, where its corners and edges matter.
                var q = Vec2(rng.uniform(-110, 110), rng.uniform(-110, 110))
                if tested % 2 == 0 {
                    let prism = random.prisms[rng.int(0...(random.prisms.count - 1))]
                    q = Vec2(
                        rng.uniform(prism.minX - 12, prism.maxX + 12), rng.uniform(prism.minY - 12, prism.maxY + 12))
                }
                if engine.isInsideBuilding(q) { continue }
                tested += 1
                let stretches = engine.stretches(at: q)
                let cuts = stretches.map(\.start) + stretches.map(\.end)
                let p = Vec3(q.x, q.y, h)
                var referenceLit = 0.0
                for span in engine.spans {
                    var t = span.start.rounded(.up)
                    while t < span.end {
                        let d = engine.day.solar.position(at: Instant(secondsSince1970: t)).direction
                        let s = Vec3(d.x, d.y, d.z)
                        var best = Double.infinity
                        var code = 0
                        for prism in random.prisms {
                            if let l = BruteForce.entry(prism, p, s), l < best {
                                best = l
                                code = prism.index + 1
                            }
                        }
                        if code == 0 { referenceLit += 1 }
                        if !cuts.contains(where: { abs($0 - t) <= 2 }),
                            let engineState = stretches.first(where: { $0.start <= t && t < $0.end })?.state
                        {
                            #expect(
                                BruteForce.code(engineState) == code,
                                "seed \(100 + seed) point \(q) plane \(h) at \(t): engine \(engineState), reference \(BruteForce.describe(code))"
                            )
                        }
                        t += 1
                    }
                }
                let lit = stretches.filter { $0.state == .sunlit }.reduce(0) { $0 + $1.durationSeconds }
                let changes = max(0, stretches.count - 1)
                #expect(
                    abs(lit - referenceLit) <= Double(changes) + 2,
                    "seed \(100 + seed) point \(q): \(lit) s vs \(referenceLit) s")
                maxTotalError = max(maxTotalError, abs(lit - referenceLit))
                boundaries += changes
                points += 1
            }
        }
        print(
            "ground points vs 1-s ray casting, chunk \(chunk): \(points) points, \(boundaries) shadow boundaries, max |total − reference| \(maxTotalError) s"
        )
        #expect(boundaries > 10)
    }

    /// Every point of a whole grid (tile culling, both workers) agrees with the window
    /// engine (``ObstructionView``: no tiles, no pieces, its own closed-form crossings)
    /// run on each point as a free point and summed over the band: within 0.05 s. Four
    /// scenes: 8–16 TST and whole days, planes 0…6.5 m, both hemispheres' generator sites.
    @Test("Grid agrees with the window engine at every point", arguments: [7, 12, 28, 33])
    func gridAgreesWithTheWindowEngineAtEveryPoint(seed: Int) async throws {
        let random = BruteForce.RandomScene(seed: UInt64(seed))
        let scene = try randomGroundScene(random)
        let h = [0, 1.5, 4, 6.5][seed % 4]
        let band: RuleProfile.Band? = seed % 2 == 0 ? Self.japaneseBand : nil
        let grid = GroundGrid(from: Vec2(-90, -90), to: Vec2(90, 90), spacing: 7.5)
        let result = try await groundSunHours(
            of: scene, on: random.date, zone: Self.zone, profile: Self.geometric,
            band: band, grid: grid, planeHeight: h, workers: 2)
        let engine = try GroundSunEngine(
            scene: scene, date: random.date, zone: Self.zone, profile: Self.geometric,
            band: band, planeHeight: h)
        let obstacles = scene.buildings.enumerated().map { i, b in
            Obstacle(buildingIndex: i, footprint: b.footprint, baseMeters: b.baseMeters, topMeters: b.topMeters)
        }
        var worst = 0.0
        var shaded = 0
        for j in 0..<grid.rows {
            for i in 0..<grid.columns {
                let q = grid.point(column: i, row: j)
                let k = j * grid.columns + i
                let inside = obstacles.contains {
                    $0.baseMeters <= h && $0.topMeters > h && BruteForce.inside($0.footprint, q)
                }
                #expect(result.insideBuilding[k] == inside, "point \(q)")
                if inside {
                    #expect(result.seconds[k] == 0)
                    continue
                }
                let view = ObstructionView(point: Vec3(q.x, q.y, h), outward: nil, obstacles: obstacles)
                var lit = 0.0
                for s in view.stretches(on: engine.day) where s.state == .sunlit {
                    lit += max(0, min(s.end, result.bandEnd) - max(s.start, result.bandStart))
                }
                worst = max(worst, abs(lit - result.seconds[k]))
                if result.seconds[k] < lit - 0.05 || result.seconds[k] > lit + 0.05 {
                    Issue.record("seed \(seed) point \(q): grid \(result.seconds[k]) s, window engine \(lit) s")
                }
                if result.seconds[k] < result.bandSeconds - 60 { shaded += 1 }
            }
        }
        print(
            "grid vs window engine, seed \(seed): \(grid.count) points, \(shaded) shaded part of the band, max difference \(worst) s"
        )
        #expect(shaded > 20)
    }

    /// shared/reference/standards.md §5: an infinite east–west wall due south, its top 20 m
    /// above the point, 40 m away (Beijing, SPA at 1 s steps, refraction on): one sunlit
    /// segment 10:13:12–14:38:14 BJT on 大寒 2025 (265.1 min) and 11:47:23–12:37:22 on
    /// 冬至 2025 (50.0 min). Here as a ground point on a 1.5 m plane (wall 21.5 m high),
    /// through the grid and through the point query.
    @Test func groundPointBehindAnInfiniteWallMatchesTheReference() async throws {
        let wall = BuildingSpec(id: "W", box: BoxSpec(x: 0, y: -40.5, width: 40_000, depth: 1), height: 21.5)
        let scene = try SceneDocument(site: Beijing.site, buildings: [wall]).scene()
        let cases = [
            (CivilDate(year: 2025, month: 1, day: 20), RuleProfile.Band(hours: 8, 16), (10, 13, 12.0), (14, 38, 14.0)),
            (CivilDate(year: 2025, month: 12, day: 21), RuleProfile.Band(hours: 9, 15), (11, 47, 23.0), (12, 37, 22.0)),
        ]
        for (date, band, from, to) in cases {
            let expected = Beijing.at(date, to.0, to.1, to.2) - Beijing.at(date, from.0, from.1, from.2)
            let grid = try await groundSunHours(
                of: scene, on: date, zone: Beijing.zone, profile: .gb50180(), band: band,
                grid: GroundGrid(origin: Vec2(0, 0), spacing: 1, columns: 1, rows: 1),
                planeHeight: 1.5)
            let day = try PointQuery(scene: scene, point: Vec3(0, 0, 1.5)).day(
                date, zone: Beijing.zone,
                profile: .gb50180(), band: band)
            let lit = day.intervals.filter { $0.end > day.bandStart! && $0.start < day.bandEnd! }
            print("infinite wall, ground point, \(date): grid \(grid.seconds[0]) s, reference \(expected) s")
            #expect(abs(grid.seconds[0] - expected) <= 6)
            #expect(abs(day.bandSeconds - grid.seconds[0]) < 0.01)
            #expect(lit.count == 1)
            #expect(abs(lit[0].start - Beijing.at(date, from.0, from.1, from.2)) <= 3)
            #expect(abs(lit[0].end - Beijing.at(date, to.0, to.1, to.2)) <= 3)
            #expect(lit[0].blockedBeforeBy == 0 && lit[0].blockedAfterBy == 0)
        }
    }

    /// A grid whose points fall exactly on walls and corners (integer lattice, box walls on
    /// integer lines, a raised volume), a whole midsummer day (the sun behind the north wall
    /// in the morning): the same seconds as the window engine at every point outside.
    @Test func pointsOnWallsAndCornersAgreeWithTheWindowEngine() async throws {
        let scene = try prismScene([(rectangle(0, 0, 10, 10), 0, 10), (rectangle(14, 3, 18, 7), 2, 9)])
        let date = CivilDate(year: 2026, month: 6, day: 21)
        let grid = GroundGrid(from: Vec2(-5, -5), to: Vec2(20, 15), spacing: 1)
        let result = try await groundSunHours(
            of: scene, on: date, zone: Self.zone, profile: Self.geometric, band: nil,
            grid: grid, planeHeight: 0)
        let engine = try GroundSunEngine(
            scene: scene, date: date, zone: Self.zone, profile: Self.geometric, band: nil,
            planeHeight: 0)
        let obstacles = engine.obstacles
        var worst = 0.0
        for j in 0..<grid.rows {
            for i in 0..<grid.columns where !result.insideBuilding[j * grid.columns + i] {
                let q = grid.point(column: i, row: j)
                let view = ObstructionView(point: Vec3(q.x, q.y, 0), outward: nil, obstacles: obstacles)
                let lit = view.stretches(on: engine.day).filter { $0.state == .sunlit }.reduce(0) {
                    $0 + $1.durationSeconds
                }
                worst = max(worst, abs(lit - result.seconds[j * grid.columns + i]))
            }
        }
        print("points on walls and corners: max difference to the window engine \(worst) s")
        #expect(worst < 0.05)
        #expect(result.insideBuilding.filter { $0 }.count > 60)
    }

    @Test func resultDoesNotDependOnTheNumberOfWorkers() async throws {
        let random = BruteForce.RandomScene(seed: 11)
        let scene = try randomGroundScene(random)
        let grid = GroundGrid(origin: Vec2(-60, -50), spacing: 4.5, columns: 31, rows: 23)
        let one = try await groundSunHours(
            of: scene, on: random.date, zone: Self.zone, profile: Self.geometric,
            band: nil, grid: grid, planeHeight: 0, workers: 1)
        let three = try await groundSunHours(
            of: scene, on: random.date, zone: Self.zone, profile: Self.geometric,
            band: nil, grid: grid, planeHeight: 0, workers: 3)
        #expect(one.seconds == three.seconds)
        #expect(one.insideBuilding == three.insideBuilding)
        #expect(one.bandSeconds == 86_400)
    }

    /// An open site: every point gets the whole band (the sun is up 8–16 TST on 冬至 in
    /// Beijing). Eight true-solar hours in late December last about 10 s more than eight
    /// clock hours: the equation of time falls by ~30 s a day then.
    @Test func openGroundGetsTheWholeBand() async throws {
        let scene = try prismScene([(rectangle(500, 500, 510, 510), 0, 3)])
        let grid = GroundGrid(origin: Vec2(0, 0), spacing: 10, columns: 3, rows: 3)
        let r = try await groundSunHours(
            of: scene, on: CivilDate(year: 2026, month: 12, day: 22), zone: Self.zone,
            profile: Self.geometric, band: Self.japaneseBand, grid: grid, planeHeight: 0)
        #expect(r.bandSeconds > 8 * 3600 + 5 && r.bandSeconds < 8 * 3600 + 15)
        #expect(r.seconds.allSatisfy { abs($0 - r.bandSeconds) < 1e-6 })
        #expect(r.shadowSeconds.allSatisfy { $0 < 1e-6 })
    }

    @Test func badParametersAreRejectedByName() async throws {
        let scene = try prismScene([(rectangle(0, 0, 10, 10), 0, 3)])
        let date = CivilDate(year: 2026, month: 12, day: 22)
        func issue(
            _ grid: GroundGrid, plane: Double = 0, band: RuleProfile.Band? = nil,
            date: CivilDate = date
        ) async -> SceneIssue? {
            do {
                _ = try await groundSunHours(
                    of: scene, on: date, zone: Self.zone, profile: Self.geometric, band: band,
                    grid: grid, planeHeight: plane)
                return nil
            } catch { return error }
        }
        let ok = GroundGrid(origin: Vec2(0, 0), spacing: 1, columns: 2, rows: 2)
        #expect(await issue(GroundGrid(origin: Vec2(0, 0), spacing: 0.05, columns: 2, rows: 2))?.path == "grid.spacing")
        #expect(await issue(GroundGrid(origin: Vec2(0, 0), spacing: .nan, columns: 2, rows: 2))?.path == "grid.spacing")
        #expect(await issue(GroundGrid(origin: Vec2(0, 0), spacing: 1, columns: 0, rows: 2))?.path == "grid")
        #expect(
            await issue(GroundGrid(origin: Vec2(0, 0), spacing: 1, columns: 3_000, rows: 3_000))?.message
                .contains("4000000") == true)
        #expect(
            await issue(GroundGrid(origin: Vec2(.infinity, 0), spacing: 1, columns: 2, rows: 2))?.path == "grid.origin")
        #expect(await issue(ok, plane: -1)?.path == "planeHeight")
        #expect(await issue(ok, band: RuleProfile.Band(hours: 16, 8))?.path == "band")
        #expect(await issue(ok, date: CivilDate(year: 2026, month: 2, day: 30))?.path == "date")
        #expect(await issue(ok) == nil)
    }
}
