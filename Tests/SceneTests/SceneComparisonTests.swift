import SolarCore
import Testing

@testable import Scene

/// Before/after comparison (方案对比) against hand-built cases, brute-force ray casting,
/// and the comparison's own full evaluation (no reuse) on randomised districts.
@Suite("Before/after comparison")
struct SceneComparisonTests {
    static let flat = FlatAddress(building: "H", floor: 1, unit: "u")

    static func compare(
        _ before: [BuildingSpec], _ after: [BuildingSpec], profile: RuleProfile = .none,
        reuse: Bool = true, workers: Int = 1
    ) async throws -> SceneComparison {
        let x = try SceneDocument(site: Beijing.site, buildings: before).scene()
        let y = try SceneDocument(site: Beijing.site, buildings: after).scene()
        return try await SceneComparison.compare(
            before: x, after: y, zone: Beijing.zone, profile: profile, year: 2025,
            workers: workers, reuse: reuse)
    }

    /// Lit whole seconds of one term day, by 1-s ray casting (``BruteForce``).
    static func bruteForceLitSeconds(_ prisms: [BruteForce.Prism], point: Vec3, outward: Vec2, day: SunDay) -> Int {
        var lit = 0
        for span in day.daylight {
            var t = span.start.rounded(.up)
            while t <= span.end {
                if BruteForce.exposure(prisms, point, outward, BruteForce.sun(day, t)) == 0 { lit += 1 }
                t += 1
            }
        }
        return lit
    }

