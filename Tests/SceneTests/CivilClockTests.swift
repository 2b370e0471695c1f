import SolarCore
import SunSpotIO
import Testing

@testable import Scene

// A table prints a few dozen instants of each term day; the analyzer reads them with the
// term day's one UTC offset when the zone says it holds all day. The reference is the
// zone's own offset at each instant (ICU through Foundation).

@Suite("Civil clock of the term days")
struct CivilClockTests {
    /// Sydney leaves daylight saving on 2026-04-05 at 03:00 AEDT (16:00Z the day before),
    /// the day of 清明: one term day with two offsets.
    @Test("every instant of every term day reads as the zone reads it, the day the clocks change included")
    func termDaysReadAsTheZone() throws {
        let sydney = try #require(SystemTimeZone(identifier: "Australia/Sydney"))
        let site = SiteSpec(latitude: -33.87, longitude: 151.21, timeZone: "Australia/Sydney")
        let scene = try SceneDocument(site: site, buildings: [windowBox(face: "north")]).scene()
        let analyzer = SunlightAnalyzer(scene: scene, zone: sydney, profile: .gb50180(), year: 2026)
        var offsets = Set<Int>()
        for day in analyzer.days {
            var t = day.start.secondsSince1970
            while t < day.end.secondsSince1970 {
                let expected = sydney.civil(Instant(secondsSince1970: t))
                #expect(analyzer.civil(at: t) == expected, "\(day.date) \(t)")
                offsets.insert(expected.utcOffsetSeconds)
                t += 300
            }
        }
        #expect(offsets == [36_000, 39_600], "the year's term days span both of Sydney's offsets")
        let qingming = try #require(analyzer.days.first { $0.date == CivilDate(year: 2026, month: 4, day: 5) })
        #expect(analyzer.civil(at: qingming.start.secondsSince1970 + 3600).utcOffsetSeconds == 39_600)
        #expect(analyzer.civil(at: qingming.end.secondsSince1970 - 3600).utcOffsetSeconds == 36_000)
        // Outside the term days the zone answers.
        let july = Instant(secondsSince1970: 1_783_000_000)
        #expect(analyzer.civil(at: july.secondsSince1970) == sydney.civil(july))
    }

    @Test(
        "a zone's offset over a span is one offset exactly when every minute of the span reads it",
        arguments: [
            ("Australia/Sydney", "2026-04-04", 12), ("Europe/London", "2026-03-28", 12),
            ("Europe/London", "2026-06-01", 0), ("Asia/Pyongyang", "2018-05-04", 0),
            ("Europe/Volgograd", "2020-12-26", 12), ("Asia/Shanghai", "2026-12-21", 16),
            ("Asia/Urumqi", "2026-06-20", 18), ("America/Santiago", "2026-09-05", 12),
        ])
    func offsetThroughoutMatchesEveryMinute(zone name: String, day: String, hourUTC: Int) throws {
        let zone = try #require(SystemTimeZone(identifier: name))
        let date = try #require(CivilDate(iso8601: day))
        let start = Instant(secondsSince1970: Double(date.daysSince1970 * 86_400 + hourUTC * 3600))
        let from = "\(day) \(hourUTC):00Z"
        for hours in [1.0, 6, 24, 48] {
            let end = start.adding(seconds: hours * 3600)
            var seen = Set<Int>()
            var t = start.secondsSince1970
            while t < end.secondsSince1970 {
                seen.insert(zone.utcOffsetSeconds(at: Instant(secondsSince1970: t)))
                t += 60
            }
            let said = zone.utcOffsetSeconds(throughout: start, until: end)
            #expect(said == (seen.count == 1 ? seen.first : nil), "\(name) from \(from) for \(hours) h: \(seen)")
        }
    }
}
