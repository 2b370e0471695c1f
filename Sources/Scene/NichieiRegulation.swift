import SolarCore

/// Japan's 日影規制 (Building Standards Act art. 56-2, 別表第4) as data: on 冬至, between
/// 8:00 and 16:00 true solar time (9:00–15:00 in Hokkaido, 道の区域), on a horizontal plane
/// 1.5, 4 or 6.5 m above the average ground, a regulated building must not put ground
/// more than 5 m beyond its site boundary in shadow for the limit hours or more
/// (「…時間以上日影となる部分を生じさせることのないもの」): one limit for 5–10 m out, a
/// smaller one beyond 10 m. Sources: shared/reference/standards.md §2 (law text and
/// 別表第4 as read; Hokkaido values in brackets there).
///
/// Settings that are ours, not the Act's (the Act does not define them; say so where
/// results are shown): the sun is geometric (no refraction), from the full ephemeris
/// of the actual 冬至 day of the chosen year (software often fixes δ = −23.45°); the
/// 5 m / 10 m lines are plain offsets of the site boundary (no relaxation for roads,
/// water or height differences, 緩和措置); the plane is measured from site ground (the
/// scene's z = 0 stands for 平均地盤面); the shadow counted is that of the buildings
/// chosen as the subject (one site), not 複合日影 of several sites.
public struct NichieiRegulation: Sendable, Hashable, Codable {
    /// 用途地域 groups of 別表第4.
    public enum District: String, Sendable, Hashable, Codable, CaseIterable {
        /// 第一種・第二種低層住居専用地域 (and 田園住居地域): plane 1.5 m; eaves > 7 m or ≥ 3 storeys caught.
        case lowRiseResidential
        /// 第一種・第二種中高層住居専用地域: plane 4 or 6.5 m; height > 10 m caught.
        case midHighRiseResidential
        /// 第一種・第二種住居, 準住居, 近隣商業, 準工業地域: plane 4 or 6.5 m; height > 10 m caught; columns (1), (2) only.
        case residentialCommercial

        /// The districts as 別表第4 names them (い, ろ, は rows), and in English.
        public var words: (japanese: String, english: String) {
            switch self {
            case .lowRiseResidential:
                return ("（い）第一種・第二種低層住居専用地域、田園住居地域", "(i) Category 1/2 low-rise exclusive residential zones")
            case .midHighRiseResidential:
                return ("（ろ）第一種・第二種中高層住居専用地域", "(ro) Category 1/2 mid/high-rise exclusive residential zones")
            case .residentialCommercial:
                return (
                    "（は）第一種・第二種住居地域、準住居地域、近隣商業地域、準工業地域",
                    "(ha) residential, quasi-residential, neighbourhood commercial and quasi-industrial zones"
                )
            }
        }
    }

    public var id: String
    /// The rule in the regulation's words (Japanese), and in English.
    public var title: String
    public var titleEnglish: String
    public var district: District
    /// 別表第4 (に) column chosen by the local ordinance: 1, 2 or 3.
    public var column: Int
    /// 道の区域 (Hokkaido): band 9–15 and the bracketed limits.
    public var hokkaido: Bool
    public var band: RuleProfile.Band
    /// The standard day: 冬至 (apparent solar longitude 270°).
    public var termLongitude: Int
    public var planeHeightMeters: Double
    /// Horizontal distances of the two lines from the site boundary.
    public var nearLineMeters: Double
    public var farLineMeters: Double
    /// Shadow hours allowed between the lines, and beyond the far line (a point fails at ≥ these).
    public var nearLimitHours: Double
    public var farLimitHours: Double
    /// Height above which a building is regulated (7 m eaves for low-rise districts, else 10 m).
    public var subjectHeightMeters: Double
    public var refraction: Bool

    /// 別表第4: limits (5–10 m / beyond 10 m) by district and column, Hokkaido's in the second pair.
    static let limits: [District: [(mainland: (Double, Double), hokkaido: (Double, Double))]] = [
        .lowRiseResidential: [((3, 2), (2, 1.5)), ((4, 2.5), (3, 2)), ((5, 3), (4, 2.5))],
        .midHighRiseResidential: [((3, 2), (2, 1.5)), ((4, 2.5), (3, 2)), ((5, 3), (4, 2.5))],
        .residentialCommercial: [((4, 2.5), (3, 2)), ((5, 3), (4, 2.5))],
    ]

