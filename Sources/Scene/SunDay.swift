import SolarCore

/// The sun over one site for one civil day, shared by every window of a scene.
///
/// Holds the fast ephemeris, the day's culminations and the stretches when the sun
/// is high enough to count, so that per-window work is only geometry.
public struct SunDay: Sendable {
    public let date: CivilDate
    /// Local midnight to next local midnight.
    public let start: Instant
    public let end: Instant
    public let solar: SolarDay
    public let transit: Instant
    /// Declination at transit, for the analytic first guess of plane crossings.
    let sinDeclination: Double
    let cosDeclination: Double
    let sinLatitude: Double
    let cosLatitude: Double
    /// Where the (refracted, if the profile says so) sun is above the profile's minimum altitude.
    public let daylight: [(start: Double, end: Double)]
    /// Lowest tan(elevation) of the sun in each 1° azimuth bin while it is up (+∞: never there),
    /// widened by one bin and half a degree so that tests against it stay conservative.
    let lowestTanByAzimuth: [Double]
    /// The exact sun direction every ``tableStep`` seconds from `tableStart`.
    let tableStart: Double
    let table: [Vec3]

    public init(
        site: GeoSite, date: CivilDate, zone: some CivilTimeZone, refraction: Refraction,
        minimumAltitudeDegrees: Double = 0
    ) {
        self.date = date
        (start, end) = zone.dayBounds(date)
        solar = SolarDay(
            site: site, from: start.adding(seconds: -14 * 3600), to: end.adding(seconds: 14 * 3600),
            refraction: refraction)
        let midday = start.adding(seconds: end.seconds(since: start) / 2)
        transit = solar.instant(whenHourAngleIs: 0, near: midday)
        let declination = solar.position(at: transit).declinationDegrees * Double.pi / 180
        sinDeclination = sin(declination)
        cosDeclination = cos(declination)
        let phi = site.latitude * Double.pi / 180
        sinLatitude = sin(phi)
        cosLatitude = cos(phi)
        // Elevation is monotonic between culminations: split there, bisect each sign change.
        var cuts = [start.secondsSince1970]
        for k in -2...2 {
            let c = solar.instant(
                whenHourAngleIs: k % 2 == 0 ? 0 : 180, near: transit.adding(seconds: Double(k) * 43_200))
            if c > start && c < end { cuts.append(c.secondsSince1970) }
        }
        cuts.append(end.secondsSince1970)
        cuts.sort()
        let solar = self.solar
        let threshold = max(0, minimumAltitudeDegrees)
        let f = { (t: Instant) in solar.position(at: t).elevationDegrees - threshold }
        var crossings: [Double] = []
        for (a, b) in zip(cuts, cuts.dropFirst())
        where (f(Instant(secondsSince1970: a)) > 0) != (f(Instant(secondsSince1970: b)) > 0) {
            crossings.append(
                SunEvents.bisect(f, Instant(secondsSince1970: a), Instant(secondsSince1970: b)).secondsSince1970)
        }
        var spans: [(Double, Double)] = []
        var up = f(start) > 0
        var from = start.secondsSince1970
        for c in crossings {
            if up { spans.append((from, c)) }
            up.toggle()
            from = c
        }
        if up { spans.append((from, end.secondsSince1970)) }
        daylight = spans.filter { $0.1 > $0.0 }
        // The sun moves at most ~0.25° a minute (away from the zenith), so one-minute
        // samples, a neighbouring bin and a 0.5° margin bound each bin's lowest sun.
        tableStart = start.secondsSince1970 - 3 * SunDay.tableStep
        let count = Int(end.seconds(since: start) / SunDay.tableStep) + 7
        var lowest = [Double](repeating: .infinity, count: 360)
        var table: [Vec3] = []
        table.reserveCapacity(count)
        for k in 0..<count {
            let t = tableStart + Double(k) * SunDay.tableStep
            let p = solar.position(at: Instant(secondsSince1970: t))
            let d = p.direction
            table.append(Vec3(d.x, d.y, d.z))
            if daylight.contains(where: { t >= $0.start - 60 && t <= $0.end + 60 }) {
                let bin = Int(p.azimuthDegrees) % 360
                lowest[bin] = min(lowest[bin], max(0, p.elevationDegrees - 0.5))
            }
        }
        self.table = table
        var widened = lowest
        for b in 0..<360 where lowest[b].isFinite {
            widened[(b + 359) % 360] = min(widened[(b + 359) % 360], lowest[b])
            widened[(b + 1) % 360] = min(widened[(b + 1) % 360], lowest[b])
        }
        let lowestTan = widened.map { $0.isFinite ? tan($0 * Double.pi / 180) : .infinity }
        lowestTanByAzimuth = lowestTan
        // Sparse table: level j holds the minimum over bins [i, i + 2^j).
        var levels = [lowestTan]
        var width = 1
        while width * 2 <= 360 {
            let previous = levels[levels.count - 1]
            levels.append((0..<(360 - 2 * width + 1)).map { min(previous[$0], previous[$0 + width]) })
            width *= 2
        }
        lowestTanSparse = levels
    }

