/// ΔT = TT − UT1, the drift of the Earth's rotation against atomic time.
///
/// Sources:
/// - 1900–2004: the polynomial fits of Espenak & Meeus (2006), "Five Millennium Canon
///   of Solar Eclipses" (NASA/TP-2006-214141), which follow the observed values to
///   better than a second over this span.
/// - 2005–2025: the observed values (IERS Bulletins; yearly means as tabled by USNO),
///   linearly interpolated.
/// - after 2025: unknown in principle. We continue from the last observed value into
///   Espenak & Meeus's long-term parabola, reached in 2050 (−20 + 32u² − 0.5628·(2150 − y)).
///   Predictions differ between agencies by tens of seconds by 2100; solar-term
///   instants in UTC carry that uncertainty, while their TT instants do not.
/// - before 1900 and after 2150: the long-term parabola −20 + 32u², u = (y − 1820)/100.
public enum DeltaT {
    /// ΔT in seconds for a UT Julian day.
    public static func seconds(atJulianDayUT jd: Double) -> Double {
        seconds(decimalYear: 2000 + (jd - 2_451_544.5) / 365.2425)
    }

    /// Yearly mean ΔT (s) at the start of each year 2005…2025.
    static let observed: [Double] = [
        64.69, 64.85, 65.15, 65.46, 65.78, 66.07, 66.32, 66.60, 66.91, 67.28,
        67.64, 68.10, 68.59, 68.97, 69.22, 69.36, 69.36, 69.29, 69.20, 69.18, 69.14,
    ]

    public static func seconds(decimalYear y: Double) -> Double {
        switch y {
        case ..<1900:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        case ..<1920:
            let t = y - 1900
            return -2.79 + t * (1.494119 + t * (-0.0598939 + t * (0.0061966 - 0.000197 * t)))
        case ..<1941:
            let t = y - 1920
            return 21.20 + t * (0.84493 + t * (-0.076100 + t * 0.0020936))
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + t * (0.3345 + t * (-0.060374 + t * (0.0017275 + t * (0.000651814 + t * 0.00002373599))))
        case ..<2025:
            let i = Int(y - 2005)
            let f = y - 2005 - Double(i)
            return observed[i] + f * (observed[i + 1] - observed[i])
        case ..<2050:
            let end = longTerm(2050)
            let f = (y - 2025) / 25
            return observed[observed.count - 1] + f * (end - observed[observed.count - 1])
        case ..<2150:
            return longTerm(y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// Espenak & Meeus 2050–2150 segment.
    static func longTerm(_ y: Double) -> Double {
        let u = (y - 1820) / 100
        return -20 + 32 * u * u - 0.5628 * (2150 - y)
    }
}
