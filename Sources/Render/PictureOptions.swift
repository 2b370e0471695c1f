import SunSpotIO

/// How big a picture is and which language its labels use.
public struct PictureOptions: Sendable, Hashable {
    /// Logical size (pixels at scale 1; points in PDF and SVG).
    public var width: Int
    public var height: Int
    /// Multiplies the pixel size of a PNG (2 = sharper on high-density screens), and the page of a PDF/SVG.
    public var scale: Double
    public var language: Language

    /// 1080 × 1080 at scale 1 fills a phone screen; labels are sized from it (about 1/36 of the short side).
    public init(width: Int = 1080, height: Int = 1080, scale: Double = 1, language: Language = .zh) {
        self.width = width
        self.height = height
        self.scale = scale
        self.language = language
    }

    /// Size limits: large enough for a poster, small enough that a request cannot exhaust memory.
    public static let sizeRange = 200...8000
    public static let scaleRange = 0.25...4.0
    public static let maximumPixels = 64_000_000

    /// Checks the size and scale; the error names the offending value.
    public func validate() throws(RenderError) {
        for (name, v) in [("width", width), ("height", height)] where !PictureOptions.sizeRange.contains(v) {
            throw RenderError.badOption(
                "size \(name) \(v) is outside \(PictureOptions.sizeRange.lowerBound)...\(PictureOptions.sizeRange.upperBound)"
            )
        }
        guard scale.isFinite, PictureOptions.scaleRange.contains(scale) else {
            throw RenderError.badOption(
                "scale \(scale) is outside \(PictureOptions.scaleRange.lowerBound)...\(PictureOptions.scaleRange.upperBound)"
            )
        }
        let pixels = Double(width) * scale * Double(height) * scale
        guard pixels <= Double(PictureOptions.maximumPixels) else {
            throw RenderError.badOption(
                "size × scale makes \(Int(pixels)) pixels, over the limit of \(PictureOptions.maximumPixels)")
        }
    }

    /// Parses `1080x1350` (also `1080X1350`, `1080×1350`).
    public static func parseSize(_ text: String) -> (width: Int, height: Int)? {
        let parts = text.split(whereSeparator: { $0 == "x" || $0 == "X" || $0 == "×" })
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]) else { return nil }
        return (w, h)
    }

    /// Label size used by every picture: about 30 px on a 1080 px short side.
    var labelSize: Double { Double(min(width, height)) / 36 }
}
