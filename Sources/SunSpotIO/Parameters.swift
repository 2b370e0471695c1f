import Scene
import SolarCore

/// The values both edges read from text — a year, a day, a time band — parsed once, so
/// `sunspot --year 1800` and `GET …?year=1800` refuse the same thing in the same words.
///
/// Each throws ``QueryFailure`` naming `field`; the CLI prints it as `--field: message`,
/// the daemon answers 400 with `path` = `field`.
public enum Parameters {
    /// The years SolarCore's ΔT and solar-term tables cover.
    public static var years: ClosedRange<Int> { SolarTerms.supportedYears }

    /// A calendar year within ``years``, from text (`2026`).
    public static func year(_ text: String, field: String = "year") throws(QueryFailure) -> Int {
        guard let year = Int(text) else {
            throw QueryFailure(field: field, message: "must be a year in \(years) (got '\(text.prefix(40))')")
        }
        try checkYear(year, field: field)
        return year
    }

    /// Refuses a year outside ``years`` (for a year already read as a number, or a date's year).
    public static func checkYear(_ year: Int, field: String = "year") throws(QueryFailure) {
        guard years.contains(year) else {
            throw QueryFailure(field: field, message: "year \(year) is outside the supported range \(years)")
        }
    }

    /// A civil date `YYYY-MM-DD` whose year is within ``years``.
    public static func date(_ text: String, field: String = "date") throws(QueryFailure) -> CivilDate {
        guard let day = CivilDate(iso8601: text), day.isValid else {
            throw QueryFailure(
                field: field, message: "must be a date YYYY-MM-DD, like 2026-12-22 (got '\(text.prefix(40))')")
        }
        try checkYear(day.year, field: field)
        return day
    }

    /// A band of the day `START-END` in hours, `0 ≤ START < END ≤ 24` (`8-16`, `9.5-14.5`).
    public static func band(_ text: String, field: String = "band") throws(QueryFailure) -> RuleProfile.Band {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Double(parts[0]), let end = Double(parts[1]),
            0 <= start, start < end, end <= 24
        else {
            throw QueryFailure(
                field: field,
                message: "must be START-END in hours within 0-24, e.g. 8-16 (got '\(text.prefix(40))')")
        }
        return RuleProfile.Band(hours: start, end)
    }
}
