/// What one calculation point can see of the scene, prepared once and reused for every day.
///
/// The lit/shaded state of a point can only change when the sun crosses a plane
/// through the point and an edge of some prism (a roof edge, the underside edge of a
/// raised volume, or a vertical corner), or one of the facade's limit planes. The
/// view keeps those planes; for a day it finds where the sun path crosses each of
/// them (exactly, by root finding), and classifies each stretch between crossings
/// with one exact ray test. Cost grows with the edges the point can see, not with
/// any time step.
public struct ObstructionView: Sendable {
    public let point: Vec3
    /// Outward normal of the facade the point sits on (nil for a free point).
    public let outward: Vec2?
    /// 扫掠角: least angle between the sun's azimuth and the facade plane.
    public let minimumSweepDegrees: Double
    let obstacles: [Obstacle]
    /// The silhouette planes of every candidate obstacle, grouped by obstacle.
    let features: [Feature]
    /// Each candidate obstacle's slice of `features` (same order as `obstacles`).
    let featureRanges: [Range<Int>]
    /// The facade's two limit planes.
    let limits: [Feature]
    /// Each obstacle's extent as seen from the point: azimuth range and steepest elevation.
    let sightlines: [SkyBox]
    let sinSweep: Double

    enum Shape: Sendable {
        /// A horizontal edge (roof edge, or underside edge of a raised volume): the unit
        /// directions from the point to its ends, and the unit normal of the plane they span.
        case horizontal(toA: Vec3, toB: Vec3, axis: Vec3)
        /// A vertical corner: its horizontal direction from the point, and the unit
        /// (horizontal, vertical) directions to its lower and upper ends in its vertical plane.
        case vertical(d: Vec2, low: Vec2, high: Vec2)
        /// A facade limit: the vertical plane through the point along direction d.
        case limit(d: Vec2)
    }

    struct Feature: Sendable {
        let normal: Vec3
        let shape: Shape
    }

    /// - Parameters:
    ///   - point: the calculation point (already 1 cm off its wall).
    ///   - outward: facade normal, or nil for a free point.
    ///   - obstacles: every prism of the scene; those that cannot block are dropped here.
    public init(point: Vec3, outward: Vec2?, minimumSweepDegrees: Double = 0, obstacles: [Obstacle]) {
        self.point = point
        self.outward = outward
        self.minimumSweepDegrees = minimumSweepDegrees
        sinSweep = sin(minimumSweepDegrees * Double.pi / 180)
        let p = point
        // A prism can shade only if it rises above the point (rays toward the sun climb)
        // and, for a facade point, reaches in front of the facade.
        let reaching = obstacles.filter { o in
            guard o.topMeters > p.z + 1e-9 else { return false }
            guard let n = outward else { return true }
            return o.footprint.contains { ($0 - p.xy).dot(n) > 1e-6 }
        }
        let (candidates, boxes) = ObstructionView.unhidden(reaching, from: p)
        var features: [Feature] = []
        var featureRanges: [Range<Int>] = []
        for o in candidates {
            let first = features.count
            let fp = o.footprint
            let n = fp.count
            // Only silhouette features can end or start a shadow: roof edges of walls that
            // face the point, underside edges (raised volumes) of walls that face away, and
            // corners between a facing and a non-facing wall.
            let facing = (0..<n).map { i -> Bool in
                let a = fp[i]
                let e = fp[(i + 1) % n] - a
                return e.cross(p.xy - a) < 0  // the point is on the wall's outer (right) side
            }
            for i in 0..<n {
                let a = fp[i]
                let b = fp[(i + 1) % n]
                if facing[i] { features.append(ObstructionView.horizontal(p, a, b, o.topMeters)) }
                if o.baseMeters > p.z && !facing[i] { features.append(ObstructionView.horizontal(p, a, b, o.baseMeters)) }
                let d = a - p.xy
                if facing[i] != facing[(i + n - 1) % n] && d.length > 1e-9 {
                    let distance = d.length
                    let low = Vec2(distance, max(o.baseMeters, p.z) - p.z)
                    let high = Vec2(distance, o.topMeters - p.z)
                    features.append(Feature(normal: Vec3(d.y, -d.x, 0),
                                            shape: .vertical(d: d, low: low * (1 / low.length), high: high * (1 / high.length))))
                }
            }
            featureRanges.append(first..<features.count)
        }
        var limits: [Feature] = []
        if let n = outward {
            let along = Vec2(-n.y, n.x)
            let c = (1 - sinSweep * sinSweep).squareRoot()
            for d in [along * c + n * sinSweep, along * -c + n * sinSweep] {
                limits.append(Feature(normal: Vec3(d.y, -d.x, 0), shape: .limit(d: d)))
            }
        }
        self.limits = limits
        sightlines = boxes
        self.obstacles = candidates
        self.features = features
        self.featureRanges = featureRanges
    }

