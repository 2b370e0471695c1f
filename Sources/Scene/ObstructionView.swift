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
    let features: [SilhouetteFeature]
    /// Each candidate obstacle's slice of `features` (same order as `obstacles`).
    let featureRanges: [Range<Int>]
    /// The facade's two limit planes.
    let limits: [SilhouetteFeature]
    /// Each obstacle's extent as seen from the point: azimuth range and steepest elevation.
    let sightlines: [SkyBox]
    let sinSweep: Double

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
        var features: [SilhouetteFeature] = []
        var featureRanges: [Range<Int>] = []
        var facing: [Bool] = []
        var edges: [SilhouetteEdge] = []
        for o in candidates {
            let first = features.count
            SilhouetteEdge.collect(of: o, from: p, facing: &facing, into: &edges)
            for edge in edges { features.append(SilhouetteFeature(edge, from: p)) }
            featureRanges.append(first..<features.count)
        }
        var limits: [SilhouetteFeature] = []
        if let n = outward {
            let along = Vec2(-n.y, n.x)
            let c = (1 - sinSweep * sinSweep).squareRoot()
            for d in [along * c + n * sinSweep, along * -c + n * sinSweep] {
                limits.append(SilhouetteFeature(limitAlong: d))
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
        func collect(_ f: SilhouetteFeature, _ plane: SunDay.PlaneConstants, _ day: SunDay) {
            guesses.removeAll(keepingCapacity: true)
            day.crossingGuesses(plane, into: &guesses)
            for g in guesses {
                if g.tangent {
                    for t in day.crossingsNearTangency(f.normal, around: g.t) {
                        let s = day.direction(at: t)
                        if s.z > -0.02 && f.grazes(s, sinMargin: SilhouetteFeature.crossingMargin) { events.append(t) }
                    }
                    continue
                }
                // A crossing with the sun well below the horizon (the guess is good to about a
                // degree there) cannot bound a sunlit stretch; the night half of the day is skipped.
                guard g.s.z > -0.05, f.grazes(g.s, sinMargin: g.alongPlaneError) else { continue }
                guard let t = day.refineCrossing(f.normal, from: g.t, extremum: g.extremum, side: g.side) else {
                    continue
                }
                if f.grazes(day.direction(at: t), sinMargin: SilhouetteFeature.crossingMargin) { events.append(t) }
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
                out.appendMerging(start: a, end: b, state: state(toward: day.direction(at: (a + b) / 2), among: active))
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
        return obstacles.nearestBlocker(from: point, toward: s, among: indices).map { .shaded(by: $0.building) }
            ?? .sunlit
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
