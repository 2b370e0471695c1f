import Scene
import SolarCore
import SunSpotIO

/// What a listing website shows for one flat: the standard days' verdict and the sun over
/// the year, computed the same way every time, with what is needed to reproduce it.
///
/// The CLI (`sunspot report`) and the daemon (`/v1/reports`) build rows with this one type,
/// so both paths give identical numbers for the same input.
public struct ListingFacts: Codable, Sendable, Equatable {
    public var listing: String
    public var title: String?
    public var address: String?
    public var scene: String
    /// The scene version used: a content hash for a file, the revision for a saved scene.
    public var sceneRevision: String
    public var software: String
    public var standard: String
    public var year: Int
    public var building: String
    public var floor: Int
    public var unit: String
    /// Which of the unit's windows the numbers describe (the best one on the decisive day).
    public var window: Int
    /// Counted minutes inside the effective band on 冬至 and 大寒.
    public var winterSolsticeBandMinutes: Double
    public var greatColdBandMinutes: Double
    /// The standard day with a requirement (e.g. 大寒), its required minutes and the verdict;
    /// nil when the profile sets none.
    public var standardDay: String?
    public var requiredMinutes: Double?
    public var meetsStandard: Bool?
    /// Total sunlit minutes of the whole day, one per term, 小寒 (index 0) … 冬至 (23).
    public var termTotalMinutes: [Double]
    public var bestTerm: String
    public var worstTerm: String
    /// The building that keeps the sun off the window longest on 冬至 (inside the band).
    public var winterSolsticeMainBlocker: String?

    /// Term indices (SolarTerms order) of the two standard days of GB 50180.
    static let winterSolstice = 23
    static let greatCold = 1

    /// Minutes as every report prints them (CSV, PDF cover): `120` when whole, else as stored (`119.73`).
    public static func minutesText(_ minutes: Double) -> String {
        minutes == minutes.rounded() ? String(Int(minutes)) : String(minutes)
    }

    /// Every field given (a row read back from a report file, see SunSpotReports' `init?(csvFields:)`).
    public init(
        listing: String,
        title: String?,
        address: String?,
        scene: String,
        sceneRevision: String,
        software: String,
        standard: String,
        year: Int,
        building: String,
        floor: Int,
        unit: String,
        window: Int,
        winterSolsticeBandMinutes: Double,
        greatColdBandMinutes: Double,
        standardDay: String?,
        requiredMinutes: Double?,
        meetsStandard: Bool?,
        termTotalMinutes: [Double],
        bestTerm: String,
        worstTerm: String,
        winterSolsticeMainBlocker: String?
    ) {
        self.listing = listing
        self.title = title
        self.address = address
        self.scene = scene
        self.sceneRevision = sceneRevision
        self.software = software
        self.standard = standard
        self.year = year
        self.building = building
        self.floor = floor
        self.unit = unit
        self.window = window
        self.winterSolsticeBandMinutes = winterSolsticeBandMinutes
        self.greatColdBandMinutes = greatColdBandMinutes
        self.standardDay = standardDay
        self.requiredMinutes = requiredMinutes
        self.meetsStandard = meetsStandard
        self.termTotalMinutes = termTotalMinutes
        self.bestTerm = bestTerm
        self.worstTerm = worstTerm
        self.winterSolsticeMainBlocker = winterSolsticeMainBlocker
    }

    public init(
        request: ListingRequest, table: FlatTable, analyzer: SunlightAnalyzer, standardName: String,
        sceneRevision: String
    ) {
        let minutes = { (s: Double) in (s / 60).rounded(places: 2) }
        let byIndex = Dictionary(uniqueKeysWithValues: table.rows.map { ($0.term.index, $0) })
        listing = request.listing
        title = request.title
        address = request.address
        scene = request.scene
        self.sceneRevision = sceneRevision
        software = SunSpotVersion.current
        standard = standardName
        year = analyzer.year
        building = table.flat.building
        floor = table.flat.floor
        unit = table.flat.unit
        window = table.windowIndex
        winterSolsticeBandMinutes = minutes(byIndex[Self.winterSolstice]?.bandSeconds ?? 0)
        greatColdBandMinutes = minutes(byIndex[Self.greatCold]?.bandSeconds ?? 0)
        let decisive = table.rows.first { $0.requiredMinutes != nil }
        standardDay = decisive?.term.name.chinese
        requiredMinutes = decisive?.requiredMinutes
        let verdicts = table.rows.compactMap(\.meetsStandard)
        meetsStandard = verdicts.isEmpty ? nil : verdicts.allSatisfy { $0 }
        let ordered = table.rows.sorted { $0.term.index < $1.term.index }
        termTotalMinutes = ordered.map { minutes($0.totalSeconds) }
        // Ties go to the earlier term of the year, so the choice is stable.
        bestTerm =
            ordered.max {
                $0.totalSeconds < $1.totalSeconds
                    || ($0.totalSeconds == $1.totalSeconds && $0.term.index > $1.term.index)
            }!
            .term.name.chinese
        worstTerm =
            ordered.min {
                $0.totalSeconds < $1.totalSeconds
                    || ($0.totalSeconds == $1.totalSeconds && $0.term.index < $1.term.index)
            }!
            .term.name.chinese
        winterSolsticeMainBlocker = table.mainBlocker(term: Self.winterSolstice).map { analyzer.scene.buildings[$0].id }
    }
}

/// The program's version, written into every report row so a result can be reproduced.
public enum SunSpotVersion {
    public static let current = "0.1.0"
}
