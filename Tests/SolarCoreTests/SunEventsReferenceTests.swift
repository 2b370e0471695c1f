import Testing

@testable import SolarCore

/// Sunrise, transit and sunset against JPL ephemerides (skyfield, −0.8333° horizon),
/// 224 site-days with polar day and night. Target: ≤ 30 s.
@Suite("Sunrise and sunset against JPL ephemerides")
struct SunEventsReferenceTests {
    @Test func eventsAreWithinThirtySecondsAndPolarDaysAreNamed() throws {
        var worstRiseSet = 0.0
        var worstTransit = 0.0
        var polar = 0
        for r in try Fixture("sun_events.csv").records {
            let date = CivilDate(year: r.int("year"), month: r.int("month"), day: r.int("day"))
            let site = GeoSite(latitude: r.double("latitude"), longitude: r.double("longitude"))
            let zone = FixedOffsetZone(hours: r.double("utc_offset_hours"))
            let events = SunEvents(date: date, site: site, zone: zone)
            let kind = r["kind"]!
            switch kind {
            case "polar_day":
                #expect(events.kind == .polarDay, "\(date) \(site.latitude)")
                polar += 1
            case "polar_night":
                #expect(events.kind == .polarNight, "\(date) \(site.latitude)")
                polar += 1
            default:
                #expect(events.kind == .normal, "\(date) \(site.latitude)")
                if let rise = events.sunrise, let set = events.sunset {
                    worstRiseSet = max(
                        worstRiseSet, abs(rise.julianDayUT - r.double("sunrise_jd_ut")) * 86_400,
                        abs(set.julianDayUT - r.double("sunset_jd_ut")) * 86_400)
                }
            }
            worstTransit = max(worstTransit, abs(events.transit.julianDayUT - r.double("transit_jd_ut")) * 86_400)
        }
        print(
            "Sun events vs JPL: max sunrise/sunset error \(worstRiseSet) s, max transit error \(worstTransit) s, \(polar) polar days/nights"
        )
        #expect(polar >= 20)
        #expect(worstRiseSet <= 30)
        #expect(worstTransit <= 30)
    }
}
