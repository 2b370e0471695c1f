/// A compass direction a facade should face, as written in `--units` (`south`,
/// `southeast`, `se`, or degrees clockwise from true north such as `165`).
public struct CompassDirection: Sendable, Equatable {
    /// The word as the user wrote it (kept for messages).
    public var name: String
    /// Clockwise from true north, degrees in [0, 360).
    public var azimuthDegrees: Double

    public init(name: String, azimuthDegrees: Double) {
        self.name = name
        self.azimuthDegrees = azimuthDegrees
    }

    /// The eight compass words and their abbreviations, clockwise from north.
    static let words: [(word: String, short: String, azimuth: Double)] = [
        ("north", "n", 0), ("northeast", "ne", 45), ("east", "e", 90), ("southeast", "se", 135),
        ("south", "s", 180), ("southwest", "sw", 225), ("west", "w", 270), ("northwest", "nw", 315),
    ]

    /// What `parse` accepts, for messages.
    public static let accepted =
        "north, northeast, east, southeast, south, southwest, west, northwest (or n, ne, …, or degrees 0–360 clockwise from north)"

    /// Reads a compass word (any case, `south-east` and `south_east` too) or an azimuth
    /// in degrees; nil when it is neither.
    public static func parse(_ text: String) -> CompassDirection? {
        let key = text.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        if let hit = words.first(where: { $0.word == key || $0.short == key }) {
            return CompassDirection(name: hit.word, azimuthDegrees: hit.azimuth)
        }
        if let degrees = Double(key), degrees.isFinite, (0...360).contains(degrees) {
            return CompassDirection(name: "\(text)°", azimuthDegrees: degrees == 360 ? 0 : degrees)
        }
        return nil
    }
}
