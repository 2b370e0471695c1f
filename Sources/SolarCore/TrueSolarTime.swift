/// True solar time (真太阳时): the clock on which the sun crosses the meridian at 12:00.
///
/// TST = local mean time + equation of time = 12 h + the sun's local apparent hour
/// angle. Chinese sunlight rules read their effective bands (大寒日 8–16 h, 冬至日
/// 9–15 h) on this clock; software quotes it as 北京时间 + 时差 − (120° − λ)/15°.
public enum TrueSolarTime {
    /// TST seconds after true midnight, 0 ..< 86400, with the full SPA series.
    public static func seconds(at instant: Instant, longitude: Double) -> Double {
        let sun = GeocentricSun(julianEphemerisDay: instant.julianEphemerisDay)
        let nu =
            GeocentricSun.meanSiderealTimeDegrees(julianDayUT: instant.julianDayUT)
            + sun.equationOfEquinoxesDegrees
        return normalizedDegrees(nu + longitude - sun.rightAscensionDegrees + 180) * 240
    }

    /// Equation of time in seconds (TST − LMT), within ±20 min.
    public static func equationOfTimeSeconds(at instant: Instant) -> Double {
        let lmt = instant.secondsSince1970 - (instant.secondsSince1970 / 86_400).rounded(.down) * 86_400
        var e = seconds(at: instant, longitude: 0) - lmt
        if e > 43_200 { e -= 86_400 }
        if e < -43_200 { e += 86_400 }
        return e
    }

    /// The instant at which TST reads `secondsOfDay` on the TST calendar day `date`
    /// at this longitude (the inverse of ``seconds(at:longitude:)``).
    public static func instant(date: CivilDate, secondsOfDay: Double, longitude: Double) -> Instant {
        let target = Double(date.daysSince1970) * 86_400 + secondsOfDay - longitude * 240
        var t = Instant(secondsSince1970: target)
        for _ in 0..<4 {
            let next = Instant(secondsSince1970: target - equationOfTimeSeconds(at: t))
            if abs(next.seconds(since: t)) < 1e-4 { return next }
            t = next
        }
        return t
    }
}

extension SolarDay {
    /// Fast inverse of TST within the day's span (same definition as ``TrueSolarTime``).
    public func instant(trueSolarDate date: CivilDate, secondsOfDay: Double) -> Instant {
        let target = Double(date.daysSince1970) * 86_400 + secondsOfDay - site.longitude * 240
        var t = Instant(secondsSince1970: target)
        for _ in 0..<4 {
            let next = Instant(secondsSince1970: target - equationOfTimeSeconds(at: t))
            if abs(next.seconds(since: t)) < 1e-4 { return next }
            t = next
        }
        return t
    }
}
