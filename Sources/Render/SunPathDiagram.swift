import Scene
import SolarCore
import SunSpotIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A polar sun-path diagram (日照轨迹图): the sky as a disc, the sun's path for a date
/// (or for all 24 terms) with true-solar hour marks and, for a window, the skyline of
/// what blocks it and which parts of the path reach it.
///
/// Plain data in, a ``Picture`` out; ``SunPathDiagram/make(scene:zone:profile:dates:flat:windowIndex:language:)``
/// builds one from a scene for the CLI and the daemon alike.
public struct SunPathDiagram: Sendable {
    public var title: String
    /// Lines under the title (date, site, window, sunlit total).
    public var subtitle: [String]
    public var tracks: [SunPathTrack]
    /// The window's obstruction, sampled over the azimuths in front of it.
    public var skyline: [SkylineSample]
    /// Label of each building by scene index (for naming skyline peaks).
    public var buildingLabels: [Int: String]
    /// Direction the window faces, degrees from north; the sky behind it is greyed.
    public var facingAzimuthDegrees: Double?
    public var projection: SkyProjection.Kind
    /// Draw the hour marks of every track as hour lines (all-terms chart) rather than dots with labels.
    public var hourLines: Bool

    public init(
        title: String, subtitle: [String], tracks: [SunPathTrack], skyline: [SkylineSample] = [],
        buildingLabels: [Int: String] = [:], facingAzimuthDegrees: Double? = nil,
        projection: SkyProjection.Kind = .stereographic, hourLines: Bool = false
    ) {
        self.title = title
        self.subtitle = subtitle
        self.tracks = tracks
        self.skyline = skyline
        self.buildingLabels = buildingLabels
        self.facingAzimuthDegrees = facingAzimuthDegrees
        self.projection = projection
        self.hourLines = hourLines
    }

    /// Colour of an hour-mark dot (tests look for it where the sun should be).
    public static let hourMarkColor = Color(hex: 0x7048E8)
    public static let skyColor = Color(hex: 0xEEF5FC)
    public static let behindColor = Color(hex: 0xE3E3E3)
    public static let obstructionFill = Color(hex: 0x8D99AE)

    /// Where the sky disc sits in a picture of these options.
    public func layout(_ options: PictureOptions) -> SkyProjection {
        let w = Double(options.width)
        let h = Double(options.height)
        let text = options.labelSize
        let top = text * (2.2 + 1.3 * Double(subtitle.count))
        let bottom = text * 3.2
        let margin = text * 2.2  // room for the compass labels
        let radius = max(10, min(w / 2 - margin, (h - top - bottom) / 2 - margin))
        return SkyProjection(kind: projection, centre: Point(w / 2, top + margin + radius), radius: radius)
    }

    public func picture(_ options: PictureOptions) -> Picture {
        let diagram = self
        return Picture(options: options) { canvas in diagram.draw(on: canvas, options) }
    }

    func draw(on c: Canvas, _ options: PictureOptions) {
        let sky = layout(options)
        let lang = options.language
        let text = options.labelSize
        let rim = polygon(sky, from: 0, to: 360, elevation: 0)
        c.fill([rim], SunPathDiagram.skyColor)
        if let facing = facingAzimuthDegrees {
            // The vertical plane of the facade projects to a diameter: the sky behind it is a half disc.
            var half = polygon(sky, from: facing + 90, to: facing + 270, elevation: 0)
            half.append(sky.centre)
            c.fill([half], SunPathDiagram.behindColor)
        }
        drawSkyline(c, sky, text)
        drawGrid(c, sky, lang, text)
        for (i, track) in tracks.enumerated() { drawTrack(c, sky, track, index: i, text: text) }
        if hourLines { drawHourLines(c, sky, text) }
        // Labels last, each where it covers no label, ring label or hour mark already there.
        var placer = LabelPlacer(occupied: c.drawnText + hourMarkBoxes(sky, text), margin: text * 0.05)
        if let facing = facingAzimuthDegrees {
            // In the grey half, off the spokes where the ring's numbers are.
            let candidates = [0.0, 20, -20, 40, -40, 60, -60].flatMap { da in
                [35.0, 50, 22].map { e in sky.point(azimuthDegrees: facing + 180 + da, elevationDegrees: e) }
            }
            if let box = placer.place(
                lang.pick("窗后（照不到）", "behind the window"), candidates: candidates,
                size: text * 0.8, anchor: .centre, measuringWith: c)
            {
                c.text(box.text, at: box.centre, size: text * 0.8, Palette.grid, anchor: .centre)
            }
        }
        if hourLines { drawHourLineLabels(c, sky, text, &placer) }
        drawTrackLabels(c, sky, text, &placer)
        if !hourLines { drawHourLabels(c, sky, text, &placer) }
        drawSkylineLabels(c, sky, text, &placer)
        // Title block.
        c.text(title, at: Point(text, text * 0.6), size: text * 1.15, Palette.ink, anchor: .topLeft, bold: true)
        for (k, line) in subtitle.enumerated() {
            c.text(
                line, at: Point(text, text * (2.0 + 1.3 * Double(k))), size: text * 0.85, Palette.ink, anchor: .topLeft)
        }
        drawLegend(c, lang, text)
    }

