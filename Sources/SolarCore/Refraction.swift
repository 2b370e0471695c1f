/// Atmospheric refraction, and the horizon used for sunrise and sunset.
public enum Refraction: Sendable, Hashable, Codable {
    /// Geometric sun: no refraction (the `none` profile, and the JPL comparisons).
    case none
    /// SPA eq. 42: Bennett's formula scaled by pressure and temperature.
    case standard

    /// Refraction Δe in degrees for a true (airless) elevation, per SPA eqs. 42–43.
    ///
    /// SPA applies it only while the sun's upper limb can be above the horizon
    /// (e0 ≥ −(0.26667° + 0.5667°)); below that the formula diverges.
    public func correctionDegrees(trueElevation e0: Double, site: GeoSite) -> Double {
        guard self == .standard, e0 >= -(Refraction.sunRadiusDegrees + Refraction.horizonRefractionDegrees)
        else { return 0 }
        return site.pressureMillibars / 1010 * 283 / (273 + site.temperatureCelsius)
            * 1.02 / (60 * tanDeg(e0 + 10.3 / (e0 + 5.11)))
    }

    /// Semidiameter of the sun used by SPA's rise/set, degrees.
    public static let sunRadiusDegrees = 0.26667
    /// Refraction at the horizon used by SPA's rise/set, degrees.
    public static let horizonRefractionDegrees = 0.5667
    /// True elevation of the sun's centre at sunrise/sunset: upper limb on a refracted horizon (−0.8333°).
    public static let riseSetElevationDegrees = -(sunRadiusDegrees + horizonRefractionDegrees)
}