    /// A row of 別表第4. `planeHeightMeters` defaults to 1.5 m (low-rise) or 4 m (others);
    /// low-rise districts allow only 1.5 m, the others 4 or 6.5 m.
    public static func table4(
        district: District, column: Int, hokkaido: Bool = false,
        planeHeightMeters: Double? = nil
    ) throws(SceneIssue) -> NichieiRegulation {
        let rows = limits[district]!
        guard (1...rows.count).contains(column) else {
            throw SceneIssue(
                path: "column", message: "must be 1…\(rows.count) for \(district.rawValue) (got \(column))")
        }
        let allowed: [Double] = district == .lowRiseResidential ? [1.5] : [4, 6.5]
        let plane = planeHeightMeters ?? allowed[0]
        guard allowed.contains(plane) else {
            throw SceneIssue(
                path: "planeHeight",
                message:
                    "must be \(allowed.map { "\($0)" }.joined(separator: " or ")) m for \(district.rawValue) (got \(plane))"
            )
        }
        let (near, far) = hokkaido ? rows[column - 1].hokkaido : rows[column - 1].mainland
        return NichieiRegulation(
            id: "nichiei-\(district.rawValue)-\(column)\(hokkaido ? "-hokkaido" : "")",
            title:
                "日影規制 別表第4\(district.words.japanese)（\(["一", "二", "三"][column - 1])）\(hokkaido ? "道の区域 " : "")"
                + "測定面 \(plane) m：5–10 m \(hours(near)) 時間、10 m 超 \(hours(far)) 時間"
                + "（冬至日 真太陽時 \(hokkaido ? "9–15" : "8–16") 時）",
            titleEnglish:
                "Japan's shadow regulation, Table 4 \(district.words.english), column (\(column))"
                + "\(hokkaido ? ", Hokkaido" : ""), plane \(plane) m: \(hours(near)) h at 5–10 m, \(hours(far)) h beyond 10 m"
                + " (winter solstice, \(hokkaido ? "9–15" : "8–16") h true solar time)",
            district: district, column: column, hokkaido: hokkaido,
            band: hokkaido ? RuleProfile.Band(hours: 9, 15) : RuleProfile.Band(hours: 8, 16),
            termLongitude: RuleProfile.winterSolstice, planeHeightMeters: plane, nearLineMeters: 5, farLineMeters: 10,
            nearLimitHours: near, farLimitHours: far,
            subjectHeightMeters: district == .lowRiseResidential ? 7 : 10, refraction: false)
    }

    /// The rule profile the grid is computed under: true solar time, this refraction setting.
    public var profile: RuleProfile {
        RuleProfile(
            id: id, title: title, clock: .trueSolar,
            standardDays: [
                RuleProfile.StandardDay(
                    termLongitude: termLongitude, band: band,
                    requiredMinutes: nil, minimumSegmentMinutes: 0)
            ],
            informativeBand: band, informativeMinimumSegmentMinutes: 0, aggregation: .sum,
            calculationPoint: .sillCentre, sillHeightMeters: 0, minimumSweepDegrees: 0,
            minimumAltitudeDegrees: 0, refraction: refraction)
    }

    /// The standard day of `year`: the civil date of 冬至 in the site's zone.
    public func standardDate(year: Int, zone: some CivilTimeZone) throws(SceneIssue) -> CivilDate {
        guard SolarTerms.supportedYears.contains(year) else {
            throw SceneIssue(path: "year", message: "must be within \(SolarTerms.supportedYears) (got \(year))")
        }
        return SolarTerms.terms(year: year).first { $0.longitudeDegrees == termLongitude }!.date(in: zone)
    }
}

/// Hours as 別表第4 writes them: 3, 2.5.
private func hours(_ h: Double) -> String { h == h.rounded() ? String(Int(h)) : String(h) }
