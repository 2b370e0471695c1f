/// A date of the proleptic Gregorian calendar.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso8601 text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysIn(month: month, year: year)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`, exact for all Gregorian dates).
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Inverse of ``daysSince1970`` (`civil_from_days`).
    public init(daysSince1970 z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSince1970: daysSince1970 + days) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSince1970 < b.daysSince1970 }

    public var description: String { iso8601 }

    public var iso8601: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { text in
            ASCIIFields.date(self, into: text, at: 0)
            return 10
        }
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CivilDate(iso8601: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a date YYYY-MM-DD"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso8601)
    }
}

/// A wall-clock reading at a known UTC offset, for display and for parsing user input.
public struct CivilDateTime: Hashable, Sendable {
    public var date: CivilDate
    /// Seconds since local midnight, 0 ..< 86400 (fractional part kept).
    public var secondsOfDay: Double
    public var utcOffsetSeconds: Int

    public init(date: CivilDate, secondsOfDay: Double, utcOffsetSeconds: Int) {
        self.date = date
        self.secondsOfDay = secondsOfDay
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public init(instant: Instant, utcOffsetSeconds: Int) {
        let local = instant.secondsSince1970 + Double(utcOffsetSeconds)
        let rounded = local.rounded()
        let days = Int((rounded / 86_400).rounded(.down))
        date = CivilDate(daysSince1970: days)
        secondsOfDay = rounded - Double(days) * 86_400
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    public var instant: Instant {
        Instant(secondsSince1970: Double(date.daysSince1970) * 86_400 + secondsOfDay - Double(utcOffsetSeconds))
    }

    /// `HH:MM:SS` of the (already rounded) reading.
    public var timeOfDay: String { clockString(secondsOfDay) }

    /// ISO 8601 with offset, e.g. `2026-12-22T04:50:13+08:00` (or `Z`).
    public var iso8601: String {
        let s = Int(secondsOfDay.rounded())
        let m = abs(utcOffsetSeconds) / 60
        guard (0...9999).contains(date.year), (0...99).contains(date.month), (0...99).contains(date.day),
            (0..<360_000).contains(s), m < 6000
        else { return slowISO8601 }
        let count = utcOffsetSeconds == 0 ? 20 : 25
        return String(unsafeUninitializedCapacity: count) { text in
            ASCIIFields.date(date, into: text, at: 0)
            text[10] = UInt8(ascii: "T")
            ASCIIFields.clock(s, into: text, at: 11)
            if utcOffsetSeconds == 0 {
                text[19] = UInt8(ascii: "Z")
            } else {
                text[19] = utcOffsetSeconds < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
                ASCIIFields.digits(m / 60, width: 2, into: text, at: 20)
                text[22] = UInt8(ascii: ":")
                ASCIIFields.digits(m % 60, width: 2, into: text, at: 23)
            }
            return count
        }
    }

    /// The general path of ``iso8601`` (years outside 0…9999 and such).
    private var slowISO8601: String {
        let offset: String
        if utcOffsetSeconds == 0 {
            offset = "Z"
        } else {
            let sign = utcOffsetSeconds < 0 ? "-" : "+"
            let m = abs(utcOffsetSeconds) / 60
            offset = "\(sign)\(pad(m / 60, 2)):\(pad(m % 60, 2))"
        }
        return "\(date.iso8601)T\(timeOfDay)\(offset)"
    }
}

/// `HH:MM:SS` for seconds of a day, rounded to the second (86400 prints as 24:00:00).
public func clockString(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if (0..<360_000).contains(s) {
        return String(unsafeUninitializedCapacity: 8) { text in
            ASCIIFields.clock(s, into: text, at: 0)
            return 8
        }
    }
    return "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
    return value < 0 ? "-" + padded : padded
}
