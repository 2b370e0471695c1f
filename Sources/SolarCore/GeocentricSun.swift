/// The Sun's apparent geocentric place at one instant: NREL SPA steps 3.2–3.8
/// (Reda & Andreas 2004, eqs. 9–30), evaluated in full.
///
/// Everything here depends on TT only. The Earth's rotation (sidereal time, eq. 15),
/// which depends on UT, is added by ``SolarPosition`` and ``SolarDay``.
public struct GeocentricSun: Sendable, Hashable {
    /// Julian ephemeris day (TT) this place is for.
    public var julianEphemerisDay: Double
    /// Apparent ecliptic longitude λ of date, nutation and aberration included (eq. 25).
    public var apparentLongitudeDegrees: Double
    /// Geocentric ecliptic latitude β (eq. 14).
    public var latitudeDegrees: Double
    /// Earth–Sun distance R in astronomical units (eq. 11).
    public var radiusAU: Double
    /// Nutation in longitude Δψ (eq. 22).
    public var nutationLongitudeDegrees: Double
    /// True obliquity of the ecliptic ε (eq. 24).
    public var trueObliquityDegrees: Double
    /// Apparent right ascension α, true equator and equinox of date (eq. 28).
    public var rightAscensionDegrees: Double
    /// Apparent declination δ (eq. 29).
    public var declinationDegrees: Double
    /// The Sun's mean longitude M (eq. A2), used by the equation of time.
    public var meanLongitudeDegrees: Double

    /// Equation of the equinoxes Δψ·cos ε: apparent minus mean sidereal time (eq. 15).
    public var equationOfEquinoxesDegrees: Double { nutationLongitudeDegrees * cosDeg(trueObliquityDegrees) }

    public init(julianEphemerisDay jde: Double) {
        julianEphemerisDay = jde
        let jce = (jde - 2_451_545) / 36_525
        let jme = jce / 10

        // Heliocentric Earth (eqs. 9–12): Σ_i (Σ A cos(B + C·τ)) τ^i / 1e8.
        let l = normalizedDegrees(GeocentricSun.series(SPATables.longitude, jme) * degreesPerRadian)
        let b = GeocentricSun.series(SPATables.latitude, jme) * degreesPerRadian
        let r = GeocentricSun.series(SPATables.radius, jme)

        // Geocentric (eqs. 13–14).
        let theta = normalizedDegrees(l + 180)
        let beta = -b

        // Nutation (eqs. 15–23): the five fundamental arguments, then the 63-term series.
        let x0 = 297.85036 + 445_267.111480 * jce - 0.0019142 * jce * jce + jce * jce * jce / 189_474
        let x1 = 357.52772 + 35_999.050340 * jce - 0.0001603 * jce * jce - jce * jce * jce / 300_000
        let x2 = 134.96298 + 477_198.867398 * jce + 0.0086972 * jce * jce + jce * jce * jce / 56_250
        let x3 = 93.27191 + 483_202.017538 * jce - 0.0036825 * jce * jce + jce * jce * jce / 327_270
        let x4 = 125.04452 - 1934.136261 * jce + 0.0020708 * jce * jce + jce * jce * jce / 450_000
        var dPsi = 0.0
        var dEps = 0.0
        for t in SPATables.nutation {
            let arg = t.y.0 * x0 + t.y.1 * x1 + t.y.2 * x2 + t.y.3 * x3 + t.y.4 * x4
            dPsi += (t.a + t.b * jce) * sinDeg(arg)
            dEps += (t.c + t.d * jce) * cosDeg(arg)
        }
        dPsi /= 36_000_000
        dEps /= 36_000_000

        // Obliquity (eq. 24, Laskar's polynomial in U = JME/10, arcseconds).
        let u = jme / 10
        var poly = 0.0
        for c in [2.45, 5.79, 27.87, 7.12, -39.05, -249.67, -51.38, 1999.25, -1.55, -4680.93] {
            poly = poly * u + c
        }
        let eps0 = 84_381.448 + poly * u
        let eps = eps0 / 3600 + dEps

        // Aberration and apparent longitude (eqs. 25–26).
        let aberration = -20.4898 / (3600 * r)
        let lambda = normalizedDegrees(theta + dPsi + aberration)

        // Equatorial coordinates (eqs. 28–29).
        let alpha = normalizedDegrees(
            atan2Deg(sinDeg(lambda) * cosDeg(eps) - tanDeg(beta) * sinDeg(eps), cosDeg(lambda)))
        let delta = asinDeg(sinDeg(beta) * cosDeg(eps) + cosDeg(beta) * sinDeg(eps) * sinDeg(lambda))

        // Sun's mean longitude (eq. A2) for the equation of time.
        var m = 0.0
        for c in [-1 / 2_000_000.0, -1 / 15_300.0, 1 / 49_931.0, 0.03032028, 360_007.6982779] {
            m = m * jme + c
        }
        m = normalizedDegrees(280.4664567 + m * jme)

        apparentLongitudeDegrees = lambda
        latitudeDegrees = beta
        radiusAU = r
        nutationLongitudeDegrees = dPsi
        trueObliquityDegrees = eps
        rightAscensionDegrees = alpha
        declinationDegrees = delta
        meanLongitudeDegrees = m
    }

    /// Σ_i X_i · τ^i / 1e8 with X_i = Σ_j A_j cos(B_j + C_j τ) (SPA eqs. 9–10).
    @inline(__always)
    static func series(_ table: [[PeriodicTerm]], _ tau: Double) -> Double {
        var total = 0.0
        var power = 1.0
        for terms in table {
            var sum = 0.0
            for t in terms { sum += t.a * cosRad(t.b + t.c * tau) }
            total += sum * power
            power *= tau
        }
        return total / 1e8
    }

    /// Mean sidereal time at Greenwich ν0 in degrees for a UT Julian day (SPA eq. 12).
    public static func meanSiderealTimeDegrees(julianDayUT jd: Double) -> Double {
        let jc = (jd - 2_451_545) / 36_525
        // Split the day count so the large linear term keeps its precision.
        let days = jd - 2_451_545
        let whole = days.rounded(.down)
        let frac = days - whole
        let linear = normalizedDegrees(whole * 0.98564736629) + frac * 360.98564736629  // 360·whole drops out
        return normalizedDegrees(
            280.46061837 + linear + 0.000387933 * jc * jc
                - jc * jc * jc / 38_710_000)
    }
}