    /// The horizon-or-ring arc from one azimuth to another, as points.
    func polygon(_ sky: SkyProjection, from a0: Double, to a1: Double, elevation: Double) -> [Point] {
        let n = max(2, Int(abs(a1 - a0)))
        return (0...n).map { k in
            sky.point(azimuthDegrees: a0 + (a1 - a0) * Double(k) / Double(n), elevationDegrees: elevation)
        }
    }

    func drawGrid(_ c: Canvas, _ sky: SkyProjection, _ lang: Language, _ text: Double) {
        for e in stride(from: 10.0, to: 90, by: 10) {
            c.stroke(
                polygon(sky, from: 0, to: 360, elevation: e), closed: true, Palette.grid.with(alpha: 0.55),
                width: e.truncatingRemainder(dividingBy: 30) == 0 ? 1.4 : 0.7)
        }
        for a in stride(from: 0.0, to: 360, by: 30) {
            c.stroke(
                [sky.centre, sky.point(azimuthDegrees: a, elevationDegrees: 0)], Palette.grid.with(alpha: 0.55),
                width: 0.7)
        }
        c.stroke(polygon(sky, from: 0, to: 360, elevation: 0), closed: true, Palette.ink, width: 2)
        // Compass ring: a tick every 10°, a number every 30°, the cardinal points in words.
        for a in stride(from: 0.0, to: 360, by: 10) {
            let t = a * Double.pi / 180
            let inner = sky.radius
            let outer = sky.radius + (a.truncatingRemainder(dividingBy: 30) == 0 ? text * 0.5 : text * 0.25)
            c.stroke(
                [
                    Point(sky.centre.x + inner * sin(t), sky.centre.y - inner * cos(t)),
                    Point(sky.centre.x + outer * sin(t), sky.centre.y - outer * cos(t)),
                ], Palette.ink, width: 1)
        }
        let names = [lang.pick("北", "N"), lang.pick("东", "E"), lang.pick("南", "S"), lang.pick("西", "W")]
        for a in stride(from: 0.0, to: 360, by: 30) {
            let t = a * Double.pi / 180
            let r = sky.radius + text * 1.2
            let p = Point(sky.centre.x + r * sin(t), sky.centre.y - r * cos(t))
            if Int(a) % 90 == 0 {
                c.text(names[Int(a) / 90], at: p, size: text, Palette.ink, anchor: .centre, bold: true)
            } else {
                c.text("\(Int(a))°", at: p, size: text * 0.65, Palette.grid, anchor: .centre)
            }
        }
        // Elevation numbers along the north spoke, where the sun of mid latitudes rarely is.
        for e in stride(from: 10.0, to: 90, by: 10) {
            let p = sky.point(azimuthDegrees: 0, elevationDegrees: e)
            c.text(
                "\(Int(e))°", at: Point(p.x + text * 0.15, p.y), size: text * 0.55, Palette.grid, anchor: .bottomLeft)
        }
    }

    /// Shades the skyline's buildings take, in turn, so that neighbours (T1 behind building 1)
    /// do not merge into one grey; the first is ``obstructionFill``.
    public static let obstructionShades = [0x8D99AE, 0x5C6B85, 0xB4BDCC, 0x6F7E98, 0xA0ABBF, 0x4E5B73].map {
        Color(hex: UInt32($0))
    }

