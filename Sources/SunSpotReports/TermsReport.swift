import SolarCore
import SunSpotIO

/// One row of `sunspot terms` / `GET /v1/terms`.
public struct TermRow: Codable, Sendable, Equatable {
    public var index: Int
    public var name: String
    public var nameEn: String
    public var pinyin: String
    public var longitude: Int
    /// UTC instant, ISO 8601.
    public var instant: String
    /// The instant on the zone's civil clock.
    public var civilTime: String
    /// The term's analysis day: its civil date in the zone.
    public var date: String

    public init(term: SolarTerm, zone: some CivilTimeZone) {
        index = term.index
        name = term.name.chinese
        nameEn = term.name.english
        pinyin = term.name.pinyin
        longitude = term.longitudeDegrees
        instant = term.instant.description
        let civil = zone.civil(term.instant)
        civilTime = civil.iso8601
        date = civil.date.iso8601
    }
}

public enum TermsReport {
    public static func rows(year: Int, zone: some CivilTimeZone) -> [TermRow] {
        SolarTerms.terms(year: year).map { TermRow(term: $0, zone: zone) }
    }

    public static func table(_ rows: [TermRow], lang: Language) -> TextTable {
        let l = lang.pick
        return TextTable(
            headers: ["#", l("节气", "term"), l("黄经", "longitude"), l("时刻（当地）", "instant (local)"), l("日期", "date")],
            rows: rows.map { r in
                [
                    String(r.index), lang == .zh ? r.name : "\(r.nameEn) (\(r.name))", "\(r.longitude)°", r.civilTime,
                    r.date,
                ]
            }, rightAligned: [0, 2])
    }
}
