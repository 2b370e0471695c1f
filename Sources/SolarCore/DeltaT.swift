/// ΔT = TT − UT1, the drift of the Earth's rotation against atomic time.
///
/// Sources:
/// - 1900–2026: observed values every half year (``observed``, generated into
///   DeltaTTable.swift by Scripts/gen_delta_t_table.py from skyfield 1.55's built-in ΔT:
///   the Morrison–Stephenson–Hohenkerk spline before 1973, IERS-derived values after),
///   linearly interpolated; within 0.05 s of the daily values (the seasonal wobble of UT1).
///   ΔT sets the Earth's rotation angle at an instant, and before 1972 a term's civil instant
///   (UT1, ``CivilTimeScale``), so it must follow the observations, not a smooth fit of them
///   (Espenak & Meeus's polynomials stray by 1.1 s before 1910). From 1972 term instants go
///   TT → UTC through the leap seconds (``LeapSeconds``) and do not depend on ΔT.
/// - 2026–2150: unknown in principle. We take the long-term prediction of Stephenson,
///   Morrison & Hohenkerk (2016, updated 2020) as tabulated every 5 years in
///   skyfield 1.55's built-in data (69.1 s in 2030, 95.9 s in 2100), joined linearly to the
///   last observed value. Other agencies'
///   predictions differ by tens of seconds by 2100: the sun's hour angle at a future instant
///   carries that uncertainty; solar-term instants, on TT and in UTC, do not.
/// - outside 1900–2150: Morrison & Stephenson's parabola 32u² (u = centuries from
///   1820), shifted to join the table; SunSpot supports 1900–2150 only.
public enum DeltaT {
    /// ΔT in seconds for a UT Julian day.
    public static func seconds(atJulianDayUT jd: Double) -> Double {
        seconds(decimalYear: 2000 + (jd - 2_451_544.5) / 365.2425)
    }

    /// Predicted ΔT (s) on 1 January of 2025, 2030, … 2150.
    static let predicted: [Double] = [
        69.14, 69.08, 69.26, 69.72, 70.45, 71.44, 72.70, 74.23, 76.02, 78.08, 80.40, 82.98, 85.83,
        88.94, 92.30, 95.93, 99.81, 103.95, 108.35, 113.00, 117.91, 123.08, 128.49, 134.16, 140.09, 146.26,
    ]
    static let predictedFirstYear = 2025.0
    static let predictedStep = 5.0

    /// The last observed node (2026.0).
    static let lastObservedYear = observedFirstYear + observedStep * Double(observed.count - 1)
    /// The first predicted node after it (2030.0): in between, ΔT runs linearly from the one to
    /// the other, so observation and prediction join without a jump.
    static let joinYear =
        predictedFirstYear
        + predictedStep * (((lastObservedYear - predictedFirstYear) / predictedStep).rounded(.down) + 1)

    public static func seconds(decimalYear y: Double) -> Double {
        switch y {
        case ..<observedFirstYear:
            return parabola(y) - parabola(observedFirstYear) + observed[0]
        case ..<lastObservedYear:
            return interpolate(observed, from: observedFirstYear, step: observedStep, at: y)
        case ..<joinYear:
            let last = observed[observed.count - 1]
            let f = (y - lastObservedYear) / (joinYear - lastObservedYear)
            return last + f
                * (interpolate(predicted, from: predictedFirstYear, step: predictedStep, at: joinYear) - last)
        case ..<2150:
            return interpolate(predicted, from: predictedFirstYear, step: predictedStep, at: y)
        default:
            return parabola(y) - parabola(2150) + predicted[predicted.count - 1]
        }
    }

    static func parabola(_ y: Double) -> Double {
        let u = (y - 1820) / 100
        return 32 * u * u
    }

    static func interpolate(_ table: [Double], from first: Double, step: Double, at y: Double) -> Double {
        let x = (y - first) / step
        let i = min(Int(x), table.count - 2)
        let f = x - Double(i)
        return table[i] + f * (table[i + 1] - table[i])
    }
}
