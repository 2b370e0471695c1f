/// The root of f in [a, b] (f(a) and f(b) of opposite signs), to within `tolerance`.
///
/// The engine's one root finder, for every plane crossing of every point (windows, facade
/// and ground points) and for the extremum of a crossing that only grazes. Anderson–Björck
/// regula falsi: it keeps the bracket (so it cannot jump to a twin root minutes away when
/// the sun grazes a plane) but converges superlinearly, which matters because it runs for
/// every silhouette edge of every point on every day.
///
/// `settle` (0: off) also stops at a secant estimate that moved less than that from the
/// previous one: superlinear steps that small put it far closer to the root. The ground
/// grid stops so (as its first engine did), saving the evaluations that close a long
/// bracket near one of its ends, for millions of crossings.
@inline(__always)
func bracketedRoot(
    _ a0: Double, _ fa0: Double, _ b0: Double, _ fb0: Double, tolerance: Double,
    settle: Double = 0, _ f: (Double) -> Double
) -> Double {
    var a = a0, fa = fa0, b = b0, fb = fb0
    var last = a
    for _ in 0..<60 {
        if abs(b - a) <= tolerance { break }
        // The secant point, kept strictly inside so the bracket always shrinks.
        var m = b - fb * (b - a) / (fb - fa)
        let lo = min(a, b)
        let hi = max(a, b)
        // With `settle`, a secant step that small ends the search at its point, even right
        // by the bracket's end (where the clamp below would bisect a long bracket instead).
        if abs(m - last) < settle && m > lo && m < hi { return m }
        if !(m > lo + 1e-4 && m < hi - 1e-4) { m = (a + b) / 2 }
        // Once the steps are tiny, probe just past the estimate: a sign change
        // there closes the bracket to within the tolerance at once.
        if abs(m - last) < tolerance / 2 {
            let toward: Double = a > m ? 1 : -1
            let probe = m + toward * tolerance / 2
            if probe > lo && probe < hi { m = probe }
        }
        last = m
        let fm = f(m)
        if fm == 0 { return m }
        if (fm > 0) == (fb > 0) {
            // Same side as b: the root stays between a and m; damp the stale a (Anderson–Björck).
            let ratio = 1 - fm / fb
            fa *= ratio > 0 ? ratio : 0.5
        } else {
            a = b
            fa = fb
        }
        b = m
        fb = fm
    }
    return (a + b) / 2
}
