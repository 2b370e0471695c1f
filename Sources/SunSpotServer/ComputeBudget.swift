/// What one request may cost, known before the work starts (issue 28: cost known before work).
///
/// Each expensive route turns the engine's real driver (ground points × the silhouette
/// edges that survive culling; a flat's windows × the scene's prisms × 24 days) into
/// seconds of one core with a rate measured on the release build (`make bench`, suite
/// `budget`). A request estimated over ``seconds`` is refused at once with 422, naming the
/// parameter to change and the largest value that fits; one estimated under
/// ``lightSeconds`` runs on the light lane, anything else on the heavy lane.
public struct ComputeBudget: Sendable {
    /// Seconds of one core a request may be estimated to need (`--compute-budget`).
    public let seconds: Double

    /// Below this estimate a job is cheap: it takes the light lane and never waits behind a heavy one.
    public static let lightSeconds = 0.05

    /// Seconds of one core per unit of ``groundSunHoursWork`` (a point × a candidate edge).
    /// Measured by `sunspot-bench budget` on the release build (2 cores, this VM): the
    /// 2,000-tower scene and the sample compound both fall within ±40 % of it.
    public static let secondsPerGroundUnit = 60e-9

    /// Seconds of one core per window × prism × term day of a flat table.
    public static let secondsPerWindowPrismDay = 25e-9

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
    /// widened until it fits.
    ///
    /// The engine's culling is sampled once, on the first spacing (`secondsPerPoint`: the
    /// estimate of that grid divided by its points); other spacings scale it by their
    /// number of points (`points`), which is what the cost goes with.
    func spacing(
        requested: Double?, preferred: Double, points: (Double) -> Int, secondsPerPoint: (Double) throws -> Double
    ) throws -> (spacing: Double, seconds: Double) {
        let first = requested ?? preferred
        let rate = try secondsPerPoint(first)
        let cost = rate * Double(points(first))
        if fits(cost) { return (first, cost) }
        guard fits(rate) else {
            throw refusal(
                estimate: cost, parameter: "spacing",
                advice: "even one grid point is over it: the scene is too heavy for a sun-hours map")
        }
        // Points go as 1/spacing²: start there, then widen until the real count fits.
        var s = Self.roundUp(first * (cost / seconds).squareRoot())
        while !fits(rate * Double(points(s))) { s = Self.roundUp(s * 1.05) }
        let found = (spacing: s, seconds: rate * Double(points(s)))
        guard let requested else { return found }
        throw refusal(
            estimate: cost, parameter: "spacing",
            advice: "the finest spacing that fits is \(found.spacing) m (got \(requested) m)")
    }

    /// Up to the next 0.1 m (spacings are shown and cached with one decimal).
    static func roundUp(_ spacing: Double) -> Double { (spacing * 10).rounded(.up) / 10 }

    static func text(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : "\((seconds * 10).rounded() / 10) s"
    }
}
