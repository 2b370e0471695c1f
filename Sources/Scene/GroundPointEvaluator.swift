/// Exact sunlit stretches of free points on a horizontal plane, within a band.
///
/// The method of ``ObstructionView`` with its parts (``SilhouetteEdge``, the grazing test
/// of ``SilhouetteFeature``, ``bracketedRoot(_:_:_:_:tolerance:settle:_:)``, ``NearestBlocker``):
/// a point's state changes only when the sun crosses a plane through the point and a
/// silhouette edge of a prism; each crossing is found on the true path; each stretch
/// between crossings is classified by one exact ray test. What differs is how crossings
/// are sought, for dense grids: the prisms come pre-culled per tile and per piece of the
/// band (``GroundSky``), and crossings are bracketed by the sign of n·s at the pieces'
/// ends (no trigonometry per point); the scratch buffers are reused from point to point.
/// One evaluator per worker.
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
    private var edges: [SilhouetteEdge] = []

    init(
        day: SunDay, sky: GroundSky, spans: [(start: Double, end: Double)], obstacles: [Obstacle],
        planeHeight: Double
    ) {
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
        walk(q) { a, b, state in out.appendMerging(start: a, end: b, state: state) }
        return out
    }

    private mutating func walk(_ q: Vec2, _ body: (Double, Double, Exposure) -> Void) {
        guard !spans.isEmpty else { return }
        let p = Vec3(q.x, q.y, planeHeight)
        events.removeAll(keepingCapacity: true)
        // One point among thousands of tall towers takes ~20 ms (and 30× that in a debug
        // build): a cancelled task stops inside it too, every 256 prisms or stretches, and the
        // caller discards the point. Scenes of fewer prisms never reach a check here.
        for (k, c) in candidates.enumerated() {
            if k & 255 == 255 && Task.isCancelled { return }
            collectEvents(of: obstacles[c.index], mask: c.mask, from: p)
        }
        events.sort()
        var e = 0
        for span in spans {
            var from = span.start
            while e < events.count && events[e] <= span.start { e += 1 }
            while true {
                if e & 255 == 255 && Task.isCancelled { return }
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
        var nearest = NearestBlocker(from: p, toward: s)
        for c in candidates where c.mask & bit != 0 { nearest.consider(obstacles[c.index]) }
        return nearest.exposure
    }

    /// The crossings of the prism's silhouette planes seen from p that fall in its pieces.
    private mutating func collectEvents(of o: Obstacle, mask: UInt64, from p: Vec3) {
        SilhouetteEdge.collect(of: o, from: p, facing: &facing, into: &edges)
        for i in edges.indices { crossings(edges[i], p, mask) }
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
    /// by the engine's root finder on the true path.
    private mutating func crossings(_ edge: SilhouetteEdge, _ p: Vec3, _ mask: UInt64) {
        let normal = edge.planeNormal(from: p)
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

    /// The crossing in [a, b], if the sun plausibly meets the edge there: screened loosely at
    /// the chord's guess, kept if the refined crossing meets it strictly.
    ///
    /// The chord between a piece's ends puts the sun within about a degree of the crossing;
    /// the screen allows sin⁻¹ 0.03 (1.7°) plus what 5 cm at the edge's nearer end subtends,
    /// for points right by a wall. The edge's feature is built per call, not kept for the
    /// edge's next crossing: in the benchmark district under 0.1 % of the screened crossings
    /// follow another of the same edge, and carrying an optional feature between calls cost
    /// more than rebuilding it.
    private mutating func crossing(
        _ n: Vec3, _ edge: SilhouetteEdge, _ p: Vec3, _ a: Double, _ fa: Double, _ b: Double, _ fb: Double
    ) {
        let chord = a + (b - a) * fa / (fa - fb)
        let feature = SilhouetteFeature(edge, from: p)
        let s = day.direction(at: chord)
        guard feature.grazes(s, sinMargin: 0.03 + 0.05 / feature.nearestMeters) else { return }
        // The chord is the root finder's first step, already evaluated: start from the part
        // of the bracket it leaves, with the chord as the previous estimate.
        let fc = n.dot(s)
        let (end, fEnd) = (fc > 0) == (fa > 0) ? (b, fb) : (a, fa)
        let t = fc == 0 ? chord : day.refineBracketed(n, chord, fc, end, fEnd, settle: 5e-4)
        if feature.grazes(day.direction(at: t), sinMargin: SilhouetteFeature.crossingMargin) { events.append(t) }
    }

    /// Where n·s(t) peaks in [a, b], given slopes of opposite signs at the ends, and its value there.
    private func extremum(_ n: Vec3, _ a: Double, _ ga: Double, _ b: Double, _ gb: Double) -> (Double, Double) {
        let t = bracketedRoot(a, ga, b, gb, tolerance: 0.1, settle: 0.05) { n.dot(GroundSky.rate(day, $0)) }
        return (t, n.dot(day.direction(at: t)))
    }
}
