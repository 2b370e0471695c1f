/// A moment in time, counted in SI-free "UTC seconds" since 1970-01-01T00:00:00Z.
///
/// SunSpot takes UT1 = UTC (|UT1 − UTC| < 0.9 s): civil clocks follow UTC, and the
/// difference moves the sun by at most 0.004° in hour angle, well inside what a
/// window analysis resolves. Leap seconds are therefore not modelled either.
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
}