    /// The obstacles no single nearer obstacle hides from every sun direction above the
    /// horizon. Y hides X when Y is convex, stands on or below the point's level, lies
    /// wholly nearer than X (so along any ray Y is entered first and stays the blocker),
    /// spans X's azimuths with room to spare, and its top, even at its far side, stands
    /// higher in the sky than X's highest point. Exact, not a heuristic: every sun ray
    /// toward X enters Y first, so dropping X changes no state and no blocker.
    static func unhidden(_ obstacles: [Obstacle], from p: Vec3) -> ([Obstacle], [SkyBox]) {
        let boxes = obstacles.map { SkyBox(from: p, obstacle: $0) }
        // Occluders, nearest far side first, with the tan of the lowest top they show.
        let occluders = obstacles.indices.filter { i in
            obstacles[i].isConvex && obstacles[i].baseMeters <= p.z && !boxes[i].fullCircle && boxes[i].farthest > 1e-6
        }.sorted { boxes[$0].farthest < boxes[$1].farthest }
        let coverTan = occluders.map { (obstacles[$0].topMeters - p.z) / boxes[$0].farthest }
        let kept = obstacles.indices.filter { x in
            let bx = boxes[x]
            guard !bx.fullCircle else { return true }
            for (k, y) in occluders.enumerated() {
                if boxes[y].farthest >= bx.nearest { break }
                if coverTan[k] > bx.maxTanElevation && boxes[y].encloses(bx, marginDegrees: 0.5) { return false }
            }
            return true
        }
        return (kept.map { obstacles[$0] }, kept.map { boxes[$0] })
    }

    static func horizontal(_ p: Vec3, _ a: Vec2, _ b: Vec2, _ z: Double) -> Feature {
        let pa = Vec3(a.x - p.x, a.y - p.y, z - p.z)
        let ab = Vec3(b.x - a.x, b.y - a.y, 0)
        let toA = pa.normalized
        let toB = Vec3(b.x - p.x, b.y - p.y, z - p.z).normalized
        return Feature(normal: pa.cross(ab), shape: .horizontal(toA: toA, toB: toB, axis: toA.cross(toB).normalized))
    }

    /// Whether a sun direction on a feature's plane meets the feature itself (not just
    /// its plane), within an angular margin: `sinMargin` is the sine of that margin.
    ///
    /// A first guess of a crossing can be degrees off along the plane when the path
    /// crosses it at a shallow angle, so guesses are screened loosely
    /// (by the guess's own error bound, ``SunDay/CrossingGuess/alongPlaneError``) and the refined crossing, on the true path, strictly
    /// (``crossingMargin``). A crossing kept in error only adds a cut: the stretches on
    /// both sides are still classified by exact ray tests.
    @inline(__always)
    func grazes(_ shape: Shape, _ s: Vec3, sinMargin: Double) -> Bool {
        switch shape {
        case let .horizontal(toA, toB, axis):
            // s between the directions to the edge's ends, in the plane they span.
            guard s.dot(Vec3(toA.x + toB.x, toA.y + toB.y, toA.z + toB.z)) > 0 else { return false }
            return toA.cross(s).dot(axis) >= -sinMargin && s.cross(toB).dot(axis) >= -sinMargin
        case let .vertical(d, low, high):
            guard s.x * d.x + s.y * d.y > 0 else { return false }
            // s's elevation against the corner's ends: sines of the differences, as 2D cross products.
            let u = Vec2((s.x * s.x + s.y * s.y).squareRoot(), s.z)
            return low.cross(u) >= -sinMargin && u.cross(high) >= -sinMargin
        case let .limit(d):
            return Vec2(s.x, s.y).dot(d) > 0
        }
    }

    /// sin 1°: the refined crossing is on the true path; the margin is for rounding.
    static let crossingMargin = 0.017

    /// The state of the point for a sun direction: lit, or why not.
    public func state(toward s: Vec3) -> Exposure {
        state(toward: s, among: Array(obstacles.indices))
    }

