/// The time scale civil clocks keep, into which an instant computed on TT is printed.
///
/// - From 1972-01-01: UTC with leap seconds (``LeapSeconds``), as calendar authorities publish
///   the solar terms (Beijing time = UTC + 8 h). No leap second is assumed after the last
///   announced one, so later instants are TT − 69.184 s.
/// - Before 1972: UT1 = TT − ΔT (``DeltaT``). Clocks then kept mean solar time (GMT), or from
///   1961 a UTC steered to within 0.1 s of it by fractional steps that are not modelled here.
///   The join on 1972-01-01 is continuous to 0.05 s (ΔT was 42.23 s, TT − UTC 42.184 s).
///
/// ΔT enters civil time only before 1972; after it, ΔT is needed only where the Earth's
/// rotation is (hour angles, true solar time).
public enum CivilTimeScale: String, Sendable {
    case utc = "UTC"
    case ut1 = "UT1"

    /// The scale civil time keeps at a TT Julian day.
    public static func of(julianEphemerisDay jde: Double) -> CivilTimeScale {
        LeapSeconds.utc(ttSecondsSince1970: ttSecondsSince1970(jde)) == nil ? .ut1 : .utc
    }

    /// The civil instant (POSIX seconds of UTC, or of UT1 before 1972) of a TT Julian day.
    public static func instant(julianEphemerisDay jde: Double) -> Instant {
        if let utc = LeapSeconds.utc(ttSecondsSince1970: ttSecondsSince1970(jde)) { return utc }
        // UT1 = TT − ΔT(UT1): ΔT changes by < 2 s a year, so three fixed-point steps converge.
        var jd = jde
        for _ in 0..<3 { jd = jde - DeltaT.seconds(atJulianDayUT: jd) / 86_400 }
        return Instant(julianDayUT: jd)
    }

    /// Seconds of TT since 1970-01-01T00:00:00 TT (JD 2440587.5 on TT).
    static func ttSecondsSince1970(_ jde: Double) -> Double { (jde - Instant.unixEpochJulianDay) * 86_400 }
}
