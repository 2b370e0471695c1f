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
///   VSOP87D's equinox of date carries the IAU 1976 rate, JPL/IAU 2006 positions the modern one.
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
        let arcseconds = -0.090_33 + nutationInLongitudeArcseconds(julianCenturies: t) - 0.299_65 * t
        return normalizedDegrees(l + arcseconds / 3600)
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
