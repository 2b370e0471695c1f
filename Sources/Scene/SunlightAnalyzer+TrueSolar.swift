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
}
