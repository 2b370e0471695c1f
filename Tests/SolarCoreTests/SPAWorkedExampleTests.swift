import Testing

@testable import SolarCore

/// The worked example of the NREL SPA report (Reda & Andreas 2004, Table A5.1):
/// 2003-10-17 12:30:30 MST (−7 h), Golden CO, ΔT 67 s, 820 mbar, 11 °C.
@Suite("NREL SPA worked example")
struct SPAWorkedExampleTests {
    static let site = GeoSite(
        latitude: 39.742476, longitude: -105.1786, heightMeters: 1830.14,
        pressureMillibars: 820, temperatureCelsius: 11)
    static let mst = FixedOffsetZone(hours: -7)
    static let instant = mst.instant(
        date: CivilDate(year: 2003, month: 10, day: 17), secondsOfDay: 12 * 3600 + 30 * 60 + 30)

    @Test func intermediateValuesMatchTheReport() {
        let jde = Self.instant.julianDayUT + 67 / 86_400.0
        #expect(abs(Self.instant.julianDayUT - 2_452_930.312847) < 1e-6)
        let sun = GeocentricSun(julianEphemerisDay: jde)
        #expect(abs(sun.nutationLongitudeDegrees - -0.00399840) < 1e-8)
        #expect(abs(sun.trueObliquityDegrees - 23.440465) < 1e-6)
        #expect(abs(sun.radiusAU - 0.9965422974) < 1e-9)
        #expect(abs(sun.apparentLongitudeDegrees - 204.0085519281) < 1e-8)
        #expect(abs(sun.rightAscensionDegrees - 202.227408) < 1e-6)
        #expect(abs(sun.declinationDegrees - -9.31434) < 1e-5)
    }

    @Test func zenithAzimuthAndIncidenceMatchThePublishedDigits() {
        let p = SolarPosition(at: Self.instant, site: Self.site, refraction: .standard, deltaTSeconds: 67)
        #expect(abs(p.zenithDegrees - 50.111622) < 1e-6)
        #expect(abs(p.azimuthDegrees - 194.340241) < 1e-6)
        #expect(abs(p.geocentricHourAngleDegrees - 11.105902) < 1e-5)
        // Surface slope 30°, azimuth rotation −10° from south = 170° clockwise from north.
        #expect(abs(p.incidenceAngleDegrees(tiltDegrees: 30, surfaceAzimuthDegrees: 170) - 25.187000) < 1e-5)
    }

    @Test func sunriseTransitAndSunsetMatchTheReportToTheSecond() {
        let e = SunEvents(date: CivilDate(year: 2003, month: 10, day: 17), site: Self.site, zone: Self.mst)
        #expect(e.kind == .normal)
        let midnight = Self.mst.instant(date: CivilDate(year: 2003, month: 10, day: 17), secondsOfDay: 0)
        // Published 06:12:43 (pvlib's SPA: 06:12:43.46); ours uses our ΔT model, not the example's 67 s.
        let rise = e.sunrise!.seconds(since: midnight)
        #expect(abs(rise - (6 * 3600 + 12 * 60 + 43.46)) < 1)
        let set = Self.mst.civil(e.sunset!).timeOfDay
        // The report prints sunset 17:20:19, but SPA's own position algorithm (and
        // pvlib's spa_python, independently) puts the sun's centre at −1.110° then,
        // 0.28° below the −0.8333° horizon its §A.2 uses; pvlib's spa_python gives
        // −0.8335° at 17:18:51. The DE421 fixtures in SunEventsReferenceTests decide.
        #expect(set == "17:18:51")
        // pvlib's SPA: transit 11:46:04.96 MST.
        let transit = e.transit.seconds(
            since: Self.mst.instant(date: CivilDate(year: 2003, month: 10, day: 17), secondsOfDay: 0))
        #expect(abs(transit - (11 * 3600 + 46 * 60 + 4.96)) < 1.5)
    }

    @Test func equationOfTimeIsAboutFourteenAndAHalfMinutes() {
        let eot = TrueSolarTime.equationOfTimeSeconds(at: Self.instant) / 60
        #expect(abs(eot - 14.641511) < 0.01)
    }
}
