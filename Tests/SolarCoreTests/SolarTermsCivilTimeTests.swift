import Testing

@testable import SolarCore

/// Signed differences ours − reference, in seconds.
struct Deviations: Sendable, CustomStringConvertible {
    var count = 0
    var worst = 0.0
    var sum = 0.0

    mutating func add(_ seconds: Double) {
        count += 1
        worst = max(worst, abs(seconds))
        sum += seconds
    }

    var mean: Double { count == 0 ? .nan : sum / Double(count) }

    var description: String {
        "\(count) instants, max |Δ| \((worst * 1000).rounded() / 1000) s, mean \((mean * 1000).rounded() / 1000) s"
    }
}

/// Issue 26: the 4824 terms 1900–2100 against JPL DE421 and DE440 on TT, and in UTC as skyfield
/// converts them (its leap-second table; none after 2017), from Fixtures/solar_terms_civil.csv
/// (make_term_fixtures.py) and solar_terms.csv (make_fixtures.py).
struct CivilTermErrors: Sendable {
    /// On TT against DE421 (solar_terms.csv, its rows before 2053, the end of DE421).
    var ttDE421 = Deviations()
    /// On TT against DE440 (solar_terms_civil.csv), 1900–2100.
    var ttDE440 = Deviations()
    /// In UTC against DE440 + skyfield's UTC, 1972–2100, and the part 2000–2050.
    var utc = Deviations()
    var utc2000To2050 = Deviations()
    /// Terms whose Beijing date (UTC + 8 h) differs from the reference's, among those at least
    /// a second away from local midnight, and how many were that close.
    var beijingDateMismatches: [String] = []
    var nearMidnight = 0

    static let measured: CivilTermErrors = {
        var e = CivilTermErrors()
        let de440 = try! Fixture("solar_terms_civil.csv").records
        let mixed = try! Fixture("solar_terms.csv").records
        guard de440.count == 4824, mixed.count == 4824 else { return e }
        let beijing = FixedOffsetZone(hours: 8)
        for year in 1900...2100 {
            let ours = SolarTerms.terms(year: year)
            for (k, term) in ours.enumerated() {
                let i = (year - 1900) * 24 + k
                let r440 = de440[i]
                let rMixed = mixed[i]
                guard r440.int("year") == year, r440.int("longitude_deg") == term.longitudeDegrees,
                    rMixed.int("longitude_deg") == term.longitudeDegrees
                else { return CivilTermErrors() }
                e.ttDE440.add((term.julianEphemerisDay - r440.double("jd_tt")) * 86_400)
                if rMixed.double("jd_tt") < 2_470_903.5 {  // 2053-01-01: DE421 before, DE440 after
                    e.ttDE421.add((term.julianEphemerisDay - rMixed.double("jd_tt")) * 86_400)
                }
                // The civil reference: skyfield's UTC from 1972, its UT1 (with its ΔT) before.
                let reference: Instant
                if let utc = r440.optionalDouble("utc_unix") {
                    reference = Instant(secondsSince1970: utc)
                    let d = term.instant.seconds(since: reference)
                    e.utc.add(d)
                    if (2000...2050).contains(year) { e.utc2000To2050.add(d) }
                } else {
                    reference = Instant(julianDayUT: rMixed.double("jd_ut"))
                }
                let local = reference.secondsSince1970 + 8 * 3600
                let secondsOfDay = local - (local / 86_400).rounded(.down) * 86_400
                if min(secondsOfDay, 86_400 - secondsOfDay) < 1 {
                    e.nearMidnight += 1
                } else if term.date(in: beijing) != beijing.civil(reference).date {
                    e.beijingDateMismatches.append("\(year) \(term.name.chinese)")
                }
            }
        }
        print("Issue 26, on TT vs DE421 (1900–2052): \(e.ttDE421)")
        print("Issue 26, on TT vs DE440 (1900–2100): \(e.ttDE440)")
        print(
            "Issue 26, in UTC vs DE440 + skyfield's leap seconds (1972–2100): \(e.utc); 2000–2050: \(e.utc2000To2050)")
        print(
            "Issue 26, Beijing dates: \(e.beijingDateMismatches.count) differ, \(e.nearMidnight) within 1 s of midnight"
        )
        return e
    }()
}

@Suite("Solar terms in civil time (UTC through the leap seconds)")
struct SolarTermsCivilTimeTests {
    @Test func everyTermFrom1900To2100IsWithinThreeTenthsOfASecondOfDE421AndDE440OnTT() {
        let e = CivilTermErrors.measured
        #expect(e.ttDE440.count == 4824)
        #expect(e.ttDE421.count == 24 * 153)
        #expect(e.ttDE440.worst <= 0.3)
        #expect(e.ttDE421.worst <= 0.3)
        // The bias of issue 26 (+0.44 s at J2000) is gone: what is left averages out.
        #expect(abs(e.ttDE440.mean) <= 0.05)
        #expect(abs(e.ttDE421.mean) <= 0.05)
    }

    @Test func everyTermFrom1972To2100IsWithinHalfASecondInUTC() {
        let e = CivilTermErrors.measured
        #expect(e.utc.count == 24 * 129)
        #expect(e.utc2000To2050.count == 24 * 51)
        #expect(e.utc.worst <= 0.5)
        #expect(e.utc2000To2050.worst <= 0.5)
        #expect(abs(e.utc.mean) <= 0.05)
    }

