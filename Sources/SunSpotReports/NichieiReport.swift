import Scene
import SolarCore
import SunSpotIO

/// The shape of `sunspot nichiei`: a 日影規制 (別表第4) check of a scene's buildings against
/// the 5 m / 10 m lines around their site, and every grid point beyond the 5 m line with its
/// shadow hours, so a program (or a reviewer) can redraw the 等時間日影図 from it.
public struct NichieiReport: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var x: Double
        public var y: Double
        /// Horizontal distance from the site boundary, metres.
        public var distance: Double
        public var shadowHours: Double
        /// `near` (5–10 m out) or `far` (beyond 10 m).
        public var zone: String
        /// Shadow for the zone's limit or longer (以上).
        public var violates: Bool
    }

    public var regulation: String
    /// The regulation's own words (Japanese), and in English.
    public var title: String
    public var titleEnglish: String
    public var date: String
    public var planeHeight: Double
    /// The band in true solar time, hours (8–16, or 9–15 in Hokkaido).
    public var band: [Double]
    public var nearLimitHours: Double
    public var farLimitHours: Double
    public var complies: Bool
    public var nearViolations: Int
    public var farViolations: Int
    public var maxShadowHoursNearZone: Double
    public var maxShadowHoursFarZone: Double
    public var spacing: Double
    public var points: [Point]

    public init(_ check: NichieiCheck, date: CivilDate) {
        let r = check.regulation
        let hours = { (x: Double) in x.rounded(places: 4) }
        regulation = r.id
        title = r.title
        titleEnglish = r.titleEnglish
        self.date = date.iso8601
        planeHeight = r.planeHeightMeters
        band = [r.band.startSeconds / 3600, r.band.endSeconds / 3600]
        nearLimitHours = r.nearLimitHours
        farLimitHours = r.farLimitHours
        complies = check.complies
        nearViolations = check.nearViolations.count
        farViolations = check.farViolations.count
        maxShadowHoursNearZone = hours(check.maxShadowHoursNearZone)
        maxShadowHoursFarZone = hours(check.maxShadowHoursFarZone)
        spacing = check.grid.spacing
        let g = check.grid
        let shadowSeconds = g.shadowSeconds
        var points: [Point] = []
        for j in 0..<g.rows {
            for i in 0..<g.columns where !g.insideBuilding[j * g.columns + i] {
                let q = g.point(column: i, row: j)
                let d = NichieiCheck.distance(from: q, to: check.siteBoundary)
                guard d > r.nearLineMeters else { continue }
                let far = d > r.farLineMeters
                let shadow = check.shadowHours(at: j * g.columns + i, shadowSeconds: shadowSeconds)
                points.append(
                    Point(
                        x: q.x.rounded(places: 3), y: q.y.rounded(places: 3), distance: d.rounded(places: 3),
                        shadowHours: hours(shadow), zone: far ? "far" : "near",
                        violates: shadow >= (far ? r.farLimitHours : r.nearLimitHours) - 1e-9))
            }
        }
        self.points = points
    }

    /// The verdict and the worst shadow in each zone, for people.
    public func summary(_ lang: Language) -> TextTable {
        let l = lang.pick
        let rows = [
            [l("5–10 m", "5–10 m"), String(nearLimitHours), String(maxShadowHoursNearZone), String(nearViolations)],
            [l("10 m 以外", "beyond 10 m"), String(farLimitHours), String(maxShadowHoursFarZone), String(farViolations)],
        ]
        return TextTable(
            headers: [
                l("区域", "zone"), l("限度（时）", "limit h"), l("最长日影（时）", "longest shadow h"),
                l("超限点", "points over"),
            ],
            rows: rows, rightAligned: [1, 2, 3])
    }

    public func caption(_ lang: Language) -> String {
        let l = lang.pick
        let verdict = complies ? l("符合", "complies") : l("不符合", "does not comply")
        return "\(lang == .zh ? title : titleEnglish) · \(date) · \(verdict)\n"
    }

    /// Every point beyond the 5 m line (CSV/Markdown): where, how far out, how long in shadow.
    public func pointsTable() -> TextTable {
        TextTable(
            headers: ["x", "y", "distance", "shadowHours", "zone", "violates"],
            rows: points.map {
                [
                    String($0.x), String($0.y), String($0.distance), String($0.shadowHours), $0.zone,
                    String($0.violates),
                ]
            },
            rightAligned: [0, 1, 2, 3])
    }
}
