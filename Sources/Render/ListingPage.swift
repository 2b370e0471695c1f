import Scene
import SolarCore
import SunSpotIO
import SunSpotResults

/// One A4 page of a listings report, for a buyer: who the flat is, the verdict in one
/// sentence, the sun-path diagram with the window's skyline, the 冬至 shadow map at true
/// solar noon with the flat marked, the 24-term table with interval bars, and the
/// parameters needed to reproduce the numbers.
///
/// Plain data (the figures are their own Sendable models), built on any thread from a
/// ``ListingResult``; ``draw(_:)`` lays it out on a 595 × 842 pt canvas.
public struct ListingPage: Sendable {
    public var facts: ListingFacts
    public var flatCaption: String
    public var verdict: ListingVerdict
    public var chart: TermChart
    public var sunPath: SunPathDiagram
    public var shadowMap: ShadowMap
    /// Lines of calculation parameters at the foot of the page.
    public var parameters: [String]
    public var language: Language
    /// `2 / 201`, drawn at the foot (set by the report writer).
    public var pageLabel: String = ""

    /// Logical size the two figures are drawn at before being scaled into the page.
    static let figureOptionsSize = (width: 620, height: 640)

    /// Builds the page from the batch's result for one listing: the same table the CSV row
    /// came from, the scene's analyzer reused for the figures (no sun day is computed twice).
    ///
    /// - Throws: a ``SceneIssue`` when the flat is not in the scene (the batch validated it already).
    public static func make(result: ListingResult, language: Language) throws(SceneIssue) -> ListingPage {
        let a = result.analyzer
        let table = result.table
        let facts = result.facts
        let solsticeIndex = a.terms.firstIndex { $0.longitudeDegrees == RuleProfile.winterSolstice } ?? 0
        let solsticeDate = a.terms[solsticeIndex].date(in: a.zone)
        let sunPath = try SunPathDiagram.make(
            scene: a.scene, zone: a.zone, profile: a.profile, days: .date(solsticeDate),
            flat: table.flat, windowIndex: table.windowIndex, language: language,
            prepared: a)
        // True solar noon of 冬至: the sun at its highest on the shortest day.
        let noon = a.days[solsticeIndex].transit
        let shadowMap = try ShadowMap.instant(
            scene: a.scene, zone: a.zone, profile: a.profile, at: noon, flat: table.flat,
            windowIndex: table.windowIndex, language: language, prepared: a)
        let (building, unit) = try a.locate(table.flat)
        let flatCaption =
            "\(building.name ?? building.id) · " + language.pick("\(table.flat.floor) 层", "floor \(table.flat.floor)")
            + " · \(unit.name ?? unit.id) · "
            + language.pick("窗 \(table.windowIndex)，朝向 ", "window \(table.windowIndex), facing ")
            + fixed(table.facingAzimuthDegrees, 1) + "°" + language.pick("，窗台高 ", ", sill at ")
            + fixed(table.point.z, 2) + " m"
        let p = a.profile
        let bands = p.standardDays.map { d -> String in
            let name = SolarTermName.forLongitude(d.termLongitude)
            return language.pick(name.chinese, name.english) + " " + d.band.label
                + (d.requiredMinutes.map { language.pick(" ≥\(Int($0)) 分", " ≥\(Int($0)) min") } ?? "")
        }
        let clock =
            p.clock == .trueSolar ? language.pick("真太阳时", "true solar time") : language.pick("民用时", "civil time")
        let parameters = [
            language.pick("标准 ", "Standard ") + "\(facts.standard)：\(p.title)",
            language.pick("有效时段 ", "Effective bands ")
                + (bands.isEmpty ? language.pick("全天", "whole day") : bands.joined(separator: "；"))
                + language.pick("（\(clock)）；计算点：窗台中点 ", " (\(clock)); calculation point: sill centre ")
                + fixed(p.sillHeightMeters, 2) + " m"
                + (p.refraction ? language.pick("；计大气折射", "; refraction on") : ""),
            language.pick("年份 ", "Year ") + "\(facts.year)" + language.pick("；场景 ", "; scene ") + facts.scene
                + language.pick("（版本 ", " (revision ") + facts.sceneRevision + language.pick("）", ")")
                + language.pick("；软件 SunSpot ", "; software SunSpot ") + facts.software
                + language.pick("；图表时刻为民用时（", "; chart times are civil time (") + a.zone.identifier
                + language.pick("）", ")"),
        ]
        return ListingPage(
            facts: facts, flatCaption: flatCaption, verdict: ListingVerdict(table: table, profileID: p.id),
            chart: TermChart(table: table, zone: a.zone), sunPath: sunPath, shadowMap: shadowMap,
            parameters: parameters, language: language)
    }
}
