import SolarCore

extension SunlightAnalyzer {
    /// True solar time (seconds after true midnight) of an instant of the analysis: from the
    /// term day's interpolating clock when one covers it, else the full series — the same
    /// reading as ``TrueSolarTime/seconds(at:longitude:)`` within 1e-6 s, at a table's many
    /// interval ends without the series' cost.
    public func trueSolarSeconds(at t: Double) -> Double {
        for clock in trueSolarClocks where t >= clock.start.secondsSince1970 && t <= clock.end.secondsSince1970 {
            return clock.seconds(at: Instant(secondsSince1970: t))
        }
        return TrueSolarTime.seconds(at: Instant(secondsSince1970: t), longitude: scene.site.longitude)
    }

    /// The civil date and time of an instant: the term day's offset when the instant falls in a
    /// term day whose offset holds all day, else the zone's offset for that instant (the same
    /// reading either way).
    public func civil(at t: Double) -> CivilDateTime {
        let instant = Instant(secondsSince1970: t)
        for (day, offset) in zip(days, civilOffsets)
        where t >= day.start.secondsSince1970 && t < day.end.secondsSince1970 {
            guard let offset else { break }
            return CivilDateTime(instant: instant, utcOffsetSeconds: offset)
        }
        return zone.civil(instant)
    }
}
