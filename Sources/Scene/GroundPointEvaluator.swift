/// Exact sunlit stretches of free points on a horizontal plane, within a band.
///
/// The same method as ``ObstructionView`` (a point's state changes only when the sun
/// crosses a plane through the point and a silhouette edge of a prism; crossings from
/// the closed form, polished on the true path; each stretch classified by one ray
/// test), specialised for dense grids: the prisms come pre-culled per tile and per
/// piece of the band (``GroundSky``), crossings are sought only inside the band and in
/// pieces where the prism might shade, well-separated crossings are polished by
/// secant steps from the closed-form guess (bisection only for grazing pairs), and the
/// scratch buffers are reused from point to point. One evaluator per worker.
struct GroundPointEvaluator {
    let day: SunDay
    let sky: GroundSky
    /// Band ∩ daylight, in order.
    let spans: [(start: Double, end: Double)]
    let obstacles: [Obstacle]
    let planeHeight: Double

    /// Prisms that might shade the current tile, with the pieces in which they might.
    private(set) var candidates: [(index: Int, mask: UInt64)] = []
    private var guesses: [(t: Double, s: Vec3, extremum: Double, side: Double)] = []
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

    private mutating func crossings(_ normal: Vec3, _ edge: SilhouetteEdge, _ p: Vec3, _ mask: UInt64) {
        guesses.removeAll(keepingCapacity: true)
        day.crossingGuesses(day.planeConstants(normal), into: &guesses)
        let first = spans[0].start - 900
        let last = spans[spans.count - 1].end + 900
        for g in guesses where g.t >= first && g.t <= last {
            guard sky.pieces(near: g.t, margin: 900) & mask != 0, edge.grazed(from: p, toward: g.s) else { continue }
            // Well-separated roots: secant steps from the guess; a grazing pair needs the bracket.
            if abs(g.t - g.extremum) > 5400, let t = day.refineCrossing(normal, from: g.t), abs(t - g.t) < 900 {
                events.append(t)
            } else if let t = day.refineCrossing(normal, from: g.t, extremum: g.extremum, side: g.side) {
                events.append(t)
            }
        }
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
