/// A moment in civil time, counted in POSIX "UTC seconds" since 1970-01-01T00:00:00Z (days of
/// 86 400 s; a leap second is not counted, as civil clocks show it).
///
/// Instants computed on TT (the solar terms) are converted into this scale through TAI and
/// the leap seconds (``CivilTimeScale``, ``LeapSeconds``). The sun-position path still reads an
/// instant as UT1 for the Earth's rotation (``julianDayUT``, ``julianEphemerisDay``): |UT1 − UTC|
/// < 0.9 s to date, which moves the sun by at most 0.004° in hour angle, well inside what a
/// window analysis resolves.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var secondsSince1970: Double

    public init(secondsSince1970: Double) { self.secondsSince1970 = secondsSince1970 }

    /// JD 2440587.5 is 1970-01-01T00:00:00 UT.
    public static let unixEpochJulianDay = 2_440_587.5

    public init(julianDayUT: Double) {
        secondsSince1970 = (julianDayUT - Instant.unixEpochJulianDay) * 86_400
    }

    /// Julian day on the UT (= UT1 here) scale.
    public var julianDayUT: Double { secondsSince1970 / 86_400 + Instant.unixEpochJulianDay }

    /// Julian ephemeris day (TT), using the ΔT model of ``DeltaT``.
    public var julianEphemerisDay: Double { julianDayUT + DeltaT.seconds(atJulianDayUT: julianDayUT) / 86_400 }

    public static func < (a: Instant, b: Instant) -> Bool { a.secondsSince1970 < b.secondsSince1970 }

    public func adding(seconds: Double) -> Instant { Instant(secondsSince1970: secondsSince1970 + seconds) }

    public func seconds(since other: Instant) -> Double { secondsSince1970 - other.secondsSince1970 }

    /// `YYYY-MM-DDTHH:MM:SSZ`, rounded to the second.
    public var description: String { CivilDateTime(instant: self, utcOffsetSeconds: 0).iso8601 }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, rounded to the millisecond, so that a reader can tell the
    /// rounding of a printed second from an error in it (issue 26).
    public var iso8601Milliseconds: String {
        let milliseconds = Int((secondsSince1970 * 1000).rounded())
        let (days, msOfDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (day, ms) = msOfDay < 0 ? (days - 1, msOfDay + 86_400_000) : (days, msOfDay)
        let clock = clockString(Double(ms / 1000))
        return "\(CivilDate(daysSince1970: day).iso8601)T\(clock).\(pad(ms % 1000, 3))Z"
    }
}