    /// Each building of the skyline and its shade: in order of first appearance from the left.
    public var skylineShades: [Int: Color] {
        var order: [Int] = []
        for s in skyline {
            for cover in s.covers where !order.contains(cover.building) { order.append(cover.building) }
        }
        let shades = SunPathDiagram.obstructionShades
        return Dictionary(
            uniqueKeysWithValues: order.enumerated().map { ($0.element, shades[$0.offset % shades.count]) })
    }

    func drawSkyline(_ c: Canvas, _ sky: SkyProjection, _ text: Double) {
        guard skyline.count > 1 else { return }
        // Each covered stretch between neighbouring samples as one quad, one fill per building
        // in its own shade; the buildings seen highest first, so a lower one (usually nearer,
        // in front) is drawn over it.
        var quads: [Int: [[Point]]] = [:]
        var peak: [Int: Double] = [:]
        for (s, next) in zip(skyline, skyline.dropFirst()) {
            var a1 = next.azimuthDegrees
            if a1 < s.azimuthDegrees - 180 { a1 += 360 }
            for cover in s.covers {
                let high = next.covers.first { $0.building == cover.building }?.highDegrees ?? cover.highDegrees
                let low = next.covers.first { $0.building == cover.building }?.lowDegrees ?? cover.lowDegrees
                quads[cover.building, default: []].append([
                    sky.point(azimuthDegrees: s.azimuthDegrees, elevationDegrees: cover.lowDegrees),
                    sky.point(azimuthDegrees: s.azimuthDegrees, elevationDegrees: cover.highDegrees),
                    sky.point(azimuthDegrees: a1, elevationDegrees: high),
                    sky.point(azimuthDegrees: a1, elevationDegrees: low),
                ])
                peak[cover.building] = max(peak[cover.building] ?? 0, cover.highDegrees)
            }
        }
        let shades = skylineShades
        for b in quads.keys.sorted(by: { (peak[$0] ?? 0, $1) > (peak[$1] ?? 0, $0) }) {
            c.fill(quads[b] ?? [], shades[b] ?? SunPathDiagram.obstructionFill, nonZero: true)
        }
        // The skyline itself, and the name of each building at its highest point.
        var run: [Point] = []
        for s in skyline {
            if s.covers.isEmpty {
                if run.count > 1 { c.stroke(run, Palette.obstructionEdge, width: 1.6) }
                run = []
            } else {
                run.append(sky.point(azimuthDegrees: s.azimuthDegrees, elevationDegrees: s.topElevationDegrees))
            }
        }
        if run.count > 1 { c.stroke(run, Palette.obstructionEdge, width: 1.6) }
    }

