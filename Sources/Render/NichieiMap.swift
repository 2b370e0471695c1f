import Scene
import SolarCore
import SunSpotIO

/// The 日影規制 check as a plan (等時間日影図): the site boundary, its 5 m and 10 m lines, and
/// the shadow-hour lines of the regulation's two limits on its plane. The regulation is met
/// when the near limit's line stays inside the 10 m line and the far limit's inside the 5 m
/// line (with the grid's violations marked), which is what a reviewer looks for on paper.
///
/// The lines come from the Scene core (``NichieiCheck``, ``SunHoursGrid/shadowContours(hours:)``);
/// this type only draws them.
public struct NichieiMap: Sendable {
    public var title: String
    public var subtitle: [String]
    public var buildings: [PlanBuilding]
    public var siteBoundary: [Vec2]
    public var nearLine: [[Vec2]]
    public var farLine: [[Vec2]]
    /// The near (e.g. 3 h) and far (e.g. 2 h) limits' shadow lines, hours on true solar time.
    public var nearLimit: (hours: Double, rings: [[Vec2]])
    public var farLimit: (hours: Double, rings: [[Vec2]])
    /// Grid points over their zone's limit.
    public var violations: [Vec2]

    /// Colours of the near limit's and the far limit's shadow lines.
    public static let nearLimitColor = Color(hex: 0xC92A2A)
    public static let farLimitColor = Color(hex: 0x1864AB)

    /// The map of a check: the one function the CLI calls.
    public init(check: NichieiCheck, buildings: [PlanBuilding], date: CivilDate, language: Language) {
        let r = check.regulation
        // The grid's shadow seconds are civil; a limit in true-solar hours is that many
        // civil seconds divided by the band's scale (see ``NichieiCheck/trueSolarScale``).
        let scale = NichieiCheck.trueSolarScale(regulation: r, grid: check.grid)
        let district = language.pick(r.district.words.japanese, r.district.words.english)
        let column = language.pick("（\(["一", "二", "三"][r.column - 1])）", ", column (\(r.column))")
        let band = r.hokkaido ? "9–15" : "8–16"
        let (near, far) = (Self.hours(r.nearLimitHours), Self.hours(r.farLimitHours))
        let verdict = check.complies ? language.pick("符合", "complies") : language.pick("不符合", "does not comply")
        title = language.pick("日影規制 別表第4", "日影規制 (Japan), Table 4") + " · " + verdict
        subtitle = [
            district + column + (r.hokkaido ? language.pick(" 道の区域", ", Hokkaido") : ""),
            language.pick(
                "测定面 \(r.planeHeightMeters) m：5–10 m 内 \(near) 时，10 m 外 \(far) 时（冬至 真太阳时 \(band) 时）",
                "plane \(r.planeHeightMeters) m: \(near) h at 5–10 m, \(far) h beyond 10 m (winter solstice, \(band) h true solar)"
            ),
            date.iso8601 + language.pick("；超限点 ", "; grid points over their limit: ")
                + "\(check.nearViolations.count + check.farViolations.count)",
            language.pick(
                "实线：\(near) 时、\(far) 时日影线；虚线：5 m、10 m 线",
                "solid: the \(near) h and \(far) h shadow lines; dashed: the 5 m and 10 m lines"),
        ]
        self.buildings = buildings
        siteBoundary = check.siteBoundary
        nearLine = check.nearLine
        farLine = check.farLine
        nearLimit = (r.nearLimitHours, check.grid.shadowContours(hours: r.nearLimitHours / scale))
        farLimit = (r.farLimitHours, check.grid.shadowContours(hours: r.farLimitHours / scale))
        violations = (check.nearViolations + check.farViolations).map(\.point)
    }

    static func hours(_ h: Double) -> String { h == h.rounded() ? String(Int(h)) : String(h) }

    var plan: PlanView {
        PlanView(
            title: title, subtitle: subtitle, buildings: buildings,
            extent: farLine.flatMap { $0 } + nearLimit.rings.flatMap { $0 } + farLimit.rings.flatMap { $0 })
    }

    public func frame(_ options: PictureOptions) -> PlanFrame { plan.frame(options) }

    public func picture(_ options: PictureOptions) -> Picture {
        let map = self
        return Picture(options: options) { c in map.draw(c, options) }
    }

    func draw(_ c: Canvas, _ options: PictureOptions) {
        let plan = self.plan
        let f = plan.frame(options)
        let text = options.labelSize
        let lang = options.language
        plan.drawGround(c, options)
        for p in violations {
            c.circle(f.point(p), radius: max(1.2, text * 0.08), fill: NichieiMap.nearLimitColor.with(alpha: 0.35))
        }
        plan.drawBuildings(c, f, text, translucent: true)
        c.stroke(f.points(siteBoundary), closed: true, Palette.ink, width: 2.4)
        for ring in nearLine {
            c.stroke(f.points(ring), closed: true, Palette.ink, width: 1.4, dash: [text * 0.5, text * 0.3])
        }
        for ring in farLine {
            c.stroke(f.points(ring), closed: true, Palette.grid, width: 1.4, dash: [text * 0.5, text * 0.3])
        }
        for ring in nearLimit.rings { c.stroke(f.points(ring), closed: true, NichieiMap.nearLimitColor, width: 2.2) }
        for ring in farLimit.rings { c.stroke(f.points(ring), closed: true, NichieiMap.farLimitColor, width: 2.2) }
        plan.drawFurniture(c, f, options, lang)
        plan.drawTitle(c, text)
        plan.drawLegend(
            c,
            [
                (
                    NichieiMap.nearLimitColor,
                    lang.pick("\(Self.hours(nearLimit.hours)) 时线", "\(Self.hours(nearLimit.hours)) h line")
                ),
                (
                    NichieiMap.farLimitColor,
                    lang.pick("\(Self.hours(farLimit.hours)) 时线", "\(Self.hours(farLimit.hours)) h line")
                ),
                (Palette.ink, lang.pick("用地界线 / 5 m 线", "site / 5 m line")),
                (Palette.grid, lang.pick("10 m 线", "10 m line")),
                (NichieiMap.nearLimitColor.with(alpha: 0.35), lang.pick("超限点", "point over")),
            ], text)
    }
}
