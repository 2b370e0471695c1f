import Foundation

/// How a building's vertical extent is read from its properties, and what is done
/// when they are missing, malformed or disagree.
///
/// The semantics are OpenStreetMap's Simple 3D Buildings: `height` and
/// `building:levels` count from the ground to the roof, `roof:levels` adds storeys in
/// the roof, `min_height` and `building:min_level` say where the volume starts (a
/// bridge, an overhang). The scene stores the volume itself: `base` = where it starts,
/// `height` = top − base, `floors` = whole storeys of the volume.
///
/// Real map data is messy, so one building's tags never stop an import (``decide(_:path:)``):
/// - **Height** (source `measured`): `height` in metres (`54`, `54 m`) or feet (`80 ft`,
///   `80'`, `80'6"`).
/// - **Levels** (source `levels`): otherwise (`building:levels` − `building:min_level` +
///   `roof:levels`) × the storey height; fractional levels (`3.5`) are fine: the volume
///   is 3.5 storeys tall and holds 3 whole floors.
/// - **Assumed** (source `assumed`): otherwise ``DefaultLevels`` for the `building` type
///   (`--default-levels`), with a warning.
/// - **Contradiction**: with both `height` and levels, a storey lower than
///   ``lowestStoreyMeters`` (`height=2` with 5 levels) means the tags disagree. Levels
///   win: mappers count storeys from the street, while a wrong height is usually a
///   typo, a roof's or a part's height, or feet read as metres. A storey taller than the
///   scene's 20 m (a one-level church 30 m high) keeps the measured height and gives its
///   floors the default storey height. Both are warnings.
/// - **Malformed** values (`height=~10`, `building:levels=3;4`) are ignored with a warning,
///   and the next rule applies. A base at or above the top is ignored with a warning.
///
/// Each decision records its ``HeightSource`` and the rule, in words, that gave it.
public struct HeightRules: Sendable, Equatable {
    /// Property holding the height (a number, or text such as `"54"`, `"54 m"`, `"80 ft"`).
    public var heightProperty: String
    /// Property holding the number of storeys.
    public var levelsProperty: String
    /// Storey height used when only levels are known (metres).
    public var floorHeightMeters: Double
    /// Storeys assumed for a building with neither height nor levels.
    public var defaultLevels: DefaultLevels

    /// OSM tags for where a raised volume starts, and for storeys in the roof.
    public static let minHeightProperty = "min_height"
    public static let minLevelProperty = "building:min_level"
    public static let roofLevelsProperty = "roof:levels"
    /// Storey heights the scene format accepts (Scene validation's `floorHeight` range).
    public static let floorHeightRange = 1.5...20.0
    /// Below this a storey is not a storey: the height and the levels disagree.
    public static let lowestStoreyMeters = 1.5
    /// More storeys than any building has (the scene's limit is 200 floors).
    public static let mostLevels = 200.0

