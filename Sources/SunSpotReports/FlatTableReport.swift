import Scene
import SolarCore
import SunSpotIO

/// The JSON shape of a flat's table (`sunspot table --format json`, and the daemon's
/// `…/sunlight` endpoint): DESIGN.md "JSON shapes that programs rely on".
public struct FlatTableReport: Codable, Sendable, Equatable {
    public struct Flat: Codable, Sendable, Equatable {
        public var building: String
        public var buildingName: String?
        public var floor: Int
        public var unit: String
        public var unitName: String?
        public var window: Int
        /// Azimuth the window faces, degrees clockwise from north.
        public var facing: Double
        /// Calculation point (sill centre) in the scene frame, metres.
        public var point: [Double]
    }

    public struct Parameters: Codable, Sendable, Equatable {
        public var standard: String
        public var title: String
        public var year: Int
        public var clock: String
        public var timeZone: String
        public var refraction: Bool
        public var sillHeight: Double
        public var minimumSweep: Double
        public var calculationPoint: String
    }

    public struct Interval: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        /// The same instants on true solar time, `HH:MM:SS`.
        public var startTrueSolar: String
        public var endTrueSolar: String
        public var minutes: Double
        public var blockedBeforeBy: String?
        public var blockedAfterBy: String?
    }

    public struct Row: Codable, Sendable, Equatable {
        public var term: String
        public var termEn: String
        public var longitude: Int
        public var date: String
        public var sunrise: String?
        public var sunset: String?
        public var dayKind: String
        public var intervals: [Interval]
        public var totalMinutes: Double
        /// Effective band as civil times, when the profile has one for this term.
        public var bandStart: String?
        public var bandEnd: String?
        /// The same band on true solar time, `HH:MM:SS`: how GB 50180 states it (大寒 08:00–16:00,
        /// 冬至 09:00–15:00), so a reader sees why two days with similar sun count differently.
        public var bandStartTrueSolar: String?
        public var bandEndTrueSolar: String?
        public var bandMinutes: Double
        public var requiredMinutes: Double?
        /// true/false on a standard day with a requirement; null otherwise (informative).
        public var meetsStandard: Bool?
        public var normative: Bool
    }

    public var flat: Flat
    public var parameters: Parameters
    public var rows: [Row]

    public init(table: FlatTable, analyzer: SunlightAnalyzer) {
        let scene = analyzer.scene
        let zone = analyzer.zone
        let building = scene.buildings.first { $0.id == table.flat.building }
        let civil = { (t: Double) in analyzer.civil(at: t).iso8601 }
        let tst = { (t: Double) in clockString(analyzer.trueSolarSeconds(at: t)) }
        let name = { (i: Int?) in i.map { scene.buildings[$0].id } }
        let minutes = { (s: Double) in (s / 60).rounded(places: 2) }
        flat = Flat(
            building: table.flat.building, buildingName: building?.name, floor: table.flat.floor,
            unit: table.flat.unit, unitName: building?.units.first { $0.id == table.flat.unit }?.name,
            window: table.windowIndex, facing: table.facingAzimuthDegrees.rounded(places: 2),
            point: [table.point.x, table.point.y, table.point.z].map { $0.rounded(places: 3) })
        let p = analyzer.profile
        parameters = Parameters(
            standard: p.id, title: p.title, year: analyzer.year,
            clock: p.clock == .trueSolar ? "trueSolar" : "civil", timeZone: zone.identifier,
            refraction: p.refraction, sillHeight: p.sillHeightMeters,
            minimumSweep: p.minimumSweepDegrees, calculationPoint: p.calculationPoint.rawValue)
        rows = table.rows.map { r in
            Row(
                term: r.term.name.chinese, termEn: r.term.name.english, longitude: r.term.longitudeDegrees,
                date: r.date.iso8601, sunrise: r.sunrise.map(civil), sunset: r.sunset.map(civil),
                dayKind: r.dayKind.rawValue,
                intervals: r.intervals.map {
                    Interval(
                        start: civil($0.start), end: civil($0.end), startTrueSolar: tst($0.start),
                        endTrueSolar: tst($0.end), minutes: minutes($0.end - $0.start),
                        blockedBeforeBy: name($0.blockedBeforeBy), blockedAfterBy: name($0.blockedAfterBy))
                },
                totalMinutes: minutes(r.totalSeconds), bandStart: r.band.map { civil($0.start) },
                bandEnd: r.band.map { civil($0.end) }, bandStartTrueSolar: r.band.map { tst($0.start) },
                bandEndTrueSolar: r.band.map { tst($0.end) }, bandMinutes: minutes(r.bandSeconds),
                requiredMinutes: r.requiredMinutes, meetsStandard: r.meetsStandard, normative: r.normative)
        }
    }

    /// The 24 rows for people.
    public func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        let time = { (iso: String?) in iso.map { String($0.dropFirst(11).prefix(8)) } ?? "—" }
        let verdict = { (r: Row) -> String in
            switch r.meetsStandard {
            case true?: return l("满足", "pass")
            case false?: return l("不满足", "FAIL")
            case nil: return r.normative ? l("（无要求）", "(no requirement)") : l("参考", "info")
            }
        }
        return TextTable(
            headers: [
                l("节气", "term"), l("日期", "date"), l("日出", "sunrise"), l("日落", "sunset"),
                l("日照时段（民用时）", "sunlit intervals (civil time)"), l("全天（分）", "day (min)"),
                l("有效时段（分）", "band (min)"), l("要求（分）", "required"), l("结论", "verdict"),
            ],
            rows: rows.map { r in
                let spans = r.intervals.map { iv in
                    "\(time(iv.start).prefix(5))–\(time(iv.end).prefix(5))" + (iv.blockedAfterBy.map { "▸\($0)" } ?? "")
                }
                return [
                    lang == .zh ? r.term : r.termEn, r.date, time(r.sunrise), time(r.sunset),
                    spans.isEmpty ? "—" : spans.joined(separator: " "), String(format1(r.totalMinutes)),
                    String(format1(r.bandMinutes)), r.requiredMinutes.map { String(Int($0)) } ?? "", verdict(r),
                ]
            }, rightAligned: [5, 6, 7])
    }

    /// Header lines naming the flat and how it was computed.
    public func caption(_ lang: Language) -> String {
        let l = lang.pick
        let unitLabel = flat.unitName.map { "\(flat.unit) \($0)" } ?? flat.unit
        let buildingLabel = flat.buildingName.map { "\(flat.building) \($0)" } ?? flat.building
        return l(
            "住宅 \(buildingLabel) · \(flat.floor) 层 · \(unitLabel)（窗 \(flat.window)，朝向 \(flat.facing)°）",
            "Flat \(buildingLabel) · floor \(flat.floor) · unit \(unitLabel) (window \(flat.window), facing \(flat.facing)°)"
        )
            + "\n"
            + l(
                "标准 \(parameters.standard)：\(parameters.title)；\(parameters.year) 年；时段按\(parameters.clock == "trueSolar" ? "真太阳时" : "民用时")；时区 \(parameters.timeZone)；▸ 后为遮挡建筑",
                "Standard \(parameters.standard): \(parameters.title); year \(parameters.year); bands on \(parameters.clock == "trueSolar" ? "true solar time" : "civil time"); zone \(parameters.timeZone); ▸ names the blocking building"
            )
            + "\n" + (bandsLine(lang).map { $0 + "\n" } ?? "")
    }

    /// Each day's effective band on true solar time, as the standard states it: "bands (true
    /// solar time): 大寒 08:00–16:00, 冬至 09:00–15:00; other terms 08:00–16:00 (for information)".
    /// Nil when the profile has no band (`none`).
    public func bandsLine(_ lang: Language) -> String? {
        let l = lang.pick
        let band = { (r: Row) -> String? in
            guard let a = r.bandStartTrueSolar, let b = r.bandEndTrueSolar else { return nil }
            return "\(a.prefix(5))–\(b.prefix(5))"
        }
        var parts = rows.filter(\.normative).compactMap { r in
            band(r).map { "\(lang == .zh ? r.term : r.termEn) \($0)" }
        }
        if let other = rows.first(where: { !$0.normative && $0.bandStart != nil }).flatMap(band) {
            parts.append(l("其他节气 \(other)（参考）", "other terms \(other) (for information)"))
        }
        guard !parts.isEmpty else { return nil }
        return l("有效时段（真太阳时）：", "Effective bands (true solar time): ") + parts.joined(separator: l("，", ", "))
    }

    func format1(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) + ".0" : String(r)
    }
}

