import Scene
import SunSpotIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What every plan-view picture shares: the frame, the buildings on top, a north arrow,
/// a scale bar, the title block and a legend row.
struct PlanView {
    var title: String
    var subtitle: [String]
    var buildings: [PlanBuilding]
    /// Extra plan points the view must include (shadow tips, grid corners).
    var extent: [Vec2]
    /// How far beyond the buildings those points may pull the frame, in site widths each side.
    var reachInSiteWidths = 1.0

    /// The map rectangle and its frame for a picture of these options.
    func frame(_ options: PictureOptions) -> PlanFrame {
        let text = options.labelSize
        let top = text * (2.4 + 1.3 * Double(subtitle.count))
        let bottom = text * 3.4
        let w = Double(options.width)
        let h = Double(options.height)
        let all = buildings.flatMap(\.footprint)
        var lo = Vec2(all.map(\.x).min() ?? -10, all.map(\.y).min() ?? -10)
        var hi = Vec2(all.map(\.x).max() ?? 10, all.map(\.y).max() ?? 10)
        // Shadows may run far at a low sun: include them, but never beyond `reachInSiteWidths`
        // site widths each side.
        let span = max(hi.x - lo.x, hi.y - lo.y, 20) * reachInSiteWidths
        // (Measured from the buildings' own box: each point pulling from the box grown so far
        // let a fan of long shadows creep out many site widths.)
        let (buildingsLo, buildingsHi) = (lo, hi)
        for p in extent {
            lo = Vec2(min(lo.x, max(p.x, buildingsLo.x - span)), min(lo.y, max(p.y, buildingsLo.y - span)))
            hi = Vec2(max(hi.x, min(p.x, buildingsHi.x + span)), max(hi.y, min(p.y, buildingsHi.y + span)))
        }
        let pad = 0.06 * max(hi.x - lo.x, hi.y - lo.y) + 4
        return PlanFrame(
            minimum: lo - Vec2(pad, pad), maximum: hi + Vec2(pad, pad), into: Point(text, top),
            width: w - 2 * text, height: h - top - bottom)
    }

    /// Picture rectangle of the map (ground is painted there).
    func mapRect(_ options: PictureOptions) -> (Point, Double, Double) {
        let text = options.labelSize
        let top = text * (2.4 + 1.3 * Double(subtitle.count))
        return (Point(text, top), Double(options.width) - 2 * text, Double(options.height) - top - text * 3.4)
    }

    func drawGround(_ c: Canvas, _ options: PictureOptions, _ color: Color = Palette.ground) {
        let (o, w, h) = mapRect(options)
        c.rectangle(o, width: w, height: h, fill: color)
        let ring = [o, Point(o.x + w, o.y), Point(o.x + w, o.y + h), Point(o.x, o.y + h)]
        c.clip(to: [ring])
    }

    func drawBuildings(_ c: Canvas, _ f: PlanFrame, _ text: Double, translucent: Bool = false) {
        let tallest = buildings.map(\.topMeters).max() ?? 1
        for b in buildings {
            let fill = Palette.building(heightMeters: b.topMeters, tallestMeters: tallest)
            c.fill([f.points(b.footprint)], translucent ? fill.with(alpha: 0.85) : fill)
            c.stroke(f.points(b.footprint), closed: true, Palette.ink, width: 1.2)
        }
        for box in buildingLabelBoxes(c, f, text) {
            c.text(
                box.text, at: box.centre, size: text * 0.62, Palette.ink, anchor: .centre,
                plate: Palette.background.with(alpha: 0.75))
        }
    }

    /// Each building's label and the box it fills at the building's centroid, so that other
    /// labels (contour hours) can keep clear of them.
    func buildingLabelBoxes(_ c: Canvas, _ f: PlanFrame, _ text: Double) -> [TextBox] {
        buildings.map { b in
            let p = f.point(b.centroid)
            let xs = b.footprint.map(\.x)
            let widthOnPicture = ((xs.max() ?? 0) - (xs.min() ?? 0)) * f.pixelsPerMeter
            var label = "\(b.label) · \(Int(b.topMeters.rounded()))m"
            // Small on the picture: the id alone (the legend gives the height scale).
            if c.textSize(label, size: text * 0.62).width > widthOnPicture { label = b.label }
            return c.textBox(label, at: p, size: text * 0.62, anchor: .centre)
        }
    }

    func drawFurniture(_ c: Canvas, _ f: PlanFrame, _ options: PictureOptions, _ lang: Language) {
        c.resetClip()
        let text = options.labelSize
        let (o, w, h) = mapRect(options)
        c.rectangle(o, width: w, height: h, stroke: Palette.grid, lineWidth: 1)
        // North arrow, top right of the map (the frame is true north up).
        let tip = Point(o.x + w - text * 1.6, o.y + text * 1.0)
        let base = Point(tip.x, tip.y + text * 2.2)
        c.fill([[tip, Point(base.x - text * 0.6, base.y), Point(base.x, base.y - text * 0.6)]], Palette.ink)
        c.fill([[tip, Point(base.x + text * 0.6, base.y), Point(base.x, base.y - text * 0.6)]], Palette.background)
        c.stroke(
            [
                tip, Point(base.x + text * 0.6, base.y), Point(base.x, base.y - text * 0.6),
                Point(base.x - text * 0.6, base.y),
            ],
            closed: true, Palette.ink, width: 1.2)
        c.text(
            lang.pick("北", "N"), at: Point(tip.x, base.y + text * 0.2), size: text * 0.8, Palette.ink, anchor: .top,
            bold: true)
        // Scale bar, bottom left of the map.
        let meters = f.scaleBarMeters(target: w / 4)
        let length = meters * f.pixelsPerMeter
        let y = o.y + h - text * 1.0
        let x = o.x + text * 0.8
        c.rectangle(Point(x, y - text * 0.25), width: length, height: text * 0.25, fill: Palette.ink)
        c.rectangle(
            Point(x + length / 2, y - text * 0.25), width: length / 2, height: text * 0.25, fill: Palette.background,
            stroke: Palette.ink, lineWidth: 1)
        c.text("0", at: Point(x, y - text * 0.35), size: text * 0.55, Palette.ink, anchor: .bottom)
        c.text(
            "\(meters >= 1 ? String(Int(meters)) : String(meters)) m", at: Point(x + length, y - text * 0.35),
            size: text * 0.55, Palette.ink, anchor: .bottom)
    }

    func drawTitle(_ c: Canvas, _ text: Double) {
        c.text(title, at: Point(text, text * 0.6), size: text * 1.15, Palette.ink, anchor: .topLeft, bold: true)
        for (k, line) in subtitle.enumerated() {
            c.text(
                line, at: Point(text, text * (2.0 + 1.3 * Double(k))), size: text * 0.8, Palette.ink, anchor: .topLeft)
        }
    }

    /// A row of colour swatches with labels along the bottom.
    func drawLegend(_ c: Canvas, _ items: [(Color, String)], _ text: Double) {
        var x = text
        let y = c.height - text * 1.5
        for (color, label) in items {
            c.rectangle(
                Point(x, y - text * 0.35), width: text * 1.2, height: text * 0.7, fill: color, stroke: Palette.grid,
                lineWidth: 0.8)
            let box = c.text(label, at: Point(x + text * 1.5, y), size: text * 0.7, Palette.ink, anchor: .left)
            x += text * 2.3 + box.width
        }
    }
}
