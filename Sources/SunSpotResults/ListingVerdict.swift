import Scene
import SolarCore
import SunSpotIO

/// The one sentence a buyer reads first on a listing's page: the decisive standard day,
/// the minutes that count on it, and whether that meets the standard.
///
/// "大寒日有效日照 2 小时 12 分，满足国家标准（≥ 2 小时）". The decisive day is the profile's
/// first standard day with a requirement (GB 50180 Table 4.0.9: 大寒 ≥ 2 h for climate zone
/// II in a large city, 冬至 ≥ 1 h in zones IV small, V and VI). Minutes are whole minutes
/// rounded down, so the sentence never claims more sun than was counted.
public struct ListingVerdict: Sendable, Equatable {
    /// The term the verdict is about (the decisive standard day, or 冬至 without a requirement).
    public var term: SolarTermName
    /// Counted minutes in the effective band (whole-day minutes when the profile has no band).
    public var minutes: Double
    /// Required minutes; nil when the profile sets none.
    public var requiredMinutes: Double?
    /// nil when there is no requirement.
    public var meetsStandard: Bool?
    /// Which rule the requirement comes from (a profile id: gb50180, beijing, none).
    public var profileID: String

    public init(term: SolarTermName, minutes: Double, requiredMinutes: Double?, meetsStandard: Bool?, profileID: String)
    {
        self.term = term
        self.minutes = minutes
        self.requiredMinutes = requiredMinutes
        self.meetsStandard = meetsStandard
        self.profileID = profileID
    }

    /// The verdict of a flat's table: its first standard day with a requirement.
    public init(table: FlatTable, profileID: String) {
        self.profileID = profileID
        if let decisive = table.rows.first(where: { $0.requiredMinutes != nil }) {
            term = decisive.term.name
            minutes = decisive.bandSeconds / 60
            requiredMinutes = decisive.requiredMinutes
            meetsStandard = decisive.meetsStandard
        } else {
            // No requirement: say how much sun 冬至 (the shortest day) gets, without a verdict.
            let solstice = table.rows.first { $0.term.longitudeDegrees == 270 } ?? table.rows[0]
            term = solstice.term.name
            minutes = (solstice.band != nil ? solstice.bandSeconds : solstice.totalSeconds) / 60
            requiredMinutes = nil
            meetsStandard = nil
        }
    }

    /// Whole minutes, rounded down (a tolerance of 1 ms absorbs floating-point noise on exact minutes).
    public var wholeMinutes: Int { Int((minutes + 1e-5).rounded(.down)) }

    /// The sentence in `language`.
    public func sentence(_ language: Language) -> String {
        let m = wholeMinutes
        let amount = language.pick("\(m / 60) 小时 \(m % 60) 分", "\(m / 60) h \(m % 60) min")
        let rule = ruleName(language)
        guard let required = requiredMinutes, let meets = meetsStandard else {
            return language.pick(
                "\(term.chinese)日全天日照 \(amount)（未设日照标准）",
                "On \(term.chinese) (\(term.english)) the window gets \(amount) of sun (no standard applied)")
        }
        let need = ListingVerdict.duration(required, language)
        if language == .zh {
            return "\(term.chinese)日有效日照 \(amount)，\(meets ? "满足" : "不满足")\(rule)（≥ \(need)）"
        }
        return "On \(term.chinese) (\(term.english)) the window gets \(amount) of effective sun: "
            + "\(meets ? "meets" : "does not meet") the \(rule) (≥ \(need))"
    }

    func ruleName(_ language: Language) -> String {
        switch profileID {
        case "beijing": language.pick("北京地方标准", "Beijing local standard")
        default: language.pick("国家标准", "national standard")
        }
    }

    /// `2 小时` / `2 h`, or `1 小时 30 分` / `1 h 30 min` when not whole hours.
    static func duration(_ minutes: Double, _ language: Language) -> String {
        let m = Int(minutes.rounded())
        if m % 60 == 0 { return language.pick("\(m / 60) 小时", "\(m / 60) h") }
        return language.pick("\(m / 60) 小时 \(m % 60) 分", "\(m / 60) h \(m % 60) min")
    }
}
