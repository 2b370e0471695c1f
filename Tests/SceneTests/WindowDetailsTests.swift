import Foundation
import SolarCore
import SunSpotIO
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reveals, recesses and slabs against geometry derived by hand.
///
/// The references never look at the engine's prisms. They work in the window's own frame
/// (u along the facade, v out of the wall, z up), derived from the box's rotation: the ray
/// from the point in front of the glass is lit when it leaves the reveal slot and the
/// recess within their widths and below their heads, misses the slab (a ray–box test),
/// misses every other building (the brute-force ray test of ``BruteForce``) and the sun is
/// in front of the facade. Sun directions are SolarCore's (the engine's source too), so
/// what is compared is the geometry.
@Suite("Real windows: reveals, recesses and slabs")
struct WindowDetailsTests {
    static let flat = FlatAddress(building: "H", floor: 1, unit: "u")

    /// The local reference of one window: everything a hand derivation needs.
    struct LocalWindow {
        var along: Vec2
        var outward: Vec2
        /// The calculation point.
        var point: Vec3
        /// Window width, reveal, recess depth/width, heights (absolute z).
        var width: Double
        var reveal: Double
        var recessDepth = 0.0
        var recessWidth = 0.0
        var head: Double
        var recessTop = Double.infinity
        /// Top of the own building.
        var roof = 3.0
        /// Slab: half width, depth, underside and top (absolute z).
        var slab: (half: Double, depth: Double, base: Double, top: Double)?
        /// Other buildings, for the brute-force ray test.
        var others: [BruteForce.Prism] = []

        /// The glass's distance behind the outer wall face.
        var glass: Double { recessDepth + reveal }

        func lit(_ s: Vec3) -> Bool {
            let su = s.x * along.x + s.y * along.y
            let sv = s.x * outward.x + s.y * outward.y
            guard sv > 0, s.z > 0 else { return false }
            // Ray from (0, v0, z0): at v, u = (v − v0)·su/sv and z = z0 + (v − v0)·sz/sv.
            let v0 = 0.01 - glass
            func at(_ v: Double) -> (u: Double, z: Double) { ((v - v0) * su / sv, point.z + (v - v0) * s.z / sv) }
            // The wall ends at the roof: a ray that climbs over it inside a slot is free.
            let overRoof = v0 + (roof - point.z) * sv / s.z
            func leaves(_ from: Double, _ to: Double, halfWidth: Double, top: Double) -> Bool {
                guard from < overRoof else { return true }
                let e = at(min(to, overRoof))
                return abs(e.u) <= halfWidth + 1e-12 && (top >= roof || e.z <= top)
            }
            if reveal > 0 && !leaves(v0, -recessDepth, halfWidth: width / 2, top: head) { return false }
            if recessDepth > 0 && !leaves(-recessDepth, 0, halfWidth: recessWidth / 2, top: recessTop) { return false }
            if let slab, rayHitsBox(v0: v0, su: su, sv: sv, sz: s.z, slab) { return false }
            return BruteForce.exposure(others, point, outward, s) == 0
        }

        /// Slab method on the box |u| ≤ half, 0 ≤ v ≤ depth, base ≤ z ≤ top.
        func rayHitsBox(
            v0: Double, su: Double, sv: Double, sz: Double,
            _ b: (half: Double, depth: Double, base: Double, top: Double)
        ) -> Bool {
            var lo = 0.0
            var hi = Double.infinity
            for (origin, dir, a, c) in [(0.0, su, -b.half, b.half), (v0, sv, 0, b.depth), (point.z, sz, b.base, b.top)]
            {
                if abs(dir) < 1e-15 {
                    if origin < a || origin > c { return false }
                    continue
                }
                let t1 = (a - origin) / dir
                let t2 = (c - origin) / dir
                lo = max(lo, min(t1, t2))
                hi = min(hi, max(t1, t2))
            }
            return lo < hi
        }
    }