    /// The analysis day of every term, 1900–2100, is the reference's date in Beijing time.
    @Test func everyTermKeepsItsBeijingDate() {
        let e = CivilTermErrors.measured
        #expect(e.beijingDateMismatches.isEmpty, "\(e.beijingDateMismatches)")
        #expect(e.nearMidnight < 10)
        #expect(e.ttDE440.count == 4824)
    }

    /// Terms after the last leap second are TT − 69.184 s exactly; ΔT does not enter.
    @Test func termsAfter2017AreTTLess69Point184Seconds() {
        for term in SolarTerms.terms(year: 2100) + SolarTerms.terms(year: 2017) {
            let tt = (term.julianEphemerisDay - Instant.unixEpochJulianDay) * 86_400
            #expect(abs(tt - term.instant.secondsSince1970 - 69.184) < 1e-4)
        }
        // In UT1 (ΔT 95.9 s predicted for 2100) it would have been 27 s earlier.
        let solstice2100 = SolarTerms.terms(year: 2100)[23]
        let asUT1 =
            solstice2100.julianEphemerisDay - DeltaT.seconds(atJulianDayUT: solstice2100.instant.julianDayUT) / 86_400
        #expect(solstice2100.instant.seconds(since: Instant(julianDayUT: asUT1)) > 20)
        #expect(CivilTimeScale.of(julianEphemerisDay: solstice2100.julianEphemerisDay) == .utc)
        #expect(CivilTimeScale.of(julianEphemerisDay: SolarTerms.terms(year: 1971)[23].julianEphemerisDay) == .ut1)
    }
}

@Suite("Leap seconds (TAI − UTC)")
struct LeapSecondsTests {
    /// 2017-01-01T00:00:00Z and 1972-01-01T00:00:00Z in POSIX seconds.
    let newYear2017 = 1_483_228_800.0
    let newYear1972 = 63_072_000.0

    /// IERS Bulletin C: 10 s from 1972, 36 s from 2015-07-01, 37 s from 2017-01-01, and no more.
    @Test func taiMinusUTCFollowsBulletinC() {
        #expect(LeapSeconds.taiMinusUTCSeconds(at: Instant(secondsSince1970: newYear1972 - 1)) == nil)
        #expect(LeapSeconds.taiMinusUTCSeconds(at: Instant(secondsSince1970: newYear1972)) == 10)
        #expect(LeapSeconds.taiMinusUTCSeconds(at: Instant(secondsSince1970: newYear2017 - 0.001)) == 36)
        #expect(LeapSeconds.taiMinusUTCSeconds(at: Instant(secondsSince1970: newYear2017)) == 37)
        #expect(LeapSeconds.taiMinusUTCSeconds(at: Instant(secondsSince1970: 4_102_444_800)) == 37)  // 2100
        #expect(LeapSeconds.steps.count == 28)
        #expect(LeapSeconds.lastStepUTC == Instant(secondsSince1970: newYear2017))
    }

    @Test func ttAndUTCRoundTripAcrossEverySecondOfEveryStep() throws {
        for step in LeapSeconds.steps {
            for offset in [-1.5, -0.25, 0, 0.25, 1.5] {
                let utc = Instant(secondsSince1970: step.utcSecondsSince1970 + offset)
                guard let tt = LeapSeconds.ttSecondsSince1970(utc: utc) else {
                    #expect(step.utcSecondsSince1970 == newYear1972 && offset < 0)
                    continue
                }
                let back = try #require(LeapSeconds.utc(ttSecondsSince1970: tt))
                #expect(abs(back.seconds(since: utc)) < 1e-6, "\(utc)")
            }
        }
    }

    /// 2016-12-31T23:59:60.5 (TAI 2017-01-01T00:00:36.5) has no POSIX name: it reads 00:00:00.5.
    @Test func theInsertedSecondReadsAsTheFirstOfTheNewDay() throws {
        let tai = newYear2017 + 36.5
        let utc = try #require(LeapSeconds.utc(ttSecondsSince1970: tai + LeapSeconds.ttMinusTAISeconds))
        #expect(utc.iso8601Milliseconds == "2017-01-01T00:00:00.500Z")
        let before = try #require(LeapSeconds.utc(ttSecondsSince1970: tai - 1 + LeapSeconds.ttMinusTAISeconds))
        #expect(before.iso8601Milliseconds == "2016-12-31T23:59:59.500Z")
    }
}

@Suite("Instants to the millisecond")
struct InstantMillisecondsTests {
    @Test func printsMillisecondsRoundedToNearest() {
        #expect(Instant(secondsSince1970: 1_798_433_413.1234).iso8601Milliseconds == "2026-12-28T04:50:13.123Z")
        #expect(Instant(secondsSince1970: 1_798_433_413.1236).iso8601Milliseconds == "2026-12-28T04:50:13.124Z")
        #expect(Instant(secondsSince1970: 59.9996).iso8601Milliseconds == "1970-01-01T00:01:00.000Z")
        #expect(Instant(secondsSince1970: -0.0006).iso8601Milliseconds == "1969-12-31T23:59:59.999Z")
        #expect(Instant(secondsSince1970: -2_208_988_800).iso8601Milliseconds == "1900-01-01T00:00:00.000Z")
    }
}
