import Foundation
import Testing

@testable import SolarCore

// The fixed-width date and clock strings (written into one buffer, no padding strings)
// against Foundation's `%04d` formatting, on random instants and offsets and at the edges
// where the general path takes over (years before 0 or past 9999, clocks past 99 h).

@Suite("Civil date and clock formatting")
struct CivilFormattingTests {
    static func reference(_ d: CivilDate) -> String {
        d.year < 0
            ? String(format: "-%04d-%02d-%02d", -d.year, d.month, d.day)
            : String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
    }

    static func reference(clock s: Int) -> String { String(format: "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }

    @Test func randomInstantsAndOffsetsReadAsFoundationFormatsThem() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let t = Double.random(in: -4e10...2e11, using: &generator)
            let offset = [0, 28_800, -18_000, 19_800, 45_900, -34_200, 50_400][Int.random(in: 0..<7, using: &generator)]
            let c = CivilDateTime(instant: Instant(secondsSince1970: t), utcOffsetSeconds: offset)
            let m = abs(offset) / 60
            let zone = offset == 0 ? "Z" : String(format: "%@%02d:%02d", offset < 0 ? "-" : "+", m / 60, m % 60)
            let s = Int(c.secondsOfDay.rounded())
            #expect(c.iso8601 == Self.reference(c.date) + "T" + Self.reference(clock: s) + zone)
            #expect(c.date.iso8601 == Self.reference(c.date))
        }
    }

    @Test func edgesTakeTheGeneralPath() {
        #expect(CivilDate(year: 0, month: 1, day: 1).iso8601 == "0000-01-01")
        #expect(CivilDate(year: 9999, month: 12, day: 31).iso8601 == "9999-12-31")
        #expect(CivilDate(year: 10_000, month: 1, day: 1).iso8601 == "10000-01-01")
        #expect(CivilDate(year: -44, month: 3, day: 15).iso8601 == "-0044-03-15")
        #expect(clockString(0) == "00:00:00")
        #expect(clockString(86_400) == "24:00:00")
        #expect(clockString(359_999) == "99:59:59")
        #expect(clockString(360_000) == "100:00:00")
        #expect(clockString(-1) == "00:00:-01")
    }
}