    /// The day cut into stretches of constant state while the sun is up.
    public func stretches(on day: SunDay) -> [Stretch] {
        stretches(on: [day])[0]
    }

    /// ``stretches(on:)`` for several days of one site; the per-plane work that does
    /// not depend on the day is done once.
    public func stretches(on days: [SunDay]) -> [[Stretch]] {
        guard let first = days.first else { return [] }
        let planes = features.map { first.planeConstants($0.normal) }
        let limitPlanes = limits.map { first.planeConstants($0.normal) }
        var guesses: [SunDay.CrossingGuess] = []
        var events: [Double] = []
        var active: [Int] = []
        func collect(_ f: Feature, _ plane: SunDay.PlaneConstants, _ day: SunDay) {
            guesses.removeAll(keepingCapacity: true)
            day.crossingGuesses(plane, into: &guesses)
            for g in guesses {
                if g.tangent {
                    for t in day.crossingsNearTangency(f.normal, around: g.t) {
                        let s = day.direction(at: t)
                        if s.z > -0.02 && grazes(f.shape, s, sinMargin: ObstructionView.crossingMargin) { events.append(t) }
                    }
                    continue
                }
                // A crossing with the sun well below the horizon (the guess is good to about a
                // degree there) cannot bound a sunlit stretch; the night half of the day is skipped.
                guard g.s.z > -0.05, grazes(f.shape, g.s, sinMargin: g.alongPlaneError) else { continue }
                guard let t = day.refineCrossing(f.normal, from: g.t, extremum: g.extremum, side: g.side) else { continue }
                if grazes(f.shape, day.direction(at: t), sinMargin: ObstructionView.crossingMargin) { events.append(t) }
            }
        }
        return days.map { day in
            // Only obstacles that rise above the day's sun path somewhere can matter today.
            active.removeAll(keepingCapacity: true)
            events.removeAll(keepingCapacity: true)
            for (i, box) in sightlines.enumerated() where day.sunPassesBelow(box) { active.append(i) }
            for i in active { for j in featureRanges[i] { collect(features[j], planes[j], day) } }
            for (f, plane) in zip(limits, limitPlanes) { collect(f, plane, day) }
            events.sort()
            return classify(day: day, events: events, active: active)
        }
    }

    /// Cuts the day's sunlit spans at the events and labels each piece with one ray test.
    private func classify(day: SunDay, events: [Double], active: [Int]) -> [Stretch] {
        var out: [Stretch] = []
        var cuts: [Double] = []
        for span in day.daylight {
            cuts.removeAll(keepingCapacity: true)
            cuts.append(span.start)
            for e in events where e > span.start && e < span.end { cuts.append(e) }
            cuts.append(span.end)
            for (a, b) in zip(cuts, cuts.dropFirst()) where b - a > 1e-6 {
                let st = state(toward: day.direction(at: (a + b) / 2), among: active)
                if let last = out.last, last.state == st, abs(last.end - a) < 1e-6 {
                    out[out.count - 1].end = b
                } else {
                    out.append(Stretch(start: a, end: b, state: st))
                }
            }
        }
        return out
    }

    /// ``state(toward:)`` restricted to some candidate obstacles.
    @inline(__always)
    func state(toward s: Vec3, among indices: [Int]) -> Exposure {
        if let n = outward {
            let h = (s.x * s.x + s.y * s.y).squareRoot()
            if h > 1e-12 && (s.x * n.x + s.y * n.y) / h <= sinSweep { return .behindFacade }
        }
        var best = Double.infinity
        var blocker = -1
        for i in indices {
            if let l = obstacles[i].entryDistance(from: point, toward: s), l < best {
                best = l
                blocker = obstacles[i].buildingIndex
            }
        }
        return blocker >= 0 ? .shaded(by: blocker) : .sunlit
    }
}

/// Whether direct sun reaches a point, and if not, why.
public enum Exposure: Hashable, Sendable {
    case sunlit
    /// The ray toward the sun enters this building first (index into the scene).
    case shaded(by: Int)
    /// The sun is behind the facade plane (or within the sweep-angle limit of it).
    case behindFacade
}

/// A stretch of a day with one exposure, in seconds since 1970 (UTC).
public struct Stretch: Hashable, Sendable {
    public var start: Double
    public var end: Double
    public var state: Exposure

    public var durationSeconds: Double { end - start }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
