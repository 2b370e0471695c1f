import Scene
import SolarCore
import SunSpotIO

/// The 24-term table of a listing page: one row per term with the day drawn as a bar over
/// civil clock time (daylight, the effective band shaded, the sunlit intervals as bars),
/// the day's total and counted minutes, and the verdict on the standard days.
public struct TermChart: Sendable {
    /// One term's day, in civil seconds after the analysis date's midnight.
    public struct Row: Sendable {
        public var term: SolarTermName
        public var date: CivilDate
        public var daylight: (start: Double, end: Double)?
        public var band: (start: Double, end: Double)?
        public var sunlit: [(start: Double, end: Double)]
        public var totalMinutes: Double
        /// Counted minutes in the band (nil: the profile has no band that day).
        public var bandMinutes: Double?
        public var requiredMinutes: Double?
        public var meetsStandard: Bool?
        public var normative: Bool
    }

    public var rows: [Row]
    /// Clock hours the bars span (whole hours around the year's earliest sunrise and latest sunset).
    public var fromHour: Int
    public var toHour: Int

    /// The table's rows in the order of the year (小寒 … 冬至), times in the site's civil zone.
    public init(table: FlatTable, zone: some CivilTimeZone) {
        rows = table.rows.sorted { $0.term.index < $1.term.index }.map { r in
            let midnight = zone.dayBounds(r.date).start.secondsSince1970
            let local = { (t: Double) in t - midnight }
            let daylight: (Double, Double)? = {
                switch r.dayKind {
                case .polarNight: return nil
                case .polarDay: return (0, 86_400)
                default:
                    guard let rise = r.sunrise, let set = r.sunset else { return nil }
                    return (local(rise), local(set))
                }
            }()
            return Row(
                term: r.term.name, date: r.date, daylight: daylight,
                band: r.band.map { (local($0.start), local($0.end)) },
                sunlit: r.intervals.map { (local($0.start), local($0.end)) }, totalMinutes: r.totalSeconds / 60,
                bandMinutes: r.band != nil ? r.bandSeconds / 60 : nil, requiredMinutes: r.requiredMinutes,
                meetsStandard: r.meetsStandard, normative: r.normative)
        }
        let starts = rows.compactMap { $0.daylight?.start } + rows.flatMap { $0.sunlit.map(\.start) }
        let ends = rows.compactMap { $0.daylight?.end } + rows.flatMap { $0.sunlit.map(\.end) }
        fromHour = max(0, Int(((starts.min() ?? 6 * 3600) / 3600).rounded(.down)))
        toHour = min(24, max(fromHour + 1, Int(((ends.max() ?? 18 * 3600) / 3600).rounded(.up))))
    }

    public static let sunlitColor = Palette.lit
    public static let bandColor = Color(hex: 0xD0E2F7)
    public static let daylightColor = Color(hex: 0xF1F3F5)
    public static let passColor = Color(hex: 0x2B8A3E)
    public static let failColor = Color(hex: 0xC92A2A)

    /// Column edges for a table `width` wide starting at `x`: term, date, bar, total, band, verdict.
    func columns(x: Double, width: Double, language: Language) -> [Double] {
        // English names run up to "Awakening of Insects"; Chinese ones are two characters.
        let fixed: [Double] = [language == .zh ? 40 : 84, 34]  // term name, date
        let tail: [Double] = [44, 44, 46]  // total, band, verdict
        let bar = width - fixed.reduce(0, +) - tail.reduce(0, +) - 8
        var edges = [x]
        for w in fixed + [bar + 8] + tail { edges.append(edges.last! + w) }
        return edges
    }

