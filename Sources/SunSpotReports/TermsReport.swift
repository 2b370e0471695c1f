import SolarCore
import SunSpotIO

/// One row of `sunspot terms` / `GET /v1/terms`.
public struct TermRow: Codable, Sendable, Equatable {
    public var index: Int
    public var name: String
    public var nameEn: String
    public var pinyin: String
    public var longitude: Int
    /// The instant in UTC (leap seconds counted to the last announced one; UT1 before 1972),
    /// ISO 8601 with milliseconds: `2026-12-22T04:50:13.123Z`.
    public var instant: String
    /// The instant on the zone's civil clock, rounded to the nearest second.
    public var civilTime: String
    /// The term's analysis day: its civil date in the zone.
    public var date: String

    public init(term: SolarTerm, zone: some CivilTimeZone) {
        index = term.index
        name = term.name.chinese
        nameEn = term.name.english
        pinyin = term.name.pinyin
        longitude = term.longitudeDegrees
        instant = term.instant.iso8601Milliseconds
        let civil = zone.civil(term.instant)
        civilTime = civil.iso8601
        date = civil.date.iso8601
    }
}

public enum TermsReport {
    public static func rows(year: Int, zone: some CivilTimeZone) -> [TermRow] {
        SolarTerms.terms(year: year).map { TermRow(term: $0, zone: zone) }
    }

    /// The table for people: the local instant in whole seconds, rounded to the nearest one, as
    /// its column says (the JSON's `instant` has the milliseconds).
    public static func table(_ rows: [TermRow], lang: Language) -> TextTable {
        let l = lang.pick
        return TextTable(
            headers: [
                "#", l("节气", "term"), l("黄经", "longitude"),
                l("时刻（当地，四舍五入到秒）", "instant (local, to the nearest second)"), l("日期", "date"),
            ],
            rows: rows.map { r in
                [
                    String(r.index), lang == .zh ? r.name : "\(r.nameEn) (\(r.name))", "\(r.longitude)°", r.civilTime,
                    r.date,
                ]
            }, rightAligned: [0, 2])
    }
}
