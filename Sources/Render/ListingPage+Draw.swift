import SunSpotIO

/// Where everything sits on a listing page (A4 portrait, points), top to bottom:
/// header (title, address, flat), verdict box, the two figures side by side, the 24-term
/// table, the parameters and page number at the foot.
extension ListingPage {
    static let margin = 28.0

    public static let passFill = Color(hex: 0xE6F4EA)
    public static let failFill = Color(hex: 0xFDECEA)
    public static let neutralFill = Color(hex: 0xF1F3F5)

    /// Draws the page on a canvas of A4 size (595 × 842 pt).
    public func draw(_ c: Canvas) {
        let lang = language
        let m = ListingPage.margin
        let width = c.width - 2 * m
        // Header: title (or the listing id), listing id at the right, address, flat.
        let title = facts.title.flatMap { $0.isEmpty ? nil : $0 } ?? facts.listing
        c.text(
            lang.pick("房源 ", "Listing ") + facts.listing, at: Point(c.width - m, m), size: 8.5, Palette.grid,
            anchor: .topRight)
        fit(c, title, at: Point(m, m - 2), maxWidth: width - 110, size: 17, Palette.ink, bold: true)
        var y = m + 22
        if let address = facts.address, !address.isEmpty {
            fit(c, address, at: Point(m, y), maxWidth: width, size: 10, Palette.ink)
            y += 14
        }
        fit(c, flatCaption, at: Point(m, y), maxWidth: width, size: 9, Palette.grid)
        y += 16
        // The verdict, in one sentence, on a box coloured by the outcome.
        let fill: Color
        let edge: Color
        switch verdict.meetsStandard {
        case true?: (fill, edge) = (ListingPage.passFill, TermChart.passColor)
        case false?: (fill, edge) = (ListingPage.failFill, TermChart.failColor)
        case nil: (fill, edge) = (ListingPage.neutralFill, Palette.grid)
        }
        c.rectangle(Point(m, y), width: width, height: 30, fill: fill, stroke: edge, lineWidth: 1.2)
        c.rectangle(Point(m, y), width: 5, height: 30, fill: edge)
        fit(
            c, verdict.sentence(lang), at: Point(m + 14, y + 15), maxWidth: width - 22, size: 12.5, Palette.ink,
            bold: true, anchor: .left)
        y += 38
        // The figures: the 冬至 sun path with the window's skyline, and the 冬至 shadows at true noon.
        let gap = 9.0
        let figureWidth = (width - gap) / 2
        let options = PictureOptions(
            width: ListingPage.figureOptionsSize.width, height: ListingPage.figureOptionsSize.height,
            language: lang)
        let h1 = c.place(sunPath.picture(options), at: Point(m, y), width: figureWidth)
        c.place(shadowMap.picture(options), at: Point(m + figureWidth + gap, y), width: figureWidth)
        c.rectangle(Point(m, y), width: figureWidth, height: h1, stroke: Palette.faint, lineWidth: 0.6)
        c.rectangle(
            Point(m + figureWidth + gap, y), width: figureWidth, height: h1, stroke: Palette.faint, lineWidth: 0.6)
        y += h1 + 10
        // The 24 terms.
        c.text(
            lang.pick(
                "二十四节气日照（横条：民用时，蓝底为有效时段，橙色为窗有日照）",
                "Sun on the 24 solar terms (bars in civil time: blue = effective band, orange = window in sun)"),
            at: Point(m, y), size: 9, Palette.ink, anchor: .topLeft, bold: true)
        y += 13
        let footer = 12.0 + 10 * Double(parameters.count)
        let rowHeight = min(14, (c.height - m - footer - y - 6) / Double(chart.rows.count + 1))
        y += chart.draw(c, origin: Point(m, y), width: width, rowHeight: rowHeight, language: lang) + 6
        // Parameters, so the page can be reproduced; page number.
        var py = c.height - m - footer + 4
        for line in parameters {
            fit(c, line, at: Point(m, py), maxWidth: width, size: 7, Palette.grid)
            py += 10
        }
        c.text(pageLabel, at: Point(c.width - m, c.height - m + 8), size: 7.5, Palette.grid, anchor: .bottomRight)
    }
}

/// Draws a label, shrunk (down to 60 %) so that it fits `maxWidth`; anchored top-left by default.
@discardableResult
func fit(
    _ c: Canvas, _ text: String, at p: Point, maxWidth: Double, size: Double, _ color: Color, bold: Bool = false,
    anchor: Canvas.Anchor = .topLeft
) -> Double {
    var s = size
    let w = c.textSize(text, size: s, bold: bold).width
    if w > maxWidth { s = max(size * 0.6, size * maxWidth / w) }
    return c.text(text, at: p, size: s, color, anchor: anchor, bold: bold).width
}
