import SunSpotIO
import Testing

@testable import SolarCore

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so every run
/// draws the same "random" cases and a failure can be replayed.
private struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// A day of a year in `years`, as days since 1970-01-01 (computed without SolarCore).
    mutating func day(in years: ClosedRange<Int>) -> Int {
        // 1 Jan of year y, by counting days in whole 400-year cycles from 2000 (a cycle start).
        func firstOfYear(_ y: Int) -> Int {
            var days = 10_957  // 1970-01-01 → 2000-01-01
            var year = 2000
            let leap = { (y: Int) in (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
            while year > y {
                year -= 1
                days -= leap(year) ? 366 : 365
            }
            while year < y {
                days += leap(year) ? 366 : 365
                year += 1
            }
            return days
        }
        return Int.random(in: firstOfYear(years.lowerBound)..<firstOfYear(years.upperBound + 1), using: &self)
    }

    /// An instant in `years` (UTC), to the microsecond.
    mutating func instant(in years: ClosedRange<Int>) -> Instant {
        Instant(secondsSince1970: Double(day(in: years)) * 86_400 + Double.random(in: 0..<86_400, using: &self))
    }

    mutating func site(maxHeight: Double = 0) -> GeoSite {
        GeoSite(
            latitude: Double.random(in: -90...90, using: &self),
            longitude: Double.random(in: -180...180, using: &self),
            heightMeters: maxHeight > 0 ? Double.random(in: 0...maxHeight, using: &self) : 0)
    }
}

/// Difference of two clock readings on a 24 h circle, seconds in (−43200, 43200].
private func clockDifference(_ a: Double, _ b: Double) -> Double {
    var d = (a - b).truncatingRemainder(dividingBy: 86_400)
    if d > 43_200 { d -= 86_400 }
    if d <= -43_200 { d += 86_400 }
    return d
}

/// Properties that must hold for every site and instant, checked on ≥ 500 seeded random cases each.
@Suite("Solar invariants on random sites and instants")
struct SolarInvariantTests {
    static let cases = 600

    @Test(
        "true solar time: instant(date:secondsOfDay:longitude:) then seconds(at:longitude:) gives the same reading within 1 ms"
    )
    func trueSolarTimeRoundTrip() {
        var rng = SplitMix64(seed: 0x5EED_0001)
        var maxDeviation = 0.0
        for _ in 0..<Self.cases {
            let longitude = Double.random(in: -180...180, using: &rng)
            let date = CivilDate(daysSinceEpochIndependently: rng.day(in: 1900...2100))
            let secondsOfDay = Double.random(in: 0..<86_400, using: &rng)
            let t = TrueSolarTime.instant(date: date, secondsOfDay: secondsOfDay, longitude: longitude)
            let back = TrueSolarTime.seconds(at: t, longitude: longitude)
            let deviation = abs(clockDifference(back, secondsOfDay))
            maxDeviation = max(maxDeviation, deviation)
            #expect(deviation < 1e-3, "lon \(longitude) \(date) \(secondsOfDay) s → \(t) → \(back) s")
            // The instant lies within the TST day it was asked for: LMT and TST differ by < 17 min.
            let lmt = t.secondsSince1970 + longitude * 240 - Double(date.daysSince1970) * 86_400
            #expect(abs(lmt - secondsOfDay) < 17 * 60, "lon \(longitude) \(date) \(secondsOfDay) s: LMT \(lmt)")
        }
        print("SolarInvariant (a) TST round trip: max deviation \(maxDeviation * 1000) ms over \(Self.cases) cases")
    }

    @Test("azimuth is always in [0, 360) and elevation in [−90, 90], with and without refraction")
    func azimuthAndElevationRanges() {
        var rng = SplitMix64(seed: 0x5EED_0002)
        var extremes = (minAz: 360.0, maxAz: 0.0, minEl: 90.0, maxEl: -90.0)
        for i in 0..<Self.cases * 2 {
            // Include the poles and the antimeridian exactly now and then.
            var site = rng.site(maxHeight: 4000)
            if i % 50 == 0 { site.latitude = [90.0, -90.0, 0.0][i / 50 % 3] }
            if i % 70 == 0 { site.longitude = [180.0, -180.0, 0.0][i / 70 % 3] }
            let t = rng.instant(in: 1900...2100)
            for refraction in [Refraction.none, .standard] {
                let p = SolarPosition(at: t, site: site, refraction: refraction)
                #expect(p.azimuthDegrees >= 0 && p.azimuthDegrees < 360, "\(site) \(t): azimuth \(p.azimuthDegrees)")
                #expect(
                    p.elevationDegrees >= -90 && p.elevationDegrees <= 90,
                    "\(site) \(t): elevation \(p.elevationDegrees)")
                #expect(p.geometricElevationDegrees >= -90 && p.geometricElevationDegrees <= 90)
                #expect(abs(p.declinationDegrees) < 23.5, "declination \(p.declinationDegrees)")
                extremes.minAz = min(extremes.minAz, p.azimuthDegrees)
                extremes.maxAz = max(extremes.maxAz, p.azimuthDegrees)
                extremes.minEl = min(extremes.minEl, p.elevationDegrees)
                extremes.maxEl = max(extremes.maxEl, p.elevationDegrees)
            }
        }
        print(
            "SolarInvariant (b) ranges over \(Self.cases * 4) positions: azimuth \(extremes.minAz)…\(extremes.maxAz)°, "
                + "elevation \(extremes.minEl)…\(extremes.maxEl)°")
    }

    @Test("at TST 12:00 (solar noon) the geometric elevation is 90° − |latitude − declination|")
    func noonElevation() {
        var rng = SplitMix64(seed: 0x5EED_0003)
        var maxDeviation = 0.0
        var checked = 0
        while checked < Self.cases {
            let site = rng.site()
            let date = CivilDate(daysSinceEpochIndependently: rng.day(in: 1900...2100))
            let noon = TrueSolarTime.instant(date: date, secondsOfDay: 43_200, longitude: site.longitude)
            let p = SolarPosition(at: noon, site: site, refraction: .none)
            let zenithDistance = abs(site.latitude - p.declinationDegrees)
            guard zenithDistance < 89 else { continue }
            checked += 1
            let deviation = abs(p.elevationDegrees - (90 - zenithDistance))
            maxDeviation = max(maxDeviation, deviation)
            #expect(deviation < 0.01, "\(site) \(date): elevation \(p.elevationDegrees), δ \(p.declinationDegrees)")
            // …and the sun is on the meridian: due south or due north (or overhead).
            #expect(abs(p.geocentricHourAngleDegrees) < 1e-5, "H \(p.geocentricHourAngleDegrees)")
        }
        print("SolarInvariant (c) noon elevation = 90° − |φ − δ|: max deviation \(maxDeviation)° over \(checked) cases")
    }

    @Test("SolarDay.position(at:) agrees with the full SolarPosition within 1e-6° anywhere in the day's span")
    func solarDayMatchesFullSeries() {
        var rng = SplitMix64(seed: 0x5EED_0004)
        var maxElevation = 0.0
        var maxAzimuth = 0.0
        let days = 120
        let perDay = 6
        for _ in 0..<days {
            let site = rng.site(maxHeight: 3000)
            let start = rng.instant(in: 1900...2100)
            // From a few minutes to three days, the spans the engine asks for.
            let end = start.adding(seconds: Double.random(in: 600...(3 * 86_400), using: &rng))
            let refraction: Refraction = Bool.random(using: &rng) ? .none : .standard
            let day = SolarDay(site: site, from: start, to: end, refraction: refraction)
            let span = end.seconds(since: start)
            for k in 0..<perDay {
                // Both ends of the span exactly, then random instants inside it.
                let offset = k == 0 ? 0 : k == 1 ? span : Double.random(in: 0...span, using: &rng)
                let d = Self.expectFastMatchesFull(day, at: start.adding(seconds: offset))
                maxElevation = max(maxElevation, d.elevation)
                maxAzimuth = max(maxAzimuth, d.azimuth)
            }
        }
        print(
            "SolarInvariant (d) SolarDay vs full SPA over \(days * perDay) instants: "
                + "max Δelevation \(maxElevation)°, max Δazimuth·cos(e) \(maxAzimuth)°")
    }

    @Test("one SolarDay over six weeks of civil days agrees with the full SolarPosition within 1e-6° throughout")
    func multiDaySolarDayMatchesFullSeries() {
        var rng = SplitMix64(seed: 0x5EED_0014)
        var worst = 0.0
        for _ in 0..<8 {
            let site = rng.site(maxHeight: 3000)
            let zone = FixedOffsetZone(hours: (site.longitude / 15).rounded())
            let first = zone.civil(rng.instant(in: 1900...2100)).date
            let last = first.adding(days: 41)
            let day = SolarDay(site: site, dates: first...last, zone: zone, refraction: .standard)
            let from = zone.dayBounds(first).start
            let span = zone.dayBounds(last).end.seconds(since: from)
            #expect(day.start <= from && day.end >= zone.dayBounds(last).end)
            for _ in 0..<40 {
                let d = Self.expectFastMatchesFull(
                    day, at: from.adding(seconds: Double.random(in: 0...span, using: &rng)))
                worst = max(worst, d.elevation, d.azimuth)
            }
        }
        print("SolarInvariant (f) six-week SolarDay vs full SPA over 320 instants: max deviation \(worst)°")
    }

    /// Compares the fast path with the full series at one instant (≤ 1e-6° in elevation,
    /// azimuth·cos e and declination) and returns the two deviations.
    private static func expectFastMatchesFull(_ day: SolarDay, at t: Instant) -> (elevation: Double, azimuth: Double) {
        let fast = day.position(at: t)
        let full = SolarPosition(at: t, site: day.site, refraction: day.refraction)
        let dEl = abs(fast.elevationDegrees - full.elevationDegrees)
        let dAz = abs(signedDegrees(fast.azimuthDegrees - full.azimuthDegrees)) * cosDeg(full.elevationDegrees)
        #expect(dEl < 1e-6, "\(day.site) \(t) in \(day.start)…\(day.end): Δelevation \(dEl)°")
        #expect(dAz < 1e-6, "\(day.site) \(t) in \(day.start)…\(day.end): Δazimuth·cos e \(dAz)°")
        #expect(abs(fast.declinationDegrees - full.declinationDegrees) < 1e-6)
        return (dEl, dAz)
    }

    @Test("CivilDate(daysSince1970:) and daysSince1970 round-trip for every day of 1600…2400")
    func civilDateRoundTrip() {
        var rng = SplitMix64(seed: 0x5EED_0005)
        var maxDeviation = 0
        for _ in 0..<Self.cases * 2 {
            let n = rng.day(in: 1600...2400)
            let date = CivilDate(daysSince1970: n)
            maxDeviation = max(maxDeviation, abs(date.daysSince1970 - n))
            #expect(date.daysSince1970 == n)
            #expect(date.isValid, "\(n) → \(date)")
            #expect((1600...2400).contains(date.year))
            // An independent civil calendar agrees on the date.
            #expect(date == CivilDate(daysSinceEpochIndependently: n), "\(n)")
            // The next day is the next calendar date (day + 1, or the 1st of the next month / year).
            let next = CivilDate(daysSince1970: n + 1)
            if date.day < CivilDate.daysIn(month: date.month, year: date.year) {
                #expect(next == CivilDate(year: date.year, month: date.month, day: date.day + 1))
            } else if date.month < 12 {
                #expect(next == CivilDate(year: date.year, month: date.month + 1, day: 1))
            } else {
                #expect(next == CivilDate(year: date.year + 1, month: 1, day: 1))
            }
            // And the other way: a valid date → days → the same date.
            let d = CivilDate(year: date.year, month: date.month, day: Int.random(in: 1...28, using: &rng))
            #expect(CivilDate(daysSince1970: d.daysSince1970) == d)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1).daysSince1970 == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1).daysSince1970 == 11_017)
        #expect(CivilDate(year: 1600, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 1700, month: 2, day: 29).isValid)
        print(
            "SolarInvariant (e) CivilDate round trip: max deviation \(maxDeviation) days over \(Self.cases * 2) cases")
    }

    @Test("FixedOffsetZone: instant(date:secondsOfDay:) then civil() gives back the same wall-clock reading")
    func fixedOffsetZoneRoundTrip() {
        var rng = SplitMix64(seed: 0x5EED_0006)
        var maxDeviation = 0.0
        for _ in 0..<Self.cases {
            // Any offset, including odd historical ones such as +08:05:43 (LMT of Shanghai).
            let zone = FixedOffsetZone(seconds: Int.random(in: -14 * 3600...14 * 3600, using: &rng))
            let date = CivilDate(daysSince1970: rng.day(in: 1600...2400))
            let secondsOfDay = Double(Int.random(in: 0..<86_400, using: &rng))
            let t = zone.instant(date: date, secondsOfDay: secondsOfDay)
            #expect(
                t.secondsSince1970
                    == Double(date.daysSince1970) * 86_400 + secondsOfDay - Double(zone.offsetSeconds))
            let civil = zone.civil(t)
            let deviation = abs(
                Double(civil.date.daysSince1970 - date.daysSince1970) * 86_400
                    + civil.secondsOfDay - secondsOfDay)
            maxDeviation = max(maxDeviation, deviation)
            #expect(
                civil.date == date && civil.secondsOfDay == secondsOfDay
                    && civil.utcOffsetSeconds == zone.offsetSeconds,
                "\(zone.identifier) \(date) \(secondsOfDay) → \(civil.iso8601)")
        }
        print("SolarInvariant (e) FixedOffsetZone round trip: max deviation \(maxDeviation) s over \(Self.cases) cases")
    }

    @Test(
        "IANA zones round-trip wall-clock readings around DST transitions; gaps use the earlier offset, overlaps the first occurrence"
    )
    func ianaZoneRoundTripAroundTransitions() throws {
        // (zone, years in which it changed its offset)
        let zones: [(String, ClosedRange<Int>)] = [
            ("America/New_York", 1970...2037), ("Europe/Berlin", 1980...2037), ("Australia/Sydney", 1972...2037),
            ("Australia/Lord_Howe", 1982...2037), ("America/Santiago", 1970...2037), ("Asia/Shanghai", 1986...1991),
            ("Europe/London", 1972...2037), ("Pacific/Apia", 2010...2020),
        ]
        var rng = SplitMix64(seed: 0x5EED_0007)
        var checked = (plain: 0, gap: 0, overlap: 0)
        var maxDeviation = 0.0
        var attempts = 0
        while checked.plain + checked.gap + checked.overlap < Self.cases, attempts < 20 * Self.cases {
            attempts += 1
            let (name, years) = zones[Int.random(in: 0..<zones.count, using: &rng)]
            let zone = try #require(SystemTimeZone(identifier: name))
            // Find the next offset change after a random instant by a daily scan, then bisection to the second.
            let from = rng.instant(in: years).secondsSince1970.rounded()
            let before = zone.utcOffsetSeconds(at: Instant(secondsSince1970: from))
            guard
                let dayAfter = (1...400).lazy.map({ from + Double($0) * 86_400 })
                    .first(where: { zone.utcOffsetSeconds(at: Instant(secondsSince1970: $0)) != before })
            else { continue }
            var lo = dayAfter - 86_400
            var hi = dayAfter
            while hi - lo > 1 {
                let mid = ((lo + hi) / 2).rounded(.down)
                if zone.utcOffsetSeconds(at: Instant(secondsSince1970: mid)) == before { lo = mid } else { hi = mid }
            }
            let transition = hi  // first second of the new offset
            let offBefore = zone.utcOffsetSeconds(at: Instant(secondsSince1970: transition - 1))
            let offAfter = zone.utcOffsetSeconds(at: Instant(secondsSince1970: transition))
            // A wall-clock reading within ±3 h (or across the whole jump) of the change.
            let jump = Double(abs(offAfter - offBefore))
            let wall =
                transition + Double(offBefore)
                + Double(Int.random(in: -3 * 3600...(3 * 3600 + Int(jump)), using: &rng))
            let days = Int((wall / 86_400).rounded(.down))
            let date = CivilDate(daysSince1970: days)
            let secondsOfDay = wall - Double(days) * 86_400

            let t = zone.instant(date: date, secondsOfDay: secondsOfDay)
            let valid = [offBefore, offAfter].filter {
                zone.utcOffsetSeconds(at: Instant(secondsSince1970: wall - Double($0))) == $0
            }
            let civil = zone.civil(t)
            let reading = Double(civil.date.daysSince1970) * 86_400 + civil.secondsOfDay
            if valid.isEmpty {
                // Spring forward: the reading does not exist; the earlier offset reads it.
                checked.gap += 1
                #expect(
                    t.secondsSince1970 == wall - Double(offBefore) && reading == wall + Double(offAfter - offBefore),
                    "\(name) gap \(date) \(clockString(secondsOfDay)) (offsets \(offBefore)→\(offAfter)): got \(t), civil \(civil.iso8601)"
                )
            } else {
                if Set(valid).count == 2 { checked.overlap += 1 } else { checked.plain += 1 }
                // The first occurrence: the larger offset gives the earlier instant.
                let expected = wall - Double(valid.max()!)
                maxDeviation = max(maxDeviation, abs(reading - wall))
                #expect(
                    t.secondsSince1970 == expected,
                    "\(name) \(date) \(clockString(secondsOfDay)) (offsets \(offBefore)→\(offAfter)): got \(t), want \(Instant(secondsSince1970: expected))"
                )
                #expect(reading == wall, "\(name) \(date) \(clockString(secondsOfDay)) → \(civil.iso8601)")
            }
        }
        #expect(checked.plain + checked.gap + checked.overlap >= Self.cases)
        #expect(checked.gap > 20 && checked.overlap > 20)
        print(
            "SolarInvariant (e) IANA zones round trip near transitions: \(checked.plain) plain, \(checked.gap) in gaps, "
                + "\(checked.overlap) in overlaps; max deviation \(maxDeviation) s")
    }

    @Test(
        "a wall-clock time in a spring-forward gap is read with the offset in force before the change, east and west of Greenwich"
    )
    func gapReadingUsesTheOffsetBeforeTheChange() throws {
        // Berlin 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z. 02:30 read in CET (+1) is 01:30Z = 03:30 CEST.
        let berlin = try #require(SystemTimeZone(identifier: "Europe/Berlin"))
        let b = berlin.instant(date: CivilDate(year: 2026, month: 3, day: 29), secondsOfDay: 2.5 * 3600)
        #expect(b.description == "2026-03-29T01:30:00Z")
        // New York 2026-03-08: 02:00 EST → 03:00 EDT at 07:00Z. 02:30 read in EST (−5) is 07:30Z = 03:30 EDT.
        let newYork = try #require(SystemTimeZone(identifier: "America/New_York"))
        let n = newYork.instant(date: CivilDate(year: 2026, month: 3, day: 8), secondsOfDay: 2.5 * 3600)
        #expect(n.description == "2026-03-08T07:30:00Z", "02:30 in the gap became \(newYork.civil(n).iso8601)")
    }

    @Test("a civil day whose midnight falls in a DST gap starts at the change and lasts 23 hours (Santiago 2026-09-06)")
    func dayBoundsWhenMidnightIsSkipped() throws {
        // Chile springs forward at 24:00: 2026-09-06 begins at 01:00 −03 = 04:00Z and ends at 00:00 −03 next day.
        let santiago = try #require(SystemTimeZone(identifier: "America/Santiago"))
        let bounds = santiago.dayBounds(CivilDate(year: 2026, month: 9, day: 6))
        #expect(
            bounds.start.description == "2026-09-06T04:00:00Z", "day starts \(santiago.civil(bounds.start).iso8601)")
        #expect(bounds.end.description == "2026-09-07T03:00:00Z")
        #expect(bounds.end.seconds(since: bounds.start) == 23 * 3600)
        #expect(santiago.civil(bounds.start).date == CivilDate(year: 2026, month: 9, day: 6))
    }
}

extension CivilDate {
    /// Gregorian date of a day count, by plain year/month counting (no shared code with `init(daysSince1970:)`).
    fileprivate init(daysSinceEpochIndependently n: Int) {
        let leap = { (y: Int) in (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        var year = 1970
        var rest = n
        while rest < 0 {
            year -= 1
            rest += leap(year) ? 366 : 365
        }
        while rest >= (leap(year) ? 366 : 365) {
            rest -= leap(year) ? 366 : 365
            year += 1
        }
        let lengths = [31, leap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while rest >= lengths[month] {
            rest -= lengths[month]
            month += 1
        }
        self.init(year: year, month: month + 1, day: rest + 1)
    }
}
