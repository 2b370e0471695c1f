/// The root of f in [a, b] (f(a) and f(b) of opposite signs), to within `tolerance`.
///
/// The engine's one root finder, for every plane crossing of every point (windows, facade
/// and ground points) and for the extremum of a crossing that only grazes. Anderson–Björck
/// regula falsi: it keeps the bracket (so it cannot jump to a twin root minutes away when
/// the sun grazes a plane) but converges superlinearly, which matters because it runs for
/// every silhouette edge of every point on every day.
@inline(__always)
func bracketedRoot(
    _ a0: Double, _ fa0: Double, _ b0: Double, _ fb0: Double, tolerance: Double,
    _ f: (Double) -> Double
) -> Double {
    var a = a0, fa = fa0, b = b0, fb = fb0
    var last = a
    for _ in 0..<60 {
        if abs(b - a) <= tolerance { break }
        // The secant point, kept strictly inside so the bracket always shrinks.
        var m = b - fb * (b - a) / (fb - fa)
        let lo = min(a, b)
        let hi = max(a, b)
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
