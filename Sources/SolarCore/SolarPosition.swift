/// Where the sun stands for an observer at one instant (NREL SPA §3.9–3.15).
public struct SolarPosition: Sendable, Hashable {
    /// Topocentric azimuth, degrees clockwise from north, [0, 360).
    public var azimuthDegrees: Double
    /// Topocentric elevation of the sun's centre without refraction (geometric).
    public var geometricElevationDegrees: Double
    /// Elevation including refraction when asked for; else equal to the geometric one.
    public var elevationDegrees: Double
    /// Topocentric declination δ′ (eq. 38), from the sine and cosine kept below: the shadow
    /// engine asks for it once a day, so its atan2 is not paid on every position.
    public var declinationDegrees: Double { atan2Deg(declinationSine, declinationCosine) }
    /// Topocentric local hour angle H′ (eq. 39), (−180, 180], negative before transit.
    public var hourAngleDegrees: Double
    /// Geocentric local hour angle H (eq. 32): what true solar time counts.
    public var geocentricHourAngleDegrees: Double
    /// Earth–Sun distance in AU.
    public var radiusAU: Double
    /// sin δ′ and cos δ′, each scaled by the same positive factor (eq. 38's numerator and denominator).
    private var declinationSine: Double
    private var declinationCosine: Double

    public var zenithDegrees: Double { 90 - elevationDegrees }

    /// Computes the position with the full SPA series for this instant.
    ///
    /// - Parameters:
    ///   - instant: the moment (UT1 = UTC).
    ///   - site: observer on the ellipsoid.
    ///   - refraction: whether `elevationDegrees` includes SPA's refraction.
    ///   - deltaTSeconds: TT − UT to use instead of the ``DeltaT`` model (e.g. a published ΔT).
    public init(at instant: Instant, site: GeoSite, refraction: Refraction = .none, deltaTSeconds: Double? = nil) {
        let jd = instant.julianDayUT
        let jde = deltaTSeconds.map { jd + $0 / 86_400 } ?? instant.julianEphemerisDay
        let sun = GeocentricSun(julianEphemerisDay: jde)
        let nu = GeocentricSun.meanSiderealTimeDegrees(julianDayUT: jd) + sun.equationOfEquinoxesDegrees
        self.init(
            rightAscension: sun.rightAscensionDegrees, declination: sun.declinationDegrees,
            radiusAU: sun.radiusAU, apparentSiderealTimeDegrees: nu, site: TopocentricSite(site),
            refraction: refraction)
    }

    /// SPA eqs. 31–46 from the geocentric place and the apparent sidereal time.
    @inline(__always)
    init(
        rightAscension alpha: Double, declination delta: Double, radiusAU r: Double,
        apparentSiderealTimeDegrees nu: Double, site s: TopocentricSite, refraction: Refraction
    ) {
        self.init(
            hourAngleDegrees: nu + s.site.longitude - alpha, sinDeclination: sinDeg(delta),
            cosDeclination: cosDeg(delta), radiusAU: r, site: s, refraction: refraction)
    }

