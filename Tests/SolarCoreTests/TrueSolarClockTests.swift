import Testing

@testable import SolarCore

// The interpolating true solar clock against the full SPA series it replaces in flat
// tables: within 1e-6 s at every sampled instant of every day of a year, at sites east and
// west, north and south (Urumqi's clock runs two hours behind Beijing time).

@Suite("True solar clock")
struct TrueSolarClockTests {
    static let sites: [(name: String, longitude: Double, zoneHours: Double)] = [
        ("Urumqi", 87.6, 8), ("Shanghai", 121.47, 8), ("Harbin", 126.63, 8), ("Sydney", 151.21, 10),
        ("Cape Town", 18.42, 2), ("Santiago", -70.67, -4), ("San Francisco", -122.42, -8),
    ]

    @Test(arguments: sites.map(\.name))
    func withinAMicrosecondOfTheFullSeriesOverAYear(site name: String) {
        let site = Self.sites.first { $0.name == name }!
        let zone = FixedOffsetZone(hours: site.zoneHours)
        var worst = 0.0
        var date = CivilDate(year: 2026, month: 1, day: 1)
        while date.year == 2026 {
            let clock = TrueSolarClock(longitude: site.longitude, date: date, zone: zone)
            let span = clock.end.seconds(since: clock.start)
            // 97 instants a day, both ends of the span included, offset so they fall between nodes too.
            for k in 0...96 {
                let raw = clock.start.secondsSince1970 + span * Double(k) / 96 - 37.3 * Double(k % 7)
                let t = Instant(secondsSince1970: max(raw, clock.start.secondsSince1970))
                let fast = clock.seconds(at: t)
                let full = TrueSolarTime.seconds(at: t, longitude: site.longitude)
                var d = abs(fast - full)
                d = min(d, 86_400 - d)  // true midnight: 86399.9… and 0.0… are the same reading
                worst = max(worst, d)
            }
            date = date.adding(days: 1)
        }
        #expect(worst <= 1e-6, "\(name): worst \(worst) s")
    }

    @Test func outsideItsSpanItReadsTheFullSeries() {
        let clock = TrueSolarClock(
            longitude: 87.6, date: CivilDate(year: 2026, month: 12, day: 22), zone: FixedOffsetZone(hours: 8))
        let later = clock.end.adding(seconds: 3 * 86_400)
        #expect(clock.seconds(at: later) == TrueSolarTime.seconds(at: later, longitude: 87.6))
    }
}
