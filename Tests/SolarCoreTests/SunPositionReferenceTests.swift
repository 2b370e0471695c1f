import Testing

@testable import SolarCore

/// SPA against JPL ephemerides (skyfield, DE421 to 2053 and DE440 after), 508 instants,
/// 24 sites from −80° to +80°, 1900–2100. Target: ≤ 0.001°.
@Suite("Sun position against JPL ephemerides")
struct SunPositionReferenceTests {
    struct Errors {
        var elevation = 0.0
        var azimuthOnSky = 0.0
        var declination = 0.0
        var rightAscension = 0.0
    }

    static func compare(fast: Bool) throws -> (Errors, Int) {
        var e = Errors()
        let records = try Fixture("sun_positions.csv").records
        for r in records {
            let instant = Instant(julianDayUT: r.double("jd_ut"))
            let site = GeoSite(
                latitude: r.double("latitude"), longitude: r.double("longitude"),
                heightMeters: r.double("height_m"))
            let p: SolarPosition
            if fast {
                p = SolarDay(site: site, from: instant.adding(seconds: -40_000), to: instant.adding(seconds: 40_000))
                    .position(at: instant)
            } else {
                p = SolarPosition(at: instant, site: site)
            }
            let elevation = r.double("elevation_deg")
            e.elevation = max(e.elevation, abs(p.elevationDegrees - elevation))
            // Azimuth error measured along the sky (it is ill-defined at the zenith).
            e.azimuthOnSky = max(
                e.azimuthOnSky,
                abs(signedDegrees(p.azimuthDegrees - r.double("azimuth_deg"))) * cosDeg(elevation))
            let sun = GeocentricSun(julianEphemerisDay: instant.julianEphemerisDay)
            e.declination = max(e.declination, abs(sun.declinationDegrees - r.double("dec_deg")))
            e.rightAscension = max(
                e.rightAscension,
                abs(signedDegrees(sun.rightAscensionDegrees - r.double("ra_deg"))))
        }
        return (e, records.count)
    }

    @Test func fullSeriesIsWithinAThousandthOfADegree() throws {
        let (e, n) = try Self.compare(fast: false)
        print(
            "SPA vs JPL over \(n) instants: max |Δelevation| \(e.elevation)°, max |Δazimuth|·cos(el) \(e.azimuthOnSky)°, max |Δδ| \(e.declination)°, max |Δα| \(e.rightAscension)°"
        )
        #expect(n >= 300)
        #expect(e.elevation <= 0.001)
        #expect(e.azimuthOnSky <= 0.001)
        #expect(e.declination <= 0.001)
        #expect(e.rightAscension <= 0.001)
    }

    @Test func fastDayPathIsWithinAThousandthOfADegree() throws {
        let (e, n) = try Self.compare(fast: true)
        print(
            "Fast day path vs JPL over \(n) instants: max |Δelevation| \(e.elevation)°, max |Δazimuth|·cos(el) \(e.azimuthOnSky)°"
        )
        #expect(e.elevation <= 0.001)
        #expect(e.azimuthOnSky <= 0.001)
    }

    @Test func deltaTFollowsTheObservedValuesWithinASecondAndAHalf() throws {
        var worst = 0.0
        for r in try Fixture("solar_terms.csv").records where r.int("year") <= 2025 {
            let ours = DeltaT.seconds(atJulianDayUT: r.double("jd_ut"))
            worst = max(worst, abs(ours - r.double("delta_t_s")))
        }
        print("ΔT vs IERS-based values 1900–2025: max difference \(worst) s")
        #expect(worst < 1.5)
    }
}
