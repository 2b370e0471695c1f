/// Fast sun positions for many instants of one stretch of time at one site.
///
/// The shadow engine asks for the sun at thousands of instants of the same day.
/// The slow part of SPA (the VSOP87 and nutation series) varies smoothly, so it is
/// evaluated only at nodes every twelve hours and interpolated with cubic Lagrange
/// polynomials (SPA's own rise/set algorithm interpolates day values the same way,
/// §A.2). What is interpolated is chosen to be smooth: δ, R, and the Greenwich hour
/// angle less its uniform turn (apparent sidereal time − α − 360.9856…°·days), whose
/// fourth derivatives put the interpolation error near 1e-8° even at twelve-hour nodes.
/// The Earth's turn, the parallax and the horizon transform, which carry all the fast
/// variation, are computed exactly at each instant. Tests hold the result to the full
/// series within 1e-6°.
///
/// One SolarDay may span many days (``init(site:dates:zone:refraction:)``): its cost is
/// two full SPA evaluations per day plus a few nodes of margin, whatever the span.
public struct SolarDay: Sendable {
    public let site: GeoSite
    public let refraction: Refraction
    /// The span the caller may ask about.
    public let start: Instant
    public let end: Instant

    private let topo: TopocentricSite
    private let firstNodeSeconds: Double
    private static let nodeSpacingSeconds = 12.0 * 3600
    /// Mean sidereal rate, degrees per UT second (SPA eq. 12's linear term).
    private static let siderealDegreesPerSecond = 360.985_647_366_29 / 86_400
    private let nodes: [Node]

    /// The interpolated quantities at one node.
    private struct Node: Sendable {
        /// Greenwich apparent hour angle minus the uniform turn since the first node, unwrapped (°).
        var hourAngleOffset: Double
        /// sin δ and cos δ rather than δ: as smooth, and they spare two calls per instant.
        var sinDeclination: Double
        var cosDeclination: Double
        var radius: Double
    }

    /// - Parameters:
    ///   - start: first instant that will be asked for.
    ///   - end: last instant that will be asked for (inclusive). Any span is fine; days or weeks are usual.
    public init(site: GeoSite, from start: Instant, to end: Instant, refraction: Refraction = .none) {
        self.site = site
        self.refraction = refraction
        self.start = start
        self.end = end
        topo = TopocentricSite(site)
        let h = SolarDay.nodeSpacingSeconds
        firstNodeSeconds = start.secondsSince1970 - h
        let count = Int(((end.secondsSince1970 - firstNodeSeconds) / h).rounded(.up)) + 3
        var nodes: [Node] = []
        nodes.reserveCapacity(count)
        for i in 0..<count {
            let seconds = firstNodeSeconds + Double(i) * h
            let instant = Instant(secondsSince1970: seconds)
            let sun = GeocentricSun(julianEphemerisDay: instant.julianEphemerisDay)
            let nu =
                GeocentricSun.meanSiderealTimeDegrees(julianDayUT: instant.julianDayUT)
                + sun.equationOfEquinoxesDegrees
            var offset = nu - sun.rightAscensionDegrees - SolarDay.siderealDegreesPerSecond * (Double(i) * h)
            if let last = nodes.last { offset = last.hourAngleOffset + signedDegrees(offset - last.hourAngleOffset) }
            nodes.append(
                Node(
                    hourAngleOffset: offset, sinDeclination: sinDeg(sun.declinationDegrees),
                    cosDeclination: cosDeg(sun.declinationDegrees), radius: sun.radiusAU))
        }
        self.nodes = nodes
    }

    /// Ephemeris nodes held (``nodeStride`` bytes each), so a cache
    /// holding the day can account for its memory.
    public var nodeCount: Int { nodes.count }

    /// Bytes one node takes in the table.
    public static var nodeStride: Int { MemoryLayout<Node>.stride }

    /// Convenience: the local civil day of `date` in `zone`, padded by two hours each side.
    public init(site: GeoSite, date: CivilDate, zone: some CivilTimeZone, refraction: Refraction = .none) {
        self.init(site: site, dates: date...date, zone: zone, refraction: refraction)
    }

    /// Several local civil days at once, padded by two hours each side: one table for a
    /// week or a season instead of one per day (construction is then ~2 SPA calls a day).
    public init(
        site: GeoSite, dates: ClosedRange<CivilDate>, zone: some CivilTimeZone,
        refraction: Refraction = .none
    ) {
        let first = zone.dayBounds(dates.lowerBound).start
        let last = zone.dayBounds(dates.upperBound).end
        self.init(
            site: site, from: first.adding(seconds: -7200), to: last.adding(seconds: 7200),
            refraction: refraction)
    }

    /// The interpolated geocentric place: Greenwich apparent hour angle (not reduced), δ and R.
    @inline(__always)
    func geocentricPlace(
        at t: Double
    ) -> (
        greenwichHourAngle: Double, sinDelta: Double, cosDelta: Double, radius: Double
    ) {
        let elapsed = t - firstNodeSeconds
        let x = elapsed * (1 / SolarDay.nodeSpacingSeconds)
        // Int(x) truncates toward zero, which is floor for x ≥ 0 and clamped to 1 below it; it
        // compiles to one instruction where `rounded(.down)` is a call to libm's floor on x86-64.
        let i = min(max(Int(x), 1), nodes.count - 3)
        let u = x - Double(i)  // nodes at −1, 0, 1, 2
        // Cubic Lagrange weights for nodes i−1, i, i+1, i+2 (TrueSolarClock repeats this step: a
        // shared weights value measured 16 % slower here).
        let um1 = u - 1
        let um2 = u - 2
        let up1 = u + 1
        let w0 = -u * um1 * um2 / 6
        let w1 = up1 * um1 * um2 / 2
        let w2 = -up1 * u * um2 / 2
        let w3 = up1 * u * um1 / 6
        return nodes.withUnsafeBufferPointer { n in
            let a = n[i - 1], b = n[i], c = n[i + 1], d = n[i + 2]
            let offset =
                w0 * a.hourAngleOffset + w1 * b.hourAngleOffset + w2 * c.hourAngleOffset
                + w3 * d.hourAngleOffset
            return (
                SolarDay.siderealDegreesPerSecond * elapsed + offset,
                w0 * a.sinDeclination + w1 * b.sinDeclination + w2 * c.sinDeclination + w3 * d.sinDeclination,
                w0 * a.cosDeclination + w1 * b.cosDeclination + w2 * c.cosDeclination + w3 * d.cosDeclination,
                w0 * a.radius + w1 * b.radius + w2 * c.radius + w3 * d.radius
            )
        }
    }

    /// Sun position at an instant within the span.
    @inline(__always)
    public func position(at instant: Instant) -> SolarPosition {
        let g = geocentricPlace(at: instant.secondsSince1970)
        return SolarPosition(
            hourAngleDegrees: g.greenwichHourAngle + site.longitude, sinDeclination: g.sinDelta,
            cosDeclination: g.cosDelta, radiusAU: g.radius, site: topo, refraction: refraction)
    }

    /// True solar time (seconds after true midnight) at an instant: 12 h + the
    /// geocentric local hour angle of the sun.
    public func trueSolarTimeSeconds(at instant: Instant) -> Double {
        let g = geocentricPlace(at: instant.secondsSince1970)
        return normalizedDegrees(g.greenwichHourAngle + site.longitude + 180) * 240
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
