/// TAI − UTC, the leap seconds of civil time, and the TT ↔ UTC conversion they make.
///
/// Since 1972 civil clocks keep UTC, which is atomic time (TAI) stepped by whole leap seconds
/// so that it stays within 0.9 s of the Earth's rotation (UT1). An instant computed on TT, such
/// as a solar term, is therefore printed in civil time as TT − 32.184 s − (TAI − UTC), and not
/// as TT − ΔT, which is UT1: the two differ by up to 0.9 s to date, and from 2035, when leap
/// seconds are to stop (CGPM 2022, Resolution 4), by seconds per decade.
///
/// The table (``steps``, LeapSecondTable.swift) is IERS Bulletin C as skyfield ships it, written
/// by Scripts/gen_leap_seconds.py. **Convention for the future:** no leap second after the last
/// announced one (2017-01-01), so TT − UTC stays 69.184 s for every later instant. An instant
/// after the date on which a new leap second would be announced moves by that second when the
/// table is regenerated; its TT value does not.
///
/// Before 1972 UTC did not step by whole seconds (and before 1961 did not exist: clocks kept
/// GMT, mean solar time); there the civil time scale is UT1 (``DeltaT``), see ``CivilTimeScale``.
public enum LeapSeconds {
    /// TT − TAI, fixed by definition (IAU 1991 Resolution A4): 32.184 s.
    public static let ttMinusTAISeconds = 32.184

    /// 1972-01-01T00:00:00Z, from which UTC steps by whole seconds (TAI − UTC = 10 s).
    public static var firstUTC: Instant { Instant(secondsSince1970: steps[0].utcSecondsSince1970) }

    /// The last announced leap second: from this UTC instant on, TAI − UTC is assumed constant.
    public static var lastStepUTC: Instant { Instant(secondsSince1970: steps[steps.count - 1].utcSecondsSince1970) }

    /// TAI − UTC in seconds at a UTC instant, or nil before 1972.
    public static func taiMinusUTCSeconds(at utc: Instant) -> Double? {
        guard let i = steps.lastIndex(where: { $0.utcSecondsSince1970 <= utc.secondsSince1970 }) else { return nil }
        return steps[i].taiMinusUTCSeconds
    }

    /// The UTC instant of a TT one, in POSIX seconds (days of 86 400 s), or nil before 1972.
    ///
    /// A step's new TAI − UTC holds from its 00:00:00 UTC, which is TAI = that instant + the new
    /// value. The inserted second before it (23:59:60, which POSIX seconds cannot name) keeps the
    /// old value, so it reads as the first second of the new day, as POSIX clocks show it.
    public static func utc(ttSecondsSince1970 tt: Double) -> Instant? {
        let tai = tt - ttMinusTAISeconds
        guard let i = steps.lastIndex(where: { $0.utcSecondsSince1970 + $0.taiMinusUTCSeconds <= tai }) else {
            return nil
        }
        return Instant(secondsSince1970: tai - steps[i].taiMinusUTCSeconds)
    }

    /// TT in seconds since 1970-01-01T00:00:00 TT (the scale of ``utc(ttSecondsSince1970:)``)
    /// at a UTC instant, or nil before 1972.
    public static func ttSecondsSince1970(utc: Instant) -> Double? {
        taiMinusUTCSeconds(at: utc).map { utc.secondsSince1970 + $0 + ttMinusTAISeconds }
    }
}