    /// Range minima of ``lowestTanByAzimuth`` (a sparse table), so that culling an obstacle
    /// costs the same whatever the width of its azimuth range.
    let lowestTanSparse: [[Double]]

    /// The lowest tan(elevation) of the sun over azimuth bins `from...to` (no wrap).
    @inline(__always)
    func lowestTan(from: Int, to: Int) -> Double {
        let count = to - from + 1
        let level = Int.bitWidth - 1 - count.leadingZeroBitCount
        let row = lowestTanSparse[level]
        return min(row[from], row[to - (1 << level) + 1])
    }

    /// Whether the sun, on this day, ever passes lower than the box's top in its azimuths.
    func sunPassesBelow(_ box: SkyBox) -> Bool {
        if box.fullCircle { return lowestTan(from: 0, to: 359) < box.maxTanElevation }
        let first = Int(box.fromDegrees.rounded(.down)) % 360
        let last = Int(box.toDegrees.rounded(.down)) % 360
        let lowest =
            first <= last
            ? lowestTan(from: first, to: last)
            : min(lowestTan(from: first, to: 359), lowestTan(from: 0, to: last))
        return lowest < box.maxTanElevation
    }

    /// Unit vector toward the sun (x east, y north, z up).
    ///
    /// Every window asks this thousands of times a day, so the exact path is tabled once
    /// per day at one-minute steps and interpolated with cubic Lagrange polynomials
    /// (error below 1e-9 rad: the direction turns at most ~0.004 rad a minute, smoothly).
    @inline(__always)
    public func direction(at t: Double) -> Vec3 {
        let x = (t - tableStart) / SunDay.tableStep
        let i = Int(x.rounded(.down))
        guard i >= 1, i + 2 < table.count else {
            let d = solar.position(at: Instant(secondsSince1970: t)).direction
            return Vec3(d.x, d.y, d.z)
        }
        let u = x - Double(i)
        let w0 = -u * (u - 1) * (u - 2) / 6
        let w1 = (u + 1) * (u - 1) * (u - 2) / 2
        let w2 = -(u + 1) * u * (u - 2) / 2
        let w3 = (u + 1) * u * (u - 1) / 6
        let a = table[i - 1]
        let b = table[i]
        let c = table[i + 1]
        let d = table[i + 2]
        return Vec3(
            w0 * a.x + w1 * b.x + w2 * c.x + w3 * d.x,
            w0 * a.y + w1 * b.y + w2 * c.y + w3 * d.y,
            w0 * a.z + w1 * b.z + w2 * c.z + w3 * d.z)
    }

    static let tableStep = 60.0

    /// The day-independent part of a plane's crossing equation (see ``crossingGuesses(_:into:)``),
    /// computed once per plane and reused for every day.
    struct PlaneConstants: Sendable {
        /// Hour angle of the extremum of n·s, and its cosine and sine.
        let omega: Double
        let cosOmega: Double
        let sinOmega: Double
        /// a / (r·tan δ): the crossing hour angles are ω ± acos(−k·tan δ).
        let k: Double
        /// False when the plane's normal is the polar axis (n·s never changes in a day).
        let varies: Bool
        /// |n| / r: turns an error in the sun's direction into an error in cos(spread).
        let normOverAmplitude: Double

