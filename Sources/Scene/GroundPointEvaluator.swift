/// Exact sunlit stretches of free points on a horizontal plane, within a band.
///
/// The same method as ``ObstructionView`` (a point's state changes only when the sun
/// crosses a plane through the point and a silhouette edge of a prism; each crossing
/// found on the true path; each stretch between crossings classified by one exact ray
/// test), specialised for dense grids: the prisms come pre-culled per tile and per
/// piece of the band (``GroundSky``); crossings are sought only in the pieces where
/// their prism might shade, bracketed by the sign of n·s at the pieces' ends (no
/// trigonometry per point) and polished by regula falsi; the scratch buffers are
/// reused from point to point. One evaluator per worker.
struct GroundPointEvaluator {
    let day: SunDay
    let sky: GroundSky
    /// Band ∩ daylight, in order.
    let spans: [(start: Double, end: Double)]
    let obstacles: [Obstacle]
    let planeHeight: Double

    /// Prisms that might shade the current tile, with the pieces in which they might.
    private(set) var candidates: [(index: Int, mask: UInt64)] = []
    private var events: [Double] = []
    private var facing: [Bool] = []

    init(day: SunDay, sky: GroundSky, spans: [(start: Double, end: Double)], obstacles: [Obstacle],
         planeHeight: Double)
    {
        self.day = day
        self.sky = sky
        self.spans = spans
        self.obstacles = obstacles
        self.planeHeight = planeHeight
    }

    /// Culls the prisms for every point within `halfSize` (Chebyshev) of `centre`.
    mutating func prepare(centre: Vec2, halfSize: Double) {
        candidates.removeAll(keepingCapacity: true)
        for (i, o) in obstacles.enumerated() {
            let mask = sky.relevance(of: o, centre: centre, halfSize: halfSize, planeHeight: planeHeight)
            if mask != 0 { candidates.append((i, mask)) }
        }
    }

    /// Sunlit seconds of q within the band (q must lie in the prepared tile).
    mutating func sunlitSeconds(at q: Vec2) -> Double {
        var total = 0.0
        walk(q) { a, b, state in if state == .sunlit { total += b - a } }
        return total
    }

    /// The band's stretches of constant exposure at q (q must lie in the prepared tile).
    mutating func stretches(at q: Vec2) -> [Stretch] {
        var out: [Stretch] = []
        walk(q) { a, b, state in
            if let last = out.last, last.state == state, abs(last.end - a) < 1e-6 {
                out[out.count - 1].end = b
            } else {
                out.append(Stretch(start: a, end: b, state: state))
            }
        }
        return out
    }

    private mutating func walk(_ q: Vec2, _ body: (Double, Double, Exposure) -> Void) {
        guard !spans.isEmpty else { return }
        let p = Vec3(q.x, q.y, planeHeight)
        events.removeAll(keepingCapacity: true)
        for c in candidates { collectEvents(of: obstacles[c.index], mask: c.mask, from: p) }
        events.sort()
        var e = 0
        for span in spans {
            var from = span.start
            while e < events.count && events[e] <= span.start { e += 1 }
            while true {
                let to = e < events.count && events[e] < span.end ? events[e] : span.end
                if to - from > 1e-6 { body(from, to, state(at: p, (from + to) / 2)) }
                if to >= span.end { break }
                from = to
                e += 1
            }
        }
    }

    /// Exposure of p toward the sun at t, among the prisms that might shade in t's piece.
    private func state(at p: Vec3, _ t: Double) -> Exposure {
        guard let k = sky.piece(at: t) else { return .sunlit }
        let bit: UInt64 = 1 << UInt64(k)
        let s = day.direction(at: t)
        var best = Double.infinity
        var blocker = -1
        for c in candidates where c.mask & bit != 0 {
            if let l = obstacles[c.index].entryDistance(from: p, toward: s), l < best {
                best = l
                blocker = obstacles[c.index].buildingIndex
            }
        }
        return blocker >= 0 ? .shaded(by: blocker) : .sunlit
    }

    /// The crossings of the prism's silhouette planes seen from p that fall in its pieces.
    private mutating func collectEvents(of o: Obstacle, mask: UInt64, from p: Vec3) {
        let fp = o.footprint
        let n = fp.count
        facing.removeAll(keepingCapacity: true)
        for i in 0..<n {
            let a = fp[i]
            let e = fp[i + 1 == n ? 0 : i + 1] - a
            facing.append(e.cross(Vec2(p.x - a.x, p.y - a.y)) < 0)  // p on the wall's outer side
        }
        let low = max(o.baseMeters, p.z)
        for i in 0..<n {
            let a = fp[i]
            let b = fp[i + 1 == n ? 0 : i + 1]
            // Roof edges of walls facing p; underside edges of a raised volume's other walls;
            // corners where a facing wall meets a turned-away one.
            if facing[i] { horizontal(a, b, o.topMeters, p, mask) }
            if o.baseMeters > p.z && !facing[i] { horizontal(a, b, o.baseMeters, p, mask) }
            if facing[i] != facing[i == 0 ? n - 1 : i - 1] {
                let d = Vec2(a.x - p.x, a.y - p.y)
                if d.length > 1e-9 { crossings(Vec3(d.y, -d.x, 0), .vertical(v: a, zLow: low, zHigh: o.topMeters), p, mask) }
            }
        }
    }

    private mutating func horizontal(_ a: Vec2, _ b: Vec2, _ z: Double, _ p: Vec3, _ mask: UInt64) {
        let pa = Vec3(a.x - p.x, a.y - p.y, z - p.z)
        let ab = Vec3(b.x - a.x, b.y - a.y, 0)
        crossings(pa.cross(ab), .horizontal(a: a, b: b, z: z), p, mask)
    }

