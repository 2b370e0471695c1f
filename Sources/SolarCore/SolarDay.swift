/// Fast sun positions for many instants of one stretch of time at one site.
///
/// The shadow engine asks for the sun at thousands of instants of the same day.
/// The slow part of SPA (the VSOP87 and nutation series) varies smoothly, so it is
/// evaluated only at nodes every three hours and interpolated with cubic Lagrange
/// polynomials (SPA's own rise/set algorithm interpolates day values the same way,
/// §A.2). The Earth's rotation, the parallax and the horizon transform, which carry
/// all the fast variation, are computed exactly at each instant. Tests hold the
/// result to the full series within 1e-6°.
public struct SolarDay: Sendable {
    public let site: GeoSite
    public let refraction: Refraction
    /// The span the caller may ask about.
    public let start: Instant
    public let end: Instant

    private let topo: TopocentricSite
    private let firstNodeSeconds: Double
    private static let nodeSpacingSeconds = 3.0 * 3600
    private let rightAscension: [Double]  // unwrapped, degrees
    private let declination: [Double]
    private let radius: [Double]
    private let equationOfEquinoxes: [Double]

    /// - Parameters:
    ///   - start: first instant that will be asked for.
    ///   - end: last instant that will be asked for (inclusive). Spans of a few days are fine.
    public init(site: GeoSite, from start: Instant, to end: Instant, refraction: Refraction = .none) {
        self.site = site
        self.refraction = refraction
        self.start = start
        self.end = end
        topo = TopocentricSite(site)
        let h = SolarDay.nodeSpacingSeconds
        firstNodeSeconds = start.secondsSince1970 - h
        let count = Int(((end.secondsSince1970 - firstNodeSeconds) / h).rounded(.up)) + 3
        var ra: [Double] = []
        var dec: [Double] = []
        var rad: [Double] = []
        var eqeq: [Double] = []
        ra.reserveCapacity(count)
        for i in 0..<count {
            let sun = GeocentricSun(julianEphemerisDay: Instant(secondsSince1970: firstNodeSeconds + Double(i) * h)
                .julianEphemerisDay)
            var alpha = sun.rightAscensionDegrees
            if let last = ra.last { alpha = last + signedDegrees(alpha - last) }
            ra.append(alpha)
            dec.append(sun.declinationDegrees)
            rad.append(sun.radiusAU)
            eqeq.append(sun.equationOfEquinoxesDegrees)
        }
        rightAscension = ra
        declination = dec
        radius = rad
        equationOfEquinoxes = eqeq
    }

    /// Ephemeris nodes held per quantity (four arrays of this many `Double`s), so a cache
    /// holding the day can account for its memory.
    public var nodeCount: Int { rightAscension.count }

    /// Convenience: the local civil day of `date` in `zone`, padded by two hours each side.
    public init(site: GeoSite, date: CivilDate, zone: some CivilTimeZone, refraction: Refraction = .none) {
        let bounds = zone.dayBounds(date)
        self.init(site: site, from: bounds.start.adding(seconds: -7200), to: bounds.end.adding(seconds: 7200),
                  refraction: refraction)
    }

    /// The interpolated geocentric place: α, δ, R and apparent sidereal time.
    @inline(__always)
    func geocentric(at t: Double) -> (alpha: Double, delta: Double, radius: Double, nu: Double) {
        let x = (t - firstNodeSeconds) / SolarDay.nodeSpacingSeconds
        let i = min(max(Int(x.rounded(.down)), 1), rightAscension.count - 3)
        let u = x - Double(i)  // nodes at −1, 0, 1, 2
        // Cubic Lagrange weights for nodes i−1, i, i+1, i+2.
        let w0 = -u * (u - 1) * (u - 2) / 6
        let w1 = (u + 1) * (u - 1) * (u - 2) / 2
        let w2 = -(u + 1) * u * (u - 2) / 2
        let w3 = (u + 1) * u * (u - 1) / 6
        @inline(__always) func lerp(_ a: [Double]) -> Double {
            w0 * a[i - 1] + w1 * a[i] + w2 * a[i + 1] + w3 * a[i + 2]
        }
        let jd = t / 86_400 + Instant.unixEpochJulianDay
        let nu = GeocentricSun.meanSiderealTimeDegrees(julianDayUT: jd) + lerp(equationOfEquinoxes)
        return (lerp(rightAscension), lerp(declination), lerp(radius), nu)
    }

    /// Sun position at an instant within the span.
    @inline(__always)
    public func position(at instant: Instant) -> SolarPosition {
        let g = geocentric(at: instant.secondsSince1970)
        return SolarPosition(rightAscension: g.alpha, declination: g.delta, radiusAU: g.radius,
                             apparentSiderealTimeDegrees: g.nu, site: topo, refraction: refraction)
    }

    /// True solar time (seconds after true midnight) at an instant: 12 h + the
    /// geocentric local hour angle of the sun.
    public func trueSolarTimeSeconds(at instant: Instant) -> Double {
        let g = geocentric(at: instant.secondsSince1970)
        return normalizedDegrees(g.nu + site.longitude - g.alpha + 180) * 240
    }

    /// Equation of time (apparent − mean solar time) in seconds, within ±20 min.
    public func equationOfTimeSeconds(at instant: Instant) -> Double {
        let lmt = instant.secondsSince1970 + site.longitude * 240
        let lmtOfDay = lmt - (lmt / 86_400).rounded(.down) * 86_400
        var e = trueSolarTimeSeconds(at: instant) - lmtOfDay
        if e > 43_200 { e -= 86_400 }
        if e < -43_200 { e += 86_400 }
        return e
    }
}