// Programs read absent and null differently: optional fields are always written, as null.
extension FlatTableReport.Interval {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(startTrueSolar, forKey: .startTrueSolar)
        try c.encode(endTrueSolar, forKey: .endTrueSolar)
        try c.encode(minutes, forKey: .minutes)
        try c.encode(blockedBeforeBy, forKey: .blockedBeforeBy)
        try c.encode(blockedAfterBy, forKey: .blockedAfterBy)
    }
}

extension FlatTableReport.Row {
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(term, forKey: .term)
        try c.encode(termEn, forKey: .termEn)
        try c.encode(longitude, forKey: .longitude)
        try c.encode(date, forKey: .date)
        try c.encode(sunrise, forKey: .sunrise)
        try c.encode(sunset, forKey: .sunset)
        try c.encode(dayKind, forKey: .dayKind)
        try c.encode(intervals, forKey: .intervals)
        try c.encode(totalMinutes, forKey: .totalMinutes)
        try c.encode(bandStart, forKey: .bandStart)
        try c.encode(bandEnd, forKey: .bandEnd)
        try c.encode(bandStartTrueSolar, forKey: .bandStartTrueSolar)
        try c.encode(bandEndTrueSolar, forKey: .bandEndTrueSolar)
        try c.encode(bandMinutes, forKey: .bandMinutes)
        try c.encode(requiredMinutes, forKey: .requiredMinutes)
        try c.encode(meetsStandard, forKey: .meetsStandard)
        try c.encode(normative, forKey: .normative)
    }
}
