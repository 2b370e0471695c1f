import Scene
import SunSpotIO

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
    /// The most sun hours a point can have that day: the daylight inside the band (the
    /// whole daylight without one). The colours run from 0 to this, so a winter day uses
    /// the whole scale instead of the bottom third of a 24-hour one.
    public var possibleHours: Double

    /// - Parameter possibleHours: nil takes the band's length.
    public init(
        title: String, subtitle: [String], buildings: [PlanBuilding], grid: SunHoursGrid, contourHours: [Double],
        possibleHours: Double? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.buildings = buildings
        self.grid = grid
        self.contourHours = contourHours
        self.possibleHours = possibleHours ?? grid.bandSeconds / 3600
    }

    var plan: PlanView {
        let g = grid
        let far = Vec2(g.origin.x + Double(g.columns - 1) * g.spacing, g.origin.y + Double(g.rows - 1) * g.spacing)
        return PlanView(title: title, subtitle: subtitle, buildings: buildings, extent: [g.origin, far])
    }

    public func frame(_ options: PictureOptions) -> PlanFrame { plan.frame(options) }

    /// The colour of a grid cell with this many sun hours.
    public func color(hours: Double) -> Color { Palette.sunHours(hours, maximumHours: possibleHours) }

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
                c.rectangle(
                    a, width: side + 0.5, height: side + 0.5,
                    fill: color(hours: g.seconds(column: column, row: row) / 3600))
            }
        }
        let lines = contourHours.map { g.contours(hours: $0).map(f.points) }
        for rings in lines {
            for line in rings { c.stroke(line, Palette.ink, width: 1.6) }
        }
        // Building names are drawn last, on top; contour labels keep clear of them and of each other.
        let (mapOrigin, mapWidth, mapHeight) = plan.mapRect(options)
        var placer = LabelPlacer(
            occupied: plan.buildingLabelBoxes(c, f, text),
            bounds: TextBox(text: "", origin: mapOrigin, width: mapWidth, height: mapHeight),
            margin: text * 0.15)
        // Lines run into the grid's edge; a label there crowds the border (and reads as the
        // border's), so it goes on the line's inner part, at least a label's height in.
        let (edgeA, edgeB) = (f.point(g.origin), f.point(Self.farCorner(of: g)))
        let inset = text * 0.9
        let interior = { (p: Point) in
            p.x > min(edgeA.x, edgeB.x) + inset && p.x < max(edgeA.x, edgeB.x) - inset
                && p.y > min(edgeA.y, edgeB.y) + inset && p.y < max(edgeA.y, edgeB.y) - inset
        }
        for (h, rings) in zip(contourHours, lines) {
            for line in rings where line.count > 6 {
                let candidates = Self.labelCandidates(line).filter(interior)
                if let box = placer.place(
                    "\(Int(h))h", candidates: candidates, size: text * 0.55,
                    anchor: .centre, measuringWith: c)
                {
                    c.text(
                        box.text, at: box.centre, size: text * 0.55, Palette.ink, anchor: .centre,
                        plate: Palette.background.with(alpha: 0.75))
                }
            }
        }
        plan.drawBuildings(c, f, text)
        plan.drawFurniture(c, f, options, lang)
        plan.drawTitle(c, text)
        drawColourBar(c, text, lang)
    }

    /// The grid's last point (north-east), opposite its origin.
    static func farCorner(of g: SunHoursGrid) -> Vec2 {
        Vec2(g.origin.x + Double(g.columns - 1) * g.spacing, g.origin.y + Double(g.rows - 1) * g.spacing)
    }

    /// Vertices of a contour line to try for its label: the middle first, then outward.
    static func labelCandidates(_ line: [Point]) -> [Point] {
        let middle = line.count / 2
        let step = max(1, line.count / 24)
        return stride(from: 0, to: line.count / 2, by: step).flatMap { k in
            [line[(middle + k) % line.count], line[(middle - k + line.count) % line.count]]
        }
    }

    /// Colour bar from 0 to the possible hours, with a tick and a label at every whole hour
    /// (every other one when they would crowd).
    func drawColourBar(_ c: Canvas, _ text: Double, _ lang: Language) {
        let maxHours = possibleHours
        let barX = text
        let barY = c.height - text * 2.2
        let barW = c.width * 0.55
        let barH = text * 0.6
        let steps = 60
        for k in 0..<steps {
            let hours = maxHours * Double(k) / Double(steps - 1)
            c.rectangle(
                Point(barX + barW * Double(k) / Double(steps), barY), width: barW / Double(steps) + 0.5,
                height: barH, fill: color(hours: hours))
        }
        guard maxHours > 0 else { return }
        let whole = Int(maxHours.rounded(.down))
        let pitch = barW / maxHours
        let every = pitch < text * 1.2 ? 2 : 1
        var placer = LabelPlacer(margin: text * 0.1)
        for h in 0...whole {
            let x = barX + Double(h) * pitch
            c.stroke([Point(x, barY), Point(x, barY + barH + text * 0.2)], Palette.ink, width: 1)
            guard h % every == 0 else { continue }
            let label = h == whole || h + every > whole ? "\(h) h" : "\(h)"
            if let box = placer.place(
                label, candidates: [Point(x, barY + barH + text * 0.25)], size: text * 0.55,
                anchor: .top, measuringWith: c)
            {
                c.text(box.text, at: Point(x, box.origin.y), size: text * 0.55, Palette.ink, anchor: .top)
            }
        }
        c.text(
            lang.pick("日照时数（黑线为等时线）", "sun hours (black: equal-time lines)"),
            at: Point(barX + barW + text, barY + barH / 2), size: text * 0.65, Palette.ink, anchor: .left)
    }
}
