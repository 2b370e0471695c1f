import Foundation

/// How a building's vertical extent is read from its properties.
///
/// The semantics are OpenStreetMap's Simple 3D Buildings: `height` and
/// `building:levels` count from the ground to the roof, `min_height` and
/// `building:min_level` say where the volume starts (a bridge, an overhang). The
/// scene stores the volume itself: `base` = where it starts, `height` = top − base,
/// `floors` = levels − min levels.
public struct HeightRules: Sendable, Equatable {
    /// Property holding the height in metres (a number, or text such as `"54"` or `"54 m"`).
    public var heightProperty: String
    /// Property holding the number of storeys.
    public var levelsProperty: String
    /// Storey height used when only levels are known (metres).
    public var floorHeightMeters: Double

    /// OSM tags for where a raised volume starts.
    public static let minHeightProperty = "min_height"
    public static let minLevelProperty = "building:min_level"
    /// Storey heights the scene format accepts (Scene validation's `floorHeight` range).
    public static let floorHeightRange = 1.5...20.0

    public init(
        heightProperty: String = "height", levelsProperty: String = "building:levels",
        floorHeightMeters: Double = 3
    ) {
        self.heightProperty = heightProperty
        self.levelsProperty = levelsProperty
        self.floorHeightMeters = floorHeightMeters
    }

    /// A building's vertical extent in scene terms.
    public struct Extent: Equatable, Sendable {
        /// Volume height (top − base); nil when floors × floorHeight give it.
        public var height: Double?
        public var floors: Int?
        public var floorHeight: Double?
        /// Where the volume starts; nil for the ground.
        public var base: Double?

        public init(height: Double?, floors: Int?, floorHeight: Double?, base: Double?) {
            self.height = height
            self.floors = floors
            self.floorHeight = floorHeight
            self.base = base
        }
    }

    /// Reads the extent of one feature, or says which property is wrong.
    ///
    /// With both a height and levels, the storey height is the height shared by the
    /// levels (rounded down to the millimetre, so floors × floorHeight never tops the
    /// height); it must be a plausible storey (1.5–20 m) or the data is inconsistent.
    public func extent(of properties: [String: PropertyValue], path: String) throws(ImportError) -> Extent {
        let at = { (key: String) in "\(path.isEmpty ? "" : "\(path).")properties.\(key)" }
        let height = try metres(properties[heightProperty], at(heightProperty))
        let levels = try count(properties[levelsProperty], at(levelsProperty), minimum: 1)
        let minHeight = try metres(properties[Self.minHeightProperty], at(Self.minHeightProperty))
        let minLevel = try count(properties[Self.minLevelProperty], at(Self.minLevelProperty), minimum: 0)

        let base = minHeight ?? minLevel.map { Double($0) * floorHeightMeters } ?? 0
        let floors: Int?
        if let levels {
            floors = levels - (minLevel ?? 0)
            if floors! < 1 {
                throw ImportError(
                    at(levelsProperty), "\(levels) is not above \(Self.minLevelProperty) \(minLevel ?? 0)")
            }
        } else {
            floors = nil
        }
        let baseOut = base > 0 ? base : nil
        if let height {
            let volume = rounded(height - base)
            guard volume > 0 else {
                throw ImportError(at(heightProperty), "\(height) m is not above the volume's base (\(base) m)")
            }
            guard let floors else { return Extent(height: volume, floors: nil, floorHeight: nil, base: baseOut) }
            let storey = (volume / Double(floors) * 1000).rounded(.down) / 1000
            guard Self.floorHeightRange.contains(storey) else {
                throw ImportError(
                    at(heightProperty),
                    "\(volume) m over \(floors) storeys gives \(storey) m per storey; storeys must be 1.5–20 m (check '\(heightProperty)' and '\(levelsProperty)')"
                )
            }
            return Extent(height: volume, floors: floors, floorHeight: storey, base: baseOut)
        }
        if let floors {
            return Extent(height: nil, floors: floors, floorHeight: floorHeightMeters, base: baseOut)
        }
        let keys = properties.keys.sorted()
        let has =
            keys.isEmpty
            ? "it has no properties"
            : "it has: " + keys.prefix(8).joined(separator: ", ")
                + (keys.count > 8 ? ", …" : "")
        throw ImportError(
            "\(path.isEmpty ? "" : "\(path).")properties",
            "no height: needs '\(heightProperty)' (metres) or '\(levelsProperty)' (storeys); \(has)")
    }

    /// A length in metres: a number, or text like `54`, `54.5 m`, `54m`.
    private func metres(_ value: PropertyValue?, _ path: String) throws(ImportError) -> Double? {
        guard let value else { return nil }
        var n: Double?
        switch value {
        case .number(let d): n = d
        case .string(let s):
            var t = s.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("m") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
            n = Double(t)
        default: n = nil
        }
        guard let n, n.isFinite, n >= 0 else {
            throw ImportError(path, "\(value.quoted) is not a length in metres (e.g. 54 or \"54 m\")")
        }
        return n
    }

    /// A whole number of storeys, at least `minimum`.
    private func count(_ value: PropertyValue?, _ path: String, minimum: Int) throws(ImportError) -> Int? {
        guard let value else { return nil }
        var n: Double?
        switch value {
        case .number(let d): n = d
        case .string(let s): n = Double(s.trimmingCharacters(in: .whitespaces))
        default: n = nil
        }
        guard let n, n.isFinite, n == n.rounded(), n >= Double(minimum), n <= 10_000 else {
            throw ImportError(path, "\(value.quoted) is not a whole number of storeys (\(minimum) or more)")
        }
        return Int(n)
    }

    private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