    /// Crossings of the plane through p with normal `normal` in the pieces of `mask`.
    ///
    /// On the sun's path n·s(t) behaves as a + b·cos H + c·sin H in the hour angle: its
    /// extrema are 12 h apart, so a piece (≤ a few hours) holds at most one. Per piece:
    /// - the ends on opposite sides: exactly one crossing;
    /// - on one side, and the slope n·s' keeps its sign: no extremum inside, no crossing;
    /// - on one side, the slope changes sign: the extremum is found (regula falsi on the
    ///   slope); if it reaches the other side, there is a crossing on each side of it
    ///   (the sun grazing the plane).
    /// A crossing is kept if the sun then plausibly grazes the edge itself, and is found
    /// by regula falsi on the true path.
    private mutating func crossings(_ normal: Vec3, _ edge: SilhouetteEdge, _ p: Vec3, _ mask: UInt64) {
        var m = mask
        while m != 0 {
            let k = m.trailingZeroBitCount
            m &= m - 1
            let piece = sky.pieces[k]
            let f0 = normal.dot(piece.first)
            let f1 = normal.dot(piece.last)
            if (f0 > 0) != (f1 > 0) {
                crossing(normal, edge, p, piece.start, f0, piece.end, f1)
                continue
            }
            let g0 = normal.dot(piece.firstRate)
            let g1 = normal.dot(piece.lastRate)
            guard (g0 > 0) != (g1 > 0) else { continue }
            let (t, f) = extremum(normal, piece.start, g0, piece.end, g1)
            guard (f > 0) != (f0 > 0) else { continue }
            crossing(normal, edge, p, piece.start, f0, t, f)
            crossing(normal, edge, p, t, f, piece.end, f1)
        }
    }

    private mutating func crossing(_ n: Vec3, _ edge: SilhouetteEdge, _ p: Vec3, _ a: Double, _ fa: Double,
                                   _ b: Double, _ fb: Double)
    {
        let chord = a + (b - a) * fa / (fa - fb)
        guard edge.grazed(from: p, toward: day.direction(at: chord)) else { return }
        events.append(root(n, a, fa, b, fb))
    }

    /// Where n·s(t) peaks in [a, b], given slopes of opposite signs at the ends, and its value there.
    private func extremum(_ n: Vec3, _ a0: Double, _ ga0: Double, _ b0: Double, _ gb0: Double) -> (Double, Double) {
        var a = a0, ga = ga0, b = b0, gb = gb0
        var last = 0
        var c = a
        for _ in 0..<40 {
            let previous = c
            c = (a * gb - b * ga) / (gb - ga)
            if !(c > a && c < b) { c = (a + b) / 2 }
            if abs(c - previous) < 0.05 || b - a < 0.1 { break }
            let gc = n.dot(GroundSky.rate(day, c))
            if gc == 0 { break }
            if (gc > 0) == (gb > 0) {
                b = c
                gb = gc
                if last == -1 { ga /= 2 }
                last = -1
            } else {
                a = c
                ga = gc
                if last == 1 { gb /= 2 }
                last = 1
            }
        }
        return (c, n.dot(day.direction(at: c)))
    }

    /// The one root of n·s(t) in [a, b] (signs of fa and fb differ), by the Illinois
    /// variant of regula falsi on the true path, to about a millisecond.
    private func root(_ n: Vec3, _ a0: Double, _ fa0: Double, _ b0: Double, _ fb0: Double) -> Double {
        var a = a0, fa = fa0, b = b0, fb = fb0
        var last = 0
        var c = a
        for _ in 0..<40 {
            let previous = c
            c = (a * fb - b * fa) / (fb - fa)
            if !(c > a && c < b) { c = (a + b) / 2 }
            let fc = n.dot(day.direction(at: c))
            if fc == 0 || abs(c - previous) < 5e-4 || b - a < 2e-3 { return c }
            if (fc > 0) == (fb > 0) {
                b = c
                fb = fc
                if last == -1 { fa /= 2 }
                last = -1
            } else {
                a = c
                fa = fc
                if last == 1 { fb /= 2 }
                last = 1
            }
        }
        return c
    }
}

/// A silhouette edge of a prism as seen from a ground point.
enum SilhouetteEdge {
    /// A horizontal edge a→b at height z (roof edge, or underside edge of a raised volume).
    case horizontal(a: Vec2, b: Vec2, z: Double)
    /// A vertical corner at v from zLow to zHigh.
    case vertical(v: Vec2, zLow: Double, zHigh: Double)

    /// Whether a sun direction near a plane crossing plausibly grazes the edge itself (not
    /// just its plane). Loose, as in ``ObstructionView``: the guess is good to about 1°.
    @inline(__always)
    func grazed(from p: Vec3, toward s: Vec3) -> Bool {
        switch self {
        case let .horizontal(a, b, z):
            guard s.z > 1e-6 else { return false }
            let lambda = (z - p.z) / s.z
            guard lambda > 0 else { return false }
            let x = Vec2(p.x + s.x * lambda, p.y + s.y * lambda)
            let e = b - a
            let len = e.length
            let u = (x - a).dot(e) / len
            let reach = lambda * (s.x * s.x + s.y * s.y).squareRoot()
            let tol = 0.03 * reach + 0.05
            return u > -tol && u < len + tol
        case let .vertical(v, zLow, zHigh):
            let d = Vec2(v.x - p.x, v.y - p.y)
            let sxy = Vec2(s.x, s.y)
            guard sxy.dot(d) > 0 else { return false }
            let horizontal = sxy.length
            guard horizontal > 1e-9 else { return false }
            let z = p.z + d.length * s.z / horizontal
            let tol = 0.03 * d.length + 0.05
            return z > zLow - tol && z < zHigh + tol
        }
    }
}
