import SolarCore

/// How a sunlight standard counts: days, bands, clock, segments and the calculation
/// point. Profiles are data (``RuleProfile/named(_:)``); sources in
/// shared/reference/standards.md §1.
public struct RuleProfile: Sendable, Hashable, Codable {
    public enum Clock: String, Sendable, Hashable, Codable {
        /// 真太阳时: bands read on true solar time (GB 50180-2018 Table 4.0.9 note; default).
        case trueSolar
        /// The site's civil clock (some local rules use Beijing time).
        case civil
    }

    public enum Aggregation: Sendable, Hashable, Codable {
        /// 累计: all segments add up.
        case sum
        /// 连续: only the longest single segment counts.
        case longest
        /// The longest N segments add up (Hangzhou: N = 2).
        case longestSegments(Int)
    }

    public enum CalculationPoint: String, Sendable, Hashable, Codable {
        /// 窗台中心: the sill's centre point (GB 50180 default).
        case sillCentre
        /// 满窗: the whole sill must be lit (sampled at both ends, the centre and between).
        case wholeSill
    }

    /// A band of the day, in seconds after midnight on the profile's clock.
    public struct Band: Sendable, Hashable, Codable {
        public var startSeconds: Double
        public var endSeconds: Double

        public init(hours start: Double, _ end: Double) {
            startSeconds = start * 3600
            endSeconds = end * 3600
        }

        public var label: String { "\(clockString(startSeconds).prefix(5))–\(clockString(endSeconds).prefix(5))" }
    }

    /// A standard day: the term, its band, and the hours required there (nil: no verdict).
    public struct StandardDay: Sendable, Hashable, Codable {
        public var termLongitude: Int
        public var band: Band
        public var requiredMinutes: Double?
        /// Shortest continuous segment that counts, minutes (0: all count).
        public var minimumSegmentMinutes: Double
    }

    public var id: String
    public var title: String
    public var clock: Clock
    public var standardDays: [StandardDay]
    /// Band used on the other terms (informative, no verdict).
    public var informativeBand: Band?
    public var informativeMinimumSegmentMinutes: Double
    public var aggregation: Aggregation
    public var calculationPoint: CalculationPoint
    /// Sill height above the floor (0.9 m: "距室内地坪 0.9 m 高的外墙位置").
    public var sillHeightMeters: Double
    /// 扫掠角: least horizontal angle between the sun and the facade plane.
    public var minimumSweepDegrees: Double
    /// Least sun altitude that counts.
    public var minimumAltitudeDegrees: Double
    public var refraction: Bool

    public var refractionModel: Refraction { refraction ? .standard : .none }

    public func standardDay(forTerm longitude: Int) -> StandardDay? {
        standardDays.first { $0.termLongitude == longitude }
    }
}

/// Climate zones (建筑气候区划) and city size, which pick GB 50180's requirement.
public struct GB50180Options: Sendable, Hashable, Codable {
    public enum ClimateZone: String, Sendable, Hashable, Codable, CaseIterable {
        case I, II, III, IV, V, VI, VII
    }

    public var climateZone: ClimateZone
    /// 城区常住人口 ≥ 50 万 (a "large" city in the 1993 wording).
    public var largeCity: Bool
    /// 老年人居住建筑: 冬至 ≥ 2 h (clause 4.0.9).
    public var elderlyHousing: Bool
    /// 旧区改建 new housing: 大寒 ≥ 1 h.
    public var oldDistrictRenewal: Bool

    public init(
        climateZone: ClimateZone = .II, largeCity: Bool = true, elderlyHousing: Bool = false,
        oldDistrictRenewal: Bool = false
    ) {
        self.climateZone = climateZone
        self.largeCity = largeCity
        self.elderlyHousing = elderlyHousing
        self.oldDistrictRenewal = oldDistrictRenewal
    }
}

extension RuleProfile {
    public static let majorCold = 300  // 大寒
    public static let winterSolstice = 270  // 冬至

    /// GB 50180 Table 4.0.9 (5.0.2-1 in the 1993 edition).
    public static func gb50180(_ o: GB50180Options = .init()) -> RuleProfile {
        let majorColdBand = Band(hours: 8, 16)
        let solsticeBand = Band(hours: 9, 15)
        var coldHours: Double?
        var solsticeHours: Double?
        switch (o.climateZone, o.largeCity) {
        case (.I, true), (.II, true), (.III, true), (.VII, true): coldHours = 2
        case (.I, false), (.II, false), (.III, false), (.VII, false), (.IV, true): coldHours = 3
        case (.IV, false), (.V, _), (.VI, _): solsticeHours = 1
        }
        if o.oldDistrictRenewal { coldHours = 1 }
        if o.elderlyHousing { solsticeHours = max(solsticeHours ?? 0, 2) }
        return RuleProfile(
            id: "gb50180",
            title: "GB 50180-2018 Table 4.0.9 (climate zone \(o.climateZone.rawValue), \(o.largeCity ? "≥" : "<")500k)",
            clock: .trueSolar,
            standardDays: [
                StandardDay(
                    termLongitude: majorCold, band: majorColdBand, requiredMinutes: coldHours.map { $0 * 60 },
                    minimumSegmentMinutes: 0),
                StandardDay(
                    termLongitude: winterSolstice, band: solsticeBand,
                    requiredMinutes: solsticeHours.map { $0 * 60 }, minimumSegmentMinutes: 0),
            ],
            informativeBand: coldHours != nil ? majorColdBand : solsticeBand, informativeMinimumSegmentMinutes: 0,
            aggregation: .sum, calculationPoint: .sillCentre, sillHeightMeters: 0.9, minimumSweepDegrees: 0,
            minimumAltitudeDegrees: 0, refraction: true)
    }

    /// The whole day, no filters, geometric sun without refraction.
    public static let none = RuleProfile(
        id: "none", title: "Whole day, no rules", clock: .trueSolar, standardDays: [], informativeBand: nil,
        informativeMinimumSegmentMinutes: 0, aggregation: .sum, calculationPoint: .sillCentre, sillHeightMeters: 0.9,
        minimumSweepDegrees: 0, minimumAltitudeDegrees: 0, refraction: false)

    /// Beijing's 《建筑日照计算标准》 as read in secondary sources [V2]: zone II large city,
    /// segments shorter than 5 min (大寒) / 30 min (冬至) do not count, 扫掠角 12°.
    public static var beijing: RuleProfile {
        var p = gb50180()
        p.id = "beijing"
        p.title = "Beijing local rule (GB 50180 zone II; min segment 5/30 min; sweep 12°)"
        p.standardDays[0].minimumSegmentMinutes = 5
        p.standardDays[1].minimumSegmentMinutes = 30
        p.informativeMinimumSegmentMinutes = 5
        p.minimumSweepDegrees = 12
        return p
    }

    /// Profiles selectable by name.
    public static let names = ["gb50180", "beijing", "none"]

    public static func named(_ name: String) -> RuleProfile? {
        switch name {
        case "gb50180": return .gb50180()
        case "beijing": return .beijing
        case "none": return RuleProfile.none
        default: return nil
        }
    }
}
