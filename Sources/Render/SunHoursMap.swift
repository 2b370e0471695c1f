import Scene

/// Sun hours on the ground for a day (等時間日影図): a colour map of the hours each grid
/// point is in sun, equal-time contour lines, a colour-bar legend, the buildings on top.
///
/// The grid and its contours come from the Scene core (``groundSunHours(of:on:zone:profile:band:grid:planeHeight:workers:)``);
/// this type only draws them.
public struct SunHoursMap: Sendable {
    public var title: String
    public var subtitle: [String]
    public var buildings: [PlanBuilding]
    public var grid: SunHoursGrid
    /// Hours at which contour lines are drawn (e.g. 1, 2, 3 …).
    public var contourHours: [Double]

    public init(title: String, subtitle: [String], buildings: [PlanBuilding], grid: SunHoursGrid, contourHours: [Double]) {
        self.title = title
        self.subtitle = subtitle
        self.buildings = buildings
        self.grid = grid
        self.contourHours = contourHours
    }

    var plan: PlanView {
        let g = grid
        let far = Vec2(g.origin.x + Double(g.columns - 1) * g.spacing, g.origin.y + Double(g.rows - 1) * g.spacing)
        return PlanView(title: title, subtitle: subtitle, buildings: buildings, extent: [g.origin, far])
    }

    public func frame(_ options: PictureOptions) -> PlanFrame { plan.frame(options) }

    /// The colour of a grid cell with this many sun hours.
    public func color(hours: Double) -> Color { Palette.sunHours(hours, maximumHours: grid.bandSeconds / 3600) }

    public func picture(_ options: PictureOptions) -> Picture {
        let map = self
        return Picture(options: options) { c in map.draw(c, options) }
    }

    func draw(_ c: Canvas, _ options: PictureOptions) {
        let plan = self.plan
        let f = plan.frame(options)
        let text = options.labelSize
        let lang = options.language
        plan.drawGround(c, options, Palette.faint)
        let g = grid
        let half = g.spacing / 2
        for row in 0..<g.rows {
            for column in 0..<g.columns where !g.insideBuilding[row * g.columns + column] {
                let p = g.point(column: column, row: row)
                let a = f.point(Vec2(p.x - half, p.y + half))
                let side = g.spacing * f.pixelsPerMeter
                // A hair of overlap hides seams between neighbouring cells.
                c.rectangle(a, width: side + 0.5, height: side + 0.5, fill: color(hours: g.seconds(column: column, row: row) / 3600))
            }
        }
        for h in contourHours {
            let lines = g.contours(hours: h)
            for line in lines { c.stroke(f.points(line), Palette.ink, width: 1.6) }
            // Label each line once, at its middle vertex.
            for line in lines where line.count > 6 {
                c.text("\(Int(h))h", at: f.point(line[line.count / 2]), size: text * 0.55, Palette.ink, anchor: .centre,
                       plate: Palette.background.with(alpha: 0.75))
            }
        }
        plan.drawBuildings(c, f, text)
        plan.drawFurniture(c, f, options, lang)
        plan.drawTitle(c, text)
        // Colour bar: 0 h … the band's length.
        let maxHours = g.bandSeconds / 3600
        let barX = text
        let barY = c.height - text * 2.0
        let barW = c.width * 0.55
        let steps = 60
        for k in 0..<steps {
            let hours = maxHours * Double(k) / Double(steps - 1)
            c.rectangle(Point(barX + barW * Double(k) / Double(steps), barY), width: barW / Double(steps) + 0.5,
                        height: text * 0.7, fill: color(hours: hours))
        }
        c.text("0 h", at: Point(barX, barY + text * 0.8), size: text * 0.6, Palette.ink, anchor: .topLeft)
        c.text(fixed(maxHours, 1) + " h", at: Point(barX + barW, barY + text * 0.8), size: text * 0.6, Palette.ink,
               anchor: .topRight)
        c.text(lang.pick("日照时数（黑线为等时线）", "sun hours (black: equal-time lines)"),
               at: Point(barX + barW + text, barY + text * 0.35), size: text * 0.65, Palette.ink, anchor: .left)
    }
}
