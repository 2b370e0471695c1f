import Scene
import SolarCore
import SunSpotIO

/// The JSON shape of `sunspot compare --format json`: the headline (flats pushed below the
/// standard, and by which building), the building changes, and every flat whose sunlight
/// changed, term by term. Times are ISO-8601 civil times in the site's zone.
public struct ComparisonReport: Codable, Sendable, Equatable {
    public struct Parameters: Codable, Sendable, Equatable {
        public var standard: String
        public var title: String
        public var year: Int
        public var clock: String
        public var timeZone: String
    }

    public struct Headline: Codable, Sendable, Equatable {
        /// Flats that met the requirement on a standard day before and fail it after.
        public var pushedBelowStandard: Int
        public var byBuilding: [BuildingFlats]
        /// Flats that failed before and meet it after.
        public var liftedAboveStandard: Int
        /// Flats whose sunlight changed on some term.
        public var changedFlats: Int
        public var comparedFlats: Int
    }

    public struct BuildingFlats: Codable, Sendable, Equatable {
        public var building: String
        public var flats: [String]
    }

    public struct Change: Codable, Sendable, Equatable {
        public var id: String
        public var kind: String
    }

    public struct Reuse: Codable, Sendable, Equatable {
        public var windows: Int
        public var windowsReused: Int
        public var windowDays: Int
        public var windowDaysReused: Int
        public var windowDaysOverlaid: Int
    }

    public struct Verdict: Codable, Sendable, Equatable {
        public var term: String
        public var termEn: String
        public var requiredMinutes: Double
        public var beforeMinutes: Double
        public var afterMinutes: Double
        public var before: Bool
        public var after: Bool
    }

