/// The box a label fills on a picture (logical units, origin top-left): pictures place
/// labels so that these do not overlap, and tests read them back to check it.
public struct TextBox: Hashable, Sendable {
    public var text: String
    public var origin: Point
    public var width: Double
    public var height: Double

    public init(text: String, origin: Point, width: Double, height: Double) {
        self.text = text
        self.origin = origin
        self.width = width
        self.height = height
    }

    /// The box grown by `margin` on every side.
    public func inset(by margin: Double) -> TextBox {
        TextBox(
            text: text, origin: Point(origin.x - margin, origin.y - margin), width: width + 2 * margin,
            height: height + 2 * margin)
    }

    /// Whether the two boxes share any area (touching edges do not count).
    public func overlaps(_ other: TextBox) -> Bool {
        origin.x < other.origin.x + other.width && other.origin.x < origin.x + width
            && origin.y < other.origin.y + other.height && other.origin.y < origin.y + height
    }

    /// Whether a point lies inside the box.
    public func contains(_ p: Point) -> Bool {
        p.x >= origin.x && p.x <= origin.x + width && p.y >= origin.y && p.y <= origin.y + height
    }
}
