import Foundation

/// Everything an import decided, building by building: where each height came from,
/// what was repaired or assumed, and every building left out with why. Nothing is
/// dropped silently; `sunspot import --report FILE` writes this as JSON.
public struct ImportReport: Sendable, Codable, Equatable {
    /// Buildings (features, or OSM ways and relations) read from the file.
    public var read: Int = 0
    /// Of those, how many lay outside `--bbox`/`--around` (not counted as skipped).
    public var outsideArea: Int = 0
    public var buildings: [Building] = []
    public var skipped: [Skipped] = []
    /// Building outlines left out because `building:part` volumes inside them carry the
    /// heights (Simple 3D Buildings); the parts are in ``buildings``.
    public var replacedByParts: [Outline] = []

    public init() {}

    /// One scene building and how it was made.
    public struct Building: Sendable, Codable, Equatable {
        /// The scene building's id.
        public var id: String
        /// What it came from: `features[3]`, `way/123`, `relation/45`.
        public var source: String
        public var name: String?
        public var heightSource: HeightSource
        /// The rule that gave the height, in words (`height=18 m`, `(building:levels=3.5) × 3 m`).
        public var heightRule: String
        /// Set when a courtyard block was cut into pieces: the piece's number and the count.
        public var piece: Int?
        public var pieces: Int?
        /// Set when its ring was self-intersecting and GEOS MakeValid repaired it.
        public var repaired: Bool?
        /// Warnings about this building (values ignored, contradictions, repairs).
        public var warnings: [String]
    }

    /// An outline replaced by its parts.
    public struct Outline: Sendable, Codable, Equatable {
        public var source: String
        public var name: String?
        /// How many `building:part` volumes lie inside it.
        public var parts: Int

        public init(source: String, name: String?, parts: Int) {
            self.source = source
            self.name = name
            self.parts = parts
        }
    }

    /// A building that is not in the scene, and why.
    public struct Skipped: Sendable, Codable, Equatable {
        public var source: String
        public var name: String?
        /// A short category for the summary (`geometry`, `coordinates`, `units`, …).
        public var reason: String
        public var message: String
    }

    /// Buildings read and imported, per height source (a courtyard block's pieces count once).
    public var heightsBySource: [HeightSource: Int] {
        buildings.filter { ($0.piece ?? 1) == 1 }.reduce(into: [:]) { $0[$1.heightSource, default: 0] += 1 }
    }

    /// Skipped buildings per reason.
    public var skippedByReason: [String: Int] {
        skipped.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
    }

    /// One line: read, imported, skipped by reason, heights by source.
    public var summary: String {
        let heights = HeightSource.allCases.map { "\($0.rawValue) \(heightsBySource[$0] ?? 0)" }
        let reasons = skippedByReason.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        var parts = ["read \(read)"]
        if outsideArea > 0 { parts.append("\(outsideArea) outside the area") }
        if !replacedByParts.isEmpty {
            parts.append("\(replacedByParts.count) outlines replaced by their building:part volumes")
        }
        let pieces = buildings.filter { $0.piece != nil }.count
        let whole = buildings.count - pieces + buildings.filter { $0.piece == 1 }.count
        parts.append(
            "imported \(whole)"
                + (pieces > 0 ? " (\(buildings.count) scene buildings: courtyard blocks in pieces)" : ""))
        let repaired = Set(buildings.filter { $0.repaired == true }.map(\.source)).count
        if repaired > 0 { parts.append("repaired \(repaired)") }
        parts.append("skipped \(skipped.count)" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))"))
        parts.append("heights: " + heights.joined(separator: ", "))
        return parts.joined(separator: "; ")
    }
}

extension HeightSource: CodingKeyRepresentable {}
