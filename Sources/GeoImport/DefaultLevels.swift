import Foundation

/// Storeys assumed for a building whose tags give neither a height nor levels, by its
/// `building` (or `building:part`) type; `--default-levels` overrides them.
///
/// The table is a plain guess at a typical building of each type, stated so a user can
/// see and change it: one storey for sheds, garages and halls, two for houses, four for
/// flats and offices, three for anything else (`building=yes`). Every building that
/// gets one is marked `assumed` in the import's report.
public struct DefaultLevels: Sendable, Equatable {
    /// Storeys by type; a type not listed takes ``fallback``.
    public var byType: [String: Double]
    public var fallback: Double

    public static let standard: [String: Double] = {
        var table: [String: Double] = [:]
        let one = [
            "garage", "garages", "shed", "carport", "hut", "kiosk", "roof", "service", "cabin", "greenhouse",
            "toilets", "bunker", "container", "shelter", "barn", "farm_auxiliary", "industrial", "warehouse",
            "retail", "supermarket", "parking", "transformer_tower", "stable", "sports_hall", "grandstand",
        ]
        let two = ["house", "detached", "semidetached_house", "terrace", "bungalow", "farm", "static_caravan"]
        let four = [
            "apartments", "residential", "dormitory", "hotel", "office", "commercial", "civic", "public",
            "government", "university", "college", "hospital",
        ]
        for t in one { table[t] = 1 }
        for t in two { table[t] = 2 }
        for t in four { table[t] = 4 }
        return table
    }()

    public init(byType: [String: Double] = DefaultLevels.standard, fallback: Double = 3) {
        self.byType = byType
        self.fallback = fallback
    }

    public func levels(for type: String?) -> Double {
        type.flatMap { byType[$0] } ?? fallback
    }

    /// Reads `--default-levels`: `5` (every type), or `TYPE=N,…` changing those types, with
    /// `*=N` for the types not listed; the standard table stays for the rest.
    public static func parse(_ text: String) throws(ImportError) -> DefaultLevels {
        var result = DefaultLevels()
        func storeys(_ s: Substring, _ at: String) throws(ImportError) -> Double {
            let t = s.trimmingCharacters(in: .whitespaces)
            guard let n = Double(t), n.isFinite, n > 0, n <= HeightRules.mostLevels else {
                throw ImportError(
                    "--default-levels", "\(at)'\(t)' is not a number of storeys above 0 (e.g. 3 or 2.5)")
            }
            return n
        }
        if !text.contains("=") {
            let n = try storeys(Substring(text), "")
            return DefaultLevels(byType: [:], fallback: n)
        }
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = piece.split(separator: "=", omittingEmptySubsequences: false)
            let type = parts[0].trimmingCharacters(in: .whitespaces)
            guard parts.count == 2, !type.isEmpty else {
                throw ImportError(
                    "--default-levels", "'\(piece)' must be TYPE=STOREYS, e.g. house=2 (or *=3 for the rest)")
            }
            let n = try storeys(parts[1], "\(type)=")
            if type == "*" { result.fallback = n } else { result.byType[type] = n }
        }
        return result
    }
}