    /// A one-storey box (20 × 10 m, rotated), one window on its south face, and the
    /// reference frame of that window.
    static func scene(
        rotation: Double, window: WindowSpec, floors: Int = 1, others: [BuildingSpec] = [],
        profile: RuleProfile = .none
    ) throws -> (SunlightAnalyzer, LocalWindow) {
        let box = BuildingSpec(
            id: "H", box: BoxSpec(x: 0, y: 0, width: 20, depth: 10, rotation: rotation),
            floors: floors, floorHeight: 3, units: [UnitSpec(id: "u", windows: [window])])
        let a = try analyzer([box] + others, profile: profile)
        let r = rotation * Double.pi / 180
        let along = Vec2(cos(r), sin(r))
        let outward = Vec2(sin(r), -cos(r))
        let glass = (window.recess?.depth ?? 0) + (window.reveal ?? 0)
        let centre = Vec2(0, 0) + outward * 5 + along * window.offset
        let xy = centre + outward * (0.01 - glass)
        let sill = window.sill ?? 0.9
        var local = LocalWindow(
            along: along, outward: outward, point: Vec3(xy.x, xy.y, sill), width: window.width,
            reveal: window.reveal ?? 0, head: sill + (window.height ?? 3 - sill))
        local.roof = 3 * Double(floors)
        if let recess = window.recess {
            local.recessDepth = recess.depth
            local.recessWidth = recess.width
            local.recessTop = recess.height ?? 3
        }
        if let o = window.overhang {
            let base = sill + o.aboveSill
            local.slab = (window.width / 2 + (o.extend ?? 0), o.depth, base, base + (o.thickness ?? 0.1))
        }
        local.others = a.scene.buildings.enumerated().dropFirst().map { i, b in
            BruteForce.Prism(index: i, footprint: b.footprint, base: b.baseMeters, top: b.topMeters)
        }
        // The own box, behind the facade, can only block through its window details (above).
        return (a, local)
    }

    /// Instants where `lit` changes on a term day: scanned every 10 s, bisected to 1 ms.
    static func referenceBoundaries(_ a: SunlightAnalyzer, term k: Int, _ lit: (Vec3) -> Bool) -> [Double] {
        let day = a.days[k]
        var out: [Double] = []
        for span in day.daylight {
            var t = span.start + 1e-3
            var state = lit(BruteForce.sun(day, t))
            while t < span.end - 1e-3 {
                let next = min(t + 10, span.end - 1e-3)
                let ns = lit(BruteForce.sun(day, next))
                if ns != state {
                    var lo = t
                    var hi = next
                    while hi - lo > 1e-3 {
                        let m = (lo + hi) / 2
                        if lit(BruteForce.sun(day, m)) == state { lo = m } else { hi = m }
                    }
                    out.append((lo + hi) / 2)
                    state = ns
                }
                t = next
            }
        }
        return out
    }

    /// The engine's interval ends that are not sunrise/sunset (daylight span ends).
    static func engineBoundaries(_ a: SunlightAnalyzer, _ row: TermRowResult, term k: Int) -> [Double] {
        let spanEnds = a.days[k].daylight.flatMap { [$0.start, $0.end] }
        return row.intervals.flatMap { [$0.start, $0.end] }.filter { t in !spanEnds.contains { abs($0 - t) < 1e-6 } }
    }

    static func termIndex(_ a: SunlightAnalyzer, _ chinese: String) -> Int {
        a.terms.firstIndex { $0.name.chinese == chinese }!
    }