        init(_ n: Vec3, sinLatitude: Double, cosLatitude: Double) {
            let axial = n.y * cosLatitude + n.z * sinLatitude
            let b = n.z * cosLatitude - n.y * sinLatitude
            let c = -n.x
            let r = (b * b + c * c).squareRoot()
            varies = r > 1e-12
            omega = atan2(c, b)
            cosOmega = varies ? b / r : 1
            sinOmega = varies ? c / r : 0
            k = varies ? axial / r : 0
            normOverAmplitude = varies ? (n.x * n.x + n.y * n.y + n.z * n.z).squareRoot() / r : .infinity
        }
    }

    func planeConstants(_ n: Vec3) -> PlaneConstants {
        PlaneConstants(n, sinLatitude: sinLatitude, cosLatitude: cosLatitude)
    }

    /// A first guess of a plane crossing (see ``crossingGuesses(_:into:)``).
    struct CrossingGuess {
        var t: Double
        /// The sun's direction on the simplified path at `t`.
        var s: Vec3
        /// The extremum of n·s that separates this root from its twin, and which side it is on.
        var extremum: Double
        var side: Double
        /// The path comes near tangency with the plane here: the simplified path cannot
        /// be trusted to say whether, or where, the true one crosses, so `t` is the
        /// extremum and the true path must be searched around it.
        var tangent: Bool
        /// How far (radians, as a sine) the true crossing can lie from `s` along the plane:
        /// the path error, stretched by how shallowly the path crosses the plane.
        var alongPlaneError: Double
    }

    /// How far the simplified path (declination fixed at transit, no refraction or
    /// parallax) can stray from the true one, as an angle in radians: refraction at the
    /// horizon (0.6°), the declination's drift over half a day (0.2°), and a margin.
    static let simplifiedPathError = 0.02
    /// Root pairs closer than this (in hour angle, radians: about 70 minutes) are searched
    /// on the true path instead of refined one by one: near tangency the simplified
    /// path's roots can be tens of minutes off, or missing.
    static let tangentSpread = 0.3

    /// First guesses of the instants in this civil day when the sun crosses the plane
    /// through the observer with normal `n` (n·s = 0), with the direction there.
    ///
    /// With the declination held at its transit value, n·s = a + b·cos H + c·sin H in
    /// the hour angle H, which has at most two roots a day and a closed form. Away from
    /// tangency the guesses are within minutes and ``refineCrossing(_:from:extremum:side:)``
    /// polishes them on the true (refracted, parallax-corrected) path; near tangency
    /// (including when the simplified path just misses the plane) the guess is flagged
    /// for ``crossingsNearTangency(_:around:)``.
    @inline(__always)
    func crossingGuesses(_ plane: PlaneConstants, into out: inout [CrossingGuess]) {
        guard plane.varies else { return }
        let sd = sinDeclination
        let cd = cosDeclination
        let x = -plane.k * sd / cd  // cos of the spread
        // The true path can cross where the simplified one only comes within its error.
        guard abs(x) < 1 + SunDay.simplifiedPathError * plane.normOverAmplitude / cd else { return }
        let cosSpread = max(-1, min(1, x))
        let sinSpread = (1 - cosSpread * cosSpread).squareRoot()
        let spread = acos(cosSpread)
        let omega = plane.omega
        let t0 = start.secondsSince1970 - 1800
        let t1 = end.secondsSince1970 + 1800
        let transitSeconds = transit.secondsSince1970
        let secondsPerRadian = 86_164.0905 / (2 * Double.pi)
        let nearTangent = abs(x) >= 1 || spread < SunDay.tangentSpread || spread > Double.pi - SunDay.tangentSpread
        if nearTangent {
            let middle = spread < Double.pi / 2 ? omega : omega + Double.pi
            let ch = cos(middle)
            let sh = sin(middle)
            let s = Vec3(-cd * sh, sd * cosLatitude - cd * ch * sinLatitude, sd * sinLatitude + cd * ch * cosLatitude)
            for wrap in [-2.0 * Double.pi, 0, 2 * Double.pi] {
                let t = transitSeconds + (middle + wrap) * secondsPerRadian
                guard t > t0 - 7200, t < t1 + 7200 else { continue }
                out.append(CrossingGuess(t: t, s: s, extremum: t, side: 0, tangent: true, alongPlaneError: 1))
            }
            return
        }
        // sin of the angle at which the path crosses the plane is sin(spread)·r/|n|.
        let alongPlaneError = min(1, SunDay.simplifiedPathError * (1 + plane.normOverAmplitude / max(sinSpread, 1e-9)))
        for first in [true, false] {
            let sign: Double = first ? 1 : -1
            let h = omega + sign * spread
            // cos and sin of ω ± spread by the addition formulas: no trig per day.
            let ch = plane.cosOmega * cosSpread - sign * plane.sinOmega * sinSpread
            let sh = plane.sinOmega * cosSpread + sign * plane.cosOmega * sinSpread
            let s = Vec3(-cd * sh, sd * cosLatitude - cd * ch * sinLatitude, sd * sinLatitude + cd * ch * cosLatitude)
            // The pair of roots is symmetric about ω (spread < 90°) or about ω + π;
            // that extremum of n·s separates them. Take its occurrence nearest the guess.
            var middle = spread < Double.pi / 2 ? omega : omega + Double.pi
            middle += 2 * Double.pi * ((h - middle) / (2 * Double.pi)).rounded()
            let side: Double = h > middle ? 1 : -1
            for wrap in [-2.0 * Double.pi, 0, 2 * Double.pi] {
                let t = transitSeconds + (h + wrap) * secondsPerRadian
                guard t > t0, t < t1 else { continue }
                out.append(
                    CrossingGuess(
                        t: t, s: s, extremum: transitSeconds + (middle + wrap) * secondsPerRadian,
                        side: side, tangent: false, alongPlaneError: alongPlaneError))
            }
        }
    }

