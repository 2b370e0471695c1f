/// Puts labels one at a time where they overlap nothing already there.
///
/// A picture first marks what must stay readable (building names, hour marks, ring
/// labels), then offers each new label a list of candidate anchors in order of
/// preference; the first whose box (grown by a margin for the label's plate) is clear of
/// every occupied box and inside the bounds wins. A label with no clear candidate is not
/// drawn: a missing label reads better than two on top of each other.
struct LabelPlacer {
    private(set) var occupied: [TextBox]
    /// Labels must lie wholly inside this box (the map or the sky disc's square).
    let bounds: TextBox?
    /// Clearance between labels, for their plates.
    let margin: Double

    init(occupied: [TextBox] = [], bounds: TextBox? = nil, margin: Double) {
        self.occupied = occupied
        self.bounds = bounds
        self.margin = margin
    }

    mutating func occupy(_ box: TextBox) { occupied.append(box) }

    /// Whether a label box would be clear of everything placed and inside the bounds.
    func fits(_ box: TextBox) -> Bool {
        let grown = box.inset(by: margin)
        if let bounds,
            !(bounds.contains(grown.origin)
                && bounds.contains(Point(grown.origin.x + grown.width, grown.origin.y + grown.height)))
        {
            return false
        }
        return !occupied.contains { $0.overlaps(grown) }
    }

    /// The box of the first candidate where the label fits, now occupied; nil when none does.
    mutating func place(
        _ text: String, candidates: [Point], size: Double, anchor: Canvas.Anchor, bold: Bool = false,
        measuringWith c: Canvas
    ) -> TextBox? {
        place(text, anchored: candidates.map { ($0, anchor) }, size: size, bold: bold, measuringWith: c)
    }

    /// The same with an anchor per candidate (below a mark, else above it, else beside it).
    mutating func place(
        _ text: String, anchored candidates: [(Point, Canvas.Anchor)], size: Double, bold: Bool = false,
        measuringWith c: Canvas
    ) -> TextBox? {
        for (p, anchor) in candidates {
            let box = c.textBox(text, at: p, size: size, anchor: anchor, bold: bold)
            if fits(box) {
                occupy(box)
                return box
            }
        }
        return nil
    }
}

extension TextBox {
    /// The centre of the box, where a `.centre` anchor puts the label again.
    var centre: Point { Point(origin.x + width / 2, origin.y + height / 2) }
}
