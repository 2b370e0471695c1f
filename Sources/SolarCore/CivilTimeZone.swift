/// The rule that maps an instant to its civil UTC offset.
///
/// SolarCore reads no time-zone database itself (it does no I/O); the edges pass
/// in an implementation backed by the system's IANA database.
public protocol CivilTimeZone: Sendable {
    /// The IANA identifier (`Asia/Shanghai`) or a fixed-offset name.
    var identifier: String { get }
    func utcOffsetSeconds(at instant: Instant) -> Int
    /// The offset in force at every instant of [start, end), or nil when it changes in
    /// between or the zone cannot say. A table prints a few dozen instants of each term
    /// day; with this it asks the zone once a day instead of once an instant.
    func utcOffsetSeconds(throughout start: Instant, until end: Instant) -> Int?
}

extension CivilTimeZone {
    /// Unknown: callers ask ``utcOffsetSeconds(at:)`` for each instant.
    public func utcOffsetSeconds(throughout start: Instant, until end: Instant) -> Int? { nil }

    /// The instant at which the local wall clock reads `secondsOfDay` on `date`.
    ///
    /// In a gap (spring forward) the earlier offset is used; in an overlap the
    /// first occurrence is returned.
    public func instant(date: CivilDate, secondsOfDay: Double) -> Instant {
        let wall = Double(date.daysSince1970) * 86_400 + secondsOfDay
        // The offsets in force two days either side (Apia once skipped a whole day).
        let before = utcOffsetSeconds(at: Instant(secondsSince1970: wall - 2 * 86_400))
        let after = utcOffsetSeconds(at: Instant(secondsSince1970: wall + 2 * 86_400))
        // An offset is consistent when the clock really reads `wall` at wall − offset.
        let valid = Set([before, after]).filter {
            utcOffsetSeconds(at: Instant(secondsSince1970: wall - Double($0))) == $0
        }
        // Overlap: the larger offset is the earlier instant. Gap: read with the offset before it.
        return Instant(secondsSince1970: wall - Double(valid.max() ?? before))
    }

    /// Start (local midnight) and end (next local midnight) of a civil day.
    public func dayBounds(_ date: CivilDate) -> (start: Instant, end: Instant) {
        (instant(date: date, secondsOfDay: 0), instant(date: date.adding(days: 1), secondsOfDay: 0))
    }

    public func civil(_ instant: Instant) -> CivilDateTime {
        CivilDateTime(instant: instant, utcOffsetSeconds: utcOffsetSeconds(at: instant))
    }
}

/// A zone with one constant offset (UTC+8 is how GB/T 33661 dates the solar terms).
public struct FixedOffsetZone: CivilTimeZone, Hashable {
    public let offsetSeconds: Int

    public init(hours: Double) { offsetSeconds = Int((hours * 3600).rounded()) }

    public init(seconds: Int) { offsetSeconds = seconds }

    public var identifier: String {
        if offsetSeconds == 0 { return "UTC" }
        let m = abs(offsetSeconds) / 60
        return "UTC\(offsetSeconds < 0 ? "-" : "+")\(pad(m / 60, 2)):\(pad(m % 60, 2))"
    }

    public func utcOffsetSeconds(at instant: Instant) -> Int { offsetSeconds }

    public func utcOffsetSeconds(throughout start: Instant, until end: Instant) -> Int? { offsetSeconds }
}
