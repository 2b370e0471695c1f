#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Sun's apparent geocentric ecliptic longitude of date, precise enough to time the
/// solar terms to a fraction of a second; kept apart from SPA, which stays the position path.
///
/// SPA's VSOP87 is cut to ~100 terms, whose ±0.4″ error is ±15 s in a term instant. Here:
/// - the VSOP87D Earth series in ``TermTables`` (781 terms of L, truncation ≤ 15 ms);
/// - light time and annual aberration together: seen from the Earth, the Sun sits where the
///   Earth's heliocentric longitude pointed one light time R/c earlier (exact to first order
///   in v/c, the Sun's own barycentric motion cancelling between the two);
/// - the FK5 correction Δλ = −0.09033″ (Bretagnon & Francou 1988, Meeus eq. 32.3; the β term
///   is below 1e-6″ because |β| < 1.2″);
/// - IAU 2000B nutation in longitude;
/// - the IAU 2000 precession-rate correction −0.29965″·T (Mathews, Herring & Buffett 2002):
///   VSOP87D's equinox of date carries the IAU 1976 rate, JPL/IAU 2006 positions the modern one;
/// - the tie to JPL DE440 (``tieToDE440Arcseconds``, issue 26): VSOP87D was fitted to DE200 in the
///   FK5 frame, and after the two corrections above still lags DE421/DE440 (ICRS, IAU 2006
///   equinox of date) by 0.018″ at J2000, drifting by −0.020″ and +0.013″ per century and century², with a
///   0.0015″ annual term. 0.018″ is 0.44 s of the Sun's motion: the terms came that much late.
///   Scripts/gen_ephemeris_tie.py measures these five numbers against DE440 on 6001 instants
///   1900–2100 (not the term instants) and writes them; what remains is ≤ 0.010″ (0.25 s).
public enum ApparentSolarLongitude {
    /// Light time for 1 AU in days (IAU 2012: 499.004784 s).
    static let lightTimeDaysPerAU = 499.004_783_836 / 86_400

    /// Apparent longitude λ in degrees, [0, 360), at a Julian ephemeris day (TT).
    public static func degrees(julianEphemerisDay jde: Double) -> Double {
        let tau = (jde - 2_451_545) / 365_250
        let t = tau * 10
        let r = GeocentricSun.series(TermTables.radius, tau)
        let emitted = tau - r * lightTimeDaysPerAU / 365_250
        let l = GeocentricSun.series(TermTables.longitude, emitted) * degreesPerRadian + 180
        let arcseconds =
            -0.090_33 + nutationInLongitudeArcseconds(julianCenturies: t) - 0.299_65 * t
            - tieArcseconds(julianCenturies: t)
        return normalizedDegrees(l + arcseconds / 3600)
    }

    /// What VSOP87D (with the corrections above) leaves against DE440, in arcseconds.
    static func tieArcseconds(julianCenturies t: Double) -> Double {
        let c = tieToDE440Arcseconds
        let meanLongitude = (280.466_46 + 36_000.769_83 * t) * Double.pi / 180
        return c[0] + t * (c[1] + t * c[2]) + c[3] * cos(meanLongitude) + c[4] * sin(meanLongitude)
    }

    /// IAU 2000B Δψ in arcseconds at T Julian centuries (TT) from J2000.
    static func nutationInLongitudeArcseconds(julianCenturies t: Double) -> Double {
        var args = [Double](repeating: 0, count: 5)
        for (k, c) in TermTables.delaunay.enumerated() {
            let arcsec = c[0] + t * (c[1] + t * (c[2] + t * (c[3] + t * c[4])))
            args[k] = arcsec.truncatingRemainder(dividingBy: 1_296_000) * radiansPerArcsecond
        }
        var dPsi = TermTables.nutationOffset
        for n in TermTables.nutation {
            let m = n.multipliers
            let arg = m.0 * args[0] + m.1 * args[1] + m.2 * args[2] + m.3 * args[3] + m.4 * args[4]
            dPsi += (n.sine + n.sineRate * t) * sin(arg) + n.cosine * cos(arg)
        }
        return dPsi * 1e-7
    }

    static let radiansPerArcsecond = Double.pi / 648_000
}
