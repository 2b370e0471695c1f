import SunSpotIO
import SunSpotResults

/// The first page(s) of a listings report: what was computed, how, and a summary table of
/// every listing (continued on further cover pages when long).
public struct ReportCover: Sendable {
    /// When the report was generated, as the caller wants it shown (the CLI: local time with zone).
    public var generated: String
    public var software: String
    /// Profile id and title (`gb50180`, `GB 50180-2018 Table 4.0.9 (…)`).
    public var standard: String
    public var standardTitle: String
    public var year: Int
    public var rows: [ListingFacts]
    public var language: Language

    public init(
        generated: String, software: String = SunSpotVersion.current, standard: String, standardTitle: String,
        year: Int, rows: [ListingFacts], language: Language
    ) {
        self.generated = generated
        self.software = software
        self.standard = standard
        self.standardTitle = standardTitle
        self.year = year
        self.rows = rows
        self.language = language
    }

    static let rowHeight = 13.0
    /// Space the heading block takes on the first cover page.
    static let headingHeight = 196.0

    /// How many summary rows each cover page holds: the first has the heading block.
    static func rowsPerPage(first: Bool, pageHeight: Double) -> Int {
        let m = ListingPage.margin
        let usable = pageHeight - 2 * m - 24 - (first ? headingHeight : 0) - rowHeight
        return max(1, Int(usable / rowHeight))
    }

    /// The summary rows on each cover page (at least one page, even for no listings).
    public func pages(pageHeight: Double = PDFDocument.a4.height) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        repeat {
            let n = ReportCover.rowsPerPage(first: out.isEmpty, pageHeight: pageHeight)
            out.append(start..<min(rows.count, start + n))
            start += n
        } while start < rows.count
        return out
    }

    public var passCount: Int { rows.filter { $0.meetsStandard == true }.count }
    public var failCount: Int { rows.filter { $0.meetsStandard == false }.count }

    /// Draws cover page `index` (of ``pages(pageHeight:)``) on an A4 canvas.
    public func draw(_ c: Canvas, page index: Int, pageLabel: String) {
        let lang = language
        let m = ListingPage.margin
        let width = c.width - 2 * m
        let slices = pages(pageHeight: c.height)
        var y = m
        if index == 0 {
            c.text(
                lang.pick("日照分析报告", "Sunlight report"), at: Point(m, y), size: 24, Palette.ink, anchor: .topLeft,
                bold: true)
            y += 34
            c.text(
                lang.pick(
                    "每套房源一页：冬至与大寒有效日照、二十四节气日照、日照轨迹图与阴影图",
                    "One page per listing: effective sun on 冬至 and 大寒, the 24 solar terms, sun path and shadows"),
                at: Point(m, y), size: 10, Palette.grid, anchor: .topLeft)
            y += 24
            let none = rows.count - passCount - failCount
            let facts: [(String, String)] = [
                (lang.pick("生成时间", "Generated"), generated),
                (lang.pick("软件版本", "Software"), "SunSpot " + software),
                (lang.pick("日照标准", "Standard"), "\(standard) — \(standardTitle)"),
                (lang.pick("年份", "Year"), "\(year)"),
                (lang.pick("房源数", "Listings"), "\(rows.count)"),
                (
                    lang.pick("满足 / 不满足", "Pass / fail"),
                    "\(passCount) / \(failCount)"
                        + (none > 0 ? lang.pick("（\(none) 套无要求）", " (\(none) without a requirement)") : "")
                ),
            ]
            for (label, value) in facts {
                c.text(label, at: Point(m, y), size: 10, Palette.grid, anchor: .topLeft)
                fit(c, value, at: Point(m + 90, y), maxWidth: width - 90, size: 10, Palette.ink)
                y += 16
            }
            y = m + ReportCover.headingHeight - 16
            c.text(lang.pick("汇总", "Summary"), at: Point(m, y), size: 11, Palette.ink, anchor: .topLeft, bold: true)
            y += 16
        }
        guard slices.indices.contains(index) else { return }
        // Columns: listing, title, flat, 冬至 band min, 大寒 band min, verdict.
        let e = [m, m + 70, m + 270, m + 350, m + 410, m + 470, m + width]
        let headers = [
            lang.pick("房源", "listing"), lang.pick("标题", "title"), lang.pick("住宅", "flat"),
            lang.pick("冬至(分)", "冬至 min"), lang.pick("大寒(分)", "大寒 min"), lang.pick("结论", "verdict"),
        ]
        let h = ReportCover.rowHeight
        for (i, t) in headers.enumerated() {
            let right = i == 3 || i == 4
            c.text(
                t, at: Point(right ? e[i + 1] - 4 : e[i] + 2, y + h / 2), size: 8.5, Palette.ink,
                anchor: right ? .right : .left, bold: true)
        }
        y += h
        c.stroke([Point(m, y), Point(m + width, y)], Palette.ink, width: 0.8)
        for (k, r) in rows[slices[index]].enumerated() {
            if k % 2 == 1 { c.rectangle(Point(m, y), width: width, height: h, fill: Color(hex: 0xF6F8FA)) }
            let mid = y + h / 2
            fit(c, r.listing, at: Point(e[0] + 2, mid), maxWidth: e[1] - e[0] - 4, size: 8, Palette.ink, anchor: .left)
            fit(
                c, r.title ?? "", at: Point(e[1] + 2, mid), maxWidth: e[2] - e[1] - 4, size: 8, Palette.ink,
                anchor: .left)
            fit(
                c, "\(r.building)/\(r.floor)/\(r.unit)", at: Point(e[2] + 2, mid), maxWidth: e[3] - e[2] - 4, size: 8,
                Palette.ink, anchor: .left)
            // The CSV's own numbers (minutes to 0.01), so the summary matches the machine-readable report.
            c.text(
                ListingFacts.minutesText(r.winterSolsticeBandMinutes), at: Point(e[4] - 4, mid), size: 8, Palette.ink,
                anchor: .right)
            c.text(
                ListingFacts.minutesText(r.greatColdBandMinutes), at: Point(e[5] - 4, mid), size: 8, Palette.ink,
                anchor: .right)
            let (word, color): (String, Color) =
                switch r.meetsStandard {
                case true?: (lang.pick("满足", "pass"), TermChart.passColor)
                case false?: (lang.pick("不满足", "fail"), TermChart.failColor)
                case nil: (lang.pick("无要求", "n/a"), Palette.grid)
                }
            c.text(word, at: Point(e[5] + 4, mid), size: 8, color, anchor: .left, bold: r.meetsStandard != nil)
            y += h
        }
        c.stroke([Point(m, y), Point(m + width, y)], Palette.ink, width: 0.8)
        c.text(pageLabel, at: Point(c.width - m, c.height - m + 8), size: 7.5, Palette.grid, anchor: .bottomRight)
    }
}