    /// Draws the table in a box at `origin`, `width` wide, `rowHeight` per row (plus a header row).
    /// - Returns: the height used.
    @discardableResult
    func draw(_ c: Canvas, origin: Point, width: Double, rowHeight: Double, language lang: Language) -> Double {
        let e = columns(x: origin.x, width: width, language: lang)
        let barX0 = e[2] + 4
        let barX1 = e[3] - 4
        let span = Double(toHour - fromHour) * 3600
        let xOf = { (s: Double) in barX0 + (barX1 - barX0) * max(0, min(1, (s - Double(self.fromHour) * 3600) / span)) }
        let text = rowHeight * 0.58
        let headerY = origin.y + rowHeight / 2
        let headers = [
            lang.pick("节气", "term"), lang.pick("日期", "date"), "",
            lang.pick("全天(分)", "day min"), lang.pick("有效(分)", "band min"), lang.pick("结论", "verdict"),
        ]
        for (i, h) in headers.enumerated() where !h.isEmpty {
            let right = i >= 3
            c.text(
                h, at: Point(right ? e[i + 1] - 3 : e[i] + 2, headerY), size: text, Palette.ink,
                anchor: right ? .right : .left, bold: true)
        }
        // Clock hours over the bars, every two hours (civil time).
        for h in fromHour...toHour {
            let x = xOf(Double(h) * 3600)
            c.stroke(
                [Point(x, origin.y + rowHeight * 0.85), Point(x, origin.y + rowHeight * Double(rows.count + 1))],
                Palette.faint, width: h % 2 == 0 ? 0.6 : 0.3)
            if h % 2 == 0 { c.text("\(h)", at: Point(x, headerY), size: text * 0.9, Palette.grid, anchor: .centre) }
        }
        c.stroke(
            [Point(origin.x, origin.y + rowHeight), Point(origin.x + width, origin.y + rowHeight)], Palette.ink,
            width: 0.8)
        for (k, row) in rows.enumerated() {
            let top = origin.y + rowHeight * Double(k + 1)
            let mid = top + rowHeight / 2
            if row.requiredMinutes != nil || row.normative {
                c.rectangle(Point(origin.x, top), width: width, height: rowHeight, fill: Color(hex: 0xFFF8E1))
            } else if k % 2 == 1 {
                c.rectangle(Point(origin.x, top), width: width, height: rowHeight, fill: Color(hex: 0xFAFAFA))
            }
            fit(
                c, lang.pick(row.term.chinese, row.term.english), at: Point(e[0] + 2, mid), maxWidth: e[1] - e[0] - 4,
                size: text, Palette.ink, bold: row.normative, anchor: .left)
            let md = String(row.date.iso8601.dropFirst(5))
            c.text(md, at: Point(e[1] + 2, mid), size: text * 0.9, Palette.ink, anchor: .left)
            let laneTop = top + rowHeight * 0.2
            let lane = rowHeight * 0.6
            if let d = row.daylight {
                c.rectangle(
                    Point(xOf(d.start), laneTop), width: xOf(d.end) - xOf(d.start), height: lane,
                    fill: TermChart.daylightColor)
            }
            if let b = row.band {
                c.rectangle(
                    Point(xOf(b.start), top + rowHeight * 0.08), width: xOf(b.end) - xOf(b.start),
                    height: rowHeight * 0.84, fill: TermChart.bandColor,
                    stroke: row.normative ? Color(hex: 0x4A78B5) : nil, lineWidth: 0.6)
            }
            for s in row.sunlit {
                c.rectangle(
                    Point(xOf(s.start), laneTop), width: max(0.4, xOf(s.end) - xOf(s.start)), height: lane,
                    fill: TermChart.sunlitColor)
            }
            c.text(minutesText(row.totalMinutes), at: Point(e[4] - 3, mid), size: text, Palette.ink, anchor: .right)
            c.text(
                row.bandMinutes.map(minutesText) ?? "–", at: Point(e[5] - 3, mid), size: text, Palette.ink,
                anchor: .right, bold: row.requiredMinutes != nil)
            if let meets = row.meetsStandard {
                let color = meets ? TermChart.passColor : TermChart.failColor
                mark(c, at: Point(e[5] + 7, mid), pass: meets, size: rowHeight * 0.32, color)
                c.text(
                    meets ? lang.pick("满足", "pass") : lang.pick("不满足", "fail"), at: Point(e[5] + 13, mid),
                    size: text, color, anchor: .left, bold: true)
            } else if let need = row.requiredMinutes {
                c.text("≥\(Int(need))", at: Point(e[6] - 3, mid), size: text * 0.9, Palette.grid, anchor: .right)
            }
        }
        let bottom = origin.y + rowHeight * Double(rows.count + 1)
        c.stroke([Point(origin.x, bottom), Point(origin.x + width, bottom)], Palette.ink, width: 0.8)
        return rowHeight * Double(rows.count + 1)
    }

    /// A check mark (pass) or a cross (fail), drawn as strokes so no font needs the glyph.
    func mark(_ c: Canvas, at p: Point, pass: Bool, size r: Double, _ color: Color) {
        if pass {
            c.stroke(
                [Point(p.x - r, p.y), Point(p.x - r * 0.3, p.y + r * 0.8), Point(p.x + r, p.y - r * 0.9)], color,
                width: r * 0.45)
        } else {
            c.stroke(
                [Point(p.x - r * 0.8, p.y - r * 0.8), Point(p.x + r * 0.8, p.y + r * 0.8)], color, width: r * 0.45)
            c.stroke(
                [Point(p.x - r * 0.8, p.y + r * 0.8), Point(p.x + r * 0.8, p.y - r * 0.8)], color, width: r * 0.45)
        }
    }
}

/// `302.4` → `302.4`, `180` → `180` (one decimal at most, as the CSV shows rounded minutes).
func minutesText(_ minutes: Double) -> String {
    let r = (minutes * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) : fixed(r, 1)
}