    public struct Stretch: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        public var minutes: Double
        /// The building whose shadow covers it in the version where it is not sunlit (null: the facade).
        public var building: String?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
            try c.encode(minutes, forKey: .minutes)
            try c.encode(building, forKey: .building)
        }
    }

    public struct Term: Codable, Sendable, Equatable {
        public var term: String
        public var termEn: String
        public var date: String
        public var beforeTotalMinutes: Double
        public var afterTotalMinutes: Double
        public var beforeBandMinutes: Double
        public var afterBandMinutes: Double
        public var lost: [Stretch]
        public var gained: [Stretch]
    }

    public struct Flat: Codable, Sendable, Equatable {
        public var flat: String
        public var window: Int
        public var pushedBelowStandard: Bool
        public var liftedAboveStandard: Bool
        public var responsible: [String]
        /// Net minutes lost over the 24 terms (negative: gained).
        public var netLostMinutes: Double
        public var verdicts: [Verdict]
        /// Only the terms whose sunlight changed.
        public var terms: [Term]
    }

    public var parameters: Parameters
    public var headline: Headline
    public var changes: [Change]
    public var reuse: Reuse
    /// Flats whose sunlight changed, in the after scene's order.
    public var flats: [Flat]
    public var onlyBefore: [String]
    public var onlyAfter: [String]

    public init(_ c: SceneComparison, profile: RuleProfile, year: Int, zone: some CivilTimeZone, longitude: Double) {
        let civil = { (t: Double) in zone.civil(Instant(secondsSince1970: t)).iso8601 }
        let minutes = { (s: Double) in (s / 60).rounded(places: 2) }
        let terms = SolarTerms.terms(year: year)
        let termName = { (longitude: Int) in
            terms.first { $0.longitudeDegrees == longitude }?.name.chinese ?? "\(longitude)°"
        }
        let termNameEn = { (longitude: Int) in
            terms.first { $0.longitudeDegrees == longitude }?.name.english ?? "\(longitude)°"
        }
        parameters = Parameters(
            standard: profile.id, title: profile.title, year: year,
            clock: profile.clock == .trueSolar ? "trueSolar" : "civil", timeZone: zone.identifier)
        let changed = c.changedFlats
        headline = Headline(
            pushedBelowStandard: c.pushedBelowStandard.count,
            byBuilding: c.pushedBelowByBuilding.map {
                BuildingFlats(building: $0.building, flats: $0.flats.map(\.description))
            },
            liftedAboveStandard: c.flats.filter(\.liftedAboveStandard).count,
            changedFlats: changed.count, comparedFlats: c.flats.count)
        changes = c.changes.map { Change(id: $0.id, kind: $0.kind.rawValue) }
        reuse = Reuse(
            windows: c.reuse.windows, windowsReused: c.reuse.windowsReused, windowDays: c.reuse.windowDays,
            windowDaysReused: c.reuse.windowDaysReused, windowDaysOverlaid: c.reuse.windowDaysOverlaid)
        let stretch = { (s: ChangedStretch) in
            Stretch(start: civil(s.start), end: civil(s.end), minutes: minutes(s.durationSeconds), building: s.building)
        }
        flats = changed.map { f in
            Flat(
                flat: f.flat.description, window: f.windowIndex, pushedBelowStandard: f.pushedBelowStandard,
                liftedAboveStandard: f.liftedAboveStandard, responsible: f.responsible,
                netLostMinutes: minutes(f.netLostSeconds),
                verdicts: f.verdicts.map {
                    Verdict(
                        term: termName($0.termLongitude), termEn: termNameEn($0.termLongitude),
                        requiredMinutes: $0.requiredMinutes,
                        beforeMinutes: minutes($0.beforeBandSeconds), afterMinutes: minutes($0.afterBandSeconds),
                        before: $0.before, after: $0.after)
                },
                terms: f.terms.filter { !$0.lost.isEmpty || !$0.gained.isEmpty }.map { t in
                    Term(
                        term: t.term.name.chinese, termEn: t.term.name.english, date: t.before.date.iso8601,
                        beforeTotalMinutes: minutes(t.before.totalSeconds),
                        afterTotalMinutes: minutes(t.after.totalSeconds),
                        beforeBandMinutes: minutes(t.before.bandSeconds),
                        afterBandMinutes: minutes(t.after.bandSeconds),
                        lost: t.lost.map(stretch), gained: t.gained.map(stretch))
                })
        }
        onlyBefore = c.onlyBefore.map(\.description)
        onlyAfter = c.onlyAfter.map(\.description)
    }

    /// The headline sentence: how many flats the change pushes below the standard, and who.
    public func headlineText(_ lang: Language) -> String {
        let l = lang.pick
        let n = headline.pushedBelowStandard
        var lines: [String] = []
        if n == 0 {
            lines.append(
                l(
                    "没有住宅因方案变化而低于日照标准（共比较 \(headline.comparedFlats) 户，\(headline.changedFlats) 户日照有变化）。",
                    "No flat is pushed below the standard (\(headline.comparedFlats) flats compared, \(headline.changedFlats) with changed sunlight)."
                ))
        } else {
            let who = headline.byBuilding.map {
                l("\($0.building)（\($0.flats.count) 户）", "\($0.building) (\($0.flats.count))")
            }
            .joined(separator: l("、", ", "))
            lines.append(
                l(
                    "方案变化使 \(n) 户住宅低于日照标准；责任建筑：\(who)。",
                    "The change pushes \(n) flat\(n == 1 ? "" : "s") below the standard; responsible: \(who)."))
        }
        let kinds = [
            "added": l("新增", "added"), "removed": l("拆除", "removed"), "reshaped": l("改变体量", "reshaped"),
            "edited": l("修改窗户", "windows edited"),
        ]
        if !changes.isEmpty {
            lines.append(
                l("变化的建筑：", "Changed buildings: ")
                    + changes.map { "\($0.id) \(kinds[$0.kind] ?? $0.kind)" }
                    .joined(separator: l("；", "; ")))
        }
        lines.append(
            l(
                "标准 \(parameters.standard)：\(parameters.title)；\(parameters.year) 年；复用 \(reuse.windowDaysReused)/\(reuse.windowDays) 窗·日，叠加 \(reuse.windowDaysOverlaid)",
                "Standard \(parameters.standard): \(parameters.title); year \(parameters.year); reused \(reuse.windowDaysReused)/\(reuse.windowDays) window-days, overlaid \(reuse.windowDaysOverlaid)"
            ))
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per changed flat: standard days before → after, minutes lost, responsible.
    public func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        let verdictTerms = Array(Set(flats.flatMap { $0.verdicts.map(\.term) })).sorted()
        let label = { (t: String) in
            lang == .zh ? t : self.flats.lazy.flatMap(\.verdicts).first { $0.term == t }?.termEn ?? t
        }
        func fmt(_ x: Double) -> String {
            let r = (x * 10).rounded() / 10
            return r == r.rounded() ? String(Int(r)) + ".0" : String(r)
        }
        let headers =
            [l("住宅", "flat"), l("窗", "window")]
            + verdictTerms.map { l("\($0) 前→后（分）", "\(label($0)) before→after (min)") }
            + [l("结论", "verdict"), l("24 节气净损失（分）", "net lost, 24 terms (min)"), l("责任建筑", "responsible")]
        let rows = flats.map { f -> [String] in
            let cells = verdictTerms.map { t -> String in
                guard let v = f.verdicts.first(where: { $0.term == t }) else { return "" }
                return "\(fmt(v.beforeMinutes))→\(fmt(v.afterMinutes))"
            }
            let verdict =
                f.verdicts.isEmpty
                ? "—"
                : f.pushedBelowStandard
                    ? l("新增不满足", "NEWLY FAILS")
                    : f.liftedAboveStandard
                        ? l("转为满足", "now passes")
                        : f.verdicts.contains { !$0.after } ? l("仍不满足", "still fails") : l("满足", "pass")
            return [f.flat, String(f.window)] + cells + [
                verdict, fmt(f.netLostMinutes), f.responsible.joined(separator: " "),
            ]
        }
        return TextTable(
            headers: headers, rows: rows,
            rightAligned: Set((2..<(2 + verdictTerms.count)).map { $0 } + [3 + verdictTerms.count]))
    }
}