    /// Buildings that shade the window while the sun is up, with how long each does (summed
    /// over the tracks), longest first: the ones the skyline must name.
    public var pathBlockers: [(building: Int, seconds: Double)] {
        var seconds: [Int: Double] = [:]
        for run in tracks.flatMap(\.runs) {
            if case .shaded(let b)? = run.exposure { seconds[b, default: 0] += run.end.seconds(since: run.start) }
        }
        return seconds.map { ($0.key, $0.value) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// Names every building that blocks the path on its own part of the skyline, the
    /// longest blocker largest and boxed, where the label covers no other label, ring
    /// label or hour mark (drawn last, so everything else is already on the canvas).
    func drawSkylineLabels(_ c: Canvas, _ sky: SkyProjection, _ text: Double, _ placer: inout LabelPlacer) {
        for (rank, blocker) in pathBlockers.enumerated() {
            let name = buildingLabels[blocker.building] ?? "#\(blocker.building)"
            let size = text * (rank == 0 ? 1.0 : 0.72)
            guard
                let box = placer.place(
                    name, candidates: labelCandidates(building: blocker.building, sky),
                    size: size, anchor: .centre, bold: true, measuringWith: c)
            else { continue }
            if rank == 0 {
                let pad = size * 0.25
                c.rectangle(
                    Point(box.origin.x - pad, box.origin.y - pad / 2), width: box.width + 2 * pad,
                    height: box.height + pad, fill: Palette.obstructionEdge, stroke: Palette.background,
                    lineWidth: 1.5)
            }
            c.text(name, at: box.centre, size: size, Palette.background, anchor: .centre, bold: true)
        }
    }

    /// The dots of the hour marks, as boxes labels must keep clear of.
    func hourMarkBoxes(_ sky: SkyProjection, _ text: Double) -> [TextBox] {
        guard !hourLines else { return [] }
        let r = text * 0.22 + 1.5
        return tracks.flatMap(\.hourMarks).map { mark in
            let p = sky.point(azimuthDegrees: mark.sky.azimuthDegrees, elevationDegrees: mark.sky.elevationDegrees)
            return TextBox(text: "•\(mark.trueSolarHour)", origin: Point(p.x - r, p.y - r), width: 2 * r, height: 2 * r)
        }
    }

    /// Where a building's name may go, best first: inside its own part of the skyline, from
    /// the middle of the azimuths where it is the top outwards, at mid-height, then higher
    /// and lower.
    func labelCandidates(building b: Int, _ sky: SkyProjection) -> [Point] {
        let own = skyline.filter { $0.covers.contains { $0.building == b } }
        guard !own.isEmpty else { return [] }
        let middle = own.count / 2
        let order = (0..<own.count).sorted { abs($0 - middle) < abs($1 - middle) }
        let step = max(1, own.count / 40)
        var points: [Point] = []
        for fraction in [0.5, 0.35, 0.65, 0.2, 0.8] {
            for k in order where (k - middle) % step == 0 {
                guard let cover = own[k].covers.first(where: { $0.building == b }) else { continue }
                let e = cover.lowDegrees + (cover.highDegrees - cover.lowDegrees) * fraction
                points.append(sky.point(azimuthDegrees: own[k].azimuthDegrees, elevationDegrees: e))
            }
        }
        return points
    }

    func drawTrack(_ c: Canvas, _ sky: SkyProjection, _ track: SunPathTrack, index: Int, text: Double) {
        let many = tracks.count > 2
        for run in track.runs {
            let points = run.points.map {
                sky.point(azimuthDegrees: $0.azimuthDegrees, elevationDegrees: $0.elevationDegrees)
            }
            switch run.exposure {
            case .sunlit?: c.stroke(points, Palette.sunPath, width: text * 0.28)
            case nil:
                c.stroke(
                    points, many ? Palette.series(index, of: tracks.count) : Palette.sunPath,
                    width: text * (many ? 0.1 : 0.2))
            default: c.stroke(points, Palette.sunPathShaded, width: text * 0.14, dash: [text * 0.35, text * 0.25])
            }
        }
        guard !hourLines else { return }
        for mark in track.hourMarks {
            let p = sky.point(azimuthDegrees: mark.sky.azimuthDegrees, elevationDegrees: mark.sky.elevationDegrees)
            c.circle(p, radius: text * 0.22, fill: SunPathDiagram.hourMarkColor, stroke: Palette.background, width: 1.5)
        }
    }

    /// Each path's name at its sunrise end, above it, else below or further out; with all
    /// terms only the solstices, the equinoxes and 大寒 (the paths pair up otherwise).
    func drawTrackLabels(_ c: Canvas, _ sky: SkyProjection, _ text: Double, _ placer: inout LabelPlacer) {
        let many = tracks.count > 2
        for track in tracks where !track.label.isEmpty {
            guard let first = track.runs.first?.points.first,
                !many || [270, 300, 0, 90].contains(track.termLongitudeDegrees ?? -1)
            else { continue }
            let p = sky.point(azimuthDegrees: first.azimuthDegrees, elevationDegrees: first.elevationDegrees)
            let candidates: [(Point, Canvas.Anchor)] = (0..<4).flatMap { k -> [(Point, Canvas.Anchor)] in
                let x = p.x - Double(k) * text
                return [
                    (Point(x, p.y - text * 0.3), .bottomRight), (Point(x, p.y + text * 0.3), .topRight),
                    (Point(x, p.y - text * 1.3), .bottomRight), (Point(x, p.y + text * 1.3), .topRight),
                ]
            }
            guard let box = placer.place(track.label, anchored: candidates, size: text * 0.7, measuringWith: c) else {
                continue
            }
            c.text(
                track.label, at: box.centre, size: text * 0.7, Palette.ink, anchor: .centre,
                plate: Palette.background.with(alpha: 0.7))
        }
    }

    /// Each hour mark's number under its dot, else above it, else beside it, then the same
    /// a little further out (a small chart, such as the PDF page's, packs the dots close);
    /// none where all would cover another label (near the rim, the ring's numbers).
    func drawHourLabels(_ c: Canvas, _ sky: SkyProjection, _ text: Double, _ placer: inout LabelPlacer) {
        for mark in tracks.flatMap(\.hourMarks) {
            let p = sky.point(azimuthDegrees: mark.sky.azimuthDegrees, elevationDegrees: mark.sky.elevationDegrees)
            let candidates: [(Point, Canvas.Anchor)] = [0.35, 0.9, 1.5].flatMap { k -> [(Point, Canvas.Anchor)] in
                let d = text * k
                return [
                    (Point(p.x, p.y + d), .top), (Point(p.x, p.y - d), .bottom),
                    (Point(p.x + d, p.y), .left), (Point(p.x - d, p.y), .right),
                ]
            }
            guard
                let box = placer.place(
                    "\(mark.trueSolarHour)", anchored: candidates, size: text * 0.6, measuringWith: c)
            else { continue }
            c.text(
                box.text, at: box.centre, size: text * 0.6, Palette.ink, anchor: .centre,
                plate: Palette.background.with(alpha: 0.6))
        }
    }

    /// Each whole hour's line through the terms' paths, lowest sun first.
    func hourLinePoints(_ sky: SkyProjection) -> [(hour: Int, points: [Point])] {
        (0..<24).compactMap { hour in
            let points = tracks.compactMap { t in t.hourMarks.first { $0.trueSolarHour == hour } }
                .sorted { $0.sky.elevationDegrees < $1.sky.elevationDegrees }
                .map { sky.point(azimuthDegrees: $0.sky.azimuthDegrees, elevationDegrees: $0.sky.elevationDegrees) }
            return points.count > 1 ? (hour, points) : nil
        }
    }

    func drawHourLines(_ c: Canvas, _ sky: SkyProjection, _ text: Double) {
        for line in hourLinePoints(sky) { c.stroke(line.points, SunPathDiagram.hourMarkColor, width: 1.2) }
    }

    /// Each hour line's number at its high end (the summer path), else further down the line.
    func drawHourLineLabels(_ c: Canvas, _ sky: SkyProjection, _ text: Double, _ placer: inout LabelPlacer) {
        for line in hourLinePoints(sky) {
            let candidates: [(Point, Canvas.Anchor)] = line.points.reversed().flatMap { p in [(p, .bottom), (p, .top)] }
            guard let box = placer.place("\(line.hour)", anchored: candidates, size: text * 0.65, measuringWith: c)
            else { continue }
            c.text(
                box.text, at: box.centre, size: text * 0.65, SunPathDiagram.hourMarkColor, anchor: .centre,
                plate: Palette.background.with(alpha: 0.6))
        }
    }

    func drawLegend(_ c: Canvas, _ lang: Language, _ text: Double) {
        var items: [(Color, String)] = [(SunPathDiagram.hourMarkColor, lang.pick("真太阳时（时）", "true solar hour"))]
        if tracks.contains(where: { $0.runs.contains { $0.exposure != nil } }) {
            items.insert((Palette.sunPath, lang.pick("窗有日照", "window in sun")), at: 0)
            items.insert((Palette.sunPathShaded, lang.pick("被遮挡", "shaded")), at: 1)
        } else {
            items.insert((Palette.sunPath, lang.pick("太阳轨迹", "sun path")), at: 0)
        }
        if !skyline.isEmpty { items.append((SunPathDiagram.obstructionFill, lang.pick("遮挡建筑", "obstruction"))) }
        var x = text
        let y = c.height - text * 1.6
        for (color, label) in items {
            c.rectangle(Point(x, y - text * 0.35), width: text * 1.2, height: text * 0.7, fill: color)
            let box = c.text(label, at: Point(x + text * 1.5, y), size: text * 0.75, Palette.ink, anchor: .left)
            x += text * 2.4 + box.width
        }
    }
}
