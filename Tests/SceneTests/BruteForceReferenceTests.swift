import SolarCore
import Synchronization
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exact engine against a brute-force reference on randomised scenes.
///
/// The reference shares nothing with the engine's geometry: it casts the ray toward the
/// sun at every whole second of each daylight span against every prism with its own
/// ray–prism test (`BruteForce.entry`) and its own even–odd point-in-polygon test, and
/// turns the lit/unlit seconds into intervals. Both sides use the same sun: the engine
/// its `SunDay.direction(at:)`, the reference the day's SolarCore path
/// (`SolarDay.position(at:)`) that the engine tables it from. What is under test is the
/// geometry, the culling and the root finding, not the ephemeris (SolarCore has its own
/// reference tests); the daylight spans are the engine's.
///
/// Each seed builds a scene of 3–6 prisms within about ±80 m of the origin (axis-aligned
/// boxes, rotated boxes, L- and U-shaped courtyard footprints, raised volumes with a base
/// of 5–20 m, and now and then a raised slab over a box reaching out past its face), puts
/// two calculation points on outer wall faces of box buildings (1 cm out, the first on the
/// face turned most toward the equator) and one next to a concave inner corner
/// (self-shading), and picks a site (20…50° N; seeds 3, 28, 53, 78 at 20…50° S), a year
/// 2000–2040, a day near 冬至/大寒/春分/夏至, UTC+8 and no refraction. A failure prints
/// the seed, the scene as `Obstacle(...)` literals, the points and the times in UTC+8.
///
/// Agreement required: the same number of sunlit intervals (intervals and gaps shorter
/// than 3 s, which 1-s sampling cannot resolve, are set aside on both sides), every
/// boundary within 2 s, total sunlit time within 5 s, and the exposure the engine gives
/// (sunlit / shaded by building k / behind the facade) equal to the reference's nearest
/// blocking prism at every sampled second more than 2 s from an engine boundary.
@Suite("Brute-force reference (randomised scenes)")
struct BruteForceReferenceTests {
    static let seedCount = 80
    static let chunkCount = 8

    @Test("Engine matches 1-s ray casting", arguments: 0..<chunkCount)
    func engineMatchesRayCasting(chunk: Int) {
        let seeds = stride(from: chunk, to: Self.seedCount, by: Self.chunkCount)
        var local = BruteForce.Stats()
        for seed in seeds {
            let scene = BruteForce.RandomScene(seed: UInt64(seed))
            let outcome = BruteForce.compare(scene)
            local.absorb(outcome.stats)
            if !outcome.problems.isEmpty {
                let list = outcome.problems.map { "  - \($0)" }.joined(separator: "\n")
                Issue.record(
                    Comment(rawValue: "seed \(seed): engine and reference disagree\n\(list)\n\(scene.reproduction)"))
            }
        }
        let (all, finished) = BruteForce.total.withLock { total -> (BruteForce.Stats, Int) in
            total.stats.absorb(local)
            total.chunks += 1
            return (total.stats, total.chunks)
        }
        print("brute force chunk \(chunk): \(local.summary)")
        if finished == Self.chunkCount {
            print("brute force, all \(Self.seedCount) seeds: \(all.summary)")
        }
    }