    /// Engine against the hand-derived boundaries on several terms; returns the max deviation.
    static func checkBoundaries(
        _ a: SunlightAnalyzer, _ local: LocalWindow, terms: [String],
        tolerance: Double
    ) throws -> (deviation: Double, boundaries: Int) {
        let table = try a.table(for: flat)
        var worst = 0.0
        var count = 0
        for name in terms {
            let k = termIndex(a, name)
            let reference = referenceBoundaries(a, term: k, local.lit)
            let engine = engineBoundaries(a, table.row(name), term: k)
            #expect(
                engine.count == reference.count,
                "\(name): engine \(engine.map(BruteForce.clock)) vs reference \(reference.map(BruteForce.clock))")
            for (e, r) in zip(engine, reference) {
                worst = max(worst, abs(e - r))
                #expect(
                    abs(e - r) < tolerance, "\(name): engine \(BruteForce.clock(e)) vs reference \(BruteForce.clock(r))"
                )
            }
            count += reference.count
        }
        return (worst, count)
    }

    // MARK: - Hand-derived cut-offs

    /// A slab of depth d at h above the sill of a facade blocks the sun exactly when the
    /// ray reaches the slab's plane in front of the wall within its width: with the
    /// profile angle β (tan β = tan(elevation)/cos(azimuth − facing)), when tan β > h/d′
    /// (d′ = d − 1 cm, the point being 1 cm out). The slab runs 30 m past each side so
    /// only that condition matters while the sun is in front.
    @Test func overhangBlocksWhenTheProfileAngleExceedsHeightOverDepth() throws {
        var worst = 0.0
        var total = 0
        for (rotation, d, h) in [(0.0, 1.2, 0.8), (35.0, 1.5, 1.6), (-50.0, 0.9, 1.1)] {
            let window = WindowSpec(
                face: "south", offset: 2, width: 1.5,
                overhang: OverhangSpec(depth: d, aboveSill: h, extend: 30))
            let (a, local) = try Self.scene(rotation: rotation, window: window)
            // The derivation itself, on one instant: the ray test equals tan β > h/d′ (sun in front).
            let k = Self.termIndex(a, "夏至")
            for t in stride(from: a.days[k].daylight[0].start + 60, to: a.days[k].daylight[0].end, by: 600) {
                let s = BruteForce.sun(a.days[k], t)
                let sv = s.x * local.outward.x + s.y * local.outward.y
                guard sv > 0.05 else { continue }
                let tanProfile = s.z / sv
                #expect(local.lit(s) == (tanProfile * (d - 0.01) < h))
            }
            let (dev, n) = try Self.checkBoundaries(a, local, terms: ["夏至", "春分", "冬至", "立夏"], tolerance: 0.5)
            worst = max(worst, dev)
            total += n
        }
        print("overhang cut-offs: \(total) boundaries, max deviation \(worst) s from the hand-derived instants")
        #expect(total >= 6)
    }

    /// A reveal r deep: the sill-centre point (r − 1 cm behind the outer face) sees the sun
    /// through the opening while |tan(azimuth − facing)| ≤ (w/2)/(r − 1 cm) (the jambs) and
    /// tan β ≤ (head − sill)/(r − 1 cm) (the head).
    @Test func revealJambsAndHeadCutTheSunWhereHandGeometrySays() throws {
        var worst = 0.0
        var total = 0
        for (rotation, r, height) in [(0.0, 0.3, 0.8), (20.0, 0.45, 1.8), (-30.0, 0.25, 1.2)] {
            let window = WindowSpec(face: "south", offset: -3, width: 1.2, height: height, reveal: r)
            let (a, local) = try Self.scene(rotation: rotation, window: window)
            let k = Self.termIndex(a, "夏至")
            for t in stride(from: a.days[k].daylight[0].start + 60, to: a.days[k].daylight[0].end, by: 600) {
                let s = BruteForce.sun(a.days[k], t)
                let su = s.x * local.along.x + s.y * local.along.y
                let sv = s.x * local.outward.x + s.y * local.outward.y
                guard sv > 0.05 else { continue }
                let depth = r - 0.01
                #expect(local.lit(s) == (abs(su / sv) * depth <= 0.6 && s.z / sv * depth <= height))
            }
            let (dev, n) = try Self.checkBoundaries(a, local, terms: ["夏至", "春分", "冬至", "立秋"], tolerance: 0.5)
            worst = max(worst, dev)
            total += n
        }
        print("reveal cut-offs: \(total) boundaries, max deviation \(worst) s from the hand-derived instants")
        #expect(total >= 6)
    }

    @Test func ownSlabIsNamedAsTheBlocker() throws {
        let window = WindowSpec(
            face: "south", offset: 0, width: 1.5,
            overhang: OverhangSpec(depth: 1.5, aboveSill: 1.6, extend: 30))
        let (a, _) = try Self.scene(rotation: 35, window: window)
        let intervals = try a.table(for: Self.flat).rows.flatMap(\.intervals)
        let blockers = intervals.flatMap { [$0.blockedBeforeBy, $0.blockedAfterBy] }.compactMap { $0 }
        // The slab ends or starts some stretches, and it is the window's own building (index 0).
        #expect(!blockers.isEmpty)
        #expect(blockers.allSatisfy { $0 == 0 })
    }

    @Test func flushWindowWithoutDetailsIsUnchanged() throws {
        let plain = try Self.scene(rotation: 10, window: WindowSpec(face: "south", offset: 0, width: 1.5)).0
        let detailed = try Self.scene(
            rotation: 10,
            window: WindowSpec(
                face: "south", offset: 0, width: 1.5,
                height: 1.5)
        ).0
        let p = try plain.table(for: Self.flat)
        let d = try detailed.table(for: Self.flat)
        #expect(p.rows.map(\.totalSeconds) == d.rows.map(\.totalSeconds))
        #expect(p.point == d.point)
    }

    // MARK: - Brute force

    /// Random reveals, recesses, slabs, facings, floors and a neighbour, against 1-s ray
    /// casting with the local reference: boundaries within 2 s.
    @Test func randomWindowsMatchOneSecondRayCasting() throws {
        var worst = 0.0
        var boundaries = 0
        var mismatched = 0
        for seed in 0..<12 {
            let (window, a, local) = try Self.randomCase(seed: UInt64(seed))
            let table = try a.table(for: Self.flat)
            for name in ["冬至", "春分", "夏至"] {
                let k = Self.termIndex(a, name)
                let day = a.days[k]
                let row = table.row(name)
                let engine = Self.engineBoundaries(a, row, term: k)
                boundaries += engine.count
                for span in day.daylight {
                    var t = span.start.rounded(.up)
                    var previous: (t: Double, lit: Bool)?
                    while t <= span.end {
                        let lit = local.lit(BruteForce.sun(day, t))
                        let engineLit = row.intervals.contains { $0.start <= t && t < $0.end }
                        let nearBoundary = engine.contains { abs($0 - t) <= 2 }
                        if lit != engineLit && !nearBoundary {
                            mismatched += 1
                            if mismatched < 5 {
                                Issue.record(
                                    "seed \(seed) \(name) \(BruteForce.clock(t)): reference \(lit), engine \(engineLit); \(window)"
                                )
                            }
                        }
                        if let p = previous, p.lit != lit {
                            // A reference transition: the nearest engine boundary must be within 2 s.
                            let nearest = engine.map { abs($0 - (p.t + t) / 2) }.min() ?? .infinity
                            worst = max(worst, nearest)
                            #expect(
                                nearest <= 2,
                                "seed \(seed) \(name): reference transition at \(BruteForce.clock(t)) has no engine boundary within 2 s"
                            )
                        }
                        previous = (t, lit)
                        t += 1
                    }
                }
            }
        }
        print(
            "random windows vs 1-s ray casting: \(boundaries) engine boundaries, max deviation \(worst) s, \(mismatched) mismatched seconds"
        )
        #expect(boundaries > 20)
    }

    /// One random window (reveal, recess, slab, facing) with a neighbour 15–40 m in front.
    static func randomCase(seed: UInt64) throws -> (WindowSpec, SunlightAnalyzer, LocalWindow) {
        var rng = BruteForce.SplitMix64(state: 0xD07A_1100 &+ seed &* 0x9E37)
        let width = rng.uniform(0.8, 2.4)
        let reveal = rng.chance(0.7) ? rng.uniform(0.1, 0.6) : nil
        let recess: RecessSpec? =
            rng.chance(0.5)
            ? RecessSpec(
                depth: rng.uniform(0.3, 1.8), width: width + rng.uniform(0, 2.5),
                height: rng.chance(0.5) ? rng.uniform(2.3, 3) : nil) : nil
        let height = rng.uniform(1.2, 1.4)
        let overhang: OverhangSpec? =
            rng.chance(0.6)
            ? OverhangSpec(
                depth: rng.uniform(0.4, 2), aboveSill: rng.uniform(height, 2.1),
                extend: rng.uniform(0, 1.5), thickness: rng.uniform(0.05, 0.3)) : nil
        let window = WindowSpec(
            face: "south", offset: rng.uniform(-4, 4), width: width, height: height,
            reveal: reveal, recess: recess, overhang: overhang)
        let rotation = rng.uniform(-80, 80)
        let r = rotation * Double.pi / 180
        let out = Vec2(sin(r), -cos(r))
        let c = out * (5 + rng.uniform(15, 40)) + Vec2(cos(r), sin(r)) * rng.uniform(-20, 20)
        let neighbour = BuildingSpec(
            id: "N",
            box: BoxSpec(
                x: c.x, y: c.y, width: rng.uniform(8, 30),
                depth: rng.uniform(6, 12), rotation: rng.uniform(0, 90)),
            height: rng.uniform(6, 40))
        let (a, local) = try Self.scene(
            rotation: rotation, window: window, floors: rng.chance(0.5) ? 1 : 3,
            others: [neighbour])
        return (window, a, local)
    }

    // MARK: - Validation

    @Test func badDetailsNameTheirPath() throws {
        func issues(_ w: WindowSpec) -> [String] {
            let box = BuildingSpec(
                id: "H", box: BoxSpec(x: 0, y: 0, width: 20, depth: 10), floors: 2, floorHeight: 3,
                units: [UnitSpec(id: "u", windows: [w])])
            do {
                _ = try SceneDocument(site: Beijing.site, buildings: [box]).scene()
                return []
            } catch let e as SceneValidationError {
                return e.issues.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }
        let p = "buildings[0].units[0].windows[0]"
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, reveal: -0.2)) == [
                "\(p).reveal must be within 0.01...2 m"
            ])
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, reveal: 11)).first
                == "\(p).reveal must be within 0.01...2 m")
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, height: 2.5)).first?.hasPrefix(
                "\(p).height must be within") == true)
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, overhang: OverhangSpec(depth: 0, aboveSill: 2)))
                == ["\(p).overhang.depth must be within 0.05...20 m"])
        #expect(
            issues(
                WindowSpec(
                    face: "south", offset: 0, width: 1.5, height: 1.5,
                    overhang: OverhangSpec(depth: 1, aboveSill: 1))
            ).first?.hasPrefix("\(p).overhang.aboveSill is below") == true)
        #expect(
            issues(
                WindowSpec(
                    face: "south", offset: 0, width: 1.5, overhang: OverhangSpec(depth: 1, aboveSill: 2, extend: .nan)))
                == ["\(p).overhang.extend must be a finite number"])
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, recess: RecessSpec(depth: 1, width: 1)))
                == ["\(p).recess.width must be at least the window's width (1.5 m)"])
        #expect(
            issues(WindowSpec(face: "south", offset: 8, width: 1.5, recess: RecessSpec(depth: 1, width: 5))).first?
                .hasPrefix("\(p).recess.width puts the recess past") == true)
        #expect(
            issues(
                WindowSpec(
                    face: "south", offset: 0, width: 1.5, height: 1.8,
                    recess: RecessSpec(depth: 1, width: 3, height: 2))
            ).first?
            .hasPrefix("\(p).recess.height is below the window's head") == true)
        // A recess deeper than the building (10 m) cuts it in two.
        #expect(
            issues(WindowSpec(face: "south", offset: 0, width: 1.5, recess: RecessSpec(depth: 9.9, width: 3))) == [])
        #expect(
            issues(
                WindowSpec(face: "south", offset: 0, width: 1.5, reveal: 0.5, recess: RecessSpec(depth: 9.8, width: 3))
            )
            .first?.hasPrefix("\(p).recess.depth cuts through") == true)
    }

    @Test func strictDecodingNamesUnknownAndMistypedDetailFields() {
        func issues(_ window: String) -> [String] {
            let json = """
                {"version": 1, "site": {"latitude": 39.9, "longitude": 116.4, "timeZone": "Asia/Shanghai"},
                 "buildings": [{"id": "H", "box": {"x": 0, "y": 0, "width": 20, "depth": 10}, "floors": 2,
                   "floorHeight": 3, "units": [{"id": "u", "windows": [\(window)]}]}]}
                """
            do {
                _ = try SceneLoader.decode(Data(json.utf8))
                return []
            } catch {
                return error.issues.map(\.description)
            }
        }
        let p = "buildings[0].units[0].windows[0]"
        #expect(
            issues(
                #"{"face": "south", "offset": 0, "width": 1.5, "overhang": {"depth": 1, "aboveSill": 2, "dept": 3}}"#
            )
            .first?.hasPrefix("\(p).overhang.dept is not a field") == true)
        #expect(
            issues(#"{"face": "south", "offset": 0, "width": 1.5, "recess": {"depth": 1, "width": 3, "hieght": 2}}"#)
                .first?.hasPrefix("\(p).recess.hieght is not a field") == true)
        #expect(
            issues(#"{"face": "south", "offset": 0, "width": 1.5, "reveal": "thick"}"#) == [
                "\(p).reveal must be a number"
            ])
        #expect(
            issues(#"{"face": "south", "offset": 0, "width": 1.5, "overhang": {"depth": 1}}"#)
                == ["\(p).overhang.aboveSill is required"])
        #expect(
            issues(
                #"{"face": "south", "offset": 0, "width": 1.5, "reveal": 0.3, "height": 1.6, "#
                    + #""recess": {"depth": 0.6, "width": 2.4}, "overhang": {"depth": 1.2, "aboveSill": 2.1}}"#) == [])
    }
}
