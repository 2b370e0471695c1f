import SolarCore

/// Reading times that people type: `2026-12-21T12:00:00+08:00`, `2026-12-21T10:00`, `2026-12-21 10:00Z`.
public enum InstantParsing {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Parses an ISO 8601 date-time. Without an offset the time is read in `zone`.
    /// Returns the instant and the offset the text carried (nil when none).
    public static func parse(_ text: String, zone: some CivilTimeZone) throws -> (instant: Instant, offsetSeconds: Int?)
    {
        let fail = Failure(description: "'\(text)' is not a date-time like 2026-12-21T12:00:00+08:00")
        let normalized = String(text.map { $0 == " " ? "T" : $0 })
        let parts = normalized.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = CivilDate(iso8601: parts[0]) else { throw fail }
        var clock = Substring(parts[1])
        var offset: Int?
        if clock.hasSuffix("Z") || clock.hasSuffix("z") {
            offset = 0
            clock = clock.dropLast()
        } else if let signIndex = clock.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let tail = clock[clock.index(after: signIndex)...]
            let hm = tail.split(separator: ":")
            let digits = hm.count == 1 && tail.count == 4 ? [tail.prefix(2), tail.suffix(2)] : hm
            guard digits.count == 2, let h = Int(digits[0]), let m = Int(digits[1]), h <= 18, m < 60 else { throw fail }
            offset = (h * 3600 + m * 60) * (clock[signIndex] == "-" ? -1 : 1)
            clock = clock[..<signIndex]
        }
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(fields.count), fields[0].count == 2, fields[1].count == 2,
            let h = Int(fields[0]), let m = Int(fields[1]), h < 24, m < 60
        else { throw fail }
        var s = 0.0
        if fields.count == 3 {
            guard let sec = Double(fields[2]), sec >= 0, sec < 61, fields[2].first?.isNumber == true else { throw fail }
            s = sec
        }
        let secondsOfDay = Double(h * 3600 + m * 60) + s
        if let offset {
            return (CivilDateTime(date: date, secondsOfDay: secondsOfDay, utcOffsetSeconds: offset).instant, offset)
        }
        return (zone.instant(date: date, secondsOfDay: secondsOfDay), nil)
    }
}