    /// SPA eqs. 32–46 from the geocentric local hour angle H (any turn) and sin δ, cos δ.
    ///
    /// The equations as SPA writes them, with the small angles taken exactly as far as a
    /// double sees them (so the result is SPA's to ~1e-12°), in 4 transcendental calls
    /// (5 with refraction) instead of 15: the per-instant cost of ``SolarDay``, which
    /// interpolates sin δ and cos δ themselves, and leaves δ′'s atan2 to whoever reads it.
    /// - ξ ≤ 0.0025°: sin ξ = ξ (the next term is 1e-14 of it).
    /// - Δα ≤ 0.0025°: from its tangent q, Δα = q − q³/3, cos Δα = 1/√(1 + q²), and
    ///   H′ = H − Δα by the angle-difference formulas.
    /// - δ′ from its sine and cosine (the denominator is cos δ − … > 0), one atan2 for the value.
    @inline(__always)
    init(
        hourAngleDegrees hour: Double, sinDeclination sinDelta: Double, cosDeclination cosDelta: Double,
        radiusAU r: Double, site s: TopocentricSite, refraction: Refraction
    ) {
        // eq. 32, in (−180, 180]. Truncation then one correction each way, not `rounded()`,
        // which is a call to libm's round on x86-64 (H is within a few hundred turns).
        var h = hour - 360 * Double(Int(hour / 360))
        if h > 180 { h -= 360 } else if h <= -180 { h += 360 }
        let xi = 8.794 / (3600 * r) * radiansPerDegree  // eq. 33, radians; sin ξ = ξ
        let cosH = cosDeg(h)
        let sinH = sinDeg(h)
        // Parallax in right ascension and the topocentric declination (eqs. 37–38).
        let denom = cosDelta - s.x * xi * cosH
        let q = -s.x * xi * sinH / denom  // tan Δα
        let dAlpha = (q - q * q * q / 3) * degreesPerRadian
        let cosDA = 1 / (1 + q * q).squareRoot()
        let sinDA = q * cosDA
        let num = (sinDelta - s.y * xi) * cosDA
        let norm = 1 / (num * num + denom * denom).squareRoot()
        let sinDt = num * norm
        let cosDt = denom * norm
        let hTopo = h - dAlpha  // eq. 40
        let cosHt = cosH * cosDA + sinH * sinDA
        let sinHt = sinH * cosDA - cosH * sinDA
        let e0 = asinDeg(s.sinLat * sinDt + s.cosLat * cosDt * cosHt)  // eq. 41
        // eq. 45, both arguments multiplied by cos δ′ > 0 (atan2 keeps the angle): no division.
        let gamma = atan2Deg(sinHt * cosDt, cosHt * cosDt * s.sinLat - sinDt * s.cosLat)
        let azimuth = gamma + 180  // eq. 46
        azimuthDegrees = azimuth >= 360 ? azimuth - 360 : azimuth
        geometricElevationDegrees = e0
        elevationDegrees = e0 + refraction.correctionDegrees(trueElevation: e0, site: s.site)
        declinationSine = num
        declinationCosine = denom
        hourAngleDegrees = hTopo > 180 ? hTopo - 360 : hTopo <= -180 ? hTopo + 360 : hTopo
        geocentricHourAngleDegrees = h
        radiusAU = r
    }

    /// Angle between the sun and the normal of a surface (SPA eq. 47).
    ///
    /// - Parameters:
    ///   - tiltDegrees: surface slope from horizontal (90 for a wall).
    ///   - surfaceAzimuthDegrees: direction the surface faces, clockwise from north.
    public func incidenceAngleDegrees(tiltDegrees: Double, surfaceAzimuthDegrees: Double) -> Double {
        let z = zenithDegrees
        let c =
            cosDeg(z) * cosDeg(tiltDegrees)
            + sinDeg(tiltDegrees) * sinDeg(z) * cosDeg(azimuthDegrees - surfaceAzimuthDegrees)
        return acosDeg(c)
    }

    /// Unit vector toward the sun in the local frame x = east, y = north, z = up.
    public var direction: (x: Double, y: Double, z: Double) {
        let ce = cosDeg(elevationDegrees)
        return (ce * sinDeg(azimuthDegrees), ce * cosDeg(azimuthDegrees), sinDeg(elevationDegrees))
    }
}

/// Per-site constants of SPA eqs. 34–36, computed once per site.
struct TopocentricSite: Sendable {
    let site: GeoSite
    let sinLat: Double
    let cosLat: Double
    /// ρ·cos φ′ and ρ·sin φ′ of the observer (eqs. 35–36).
    let x: Double
    let y: Double

    init(_ site: GeoSite) {
        self.site = site
        sinLat = sinDeg(site.latitude)
        cosLat = cosDeg(site.latitude)
        let u = atanDeg(0.99664719 * tanDeg(site.latitude))
        x = cosDeg(u) + site.heightMeters / 6_378_140 * cosLat
        y = 0.99664719 * sinDeg(u) + site.heightMeters / 6_378_140 * sinLat
    }
}
