/// One of the 24 solar terms (二十四节气).
public struct SolarTerm: Sendable, Hashable {
    /// Position in the calendar year: 0 = 小寒 (early January) … 23 = 冬至 (late December).
    public var index: Int
    /// Apparent geocentric ecliptic longitude the sun reaches, k·15°.
    public var longitudeDegrees: Int
    /// The instant in civil time: UTC with leap seconds from 1972, UT1 before (``CivilTimeScale``).
    public var instant: Instant
    /// The same instant on TT, as a Julian ephemeris day (free of ΔT's uncertainty).
    public var julianEphemerisDay: Double

    public var name: SolarTermName { SolarTermName.forLongitude(longitudeDegrees) }

    /// The term's analysis day: its civil date in a zone (GB/T 33661 uses UTC+8).
    public func date(in zone: some CivilTimeZone) -> CivilDate { zone.civil(instant).date }
}

/// Names of a term in Chinese, pinyin and English (one frozen list, used by the API).
public struct SolarTermName: Sendable, Hashable {
    public var chinese: String
    public var pinyin: String
    public var english: String

    /// Names in the order of longitude 0°, 15°, … 345° (春分 first).
    public static let byLongitude: [SolarTermName] = [
        .init(chinese: "春分", pinyin: "chūnfēn", english: "Spring Equinox"),
        .init(chinese: "清明", pinyin: "qīngmíng", english: "Pure Brightness"),
        .init(chinese: "谷雨", pinyin: "gǔyǔ", english: "Grain Rain"),
        .init(chinese: "立夏", pinyin: "lìxià", english: "Start of Summer"),
        .init(chinese: "小满", pinyin: "xiǎomǎn", english: "Grain Buds"),
        .init(chinese: "芒种", pinyin: "mángzhòng", english: "Grain in Ear"),
        .init(chinese: "夏至", pinyin: "xiàzhì", english: "Summer Solstice"),
        .init(chinese: "小暑", pinyin: "xiǎoshǔ", english: "Minor Heat"),
        .init(chinese: "大暑", pinyin: "dàshǔ", english: "Major Heat"),
        .init(chinese: "立秋", pinyin: "lìqiū", english: "Start of Autumn"),
        .init(chinese: "处暑", pinyin: "chǔshǔ", english: "End of Heat"),
        .init(chinese: "白露", pinyin: "báilù", english: "White Dew"),
        .init(chinese: "秋分", pinyin: "qiūfēn", english: "Autumn Equinox"),
        .init(chinese: "寒露", pinyin: "hánlù", english: "Cold Dew"),
        .init(chinese: "霜降", pinyin: "shuāngjiàng", english: "Frost's Descent"),
        .init(chinese: "立冬", pinyin: "lìdōng", english: "Start of Winter"),
        .init(chinese: "小雪", pinyin: "xiǎoxuě", english: "Minor Snow"),
        .init(chinese: "大雪", pinyin: "dàxuě", english: "Major Snow"),
        .init(chinese: "冬至", pinyin: "dōngzhì", english: "Winter Solstice"),
        .init(chinese: "小寒", pinyin: "xiǎohán", english: "Minor Cold"),
        .init(chinese: "大寒", pinyin: "dàhán", english: "Major Cold"),
        .init(chinese: "立春", pinyin: "lìchūn", english: "Start of Spring"),
        .init(chinese: "雨水", pinyin: "yǔshuǐ", english: "Rain Water"),
        .init(chinese: "惊蛰", pinyin: "jīngzhé", english: "Awakening of Insects"),
    ]

    public static func forLongitude(_ degrees: Int) -> SolarTermName {
        byLongitude[((degrees % 360 + 360) % 360) / 15]
    }

    /// Finds a term by its Chinese, pinyin (with or without tone marks) or English name.
    public static func longitude(named text: String) -> Int? {
        let key = text.lowercased()
        for (i, n) in byLongitude.enumerated()
        where n.chinese == text || n.english.lowercased() == key || n.pinyin == key
            || n.pinyin.folded == key
        {
            return i * 15
        }
        return nil
    }
}

extension String {
    /// Pinyin without tone marks ("dōngzhì" → "dongzhi").
    fileprivate var folded: String {
        let map: [Character: Character] = [
            "ā": "a", "á": "a", "ǎ": "a", "à": "a", "ē": "e", "é": "e", "ě": "e", "è": "e",
            "ī": "i", "í": "i", "ǐ": "i", "ì": "i", "ō": "o", "ó": "o", "ǒ": "o", "ò": "o",
            "ū": "u", "ú": "u", "ǔ": "u", "ù": "u", "ǖ": "u", "ǘ": "u", "ǚ": "u", "ǜ": "u", "ü": "u",
        ]
        return String(self.map { map[$0] ?? $0 })
    }
}

/// Finding the instants of the solar terms.
public enum SolarTerms {
    /// Years for which terms (and ΔT) are supported.
    public static let supportedYears = 1900...2150

    /// The 24 terms whose instants fall in calendar `year` (UTC), in time order.
    public static func terms(year: Int) -> [SolarTerm] {
        let newYear = Double(CivilDate(year: year, month: 1, day: 1).daysSince1970) * 86_400
        let newYearJD = Instant(secondsSince1970: newYear).julianDayUT
        return (0..<24).map { k in
            let longitude = (285 + 15 * k) % 360
            // 小寒 falls near January 5.5; the mean spacing is a 24th of a tropical year.
            let guess = newYearJD + 4.5 + Double(k) * 365.2422 / 24
            let jde = julianEphemerisDay(longitude: Double(longitude), near: guess)
            return SolarTerm(
                index: k, longitudeDegrees: longitude, instant: instant(julianEphemerisDay: jde),
                julianEphemerisDay: jde)
        }
    }

    /// The TT instant near `guess` when the apparent longitude equals `longitude`.
    ///
    /// Secant iteration: the first step uses the mean motion (the true rate varies by ±3 %),
    /// later ones the rate between the last two evaluations, so five or six evaluations of
    /// the full series reach well under a millisecond (the fixed mean rate needed ~ten).
    public static func julianEphemerisDay(longitude: Double, near guess: Double) -> Double {
        var jde = guess
        var lambda = longitudeOfDate(julianEphemerisDay: jde)
        var rate = 360 / 365.2422  // degrees per day
        for _ in 0..<20 {
            let step = signedDegrees(longitude - lambda) / rate
            jde += step
            if abs(step) < 1e-9 { break }
            let next = longitudeOfDate(julianEphemerisDay: jde)
            // Below 1e-5 d the difference of two longitudes is mostly rounding: keep the last rate.
            if abs(step) > 1e-5 { rate = signedDegrees(next - lambda) / step }
            lambda = next
        }
        return jde
    }

    /// The apparent longitude the terms are timed by: ``ApparentSolarLongitude`` (full
    /// VSOP87D), not SPA's truncated series, whose ±0.4″ error is ±15 s in an instant.
    public static func longitudeOfDate(julianEphemerisDay jde: Double) -> Double {
        ApparentSolarLongitude.degrees(julianEphemerisDay: jde)
    }

    /// Converts TT to civil time: through TAI and the leap seconds (UTC) from 1972, with ΔT
    /// (UT1) only before; see ``CivilTimeScale``.
    static func instant(julianEphemerisDay jde: Double) -> Instant {
        CivilTimeScale.instant(julianEphemerisDay: jde)
    }
}
