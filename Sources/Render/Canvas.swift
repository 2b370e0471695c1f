internal import CCairo

/// A drawing context in logical units (the picture's `--size`), y pointing down.
///
/// The only type that talks to cairo's drawing API; pictures are written against
/// it, so no C type leaks out of this module. One canvas is used from one thread.
public final class Canvas {
    let cr: OpaquePointer
    /// Logical size of the picture.
    public let width: Double
    public let height: Double
    /// The font family every label uses (found by ``FontCatalog``).
    let fontFamily: String
    /// Every label drawn so far, in drawing order: what tests read to check that labels do not overlap.
    public private(set) var drawnText: [TextBox] = []

    init(cr: OpaquePointer, width: Double, height: Double, fontFamily: String) {
        self.cr = cr
        self.width = width
        self.height = height
        self.fontFamily = fontFamily
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    }

    // MARK: Paths

    /// A polyline (open) or polygon ring (closed) as the current path.
    func path(_ points: [Point], closed: Bool) {
        guard let first = points.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        if closed { cairo_close_path(cr) }
    }

    /// Fills rings with the even–odd rule (so a ring inside another is a hole), or with
    /// the non-zero rule (overlapping pieces of one shape merge without seams).
    public func fill(_ rings: [[Point]], _ color: Color, nonZero: Bool = false) {
        cairo_new_path(cr)
        for ring in rings { path(ring, closed: true) }
        cairo_set_fill_rule(cr, nonZero ? CAIRO_FILL_RULE_WINDING : CAIRO_FILL_RULE_EVEN_ODD)
        set(color)
        cairo_fill(cr)
    }

    public func stroke(_ points: [Point], closed: Bool = false, _ color: Color, width: Double, dash: [Double] = []) {
        cairo_new_path(cr)
        path(points, closed: closed)
        strokeCurrent(color, width: width, dash: dash)
    }

    public func circle(_ centre: Point, radius: Double, fill: Color? = nil, stroke: Color? = nil, width: Double = 1) {
        cairo_new_path(cr)
        cairo_arc(cr, centre.x, centre.y, radius, 0, 2 * Double.pi)
        if let fill {
            set(fill)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke { strokeCurrent(stroke, width: width, dash: []) }
    }

    public func rectangle(
        _ origin: Point, width w: Double, height h: Double, fill: Color? = nil, stroke: Color? = nil,
        lineWidth: Double = 1
    ) {
        cairo_new_path(cr)
        cairo_rectangle(cr, origin.x, origin.y, w, h)
        if let fill {
            set(fill)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let stroke { strokeCurrent(stroke, width: lineWidth, dash: []) }
    }

    /// Clips later drawing to the inside of `rings` until ``resetClip()``.
    public func clip(to rings: [[Point]]) {
        cairo_new_path(cr)
        for ring in rings { path(ring, closed: true) }
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_clip(cr)
    }

    public func resetClip() { cairo_reset_clip(cr) }

    private func strokeCurrent(_ color: Color, width: Double, dash: [Double]) {
        set(color)
        cairo_set_line_width(cr, width)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    private func set(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    // MARK: Text

    /// Where a label's anchor point sits on its box.
    public enum Anchor: Sendable {
        case topLeft, top, topRight, left, centre, right, bottomLeft, bottom, bottomRight
    }

    /// The box `text(_:at:size:_:anchor:bold:plate:)` fills, without drawing anything.
    public func textBox(_ text: String, at: Point, size: Double, anchor: Anchor, bold: Bool = false) -> TextBox {
        selectFont(size: size, bold: bold)
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, text, &e)
        let w = e.x_advance
        let h = fe.ascent + fe.descent
        var x = at.x
        var top = at.y
        switch anchor {
        case .top, .centre, .bottom: x -= w / 2
        case .topRight, .right, .bottomRight: x -= w
        default: break
        }
        switch anchor {
        case .left, .centre, .right: top -= h / 2
        case .bottomLeft, .bottom, .bottomRight: top -= h
        default: break
        }
        return TextBox(text: text, origin: Point(x, top), width: w, height: h)
    }

    /// Width and height of a label's ink box, in logical units (zero for an empty string).
    public func textSize(_ text: String, size: Double, bold: Bool = false) -> (width: Double, height: Double) {
        selectFont(size: size, bold: bold)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, text, &e)
        return (e.x_advance, size)
    }

    /// Draws a label anchored at `at`, optionally on a translucent plate for legibility.
    /// Returns the box it occupies (origin top-left).
    @discardableResult
    public func text(
        _ text: String, at: Point, size: Double, _ color: Color, anchor: Anchor = .bottomLeft,
        bold: Bool = false, plate: Color? = nil
    ) -> (origin: Point, width: Double, height: Double) {
        let box = textBox(text, at: at, size: size, anchor: anchor, bold: bold)
        let (x, top, w, h) = (box.origin.x, box.origin.y, box.width, box.height)
        var fe = cairo_font_extents_t()
        cairo_font_extents(cr, &fe)
        if let plate {
            let pad = size * 0.2
            rectangle(Point(x - pad, top - pad / 2), width: w + 2 * pad, height: h + pad, fill: plate)
        }
        set(color)
        cairo_move_to(cr, x, top + fe.ascent)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
        drawnText.append(box)
        return (Point(x, top), w, h)
    }

    private func selectFont(size: Double, bold: Bool) {
        cairo_select_font_face(
            cr, fontFamily, CAIRO_FONT_SLANT_NORMAL,
            bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }
}

/// A point in a picture's logical units (x right, y down).
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}
