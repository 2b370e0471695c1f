import Scene

/// What one request may cost, known before the work starts (issue 28: cost known before work).
///
/// Each expensive route turns the engine's real driver into seconds of one core with a
/// rate measured on the release build: a heat map's grid points × the silhouette edges
/// that survive the engine's culling (``GroundWorkEstimate``, `sunspot-bench budget`); a
/// shadow map's edge pairs in each instant's union; a skyline's or a point's day's edges. A request estimated over ``seconds`` is refused at once with 422, naming the
/// parameter to change and the largest value that fits; one estimated under
/// ``lightSeconds`` runs on the light lane, anything else on the heavy lane.
public struct ComputeBudget: Sendable {
    /// Seconds of one core a request may be estimated to need (`--compute-budget`).
    public let seconds: Double

    /// Below this estimate a job is cheap: it takes the light lane and never waits behind a heavy one.
    public static let lightSeconds = 0.05

    /// Seconds of one core per pair of shadow edges in one instant's shadow union (the union
    /// sweeps edge pairs: O(E²) at worst, reached by long winter shadows). Measured on the
    /// 2,000-tower scene: one instant 0.24 s, the hourly outlines of 冬至 12.3 s (E = 16,000).
    public static let secondsPerShadowEdgePair = 5e-9

    /// Seconds of one core per silhouette edge for a window's skyline or a point's day (sun
    /// path, point query): 0.17 s and 0.12 s for the 16,000 edges of the 2,000-tower scene.
    public static let secondsPerEdge = 10e-6

    public init(seconds: Double) { self.seconds = seconds }

    /// The lane a job estimated at `estimate` seconds takes.
    public func lane(_ estimate: Double) -> ComputeQueue.Lane {
        estimate < Self.lightSeconds ? .light : .heavy
    }

    /// Whether `estimate` seconds fit the budget.
    public func fits(_ estimate: Double) -> Bool { estimate <= seconds }

    /// 422 for a request estimated at `estimate` seconds: what to change and the largest value that fits.
    func refusal(estimate: Double, parameter: String, advice: String) -> APIError {
        APIError(
            .unprocessableContent, code: "over_budget",
            message:
                "this request would take about \(Self.text(estimate)) of computation, over the per-request budget of "
                + "\(Self.text(seconds)); \(advice)",
            path: parameter)
    }

    /// A grid's spacing that fits: `requested` if its estimate fits (else 422 naming
    /// `spacing` and the finest spacing that fits), or, when none is requested, `preferred`
    /// widened until it fits. `estimate` gives the seconds a spacing would take (from the
    /// engine's culling rule, without culling). The finest fitting spacing is bracketed by
    /// doubling, then bisected to 5 %: about ten estimates, each checking for cancellation.
    func spacing(
        requested: Double?, preferred: Double, estimate: (Double) -> Double
    ) throws -> (spacing: Double, seconds: Double) {
        let first = requested ?? preferred
        let cost = estimate(first)
        if fits(cost) { return (first, cost) }
        var (lo, hi) = (first, first * 2)
        var found: Double?
        for _ in 0..<12 {
            try Task.checkCancellation()
            let e = estimate(hi)
            if fits(e) {
                found = e
                break
            }
            (lo, hi) = (hi, hi * 2)
        }
        guard var seconds = found else {
            throw refusal(
                estimate: cost, parameter: "spacing",
                advice: "no spacing up to \(Int(hi)) m fits: the scene is too heavy for a sun-hours map")
        }
        while hi / lo > 1.05 {
            try Task.checkCancellation()
            let mid = (lo * hi).squareRoot()
            let e = estimate(mid)
            if fits(e) {
                (hi, seconds) = (mid, e)
            } else {
                lo = mid
            }
        }
        let s = Self.roundUp(hi)
        let result = (spacing: s, seconds: s == hi ? seconds : estimate(s))
        guard let requested else { return result }
        throw refusal(
            estimate: cost, parameter: "spacing",
            advice: "the finest spacing that fits is \(result.spacing) m (got \(requested) m)")
    }

    /// The shadow edges of a scene's prisms (each prism's shadow: its footprint and its top's projection).
    static func shadowEdges(_ scene: Scene) -> Double {
        Double(scene.obstacles.reduce(0) { $0 + 2 * $1.footprint.count })
    }

    /// One instant's shadow union.
    static func shadowSeconds(_ scene: Scene) -> Double {
        let e = shadowEdges(scene)
        return e * e * secondsPerShadowEdgePair
    }

    /// A window's skyline or a point's day.
    static func edgeSeconds(_ scene: Scene) -> Double {
        Double(scene.obstacles.reduce(0) { $0 + $1.footprint.count }) * secondsPerEdge
    }

    /// Up to the next 0.1 m (spacings are shown and cached with one decimal).
    static func roundUp(_ spacing: Double) -> Double { (spacing * 10).rounded(.up) / 10 }

    static func text(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\((seconds * 10).rounded() / 10) s"
    }
}
