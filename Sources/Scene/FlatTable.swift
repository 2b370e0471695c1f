import SolarCore

/// A sunlit interval of one day, with the buildings that end and begin it.
public struct SunlitInterval: Hashable, Sendable {
    /// Seconds since 1970 (UTC).
    public var start: Double
    public var end: Double
    /// Index of the building whose shadow the point leaves at `start` (nil: sunrise, facade, band).
    public var blockedBeforeBy: Int?
    /// Index of the building whose shadow falls on the point at `end`.
    public var blockedAfterBy: Int?
}

/// One term's result for one calculation point.
public struct TermRowResult: Sendable {
    public var term: SolarTerm
    /// The analysis day: the term's civil date in the site's zone.
    public var date: CivilDate
    public var sunrise: Double?
    public var sunset: Double?
    public var dayKind: SunEvents.Kind
    /// Every sunlit interval of the civil day.
    public var intervals: [SunlitInterval]
    public var totalSeconds: Double
    /// The effective band as instants, when the profile has one for this term.
    public var band: (start: Double, end: Double)?
    /// Sunlit parts inside the band (before the minimum-segment rule).
    public var bandSegments: [(start: Double, end: Double)]
    /// Minutes that count under the profile (minimum segment, aggregation), in seconds.
    public var bandSeconds: Double
    public var requiredMinutes: Double?
    /// Seconds each building (by index) keeps the sun off the point, inside the band when
    /// there is one, else over the whole day: who takes this flat's sun.
    public var shadedSecondsByBuilding: [Int: Double] = [:]
    /// Verdict on a standard day with a requirement; nil on informative terms.
    public var meetsStandard: Bool?
    /// Whether the profile makes this term a standard day.
    public var normative: Bool
}

/// The 24-term table of one flat.
public struct FlatTable: Sendable {
    public var flat: FlatAddress
    /// Which of the unit's windows the rows describe.
    public var windowIndex: Int
    /// The (sill-centre) calculation point.
    public var point: Vec3
    public var facingAzimuthDegrees: Double
    public var rows: [TermRowResult]

    /// The building that keeps the sun off longest on a term (see ``TermRowResult/shadedSecondsByBuilding``).
    public func mainBlocker(term index: Int) -> Int? {
        rows.first { $0.term.index == index }?.shadedSecondsByBuilding
            .max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// Minutes on the first standard day that has a requirement (ranks a unit's windows).
    var decisiveMinutes: Double {
        rows.first { $0.requiredMinutes != nil }?.bandSeconds ?? rows.reduce(0) { $0 + $1.totalSeconds }
    }
}