    /// Every crossing of the plane n·s = 0 by the true path within two hours of a
    /// near-tangency: sign changes on a 4-minute grid, plus, where |n·s| dips without a
    /// sign change, the dip's extremum, which tells whether the path touches the plane
    /// between two samples (a pair of roots less than 4 minutes apart).
    func crossingsNearTangency(_ n: Vec3, around centre: Double) -> [Double] {
        let step = 240.0
        let from = max(centre - 7200, start.secondsSince1970 - 1800)
        let to = min(centre + 7200, end.secondsSince1970 + 1800)
        guard to > from else { return [] }
        let count = Int(((to - from) / step).rounded(.up))
        let times = (0...count).map { min(to, from + Double($0) * step) }
        let values = times.map { n.dot(direction(at: $0)) }
        var roots: [Double] = []
        for i in 0..<count {
            let (ta, fa, tb, fb) = (times[i], values[i], times[i + 1], values[i + 1])
            if fa == 0 {
                roots.append(ta)
                continue
            }
            if (fa > 0) != (fb > 0) {
                roots.append(refineBracketed(n, ta, fa, tb, fb))
                continue
            }
            // Same sign at both ends: look for a touch in between when the samples dip
            // toward zero here (|f| smaller than at the next samples out on both sides).
            guard i > 0, i + 2 <= count else { continue }
            let dipping = abs(fa) <= abs(values[i - 1]) && abs(fb) <= abs(values[i + 2])
            guard dipping else { continue }
            // Golden-section search for the extremum of f toward zero in [ta, tb].
            let sign: Double = fa > 0 ? 1 : -1
            var lo = ta, hi = tb
            let g = (5.0.squareRoot() - 1) / 2
            var x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo)
            var f1 = sign * n.dot(direction(at: x1)), f2 = sign * n.dot(direction(at: x2))
            while hi - lo > 0.5 {
                if f1 < f2 {
                    hi = x2
                    x2 = x1
                    f2 = f1
                    x1 = hi - g * (hi - lo)
                    f1 = sign * n.dot(direction(at: x1))
                } else {
                    lo = x1
                    x1 = x2
                    f1 = f2
                    x2 = lo + g * (hi - lo)
                    f2 = sign * n.dot(direction(at: x2))
                }
            }
            let tm = (lo + hi) / 2
            let fm = n.dot(direction(at: tm))
            if (fm > 0) != (fa > 0) {
                roots.append(refineBracketed(n, ta, fa, tm, fm))
                roots.append(refineBracketed(n, tm, fm, tb, fb))
            }
        }
        return roots
    }

    /// The crossing on the true path, bracketed between the guess's extremum and a point
    /// ten minutes beyond the guess, which holds exactly one root even when the sun only
    /// grazes the plane (two roots minutes apart); secant iterations otherwise.
    ///
    /// Inside the bracket, the engine's one root finder (``bracketedRoot(_:_:_:_:tolerance:settle:_:)``).
    func refineCrossing(_ n: Vec3, from guess: Double, extremum: Double, side: Double) -> Double? {
        guard abs(guess - extremum) < 6 * 3600 else { return refineCrossing(n, from: guess) }
        // The guess is good to about a minute: try a 3-minute bracket on the root's side of
        // the extremum first, then the wide one.
        var near = guess - side * 90
        if (near - extremum) * side < 0 { near = extremum }
        let fNear = n.dot(direction(at: near))
        let far = guess + side * 90
        let fFar = n.dot(direction(at: far))
        if (fNear > 0) != (fFar > 0) { return refineBracketed(n, near, fNear, far, fFar) }
        let wide = guess + side * 600
        let fWide = n.dot(direction(at: wide))
        if (fFar > 0) != (fWide > 0) { return refineBracketed(n, far, fFar, wide, fWide) }
        if near != extremum {
            let fExtremum = n.dot(direction(at: extremum))
            if (fExtremum > 0) != (fNear > 0) { return refineBracketed(n, extremum, fExtremum, near, fNear) }
        }
        return refineCrossing(n, from: guess)
    }

    /// The root of n·s(t) in [a, b], where the signs at the ends differ, to 2 ms (or once a
    /// step is under `settle`: see ``bracketedRoot(_:_:_:_:tolerance:settle:_:)``).
    @inline(__always)
    func refineBracketed(_ n: Vec3, _ a: Double, _ fa: Double, _ b: Double, _ fb: Double, settle: Double = 0) -> Double
    {
        bracketedRoot(a, fa, b, fb, tolerance: 0.002, settle: settle) { n.dot(direction(at: $0)) }
    }

    /// Secant iterations on n·s(t) from a guess, on the true path; nil when it does not settle.
    func refineCrossing(_ n: Vec3, from guess: Double) -> Double? {
        var x0 = guess
        var x1 = guess + 20
        var f0 = n.dot(direction(at: x0))
        var f1 = n.dot(direction(at: x1))
        for _ in 0..<12 {
            let d = f1 - f0
            if d == 0 { break }
            let x2 = x1 - f1 * (x1 - x0) / d
            if abs(x2 - guess) > 3 * 3600 { return nil }
            x0 = x1
            f0 = f1
            x1 = x2
            f1 = n.dot(direction(at: x1))
            if abs(x1 - x0) < 0.005 { return x1 }
        }
        return abs(f1) < 1e-7 ? x1 : nil
    }

    /// The instants bounding a band on the profile's clock, on this day.
    public func band(_ band: RuleProfile.Band, clock: RuleProfile.Clock, zone: some CivilTimeZone) -> (Double, Double) {
        switch clock {
        case .trueSolar:
            // The TST date that matches the civil date: the one whose noon falls in this civil day.
            return (
                solar.instant(trueSolarDate: trueSolarDate, secondsOfDay: band.startSeconds).secondsSince1970,
                solar.instant(trueSolarDate: trueSolarDate, secondsOfDay: band.endSeconds).secondsSince1970
            )
        case .civil:
            return (
                zone.instant(date: date, secondsOfDay: band.startSeconds).secondsSince1970,
                zone.instant(date: date, secondsOfDay: band.endSeconds).secondsSince1970
            )
        }
    }

    /// The true-solar calendar date whose noon (the transit) falls on this civil day.
    var trueSolarDate: CivilDate {
        // At transit TST is exactly 12:00, and TST stays within 20 min of local mean time.
        CivilDate(
            daysSince1970: Int(((transit.secondsSince1970 + solar.site.longitude * 240 - 43_200) / 86_400).rounded()))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