    /// The reference itself on cases whose answer is known by hand.
    @Test func referenceRayTestOnHandCases() {
        let box = BruteForce.Prism(
            index: 0, footprint: [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10)],
            base: 0, top: 10)
        let p = Vec3(5, -5, 1)
        // Straight at the south face, climbing 45°: enters at y = 0 (λ = 5·√2), top at z = 10.
        let s = Vec3(0, 1 / 2.0.squareRoot(), 1 / 2.0.squareRoot())
        #expect(abs(BruteForce.entry(box, p, s)! - 5 * 2.0.squareRoot()) < 1e-9)
        // Steep (80°): reaches the box's plan at z ≈ 29, over its 10 m top.
        let steep = Vec3(0, cos(80 * Double.pi / 180), sin(80 * Double.pi / 180))
        #expect(BruteForce.entry(box, p, steep) == nil)
        // Sideways past it.
        #expect(BruteForce.entry(box, p, Vec3(1 / 2.0.squareRoot(), 0, 1 / 2.0.squareRoot())) == nil)
        // A raised volume (base 5): a low ray passes under it (z 1.5…2.5 across the plan),
        // a steeper one (z 8.5 at the south face) enters through that face.
        let raised = BruteForce.Prism(index: 1, footprint: box.footprint, base: 5, top: 10)
        let low = 1.01.squareRoot()
        #expect(BruteForce.entry(raised, p, Vec3(0, 1 / low, 0.1 / low)) == nil)
        let n = 3.25.squareRoot()
        let lambda = BruteForce.entry(raised, p, Vec3(0, 1 / n, 1.5 / n))
        #expect(lambda.map { abs($0 - 5 * n) < 1e-9 } == true)
        // U-shape open to the north: from the courtyard's south wall a ray north escapes,
        // one east enters the east wing.
        let u = BruteForce.Prism(
            index: 2,
            footprint: [
                Vec2(0, 0), Vec2(30, 0), Vec2(30, 20), Vec2(20, 20),
                Vec2(20, 10), Vec2(10, 10), Vec2(10, 20), Vec2(0, 20),
            ],
            base: 0, top: 10)
        #expect(BruteForce.entry(u, Vec3(15, 10.01, 1), Vec3(0, 0.99, 0.1)) == nil)
        #expect(BruteForce.entry(u, Vec3(15, 10.01, 1), Vec3(0.99, 0, 0.1)) != nil)
        #expect(BruteForce.inside(u.footprint, Vec2(15, 15)) == false)
        #expect(BruteForce.inside(u.footprint, Vec2(5, 15)) == true)
        #expect(BruteForce.inside(u.footprint, Vec2(15, 5)) == true)
    }
}

/// The reference, the scene generator and the comparison.
enum BruteForce {
    // MARK: - Random numbers

    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform in [a, b), platform-independent.
        mutating func uniform(_ a: Double, _ b: Double) -> Double {
            a + (b - a) * Double(next() >> 11) * 0x1p-53
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }

        mutating func chance(_ p: Double) -> Bool { uniform(0, 1) < p }
    }

    // MARK: - The reference ray test

    struct Prism: Sendable {
        enum Kind: String, Sendable { case box, rotatedBox, raisedBox, lShape, uShape, canopy }
        var index: Int
        var footprint: [Vec2]
        var base: Double
        var top: Double
        var kind: Kind = .box
        /// Box frame (for wall points): centre, half sizes, rotation in radians.
        var centre = Vec2(0, 0)
        var halfWidth = 0.0
        var halfDepth = 0.0
        var rotation = 0.0
        /// Vertices where the footprint turns clockwise (inner corners).
        var reflex: [Int] = []
        var minX = 0.0, maxX = 0.0, minY = 0.0, maxY = 0.0

        init(index: Int, footprint: [Vec2], base: Double, top: Double) {
            self.index = index
            self.footprint = footprint
            self.base = base
            self.top = top
            minX = footprint.map(\.x).min()!
            maxX = footprint.map(\.x).max()!
            minY = footprint.map(\.y).min()!
            maxY = footprint.map(\.y).max()!
        }

        var obstacle: Obstacle {
            Obstacle(buildingIndex: index, footprint: footprint, baseMeters: base, topMeters: top)
        }
    }

    /// Even–odd test: count the footprint edges crossed by the ray from q toward +x.
    static func inside(_ poly: [Vec2], _ q: Vec2) -> Bool {
        var crossings = 0
        for i in 0..<poly.count {
            let a = poly[i]
            let b = poly[i == poly.count - 1 ? 0 : i + 1]
            // Half-open in y so a vertex on the horizontal line is counted once.
            let aBelow = a.y <= q.y
            let bBelow = b.y <= q.y
            if aBelow == bBelow { continue }
            let x = a.x + (q.y - a.y) / (b.y - a.y) * (b.x - a.x)
            if x > q.x { crossings += 1 }
        }
        return crossings % 2 == 1
    }

    /// Where the ray p + λs (λ > 0) first enters the prism, or nil if it misses.
    ///
    /// The ray is within the prism's heights for λ in [λ0, λ1]. Its plan line is cut by
    /// every footprint edge; between consecutive cuts it is wholly inside or outside the
    /// footprint, which the midpoint decides. The first inside piece that overlaps
    /// [λ0, λ1] gives the entry.
    static func entry(_ prism: Prism, _ p: Vec3, _ s: Vec3) -> Double? {
        guard s.z > 0 else { return nil }
        let l1 = (prism.top - p.z) / s.z
        guard l1 > 0 else { return nil }
        let l0 = max(0, (prism.base - p.z) / s.z)
        guard l0 < l1 else { return nil }
        // Quick rejection: the plan trace of [λ0, λ1] against the footprint's bounding box.
        let x0 = p.x + s.x * l0, x1 = p.x + s.x * l1
        let y0 = p.y + s.y * l0, y1 = p.y + s.y * l1
        if Swift.max(x0, x1) < prism.minX || Swift.min(x0, x1) > prism.maxX || Swift.max(y0, y1) < prism.minY
            || Swift.min(y0, y1) > prism.maxY
        {
            return nil
        }
        let dx = s.x, dy = s.y
        if dx * dx + dy * dy < 1e-24 {
            // Straight up: the plan trace is a point.
            return inside(prism.footprint, Vec2(p.x, p.y)) ? l0 : nil
        }
        let fp = prism.footprint
        // At most one cut per edge; a stack buffer keeps the debug build quick.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: fp.count) { cuts -> Double? in
            var n = 0
            for i in 0..<fp.count {
                let a = fp[i]
                let b = fp[i == fp.count - 1 ? 0 : i + 1]
                let ex = b.x - a.x, ey = b.y - a.y
                // p + λd = a + u·e  ⇒  solve the 2×2 system by Cramer's rule.
                let det = ex * dy - ey * dx
                if abs(det) < 1e-15 { continue }
                let rx = a.x - p.x, ry = a.y - p.y
                let lambda = (ex * ry - ey * rx) / det
                let u = (dx * ry - dy * rx) / det
                guard u >= 0 && u <= 1 else { continue }
                // Insertion into the sorted prefix.
                var k = n
                while k > 0 && cuts[k - 1] > lambda {
                    cuts[k] = cuts[k - 1]
                    k -= 1
                }
                cuts[k] = lambda
                n += 1
            }
            guard n >= 2 else { return nil }
            for k in 0..<(n - 1) {
                let a = cuts[k], b = cuts[k + 1]
                guard b - a > 1e-12 else { continue }
                let lo = Swift.max(a, l0), hi = Swift.min(b, l1)
                guard hi > lo else { continue }
                let m = (a + b) / 2
                if inside(fp, Vec2(p.x + dx * m, p.y + dy * m)) { return lo }
            }
            return nil
        }
    }

    /// Exposure code at one sun direction: 0 lit, −1 behind the facade, k + 1 shaded by building k.
    static func exposure(_ prisms: [Prism], _ p: Vec3, _ outward: Vec2, _ s: Vec3) -> Int {
        // Sweep angle 0: the sun must be strictly in front of the facade plane.
        if s.x * outward.x + s.y * outward.y <= 0 { return -1 }
        var best = Double.infinity
        var code = 0
        for prism in prisms {
            if let l = entry(prism, p, s), l < best {
                best = l
                code = prism.index + 1
            }
        }
        return code
    }

    static func code(_ e: Exposure) -> Int {
        switch e {
        case .sunlit: 0
        case .behindFacade: -1
        case let .shaded(k): k + 1
        case .sunBelowHorizon: -2
        case let .insideBuilding(k): k + 1  // the reference's ray starts inside k: entered first, at 0 m
        }
    }

    static func describe(_ code: Int) -> String {
        code == 0 ? "sunlit" : code < 0 ? "behindFacade" : "shaded(by: \(code - 1))"
    }

    // MARK: - Random scenes

    struct CalculationPoint: Sendable {
        var label: String
        var point: Vec3
        var outward: Vec2
        var building: Int
        var isCorner = false
    }

    struct RandomScene: Sendable {
        let seed: UInt64
        var latitude = 0.0
        var longitude = 0.0
        var date = CivilDate(year: 2000, month: 1, day: 1)
        var prisms: [Prism] = []
        var points: [CalculationPoint] = []

        static let days = [(12, 22, "冬至"), (1, 20, "大寒"), (3, 20, "春分"), (6, 21, "夏至")]

        init(seed: UInt64) {
            self.seed = seed
            var rng = SplitMix64(state: 0x5EED_0000 &+ seed &* 0x1_0000_0001)
            let south = seed % 25 == 3  // seeds 3, 28, 53, 78: southern hemisphere
            latitude = rng.uniform(20, 50) * (south ? -1 : 1)
            longitude = rng.uniform(105, 125)
            let day = Self.days[rng.int(0...3)]
            date = CivilDate(year: rng.int(2000...2040), month: day.0, day: day.1)

            // Prism 0 is a box building (for the wall points), prism 1 a courtyard shape
            // (for the inner-corner point), the rest any kind.
            let count = rng.int(3...6)
            for i in 0..<count {
                let kind: Prism.Kind
                if i == 0 {
                    kind = [.box, .rotatedBox, .raisedBox][rng.int(0...2)]
                } else if i == 1 {
                    kind = rng.chance(0.5) ? .lShape : .uShape
                } else {
                    kind = [.box, .rotatedBox, .raisedBox, .lShape, .uShape][rng.int(0...4)]
                }
                if let prism = Self.place(kind, index: prisms.count, avoiding: prisms, &rng) { prisms.append(prism) }
            }

            // Wall points: one on the box face turned most toward the equator, one on a random face.
            let boxes = prisms.filter { [.box, .rotatedBox, .raisedBox].contains($0.kind) }
            let equatorward = Vec2(0, latitude >= 0 ? -1 : 1)
            if let first = boxes.first {
                let faces = (0..<4).map { Self.face(first, $0) }
                let f = faces.indices.max { faces[$0].outward.dot(equatorward) < faces[$1].outward.dot(equatorward) }!
                // Sometimes a raised slab over that box, reaching out past the face: a ray
                // toward a high sun enters it through the underside and may leave through the roof.
                if rng.chance(0.35),
                    let slab = Self.canopy(
                        over: first, face: faces[f], index: prisms.count,
                        avoiding: prisms, &rng)
                {
                    prisms.append(slab)
                }
                points.append(Self.wallPoint(first, f, label: "box \(first.index) equator-facing face \(f)", &rng))
            }
            if !boxes.isEmpty {
                let other = boxes[rng.int(0...(boxes.count - 1))]
                let f = rng.int(0...3)
                points.append(Self.wallPoint(other, f, label: "box \(other.index) face \(f)", &rng))
            }
            if let concave = prisms.first(where: { !$0.reflex.isEmpty }) {
                points.append(Self.cornerPoint(concave, &rng))
            }
        }

        /// Half-extent of a box's face f (0 south, 1 east, 2 north, 3 west of its own frame),
        /// its centre and outward normal in the world.
        static func face(_ b: Prism, _ f: Int) -> (centre: Vec2, along: Vec2, halfLength: Double, outward: Vec2) {
            let local: (Vec2, Vec2, Double)  // outward, along (counter-clockwise), half length
            switch f {
            case 0: local = (Vec2(0, -1), Vec2(1, 0), b.halfWidth)
            case 1: local = (Vec2(1, 0), Vec2(0, 1), b.halfDepth)
            case 2: local = (Vec2(0, 1), Vec2(-1, 0), b.halfWidth)
            default: local = (Vec2(-1, 0), Vec2(0, -1), b.halfDepth)
            }
            let c = cos(b.rotation), s = sin(b.rotation)
            func rot(_ v: Vec2) -> Vec2 { Vec2(v.x * c - v.y * s, v.x * s + v.y * c) }
            let distance = f % 2 == 0 ? b.halfDepth : b.halfWidth
            let n = rot(local.0)
            return (b.centre + n * distance, rot(local.1), local.2, n)
        }

        static func wallPoint(_ b: Prism, _ f: Int, label: String, _ rng: inout SplitMix64) -> CalculationPoint {
            let face = face(b, f)
            let along = rng.uniform(-(face.halfLength - 0.5), face.halfLength - 0.5)
            let xy = face.centre + face.along * along + face.outward * 0.01
            // Biased toward the lower floors, where the neighbours' shadows fall.
            let u = rng.uniform(0, 1)
            let z = b.base + 0.3 + (b.top - b.base - 0.6) * u * u
            return CalculationPoint(label: label, point: Vec3(xy.x, xy.y, z), outward: face.outward, building: b.index)
        }

        /// A point on a wall next to an inner corner, where the other wing shades it.
        static func cornerPoint(_ b: Prism, _ rng: inout SplitMix64) -> CalculationPoint {
            let fp = b.footprint
            let r = b.reflex[rng.int(0...(b.reflex.count - 1))]
            let incoming = rng.chance(0.5)
            // The wall is the edge ending at r (incoming) or starting at r.
            let (a, c) = incoming ? (fp[(r + fp.count - 1) % fp.count], fp[r]) : (fp[r], fp[(r + 1) % fp.count])
            let e = c - a
            let len = e.length
            let dir = e * (1 / len)
            let outward = Vec2(dir.y, -dir.x)  // right of a counter-clockwise edge
            let d = rng.uniform(0.3, min(4, len - 0.5))
            let onWall = incoming ? fp[r] - dir * d : fp[r] + dir * d
            let xy = onWall + outward * 0.01
            let z = rng.uniform(b.base + 0.3, b.top - 0.3)
            return CalculationPoint(
                label: "inner corner of \(b.kind.rawValue) \(b.index) at vertex \(r)"
                    + (incoming ? " (edge in)" : " (edge out)"),
                point: Vec3(xy.x, xy.y, z), outward: outward, building: b.index, isCorner: true)
        }

        /// A slab above box `b` (base 2–10 m over its top, 3–20 m thick) covering 30–100 % of
        /// its depth behind `face` and 3–12 m in front of it; nil if it would come within 2 m
        /// of another prism.
        static func canopy(
            over b: Prism, face: (centre: Vec2, along: Vec2, halfLength: Double, outward: Vec2),
            index: Int, avoiding others: [Prism], _ rng: inout SplitMix64
        ) -> Prism? {
            let depth = 2 * (face.centre - b.centre).length
            let margin = rng.uniform(0, 4)
            let front = rng.uniform(3, 12)
            let back = depth * rng.uniform(0.3, 1)
            let l = face.halfLength + margin
            let c = face.centre, a = face.along, n = face.outward
            var fp = [c + a * l + n * front, c + a * l - n * back, c - a * l - n * back, c - a * l + n * front]
            if Polygon.signedDoubleArea(fp) < 0 { fp.reverse() }
            let centre = Vec2(fp.map(\.x).reduce(0, +) / 4, fp.map(\.y).reduce(0, +) / 4)
            let radius = fp.map { ($0 - centre).length }.max()!
            for o in others where o.index != b.index {
                let r = o.footprint.map { ($0 - o.centre).length }.max()!
                if (o.centre - centre).length <= r + radius + 2 { return nil }
            }
            let base = b.top + rng.uniform(2, 10)
            var p = Prism(index: index, footprint: fp, base: base, top: base + rng.uniform(3, 20))
            p.kind = .canopy
            p.centre = centre
            return p
        }

        /// A prism of the kind at a random spot clear of the others (2 m between bounding circles).
        static func place(_ kind: Prism.Kind, index: Int, avoiding others: [Prism], _ rng: inout SplitMix64) -> Prism? {
            var local: [Vec2]
            var reflex: [Int] = []
            var hw = 0.0, hd = 0.0
            var rotation = 0.0
            var base = 0.0
            var top = rng.uniform(5, 60)
            switch kind {
            case .box, .rotatedBox, .raisedBox:
                hw = rng.uniform(5, 20)
                hd = rng.uniform(4, 10)
                local = [Vec2(-hw, -hd), Vec2(hw, -hd), Vec2(hw, hd), Vec2(-hw, hd)]
                if kind != .box { rotation = rng.uniform(0, Double.pi) }
                if kind == .raisedBox {
                    base = rng.uniform(5, 20)
                    top = rng.uniform(base + 4, max(base + 5, 60))
                }
            case .lShape:
                let a = rng.uniform(15, 35), b = rng.uniform(15, 35)
                let t1 = rng.uniform(6, b - 6), t2 = rng.uniform(6, a - 6)
                local = [Vec2(0, 0), Vec2(a, 0), Vec2(a, t1), Vec2(t2, t1), Vec2(t2, b), Vec2(0, b)]
                    .map { $0 - Vec2(a / 2, b / 2) }
                reflex = [3]
                rotation = rng.uniform(0, 2 * Double.pi)
            case .canopy:
                return nil  // built over a box by `canopy(over:…)`
            case .uShape:
                let a = rng.uniform(24, 40), b = rng.uniform(15, 30)
                let t = rng.uniform(6, a / 3), t1 = rng.uniform(5, b - 6)
                local = [
                    Vec2(0, 0), Vec2(a, 0), Vec2(a, b), Vec2(a - t, b), Vec2(a - t, t1), Vec2(t, t1),
                    Vec2(t, b), Vec2(0, b),
                ]
                .map { $0 - Vec2(a / 2, b / 2) }
                reflex = [4, 5]
                rotation = rng.uniform(0, 2 * Double.pi)
            }
            let radius = local.map(\.length).max()!
            for attempt in 0..<400 {
                // Packed near the origin first (more shadows), widening to ±80 m if crowded.
                let reach = max(5, 45 + 35 * Double(attempt) / 400 - radius)
                let centre = Vec2(rng.uniform(-reach, reach), rng.uniform(-reach, reach))
                let clear = others.allSatisfy { o in
                    let r = o.footprint.map { ($0 - o.centre).length }.max()!
                    return (o.centre - centre).length > r + radius + 2
                }
                guard clear else { continue }
                let c = cos(rotation), s = sin(rotation)
                let world = local.map { Vec2($0.x * c - $0.y * s + centre.x, $0.x * s + $0.y * c + centre.y) }
                var p = Prism(index: index, footprint: world, base: base, top: top)
                p.kind = kind
                p.centre = centre
                p.halfWidth = hw
                p.halfDepth = hd
                p.rotation = rotation
                p.reflex = reflex
                return p
            }
            return nil
        }

        /// Everything needed to rebuild the case by hand.
        var reproduction: String {
            var s =
                "  SunDay(site: GeoSite(latitude: \(latitude), longitude: \(longitude)), date: \(date), "
                + "zone: FixedOffsetZone(hours: 8), refraction: .none); ObstructionView(point:outward:minimumSweepDegrees: 0, obstacles:)\n"
            for p in prisms {
                let fp = p.footprint.map { "Vec2(\($0.x), \($0.y))" }.joined(separator: ", ")
                s +=
                    "  Obstacle(buildingIndex: \(p.index), footprint: [\(fp)], baseMeters: \(p.base), topMeters: \(p.top)) // \(p.kind.rawValue)\n"
            }
            for c in points {
                s +=
                    "  point \(c.label): Vec3(\(c.point.x), \(c.point.y), \(c.point.z)) outward Vec2(\(c.outward.x), \(c.outward.y))\n"
            }
            return s
        }
    }

    // MARK: - Comparison

    struct Stats: Sendable {
        var seeds = 0
        var points = 0
        /// Prisms by kind, over all scenes.
        var kinds: [String: Int] = [:]
        var sunlitIntervals = 0
        /// Points whose day is cut into two or more sunlit intervals.
        var splitDays = 0
        var shadedSeconds = 0
        var comparedSeconds = 0
        var maxBoundaryDeviation = 0.0
        var maxTotalDeviation = 0.0
        var boundaries = 0
        /// Engine boundaries with a shadow on at least one side.
        var shadowBoundaries = 0
        /// Seconds a corner point is shaded by its own building.
        var selfShadedSeconds = 0
        /// Reference boundaries refined by bisection on the reference's own ray test.
        var maxRefinedDeviation = 0.0
        /// Seconds in state disagreements too short (< 3 s) to count as failures.
        var shortMismatchSeconds = 0

        mutating func absorb(_ o: Stats) {
            shadowBoundaries += o.shadowBoundaries
            shortMismatchSeconds += o.shortMismatchSeconds
            selfShadedSeconds += o.selfShadedSeconds
            maxRefinedDeviation = max(maxRefinedDeviation, o.maxRefinedDeviation)
            seeds += o.seeds
            kinds.merge(o.kinds, uniquingKeysWith: +)
            points += o.points
            sunlitIntervals += o.sunlitIntervals
            splitDays += o.splitDays
            shadedSeconds += o.shadedSeconds
            comparedSeconds += o.comparedSeconds
            boundaries += o.boundaries
            maxBoundaryDeviation = max(maxBoundaryDeviation, o.maxBoundaryDeviation)
            maxTotalDeviation = max(maxTotalDeviation, o.maxTotalDeviation)
        }

        var summary: String {
            let prisms = kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
            return "\(seeds) seeds (prisms: \(prisms)), \(points) points, \(sunlitIntervals) sunlit intervals "
                + "(\(splitDays) points with two or more), \(boundaries) boundaries "
                + "(\(shadowBoundaries) engine boundaries at a shadow edge); "
                + "max boundary deviation \(fmt(maxBoundaryDeviation)) s (\(maxRefinedDeviation) s against the reference "
                + "refined by bisection), max total deviation \(fmt(maxTotalDeviation)) s; "
                + "\(comparedSeconds) s compared state by state (\(shadedSeconds) shaded, \(selfShadedSeconds) self-shaded; "
                + "\(shortMismatchSeconds) s in disagreements shorter than 3 s)"
        }
    }

    static let total = Mutex<(stats: Stats, chunks: Int)>((Stats(), 0))

    static func fmt(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return "\(r)"
    }

    /// UTC+8 wall clock of an instant, for messages.
    static func clock(_ t: Double) -> String {
        let local = t + 8 * 3600
        let sod = local - (local / 86_400).rounded(.down) * 86_400
        let h = Int(sod / 3600), m = Int(sod.truncatingRemainder(dividingBy: 3600) / 60)
        let s = sod.truncatingRemainder(dividingBy: 60)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(h)):\(two(m)):\(s < 10 ? "0" : "")\(fmt(s)) (t=\(fmt(t)))"
    }

    /// Merge lit intervals separated by less than `gap`, then drop those shorter than `gap`.
    static func resolvable(_ intervals: [(Double, Double)], gap: Double = 3) -> [(Double, Double)] {
        var merged: [(Double, Double)] = []
        for iv in intervals {
            if let last = merged.last, iv.0 - last.1 < gap {
                merged[merged.count - 1].1 = iv.1
            } else {
                merged.append(iv)
            }
        }
        return merged.filter { $0.1 - $0.0 >= gap }
    }

    /// Unit vector toward the sun from SolarCore directly (not the engine's interpolated table).
    static func sun(_ day: SunDay, _ t: Double) -> Vec3 {
        let d = day.solar.position(at: Instant(secondsSince1970: t)).direction
        return Vec3(d.x, d.y, d.z)
    }

    static func compare(_ scene: RandomScene) -> (stats: Stats, problems: [String]) {
        var stats = Stats()
        var problems: [String] = []
        stats.seeds = 1
        for p in scene.prisms { stats.kinds[p.kind.rawValue, default: 0] += 1 }
        let site = GeoSite(latitude: scene.latitude, longitude: scene.longitude)
        let day = SunDay(site: site, date: scene.date, zone: FixedOffsetZone(hours: 8), refraction: .none)
        let obstacles = scene.prisms.map(\.obstacle)

        // One sun direction per whole second of daylight, shared by every point.
        var samples: [(t: Double, s: Vec3, span: Int)] = []
        for (k, span) in day.daylight.enumerated() {
            var t = span.start.rounded(.up)
            while t <= span.end {
                samples.append((t, sun(day, t), k))
                t += 1
            }
        }

        for c in scene.points {
            stats.points += 1
            // Rays climb, so only prisms whose top is above the point can block.
            let relevant = scene.prisms.filter { $0.top > c.point.z }
            let codes = samples.map { exposure(relevant, c.point, c.outward, $0.s) }

            let view = ObstructionView(point: c.point, outward: c.outward, minimumSweepDegrees: 0, obstacles: obstacles)
            let stretches = view.stretches(on: day)

            // Reference lit intervals: boundaries halfway between an unlit and a lit second,
            // or the daylight span's own ends.
            var reference: [(Double, Double)] = []
            var openedAt: Double? = nil
            for i in samples.indices {
                let lit = codes[i] == 0
                let spanIndex = samples[i].span
                let span = day.daylight[spanIndex]
                let newSpan = i == 0 || samples[i - 1].span != spanIndex
                if newSpan, let o = openedAt {  // close at the previous span's end
                    reference.append((o, day.daylight[samples[i - 1].span].end))
                    openedAt = nil
                }
                if lit && openedAt == nil { openedAt = newSpan ? span.start : samples[i].t - 0.5 }
                if !lit, let o = openedAt {
                    reference.append((o, samples[i].t - 0.5))
                    openedAt = nil
                }
            }
            if let o = openedAt, let last = samples.last { reference.append((o, day.daylight[last.span].end)) }

            func lit(_ t: Double) -> Bool { exposure(relevant, c.point, c.outward, sun(day, t)) == 0 }
            for (x, y) in zip(stretches, stretches.dropFirst()) where x.end == y.start {
                if case .shaded = x.state {
                    stats.shadowBoundaries += 1
                } else if case .shaded = y.state {
                    stats.shadowBoundaries += 1
                }
            }
            let engine = stretches.filter { $0.state == .sunlit }.map { ($0.start, $0.end) }
            let engineTotal = engine.reduce(0) { $0 + $1.1 - $1.0 }
            let referenceTotal = reference.reduce(0) { $0 + $1.1 - $1.0 }
            let totalDeviation = abs(engineTotal - referenceTotal)
            stats.maxTotalDeviation = max(stats.maxTotalDeviation, totalDeviation)
            let where_ = "point \(c.label)"
            if totalDeviation > 5 {
                problems.append(
                    "\(where_): total sunlit \(fmt(engineTotal)) s (engine) vs \(fmt(referenceTotal)) s (reference)")
            }

            let a = resolvable(engine), b = resolvable(reference)
            stats.sunlitIntervals += b.count
            if b.count > 1 { stats.splitDays += 1 }
            func list(_ x: [(Double, Double)]) -> String {
                x.map { "[\(clock($0.0)) – \(clock($0.1))]" }.joined(separator: ", ")
            }
            if a.count != b.count {
                problems.append(
                    "\(where_): \(a.count) sunlit intervals (engine) vs \(b.count) (reference)\n"
                        + "  engine:    \(list(a))\n  reference: \(list(b))")
            } else {
                for (x, y) in zip(a, b) {
                    for (e, r) in [(x.0, y.0), (x.1, y.1)] {
                        let d = abs(e - r)
                        stats.boundaries += 1
                        stats.maxBoundaryDeviation = max(stats.maxBoundaryDeviation, d)
                        // Off the daylight span's ends, pin the reference boundary down by
                        // bisecting its own lit/unlit test between the two whole seconds.
                        var lo = r - 0.5, hi = r + 0.5
                        if lo.rounded() == lo, lit(lo) != lit(hi) {
                            let litLow = lit(lo)
                            while hi - lo > 1e-4 {
                                let mid = (lo + hi) / 2
                                if lit(mid) == litLow { lo = mid } else { hi = mid }
                            }
                            stats.maxRefinedDeviation = max(stats.maxRefinedDeviation, abs(e - (lo + hi) / 2))
                        }
                        if d > 2 {
                            problems.append(
                                "\(where_): boundary at \(clock(e)) (engine) vs \(clock(r)) (reference), off by \(fmt(d)) s"
                            )
                        }
                    }
                }
            }

            // State by state: away from the engine's boundaries the exposure (and the
            // blocking building) must be the reference's. Runs of 3 s or more count.
            var j = 0
            var run: [(t: Double, engine: Int, reference: Int)] = []
            func flush() {
                if run.count < 3 { stats.shortMismatchSeconds += run.count }
                if run.count >= 3 {
                    problems.append(
                        "\(where_): engine says \(describe(run[0].engine)), reference \(describe(run[0].reference)) "
                            + "for \(run.count) s from \(clock(run.first!.t)) to \(clock(run.last!.t))")
                }
                run.removeAll()
            }
            for (i, sample) in samples.enumerated() {
                while j < stretches.count && stretches[j].end < sample.t { j += 1 }
                guard j < stretches.count, stretches[j].start <= sample.t else {
                    flush()
                    continue
                }
                let st = stretches[j]
                guard sample.t - st.start > 2, st.end - sample.t > 2 else {
                    flush()
                    continue
                }
                stats.comparedSeconds += 1
                if codes[i] > 0 { stats.shadedSeconds += 1 }
                if codes[i] > 0 && c.isCorner && codes[i] - 1 == c.building { stats.selfShadedSeconds += 1 }
                let e = code(st.state)
                if e != codes[i] {
                    if let last = run.last, last.t != sample.t - 1 || last.engine != e || last.reference != codes[i] {
                        flush()
                    }
                    run.append((sample.t, e, codes[i]))
                } else {
                    flush()
                }
            }
            flush()
        }
        return (stats, problems)
    }
}
