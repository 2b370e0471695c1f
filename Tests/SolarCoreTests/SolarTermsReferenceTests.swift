import Testing

@testable import SolarCore

/// The differences of our 4824 term instants 1900–2100 from the JPL ones (solar_terms.csv:
/// DE421, DE440 from 2053), on TT and, before 1972, in UT1 (the civil scale then).
struct TermErrors: Sendable {
    var count = 0
    /// On TT: the solver and its theory alone.
    var worstTT = 0.0
    var meanTT = 0.0
    /// Before 1972, in civil time (UT1 = TT − ΔT) with our ΔT model, and with skyfield's ΔT.
    var worstUT1Before1972 = 0.0
    var worstUT1SameDeltaTBefore1972 = 0.0

    /// Computed once (the full series is slow in a debug build) for every test that reads it.
    static let againstJPL: TermErrors = {
        var e = TermErrors()
        let reference = try! Fixture("solar_terms.csv").records
        var byYear: [Int: [[String: String]]] = [:]
        for r in reference { byYear[r.int("year"), default: []].append(r) }
        var sumTT = 0.0
        for year in 1900...2100 {
            let ours = SolarTerms.terms(year: year)
            let theirs = byYear[year]!
            guard ours.count == 24 && theirs.count == 24 else { return TermErrors() }
            for (term, r) in zip(ours, theirs) {
                guard term.longitudeDegrees == r.int("longitude_deg") else { return TermErrors() }
                let dTT = (term.julianEphemerisDay - r.double("jd_tt")) * 86_400
                e.worstTT = max(e.worstTT, abs(dTT))
                sumTT += dTT
                if year < 1972 {
                    let dUT = abs(term.instant.julianDayUT - r.double("jd_ut")) * 86_400
                    let dUTSame =
                        abs(term.julianEphemerisDay - r.double("delta_t_s") / 86_400 - r.double("jd_ut")) * 86_400
                    e.worstUT1Before1972 = max(e.worstUT1Before1972, dUT)
                    e.worstUT1SameDeltaTBefore1972 = max(e.worstUT1SameDeltaTBefore1972, dUTSame)
                }
                e.count += 1
            }
        }
        e.meanTT = sumTT / Double(e.count)
        print(
            "Solar terms vs JPL DE421 (DE440 from 2053), \(e.count) instants 1900–2100: on TT max |Δ| "
                + "\(e.worstTT) s, mean Δ \(e.meanTT) s; in UT1 before 1972 \(e.worstUT1Before1972) s with our ΔT, "
                + "\(e.worstUT1SameDeltaTBefore1972) s with skyfield's")
        return e
    }()
}

/// The 24 terms of every year 1900–2100 against JPL ephemerides (skyfield: apparent
/// geocentric ecliptic longitude of date).
@Suite("Solar terms against JPL ephemerides")
struct SolarTermsReferenceTests {
    @Test func everyTermFrom1900To2100IsWithinTwentySecondsOnTT() throws {
        let e = TermErrors.againstJPL
        #expect(e.count == 4824)
        // The target of the SPA-based solver (≤ 60 s; ±15 s from SPA's truncated VSOP87).
        #expect(e.worstTT <= 20)
        #expect(e.worstUT1Before1972 <= 60)
    }

    /// Issue 14: the full VSOP87D solver reaches the second; before 1972, when civil time is
    /// UT1, also in civil time with our own ΔT (observed values, DeltaTTable.swift). Issue 26
    /// tightens TT to 0.3 s (SolarTermsCivilTimeTests); UTC from 1972 is tested there too.
    @Test func everyTermFrom1900To2100IsWithinASecondOfJPL() {
        let e = TermErrors.againstJPL
        #expect(e.count == 4824)
        #expect(e.worstTT <= 1.0)
        #expect(e.worstUT1SameDeltaTBefore1972 <= 1.0)
        #expect(e.worstUT1Before1972 <= 1.5)
    }

    /// The 24 instants of 2013 as the Hong Kong Observatory published them (HMNAO/USNO data,
    /// Hong Kong time = UTC+8, to the minute; source in Fixtures/README.md). A published
    /// minute is the instant rounded, so ours must lie within half a minute of it, plus our
    /// 1.5 s: it rounds to the very minute unless it sits within 1.5 s of a half minute.
    @Test func termsOf2013MatchTheHongKongObservatoryToTheMinute() throws {
        let hko = try Fixture("hko_solar_terms_2013.csv").records
        let zone = FixedOffsetZone(hours: 8)
        let ours = SolarTerms.terms(year: 2013)
        #expect(hko.count == 24)
        var sameMinute = 0
        var onHalfMinute: [String] = []
        var worst = 0.0
        for (term, r) in zip(ours, hko) {
            #expect(term.longitudeDegrees == r.int("longitude_deg") && term.name.chinese == r["name"])
            let published = zone.instant(
                date: CivilDate(year: 2013, month: r.int("month"), day: r.int("day")),
                secondsOfDay: Double(r.int("hour") * 3600 + r.int("minute") * 60))
            let d = term.instant.seconds(since: published)
            worst = max(worst, abs(d))
            if abs(d) < 30 { sameMinute += 1 } else { onHalfMinute.append("\(r["name"]!) \(d) s") }
            #expect(abs(d) <= 31.5, "\(r["name"]!): ours \(term.instant), HKO \(published), Δ \(d) s")
        }
        print(
            "Solar terms 2013 vs Hong Kong Observatory: \(sameMinute)/24 round to the published minute; "
                + "on a half minute: \(onHalfMinute)")
    }

    @Test func termsAreDatedInTheSiteZone() {
        let beijing = FixedOffsetZone(hours: 8)
        let terms2025 = SolarTerms.terms(year: 2025)
        let terms2026 = SolarTerms.terms(year: 2026)
        #expect(terms2025[23].name.chinese == "冬至")
        #expect(terms2025[23].date(in: beijing) == CivilDate(year: 2025, month: 12, day: 21))
        #expect(terms2026[23].date(in: beijing) == CivilDate(year: 2026, month: 12, day: 22))
        #expect(terms2026[1].name.chinese == "大寒")
        #expect(terms2026[1].date(in: beijing) == CivilDate(year: 2026, month: 1, day: 20))
        // In UTC the 2025 winter solstice (23:03 in Beijing) is still 21 December, at 15:03.
        #expect(terms2025[23].date(in: FixedOffsetZone(hours: 0)) == CivilDate(year: 2025, month: 12, day: 21))
    }

    @Test func namesRoundTripInThreeScripts() {
        #expect(SolarTermName.longitude(named: "冬至") == 270)
        #expect(SolarTermName.longitude(named: "dongzhi") == 270)
        #expect(SolarTermName.longitude(named: "Major Cold") == 300)
        #expect(SolarTermName.longitude(named: "dàhán") == 300)
        #expect(SolarTermName.longitude(named: "nonsense") == nil)
    }
}
