/// A colour with straight (not premultiplied) alpha, components 0...1.
public struct Color: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(_ red: Double, _ green: Double, _ blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// From `0xRRGGBB`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            Double((hex >> 16) & 0xFF) / 255, Double((hex >> 8) & 0xFF) / 255, Double(hex & 0xFF) / 255,
            alpha: alpha)
    }

    public func with(alpha: Double) -> Color { Color(red, green, blue, alpha: alpha) }

    /// Straight interpolation between two colours.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let u = max(0, min(1, t))
        return Color(
            red + (other.red - red) * u, green + (other.green - green) * u, blue + (other.blue - blue) * u,
            alpha: alpha + (other.alpha - alpha) * u)
    }

    /// Relative luminance (Rec. 709 weights on the stored components): what "dark" and "light" mean in tests.
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }
}

/// The colours every picture shares, so a legend means the same thing everywhere.
public enum Palette {
    public static let background = Color(hex: 0xFFFFFF)
    public static let ink = Color(hex: 0x1F2328)
    public static let grid = Color(hex: 0x9AA4AE)
    public static let faint = Color(hex: 0xD0D7DE)
    /// Ground in sun, and in shadow (plan views).
    public static let ground = Color(hex: 0xF6F1E3)
    public static let shadow = Color(hex: 0x3B4252, alpha: 0.62)
    /// The flat's marker: lit, shaded by a building, sun behind its facade.
    public static let lit = Color(hex: 0xF5A700)
    public static let shaded = Color(hex: 0x2F5DA8)
    public static let behindFacade = Color(hex: 0x8C8C8C)
    /// Sun path drawn where the chosen window is lit, and where it is not.
    public static let sunPath = Color(hex: 0xE8590C)
    public static let sunPathShaded = Color(hex: 0x495057)
    /// Obstructions seen from a window (sun-path skyline).
    public static let obstruction = Color(hex: 0x5C677D, alpha: 0.55)
    public static let obstructionEdge = Color(hex: 0x33415C)

    /// Buildings by height: low pale blue-grey to tall deep slate (readable under shadows).
    public static func building(heightMeters h: Double, tallestMeters: Double) -> Color {
        let t = tallestMeters > 0 ? min(1, h / max(tallestMeters, 1)) : 0
        return Color(hex: 0xD9E2EC).mixed(with: Color(hex: 0x52606D), t)
    }

    /// Sun hours on the ground: 0 h dark blue → yellow at `maximumHours` and above (a viridis-like ramp).
    public static func sunHours(_ hours: Double, maximumHours: Double) -> Color {
        let stops: [Color] = [
            Color(hex: 0x2A1B5F), Color(hex: 0x3B528B), Color(hex: 0x21918C), Color(hex: 0x5EC962),
            Color(hex: 0xFDE725),
        ]
        let t = max(0, min(1, maximumHours > 0 ? hours / maximumHours : 0)) * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(t))
        return stops[i].mixed(with: stops[i + 1], t - Double(i))
    }

    /// A distinct colour per index for series (hourly outlines, term paths).
    public static func series(_ i: Int, of n: Int) -> Color {
        let t = n > 1 ? Double(i) / Double(n - 1) : 0
        // Morning blue → noon green → evening red, as people read a day.
        let stops: [Color] = [Color(hex: 0x1C7ED6), Color(hex: 0x2B8A3E), Color(hex: 0xE67700), Color(hex: 0xC92A2A)]
        let x = t * Double(stops.count - 1)
        let k = min(stops.count - 2, Int(x))
        return stops[k].mixed(with: stops[k + 1], x - Double(k))
    }
}
