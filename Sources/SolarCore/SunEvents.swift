/// Sunrise, solar noon and sunset of one civil day at one site.
public struct SunEvents: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The sun rises and sets.
        case normal
        /// The sun stays above the rise/set horizon all day (极昼).
        case polarDay
        /// The sun stays below it all day (极夜).
        case polarNight
    }

    public var kind: Kind
    /// Upper culmination (TST 12:00) nearest the middle of the day.
    public var transit: Instant
    /// The rising before `transit`; nil in polar day or night, or when it is not reached.
    public var sunrise: Instant?
    /// The setting after `transit`.
    public var sunset: Instant?
    /// Topocentric geometric elevation at transit.
    public var transitElevationDegrees: Double

    /// Finds the day's events as NREL SPA §A.2 defines them: the sun's centre at a
    /// true elevation of −0.8333° (upper limb on the refracted horizon) unless told otherwise.
    ///
    /// Elevation rises monotonically from lower culmination to transit and falls
    /// after it, so each half has at most one crossing and bisection finds it exactly.
    public init(
        date: CivilDate, site: GeoSite, zone: some CivilTimeZone,
        horizonDegrees: Double = Refraction.riseSetElevationDegrees
    ) {
        let bounds = zone.dayBounds(date)
        let day = SolarDay(
            site: site, from: bounds.start.adding(seconds: -14 * 3600),
            to: bounds.end.adding(seconds: 14 * 3600))
        let midday = bounds.start.adding(seconds: bounds.end.seconds(since: bounds.start) / 2)
        let transit = day.instant(whenHourAngleIs: 0, near: midday)
        let lowerBefore = day.instant(whenHourAngleIs: 180, near: transit.adding(seconds: -43_200))
        let lowerAfter = day.instant(whenHourAngleIs: 180, near: transit.adding(seconds: 43_200))
        let elevation = { (t: Instant) in day.position(at: t).geometricElevationDegrees - horizonDegrees }
        let top = elevation(transit)
        self.transit = transit
        transitElevationDegrees = top + horizonDegrees
        if top < 0 {
            kind = .polarNight
            return
        }
        let morning = elevation(lowerBefore)
        let evening = elevation(lowerAfter)
        sunrise = morning < 0 ? SunEvents.bisect(elevation, lowerBefore, transit) : nil
        sunset = evening < 0 ? SunEvents.bisect(elevation, transit, lowerAfter) : nil
        kind = sunrise == nil && sunset == nil ? .polarDay : .normal
    }

    /// Root of f on [a, b] where f(a) and f(b) differ in sign, to a millisecond.
    public static func bisect(_ f: (Instant) -> Double, _ a0: Instant, _ b0: Instant) -> Instant {
        var a = a0
        var b = b0
        let fa = f(a)
        while b.seconds(since: a) > 1e-3 {
            let m = a.adding(seconds: b.seconds(since: a) / 2)
            if (f(m) < 0) == (fa < 0) { a = m } else { b = m }
        }
        return a.adding(seconds: b.seconds(since: a) / 2)
    }
}

extension SolarDay {
    /// The instant near `guess` when the geocentric hour angle equals `degrees`
    /// (0: transit, TST 12:00; 180: lower culmination).
    public func instant(whenHourAngleIs degrees: Double, near guess: Instant) -> Instant {
        var t = guess
        for _ in 0..<8 {
            let h = trueSolarTimeSeconds(at: t) / 240 - 180
            let step = signedDegrees(degrees - h) / 360.985647 * 86_400
            t = t.adding(seconds: step)
            if abs(step) < 1e-3 { break }
        }
        return t
    }
}