    /// A 40 m tower added 35 m south-east of a south window: the minutes lost equal the
    /// difference of 1-s ray casting before and after, and every lost stretch is the tower's.
    @Test func addedTowerSouthOfAWindowTakesTheBruteForceDifference() async throws {
        let tower = BuildingSpec(id: "T", box: BoxSpec(x: 12, y: -5 - 35 - 6, width: 14, depth: 12), height: 40)
        let c = try await Self.compare([windowBox(face: "south")], [windowBox(face: "south"), tower])
        #expect(c.changes == [BuildingChange(id: "T", kind: .added)])
        let f = try #require(c.flats.first)
        // Hand-placed: the window box spans y −5…5, so the sill centre is 1 cm south of y = −5.
        let point = Vec3(0, -5.01, 0.9)
        let house = BruteForce.Prism(
            index: 0, footprint: [Vec2(-10, -5), Vec2(10, -5), Vec2(10, 5), Vec2(-10, 5)],
            base: 0, top: 3)
        let towerPrism = BruteForce.Prism(
            index: 1, footprint: [Vec2(5, -52), Vec2(19, -52), Vec2(19, -40), Vec2(5, -40)],
            base: 0, top: 40)
        let sun = SunlightAnalyzer(
            scene: try SceneDocument(site: Beijing.site, buildings: [windowBox(face: "south")]).scene(),
            zone: Beijing.zone, profile: .none, year: 2025)
        var worst = 0.0
        var lostTerms = 0
        for name in ["冬至", "大寒", "立春", "春分"] {
            let k = sun.terms.firstIndex { $0.name.chinese == name }!
            let before = Self.bruteForceLitSeconds([house], point: point, outward: Vec2(0, -1), day: sun.days[k])
            let after = Self.bruteForceLitSeconds(
                [house, towerPrism], point: point, outward: Vec2(0, -1), day: sun.days[k])
            let t = f.terms[k]
            let engineLost = t.before.totalSeconds - t.after.totalSeconds
            let pieces = t.lost.reduce(0) { $0 + $1.durationSeconds } - t.gained.reduce(0) { $0 + $1.durationSeconds }
            worst = max(worst, abs(engineLost - Double(before - after)))
            #expect(
                abs(engineLost - Double(before - after)) <= 2,
                "\(name): engine \(engineLost) s, 1-s ray casting \(before - after) s")
            #expect(abs(pieces - engineLost) < 1e-6)
            #expect(t.lost.allSatisfy { $0.building == "T" })
            #expect(t.gained.isEmpty)
            if engineLost > 60 { lostTerms += 1 }
        }
        print(
            "added tower: lost time within \(worst) s of 1-s ray casting; \(c.reuse.windowDaysOverlaid) days overlaid")
        let full = try await Self.compare([windowBox(face: "south")], [windowBox(face: "south"), tower], reuse: false)
        #expect(Self.numbers(c) == Self.numbers(full))
        #expect(lostTerms >= 2)
    }

    /// GB 50180 zone II, large city: 大寒 needs 2 h in 8:00–16:00. A long 60 m slab 30 m
    /// south takes the whole band; the flat is pushed below, and the slab is responsible.
    @Test func newSlabPushesTheFlatBelowTheStandardAndIsNamed() async throws {
        let slab = BuildingSpec(id: "T1", box: BoxSpec(x: 0, y: -5 - 30 - 6, width: 300, depth: 12), height: 60)
        let c = try await Self.compare(
            [windowBox(face: "south")], [windowBox(face: "south"), slab], profile: .gb50180())
        let f = try #require(c.flats.first)
        #expect(f.pushedBelowStandard)
        #expect(f.responsible == ["T1"])
        #expect(c.pushedBelowStandard.map(\.flat) == [Self.flat])
        #expect(c.pushedBelowByBuilding.map(\.building) == ["T1"])
        let cold = try #require(f.verdicts.first { $0.termLongitude == RuleProfile.majorCold })
        #expect(cold.before && !cold.after)
        #expect(abs(cold.beforeBandSeconds - 480 * 60) < 60)
        #expect(cold.afterBandSeconds < 120 * 60)
    }

    /// A building reshaped behind the window's facade can never shade it: every day is
    /// reused, and the numbers equal a full evaluation.
    @Test func changeBehindTheFacadeIsReusedAndEqualsFullEvaluation() async throws {
        let far = BuildingSpec(id: "F", box: BoxSpec(x: 0, y: 60, width: 30, depth: 12), height: 30)
        var taller = far
        taller.height = 90
        let before = [windowBox(face: "south"), far]
        let after = [windowBox(face: "south"), taller]
        let reused = try await Self.compare(before, after, profile: .gb50180())
        let full = try await Self.compare(before, after, profile: .gb50180(), reuse: false)
        #expect(reused.changes == [BuildingChange(id: "F", kind: .reshaped)])
        #expect(reused.reuse.windowsReused == 1 && reused.reuse.windowDaysReused == 24)
        #expect(full.reuse.windowDaysReused == 0)
        #expect(Self.numbers(reused) == Self.numbers(full))
        #expect(reused.changedFlats.isEmpty)
    }

    /// Demolishing the same tower gives back exactly what adding it took: the gained
    /// stretches mirror the lost ones and name the demolished building.
    @Test func removedTowerGivesBackWhatAddingItTook() async throws {
        let tower = BuildingSpec(id: "T", box: BoxSpec(x: 12, y: -5 - 35 - 6, width: 14, depth: 12), height: 40)
        let added = try await Self.compare([windowBox(face: "south")], [windowBox(face: "south"), tower])
        let removed = try await Self.compare([windowBox(face: "south"), tower], [windowBox(face: "south")])
        #expect(removed.changes == [BuildingChange(id: "T", kind: .removed)])
        let a = try #require(added.flats.first)
        let r = try #require(removed.flats.first)
        var gained = 0.0
        for k in a.terms.indices {
            #expect(r.terms[k].gained == a.terms[k].lost)
            #expect(r.terms[k].lost.isEmpty)
            gained += r.terms[k].gained.reduce(0) { $0 + $1.durationSeconds }
        }
        #expect(gained > 3600)
        #expect(abs(r.netLostSeconds + a.netLostSeconds) < 1e-6)
        #expect(!r.pushedBelowStandard)
    }

    @Test func differentSitesAreRefused() async throws {
        let x = try SceneDocument(site: Beijing.site, buildings: [windowBox(face: "south")]).scene()
        var site = Beijing.site
        site.latitude = 31.2
        let y = try SceneDocument(site: site, buildings: [windowBox(face: "south")]).scene()
        await #expect(throws: SceneIssue.self) {
            _ = try await SceneComparison.compare(before: x, after: y, zone: Beijing.zone, profile: .none, year: 2025)
        }
        do {
            _ = try await SceneComparison.compare(before: x, after: y, zone: Beijing.zone, profile: .none, year: 2025)
        } catch {
            #expect(error.path == "site")
        }
    }

    // MARK: - Reuse against full evaluation

    /// Every figure of a comparison, blockers as ids, for exact equality.
    struct Numbers: Equatable {
        var flats: [String]
        var rows: [[Double]]
        var lost: [[ChangedStretch]]
        var gained: [[ChangedStretch]]
        var verdicts: [[StandardVerdict]]
        var blockers: [[String?]]
    }

    static func numbers(_ c: SceneComparison) -> Numbers {
        var n = Numbers(flats: [], rows: [], lost: [], gained: [], verdicts: [], blockers: [])
        for f in c.flats {
            n.flats.append("\(f.flat) w\(f.windowIndex)")
            n.verdicts.append(f.verdicts)
            for t in f.terms {
                n.rows.append(
                    [t.before.totalSeconds, t.after.totalSeconds, t.before.bandSeconds, t.after.bandSeconds]
                        + t.after.intervals.flatMap { [$0.start, $0.end] })
                n.lost.append(t.lost)
                n.gained.append(t.gained)
                n.blockers.append(
                    t.after.intervals.flatMap { [$0.blockedBeforeBy, $0.blockedAfterBy] }.map { $0.map(String.init) })
            }
        }
        return n
    }

    /// A random district (5–9 slabs of 2–8 floors over ±150 m, windows on random faces,
    /// some with reveals and slabs) and a random change: a tower added, a building
    /// removed, moved, raised, or its windows edited.
    static func randomPair(seed: UInt64) -> (before: [BuildingSpec], after: [BuildingSpec], change: String) {
        var rng = BruteForce.SplitMix64(state: 0xC0FF_EE00 &+ seed &* 0x51)
        var specs: [BuildingSpec] = []
        let faces = ["south", "east", "west", "north"]
        var placed: [Vec2] = []
        while specs.count < rng.int(5...9) {
            let c = Vec2(rng.uniform(-150, 150), rng.uniform(-150, 150))
            guard placed.allSatisfy({ ($0 - c).length > 45 }) else { continue }
            placed.append(c)
            let units = (0..<rng.int(1...2)).map { u in
                UnitSpec(
                    id: "u\(u)",
                    windows: [
                        WindowSpec(
                            face: faces[rng.int(0...3)], offset: rng.uniform(-3, 3), width: 1.5,
                            reveal: rng.chance(0.3) ? 0.25 : nil,
                            overhang: rng.chance(0.2) ? OverhangSpec(depth: 1, aboveSill: 2.1) : nil)
                    ])
            }
            specs.append(
                BuildingSpec(
                    id: "B\(specs.count)",
                    box: BoxSpec(
                        x: c.x, y: c.y, width: rng.uniform(20, 36),
                        depth: rng.uniform(10, 14), rotation: rng.uniform(-20, 20)),
                    floors: rng.int(2...8), floorHeight: 3, units: units))
        }
        var after = specs
        let change: String
        switch rng.int(0...6) {
        case 0, 5, 6:
            var c = Vec2(0, 0)
            repeat {
                c = Vec2(rng.uniform(-170, 170), rng.uniform(-170, 170))
            } while !placed.allSatisfy { ($0 - c).length > 40 }
            after.insert(
                BuildingSpec(id: "T", box: BoxSpec(x: c.x, y: c.y, width: 16, depth: 16), height: rng.uniform(40, 100)),
                at: rng.int(0...after.count))
            change = "tower added at \(c)"
        case 1:
            let i = rng.int(0...(after.count - 1))
            change = "\(after[i].id) removed"
            after.remove(at: i)
        case 2:
            let i = rng.int(0...(after.count - 1))
            after[i].box!.x += rng.uniform(-8, 8)
            after[i].box!.y += rng.uniform(-8, 8)
            change = "\(after[i].id) moved"
        case 3:
            let i = rng.int(0...(after.count - 1))
            after[i].floors! += rng.int(2...10)
            change = "\(after[i].id) raised"
        default:
            let i = rng.int(0...(after.count - 1))
            after[i].units![0].windows[0].reveal = 0.4
            change = "\(after[i].id) windows edited"
        }
        return (specs, after, change)
    }

    @Test("Reuse gives the numbers of full evaluation on randomised districts", arguments: 0..<4)
    func reuseEqualsFullEvaluation(chunk: Int) async throws {
        var reused = 0
        var overlaid = 0
        var total = 0
        var changed = 0
        for seed in stride(from: chunk, to: 24, by: 4) {
            let (before, after, change) = Self.randomPair(seed: UInt64(seed))
            // Every third seed counts the whole sill (满窗): five points per window, no overlay.
            var profile = RuleProfile.gb50180()
            if seed % 3 == 2 { profile.calculationPoint = .wholeSill }
            let fast = try await Self.compare(before, after, profile: profile, workers: 2)
            let full = try await Self.compare(before, after, profile: profile, reuse: false)
            #expect(Self.numbers(fast) == Self.numbers(full), "seed \(seed): \(change)")
            #expect(fast.changes.count == 1, "seed \(seed): \(change) gave \(fast.changes)")
            reused += fast.reuse.windowDaysReused
            overlaid += fast.reuse.windowDaysOverlaid
            total += fast.reuse.windowDays
            changed += fast.changedFlats.count
        }
        print(
            "reuse chunk \(chunk): \(reused) of \(total) window-days reused, \(overlaid) overlaid; \(changed) flats changed"
        )
        // Every path is exercised: days reused, overlaid and recomputed, and flats changed.
        #expect(reused > 0 && reused + overlaid < total)
        #expect(overlaid > 0)
        #expect(changed > 0)
    }
}
