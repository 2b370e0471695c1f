import Scene

/// A site plan with ground shadows: at one instant (buildings, their shadows, a flat's
/// window lit or shaded), or a day's hourly shadow outlines (時刻日影図).
///
/// Plain data in (rings in metres), a ``Picture`` out; the shadow polygons themselves
/// come from the Scene core (``groundShadows(of:towardSun:planeHeight:)``).
public struct ShadowMap: Sendable {
    /// The window marked on the plan, in the state the engine gives it at the instant.
    public struct Marker: Sendable {
        public var position: Vec2
        public var outward: Vec2
        public var exposure: Exposure
        public var label: String

        public init(position: Vec2, outward: Vec2, exposure: Exposure, label: String) {
            self.position = position
            self.outward = outward
            self.exposure = exposure
            self.label = label
        }
    }

    /// One hour's shadow outline.
    public struct Outline: Sendable {
        public var label: String
        public var rings: [[Vec2]]
        /// Plan direction the shadows point (away from the sun); the label goes at the tip.
        public var away: Vec2

        public init(label: String, rings: [[Vec2]], away: Vec2) {
            self.label = label
            self.rings = rings
            self.away = away
        }
    }

    public var title: String
    public var subtitle: [String]
    public var buildings: [PlanBuilding]
    /// The buildings' shadow rings at the instant, filled together by the nonzero rule
    /// (counter-clockwise outlines, clockwise holes; overlaps merge).
    public var shadow: [[Vec2]]
    /// Hourly outlines (empty for an instant map).
    public var outlines: [Outline]
    public var marker: Marker?

    public init(
        title: String, subtitle: [String], buildings: [PlanBuilding], shadow: [[Vec2]] = [],
        outlines: [Outline] = [], marker: Marker? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.buildings = buildings
        self.shadow = shadow
        self.outlines = outlines
        self.marker = marker
    }

    var plan: PlanView {
        // Hourly outlines of a winter day run hundreds of metres out at 8 and 16 h: the frame
        // keeps to the site and its near ground (half a site width each side), so the compound
        // is not a speck; the outlines run on off the map, labelled where they leave it.
        PlanView(
            title: title, subtitle: subtitle, buildings: buildings,
            extent: shadow.flatMap { $0 } + outlines.flatMap { $0.rings.flatMap { $0 } },
            reachInSiteWidths: outlines.isEmpty ? 1 : 0.5)
    }

    /// Where the plan sits in a picture of these options.
    public func frame(_ options: PictureOptions) -> PlanFrame { plan.frame(options) }

    /// Fill colour of the window marker for an exposure.
    public static func markerColor(_ e: Exposure) -> Color {
        switch e {
        case .sunlit: Palette.lit
        case .shaded, .insideBuilding: Palette.shaded
        case .behindFacade, .sunBelowHorizon: Palette.behindFacade
        }
    }

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
        if !shadow.isEmpty { c.fill(shadow.map(f.points), Palette.shadow, nonZero: true) }
        plan.drawBuildings(c, f, text)
        for (i, o) in outlines.enumerated() {
            for ring in o.rings {
                c.stroke(f.points(ring), closed: true, Palette.series(i, of: outlines.count), width: 2)
            }
        }
        // The hour at the outline's tip (the vertex farthest along the shadow direction), else
        // further out along it, else at the next-farthest vertices: never on another label.
        var placer = LabelPlacer(occupied: c.drawnText, margin: text * 0.1)
        let (mapOrigin, mapWidth, mapHeight) = plan.mapRect(options)
        let inside = { (q: Point) in
            q.x > mapOrigin.x + text && q.x < mapOrigin.x + mapWidth - text && q.y > mapOrigin.y + text
                && q.y < mapOrigin.y + mapHeight - text
        }
        for (i, o) in outlines.enumerated() {
            // The farthest vertices on the map (an outline may run off it).
            let far = o.rings.flatMap { $0 }.sorted { $0.dot(o.away) > $1.dot(o.away) }.map(f.point).filter(inside)
            guard let p = far.first else { continue }
            let length = max(1e-9, (o.away.x * o.away.x + o.away.y * o.away.y).squareRoot())
            let step = text * 0.8 / length
            let beyond = (1...6).map { k in Point(p.x + o.away.x * step * Double(k), p.y - o.away.y * step * Double(k))
            }.filter(inside)
            let candidates = [p] + beyond + far.dropFirst().prefix(12)
            if let box = placer.place(
                o.label, candidates: candidates, size: text * 0.7, anchor: .centre, bold: true,
                measuringWith: c)
            {
                c.text(
                    o.label, at: box.centre, size: text * 0.7, Palette.series(i, of: outlines.count), anchor: .centre,
                    bold: true, plate: Palette.background.with(alpha: 0.8))
            }
        }
        if let m = marker {
            let p = f.point(m.position)
            let r = text * 0.55
            c.circle(p, radius: r, fill: ShadowMap.markerColor(m.exposure), stroke: Palette.ink, width: 2)
            // A tick pointing out of the facade, so the window's side is clear.
            let out = Point(p.x + m.outward.x * r * 2.2, p.y - m.outward.y * r * 2.2)
            c.stroke([Point(p.x + m.outward.x * r, p.y - m.outward.y * r), out], Palette.ink, width: 2)
            c.text(
                m.label, at: Point(out.x + text * 0.3, out.y), size: text * 0.7, Palette.ink, anchor: .left, bold: true,
                plate: Palette.background.with(alpha: 0.85))
        }
        plan.drawFurniture(c, f, options, lang)
        plan.drawTitle(c, text)
        var legend: [(Color, String)] = []
        if !shadow.isEmpty {
            legend.append((Palette.shadow.over(Palette.ground), lang.pick("地面阴影", "shadow on the ground")))
        }
        // One swatch per hour, in its outline's colour.
        for (i, o) in outlines.enumerated() {
            legend.append((Palette.series(i, of: outlines.count), lang.pick("\(o.label) 时", "\(o.label) h")))
        }
        if marker != nil && outlines.isEmpty {  // hourly: the marker's label says its state
            legend.append((Palette.lit, lang.pick("窗有日照", "window in sun")))
            legend.append((Palette.shaded, lang.pick("窗被遮挡", "window shaded")))
        }
        let tallest = buildings.map(\.topMeters).max() ?? 1
        if outlines.isEmpty {  // the hours take the legend row; building labels give heights
            legend.append((Palette.building(heightMeters: 0, tallestMeters: tallest), lang.pick("低", "low")))
            legend.append(
                (
                    Palette.building(heightMeters: tallest, tallestMeters: tallest),
                    lang.pick("高 \(Int(tallest.rounded()))m", "tall \(Int(tallest.rounded()))m")
                ))
        }
        plan.drawLegend(c, legend, text)
    }
}

extension Color {
    /// This (translucent) colour as it appears over an opaque background.
    public func over(_ background: Color) -> Color {
        Color(
            red * alpha + background.red * (1 - alpha), green * alpha + background.green * (1 - alpha),
            blue * alpha + background.blue * (1 - alpha))
    }
}
