/// True solar time for many instants of one stretch of time at one longitude, without
/// the full SPA series at each: a flat table prints the true solar time of every interval
/// end, and ``TrueSolarTime/seconds(at:longitude:)`` there cost more than the table itself.
///
/// Like ``SolarDay``, the slow, smooth part of the hour angle — here the equation of the
/// equinoxes less the right ascension — is taken from the full series at nodes and
/// interpolated with cubic Lagrange polynomials; the nodes are two hours apart (SolarDay's
/// are twelve), which leaves an interpolation error near 1e-12°. The mean sidereal time is
/// not interpolated but computed at each instant from its Julian day, as the full series
/// does: a Julian day near 2.46 million is only good to ~4e-5 s in a Double, and the full
/// series carries that rounding, so taking the linear turn any other way would differ from it
/// by tens of microseconds. Tests hold the result to the full series within 1e-6 s over a
/// year at several sites, so clock strings rounded to the second read the same. Instants
/// outside the span fall back to the full series.
public struct TrueSolarClock: Sendable {
    public let longitude: Double
    /// The span the nodes cover.
    public let start: Instant
    public let end: Instant

    private let firstNodeSeconds: Double
    /// Equation of the equinoxes less the apparent right ascension at each node, unwrapped (°).
    private let offsets: [Double]
    private static let nodeSpacingSeconds = 2.0 * 3600

    public init(longitude: Double, from start: Instant, to end: Instant) {
        self.longitude = longitude
        self.start = start
        self.end = end
        let h = TrueSolarClock.nodeSpacingSeconds
        firstNodeSeconds = start.secondsSince1970 - h
        let count = max(Int(((end.secondsSince1970 - firstNodeSeconds) / h).rounded(.up)) + 3, 4)
        var offsets: [Double] = []
        offsets.reserveCapacity(count)
        for i in 0..<count {
            let instant = Instant(secondsSince1970: firstNodeSeconds + Double(i) * h)
            let sun = GeocentricSun(julianEphemerisDay: instant.julianEphemerisDay)
            var offset = sun.equationOfEquinoxesDegrees - sun.rightAscensionDegrees
            if let last = offsets.last { offset = last + signedDegrees(offset - last) }
            offsets.append(offset)
        }
        self.offsets = offsets
    }

    /// Convenience: the local civil day of `date` in `zone`, padded by two hours each side.
    public init(longitude: Double, date: CivilDate, zone: some CivilTimeZone) {
        let bounds = zone.dayBounds(date)
        self.init(longitude: longitude, from: bounds.start.adding(seconds: -7200), to: bounds.end.adding(seconds: 7200))
    }

    /// Nodes held (8 bytes each), so a cache holding the clock can account for its memory.
    public var nodeCount: Int { offsets.count }

    /// True solar time, seconds after true midnight (0 ..< 86400), as ``TrueSolarTime/seconds(at:longitude:)``.
    public func seconds(at instant: Instant) -> Double {
        let t = instant.secondsSince1970
        guard t >= start.secondsSince1970, t <= end.secondsSince1970 else {
            return TrueSolarTime.seconds(at: instant, longitude: longitude)
        }
        let elapsed = t - firstNodeSeconds
        // The same cubic Lagrange step as SolarDay.geocentricPlace(at:), written out: a shared
        // weights value measured 16 % slower on SolarDay's path (make bench, solar suite).
        let x = elapsed * (1 / TrueSolarClock.nodeSpacingSeconds)
        let i = min(max(Int(x), 1), offsets.count - 3)
        let u = x - Double(i)  // nodes at −1, 0, 1, 2
        let um1 = u - 1
        let um2 = u - 2
        let up1 = u + 1
        let w0 = -u * um1 * um2 / 6
        let w1 = up1 * um1 * um2 / 2
        let w2 = -up1 * u * um2 / 2
        let w3 = up1 * u * um1 / 6
        let offset = offsets.withUnsafeBufferPointer { n in
            w0 * n[i - 1] + w1 * n[i] + w2 * n[i + 1] + w3 * n[i + 2]
        }
        let meanSidereal = GeocentricSun.meanSiderealTimeDegrees(julianDayUT: instant.julianDayUT)
        return normalizedDegrees(meanSidereal + offset + longitude + 180) * 240
    }
}