    public init(
        heightProperty: String = "height", levelsProperty: String = "building:levels",
        floorHeightMeters: Double = 3, defaultLevels: DefaultLevels = DefaultLevels()
    ) {
        self.heightProperty = heightProperty
        self.levelsProperty = levelsProperty
        self.floorHeightMeters = floorHeightMeters
        self.defaultLevels = defaultLevels
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

    /// Decides one building's extent: always an answer, with the warnings that a strict
    /// import (`--strict`) turns into errors.
    public func decide(_ properties: [String: PropertyValue], path: String) -> HeightDecision {
        let prefix = path.isEmpty ? "properties" : "\(path).properties"
        return decide(properties, propertiesPath: prefix, propertyPrefix: prefix + ".")
    }

    /// ``decide(_:path:)`` with messages located as the feature says (`way/123 tag height`).
    public func decide(
        _ properties: [String: PropertyValue], propertiesPath: String, propertyPrefix: String
    ) -> HeightDecision {
        var warnings: [ImportError] = []
        let at = { (key: String) in propertyPrefix + key }
        func read(_ key: String, _ parse: (PropertyValue) -> Double?, _ expected: String) -> Double? {
            guard let value = properties[key] else { return nil }
            guard let n = parse(value) else {
                warnings.append(ImportError(at(key), "\(value.quoted) is not \(expected); ignored"))
                return nil
            }
            return n
        }
        let lengthText = "a length (e.g. 54, \"54 m\" or \"80 ft\")"
        let levelsText = "a number of storeys (e.g. 5 or 3.5)"
        var height = read(heightProperty, Self.metres, lengthText)
        var levels = read(levelsProperty, Self.levels, levelsText)
        let roofLevels = read(Self.roofLevelsProperty, Self.levels, levelsText) ?? 0
        var minHeight = read(Self.minHeightProperty, Self.metres, lengthText)
        var minLevel = read(Self.minLevelProperty, Self.levels, levelsText)

        if let l = levels, l <= 0, roofLevels <= 0 {
            warnings.append(ImportError(at(levelsProperty), "0 storeys gives no height; ignored"))
            levels = nil
        }
        if let l = levels, let m = minLevel, l <= m {
            warnings.append(
                ImportError(
                    at(Self.minLevelProperty),
                    "\(Self.text(m)) is not below \(levelsProperty) \(Self.text(l)); ignored (the volume starts on the ground)"
                ))
            minLevel = nil
        }
        if let h = height, let b = minHeight ?? minLevel.map({ $0 * floorHeightMeters }), b >= h {
            let key = minHeight != nil ? Self.minHeightProperty : Self.minLevelProperty
            warnings.append(
                ImportError(
                    at(key), "the base (\(Self.text(b)) m) is not below \(heightProperty) \(Self.text(h)) m; ignored"))
            minHeight = nil
            minLevel = nil
        }
        let base = minHeight ?? minLevel.map { $0 * floorHeightMeters } ?? 0
        let baseOut = base > 0 ? Self.rounded(base) : nil
        // Storeys of the volume itself: above its base, roof storeys included.
        let volumeLevels = levels.map { $0 - (minLevel ?? 0) + roofLevels }
        let wholeFloors = levels.map { Int(($0 - (minLevel ?? 0)).rounded(.down)) }.flatMap { $0 >= 1 ? $0 : nil }

        if let h = height, let l = levels, let v = volumeLevels {
            let volume = Self.rounded(h - base)
            let storey = volume / v
            if storey < Self.lowestStoreyMeters {
                warnings.append(
                    ImportError(
                        at(heightProperty),
                        "\(Self.text(h)) m is too low for \(levelsProperty) \(Self.text(l)) (\(Self.text(storey, 2)) m a storey); the levels win"
                    ))
                height = nil
            } else if storey > Self.floorHeightRange.upperBound {
                warnings.append(
                    ImportError(
                        at(levelsProperty),
                        "\(Self.text(l)) storey(s) in \(Self.text(volume)) m would be \(Self.text(storey)) m each; the height stands, floors are \(Self.text(floorHeightMeters)) m"
                    ))
                let extent = Extent(
                    height: volume, floors: wholeFloors, floorHeight: wholeFloors.map { _ in floorHeightMeters },
                    base: baseOut)
                return HeightDecision(
                    extent: extent, source: .measured, rule: "\(heightProperty)=\(Self.text(h)) m", warnings: warnings)
            } else {
                // The storey is the height shared by the volume's levels, rounded down to the
                // millimetre so that floors × floorHeight never tops the height.
                let shared = (storey * 1000).rounded(.down) / 1000
                let fh = Self.floorHeightRange.contains(shared) ? shared : floorHeightMeters
                let extent = Extent(
                    height: volume, floors: wholeFloors, floorHeight: wholeFloors.map { _ in fh }, base: baseOut)
                return HeightDecision(
                    extent: extent, source: .measured,
                    rule: "\(heightProperty)=\(Self.text(h)) m over \(Self.text(v)) storey(s)", warnings: warnings)
            }
        }
        if let h = height {
            let extent = Extent(height: Self.rounded(h - base), floors: nil, floorHeight: nil, base: baseOut)
            return HeightDecision(
                extent: extent, source: .measured, rule: "\(heightProperty)=\(Self.text(h)) m", warnings: warnings)
        }
        if let l = levels, let v = volumeLevels, v > 0 {
            let whole = Double(wholeFloors ?? 0) == v
            let extent = Extent(
                height: whole ? nil : Self.rounded(v * floorHeightMeters), floors: wholeFloors,
                floorHeight: wholeFloors.map { _ in floorHeightMeters }, base: baseOut)
            let roof = roofLevels > 0 ? " + \(Self.roofLevelsProperty)=\(Self.text(roofLevels))" : ""
            let minus = minLevel.map { " − \(Self.minLevelProperty)=\(Self.text($0))" } ?? ""
            return HeightDecision(
                extent: extent, source: .levels,
                rule: "(\(levelsProperty)=\(Self.text(l))\(minus)\(roof)) × \(Self.text(floorHeightMeters)) m",
                warnings: warnings)
        }
        let type = properties["building:part"]?.text.flatMap { $0 == "yes" ? nil : $0 } ?? properties["building"]?.text
        let assumed = defaultLevels.levels(for: type)
        let floors = Int(assumed.rounded(.down))
        let extent = Extent(
            height: Double(floors) == assumed ? nil : Self.rounded(assumed * floorHeightMeters),
            floors: floors >= 1 ? floors : nil, floorHeight: floors >= 1 ? floorHeightMeters : nil, base: baseOut)
        let rule =
            "assumed \(Self.text(assumed)) storey(s) × \(Self.text(floorHeightMeters)) m (the default for building=\(type ?? "yes"))"
        warnings.append(
            ImportError(
                propertiesPath,
                "no usable '\(heightProperty)' or '\(levelsProperty)'; \(rule)"))
        return HeightDecision(extent: extent, source: .assumed, rule: rule, warnings: warnings)
    }

    /// A length in metres: a number, or text like `54`, `54.5 m`, `54m`, `80 ft`, `80'`, `80'6"`.
    static func metres(_ value: PropertyValue) -> Double? {
        let n: Double?
        switch value {
        case .number(let d): n = d
        case .string(let s): n = metres(text: s.trimmingCharacters(in: .whitespaces))
        default: n = nil
        }
        guard let n, n.isFinite, n > 0, n <= 1000 else { return nil }
        return n
    }

    private static func metres(text: String) -> Double? {
        let foot = 0.3048
        let inch = 0.0254
        var t = text
        if t.hasSuffix("ft") { return Double(t.dropLast(2).trimmingCharacters(in: .whitespaces)).map { $0 * foot } }
        if t.hasSuffix("m") { t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        if let n = Double(t) { return n }
        // Feet and inches: 80' or 80'6"
        let parts = text.split(separator: "'", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let feet = Double(parts[0].trimmingCharacters(in: .whitespaces)) else { return nil }
        let rest = parts[1].trimmingCharacters(in: .whitespaces)
        if rest.isEmpty { return feet * foot }
        guard rest.hasSuffix("\""), let inches = Double(rest.dropLast().trimmingCharacters(in: .whitespaces)) else {
            return nil
        }
        return feet * foot + inches * inch
    }

    /// A number of storeys, whole or fractional, 0 to ``mostLevels``.
    static func levels(_ value: PropertyValue) -> Double? {
        let n: Double?
        switch value {
        case .number(let d): n = d
        case .string(let s): n = Double(s.trimmingCharacters(in: .whitespaces))
        default: n = nil
        }
        guard let n, n.isFinite, n >= 0, n <= mostLevels else { return nil }
        return n
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    /// A number for messages: whole numbers without a decimal point.
    static func text(_ x: Double, _ digits: Int = 3) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        let p = pow(10, Double(digits))
        return String((x * p).rounded() / p)
    }
}

/// Where a building's height came from.
public enum HeightSource: String, Sendable, Equatable, CaseIterable, Codable {
    /// A `height` tag.
    case measured
    /// `building:levels` (and `roof:levels`) × the storey height.
    case levels
    /// Neither: the default storeys for the building type.
    case assumed
}

/// One building's extent and how it was decided.
public struct HeightDecision: Sendable, Equatable {
    public var extent: HeightRules.Extent
    public var source: HeightSource
    /// The rule in words, e.g. `height=18 m` or `(building:levels=3.5) × 3 m`.
    public var rule: String
    /// Values ignored, contradictions resolved, defaults assumed; each names its property.
    public var warnings: [ImportError]
}
