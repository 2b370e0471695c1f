import SolarCore
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Point queries against hand geometry and the brute-force ray reference.
@Suite("Point query")
struct PointQueryTests {
    /// A 10 × 10 × 20 m box; a ground point 15 m south of its south face. Sun due north at
    /// 30°: the ray meets the face 15·tan 30° = 8.66 m up, so the box blocks it, 15 / cos 30°
    /// = 17.32 m away; at 60° it passes 25.98 m up, over the roof.
    @Test func handCasesNameTheBlockerAndTheReason() throws {
        let scene = try prismScene([(rectangle(-5, -5, 5, 5), 0, 20), (rectangle(40, 40, 50, 50), 0, 3)])
        let q = try PointQuery(scene: scene, point: Vec3(0, -20, 0))
        let low = q.exposure(towardSun: sunToward(azimuth: 0, elevation: 30))
        guard case let .shaded(index) = low,
            let distance = q.blockerDistanceMeters(towardSun: sunToward(azimuth: 0, elevation: 30))
        else {
            Issue.record("expected shaded, got \(low)")
            return
        }
        let id = scene.buildings[index].id
        #expect(index == 0 && id == "P0")
        #expect(abs(distance - 15 / cos(30 * Double.pi / 180)) < 1e-9)
        #expect(q.exposure(towardSun: sunToward(azimuth: 0, elevation: 60)) == .sunlit)
        #expect(q.exposure(towardSun: sunToward(azimuth: 180, elevation: 20)) == .sunlit)
        #expect(q.exposure(towardSun: sunToward(azimuth: 0, elevation: -2)) == .sunBelowHorizon)
        // On the north face, looking north: a southern sun is behind the facade; with a 20°
        // sweep, a sun 15° off the facade plane is too.
        let wall = try PointQuery(scene: scene, point: Vec3(0, 5.01, 1), outward: Vec2(0, 3))
        #expect(wall.outward == Vec2(0, 1))
        #expect(wall.exposure(towardSun: sunToward(azimuth: 180, elevation: 20)) == .behindFacade)
        #expect(wall.exposure(towardSun: sunToward(azimuth: 75, elevation: 20)) == .sunlit)
        let swept = try PointQuery(scene: scene, point: Vec3(0, 5.01, 1), outward: Vec2(0, 1), minimumSweepDegrees: 20)
        #expect(swept.exposure(towardSun: sunToward(azimuth: 75, elevation: 20)) == .behindFacade)
        // A point inside the box is inside it (its ray starts inside), not shaded 0 m away.
        #expect(
            try PointQuery(scene: scene, point: Vec3(0, 0, 5)).exposure(towardSun: sunToward(azimuth: 0, elevation: 45))
                == .insideBuilding(0))
        #expect(
            try PointQuery(scene: scene, point: Vec3(0, 0, 5)).blockerDistanceMeters(
                towardSun: sunToward(azimuth: 0, elevation: 45))
                == nil)
    }

    /// Issue 13 item 4: a point inside a building is said to be inside it, at every instant
    /// and all day; one on a face, or within 1 mm of it (``PointQuery/insideToleranceMeters``),
    /// is outside. Hand geometry: a 10 × 10 × 20 m box on the ground and a slab raised
    /// 10…12 m over x 20…30.
    @Test func pointsInsideABuildingSayWhichOne() throws {
        let scene = try prismScene([(rectangle(-5, -5, 5, 5), 0, 20), (rectangle(20, -5, 30, 5), 10, 12)])
        let inside = try PointQuery(scene: scene, point: Vec3(0, 0, 5))
        #expect(inside.insideBuilding == 0)
        for (azimuth, elevation) in [(0.0, 45.0), (180, 10), (90, -5)] {
            #expect(inside.exposure(towardSun: sunToward(azimuth: azimuth, elevation: elevation)) == .insideBuilding(0))
        }
        let day = try inside.day(
            CivilDate(year: 2026, month: 6, day: 21), zone: FixedOffsetZone(hours: 8),
            profile: GroundSunHoursTests.geometric, band: RuleProfile.Band(hours: 8, 16))
        #expect(day.intervals.isEmpty && day.totalSeconds == 0 && day.bandSeconds == 0)
        #expect(!day.stretches.isEmpty && day.stretches.allSatisfy { $0.state == .insideBuilding(0) })
        let t = PointQuery.insideToleranceMeters
        let cases: [(Vec3, Int?, String)] = [
            (Vec3(0, -5, 5), nil, "on the south wall face"),
            (Vec3(0, -5 + t / 2, 5), nil, "half the tolerance inside the south wall"),
            (Vec3(0, -5 + 2 * t, 5), 0, "twice the tolerance inside the south wall"),
            (Vec3(5, 5, 5), nil, "on the north-east corner edge"),
            (Vec3(0, 0, 20), nil, "on the roof"),
            (Vec3(0, 0, 20 - t / 2), nil, "half the tolerance under the roof"),
            (Vec3(0, 0, 20 - 2 * t), 0, "twice the tolerance under the roof"),
            (Vec3(0, 0, 0), 0, "on the ground in the plan of a building standing on it"),
            (Vec3(25, 0, 10), nil, "on the raised slab's underside"),
            (Vec3(25, 0, 10 + 2 * t), 1, "just inside the raised slab"),
            (Vec3(25, 0, 5), nil, "under the raised slab"),
        ]
        for (p, expected, what) in cases {
            #expect(try PointQuery(scene: scene, point: p).insideBuilding == expected, "\(what): \(p)")
        }
        // On the south face the point is outside: the answers never say it is inside.
        #expect(
            try PointQuery(scene: scene, point: Vec3(0, -5, 5)).exposure(
                towardSun: sunToward(azimuth: 180, elevation: 30))
                != .insideBuilding(0))
    }

    /// Random scenes, their wall points (with facades) and free points on the ground and in
    /// the air, random suns: the exposure equals the reference's (nearest prism entered by
    /// its own ray test; behind the facade when the sun is not in front), distances to 1e-9.
    @Test func instantQueriesMatchBruteForce() throws {
        var count = 0
        var kinds = Set<Int>()
        for seed in 0..<60 {
            let random = BruteForce.RandomScene(seed: UInt64(200 + seed))
            let scene = try randomGroundScene(random)
            var rng = BruteForce.SplitMix64(state: 0x9017 &+ UInt64(seed))
            var points: [(Vec3, Vec2?)] = random.points.map { ($0.point, $0.outward) }
            for _ in 0..<6 {
                points.append((Vec3(rng.uniform(-100, 100), rng.uniform(-100, 100), rng.uniform(0, 40)), nil))
            }
            for (p, n) in points {
                let query = try PointQuery(scene: scene, point: p, outward: n)
                for _ in 0..<25 {
                    let s = sunToward(azimuth: rng.uniform(0, 360), elevation: rng.uniform(-5, 85))
                    let got = query.exposure(towardSun: s)
                    var code = 0
                    var best = Double.infinity
                    if s.z <= 0 {
                        code = -2
                    } else if let n, s.x * n.x + s.y * n.y <= 0 {
                        code = -1
                    } else {
                        for prism in random.prisms {
                            if let l = BruteForce.entry(prism, p, s), l < best {
                                best = l
                                code = prism.index + 1
                            }
                        }
                    }
                    switch got {
                    case .sunBelowHorizon: #expect(code == -2)
                    case .behindFacade: #expect(code == -1)
                    case .sunlit: #expect(code == 0, "seed \(200 + seed) \(p) \(s)")
                    case let .insideBuilding(index):
                        // The reference's ray starts inside the prism: entered first, at 0 m.
                        #expect(code == -2 || (code == index + 1 && best == 0), "seed \(200 + seed) \(p) \(s)")
                    case let .shaded(index):
                        let id = scene.buildings[index].id
                        #expect(code == index + 1 && id == "P\(index)", "seed \(200 + seed) \(p) \(s)")
                        #expect(abs(query.blockerDistanceMeters(towardSun: s)! - best) < 1e-9)
                    }
                    kinds.insert(code > 0 ? 1 : code)
                    count += 1
                }
            }
        }
        print("point query vs brute force: \(count) instants")
        #expect(kinds == [-2, -1, 0, 1])
    }

    /// A point's day against 1-s ray casting: same exposure at every sampled second more than
    /// 2 s from a boundary, totals within 1 s per boundary; the instant query agrees with the
    /// day's stretch at random instants.
    @Test func dayIntervalsMatchBruteForce() throws {
        var boundaries = 0
        for seed in 0..<8 {
            let random = BruteForce.RandomScene(seed: UInt64(300 + seed))
            let scene = try randomGroundScene(random)
            var rng = BruteForce.SplitMix64(state: 0x51 &+ UInt64(seed))
            let prism = random.prisms[0]
            let p = Vec3(
                rng.uniform(prism.minX - 30, prism.maxX + 30), rng.uniform(prism.minY - 30, prism.maxY + 30),
                rng.uniform(0, 10))
            let query = try PointQuery(scene: scene, point: p)
            let day = try query.day(
                random.date, zone: FixedOffsetZone(hours: 8), profile: GroundSunHoursTests.geometric,
                band: RuleProfile.Band(hours: 9, 15))
            let cuts = day.stretches.flatMap { [$0.start, $0.end] }
            let solar = SolarDay(site: scene.site, date: random.date, zone: FixedOffsetZone(hours: 8))
            var lit = 0.0
            for stretch in day.stretches {
                var t = stretch.start.rounded(.up)
                while t < stretch.end {
                    let d = solar.position(at: Instant(secondsSince1970: t)).direction
                    let s = Vec3(d.x, d.y, d.z)
                    var code = 0
                    var best = Double.infinity
                    for prism in random.prisms {
                        if let l = BruteForce.entry(prism, p, s), l < best {
                            best = l
                            code = prism.index + 1
                        }
                    }
                    if code == 0 { lit += 1 }
                    if !cuts.contains(where: { abs($0 - t) <= 2 }) {
                        #expect(BruteForce.code(stretch.state) == code, "seed \(300 + seed) at \(t)")
                    }
                    t += 1
                }
            }
            #expect(abs(lit - day.totalSeconds) <= Double(day.stretches.count) + 2)
            #expect(day.bandSeconds <= 6 * 3600 + 30 && day.bandSeconds <= day.totalSeconds)
            boundaries += day.stretches.count - 1
            for _ in 0..<20 {
                let t = rng.uniform(day.stretches.first!.start, day.stretches.last!.end)
                guard !cuts.contains(where: { abs($0 - t) < 0.5 }) else { continue }
                let stretch = day.stretches.first { $0.start <= t && t < $0.end }!
                let (now, sun) = query.exposure(at: Instant(secondsSince1970: t))
                #expect(sun.elevationDegrees > 0)
                switch now {
                case .sunlit: #expect(stretch.state == .sunlit)
                case let .shaded(index): #expect(stretch.state == .shaded(by: index))
                default: Issue.record("unexpected \(now) at \(t)")
                }
            }
        }
        #expect(boundaries > 4)
    }

    @Test func badQueriesAreRejectedByName() throws {
        let scene = try prismScene([(rectangle(-5, -5, 5, 5), 0, 20)])
        func path(_ body: () throws -> Void) -> String? {
            do { try body() } catch { return (error as? SceneIssue)?.path ?? "not a SceneIssue: \(error)" }
            return nil
        }
        #expect(path { _ = try PointQuery(scene: scene, point: Vec3(.nan, 0, 0)) } == "point.x")
        #expect(path { _ = try PointQuery(scene: scene, point: Vec3(0, 2e5, 0)) } == "point.y")
        #expect(path { _ = try PointQuery(scene: scene, point: Vec3(0, 0, -1)) } == "point.z")
        #expect(path { _ = try PointQuery(scene: scene, point: Vec3(0, 0, 1), outward: Vec2(0, 0)) } == "outward")
        #expect(
            path { _ = try PointQuery(scene: scene, point: Vec3(0, 0, 1), minimumSweepDegrees: 95) }
                == "minimumSweepDegrees")
        #expect(
            path {
                _ = try PointQuery(scene: scene, point: Vec3(0, -20, 0)).day(
                    CivilDate(year: 2026, month: 13, day: 1),
                    zone: FixedOffsetZone(hours: 8), profile: .none)
            } == "date")
    }
}
