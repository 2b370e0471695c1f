import SolarCore

/// A validated scene: the document's rules checked and its geometry resolved in a
/// true-north frame (x = east, y = true north, z = up above site ground).
public struct Scene: Sendable {
    public let document: SceneDocument
    public let site: GeoSite
    public let timeZoneIdentifier: String
    public let buildings: [Building]

    /// Index of a building by its id.
    public func buildingIndex(id: String) -> Int? { buildings.firstIndex { $0.id == id } }
}

/// One building: a vertical prism, and the flats in it.
public struct Building: Sendable {
    public let id: String
    public let name: String?
    /// Counter-clockwise footprint in the true-north frame.
    public let footprint: [Vec2]
    /// Underside and top of the volume above ground, metres.
    public let baseMeters: Double
    public let topMeters: Double
    public let floors: Int?
    public let floorHeightMeters: Double?
    public let units: [UnitColumn]

    /// Level of floor f (1-based): base + (f − 1)·floorHeight.
    public func floorLevel(_ floor: Int) -> Double {
        baseMeters + Double(floor - 1) * (floorHeightMeters ?? 0)
    }
}

/// A unit in the document's sense: the same column of flats on every floor ("east unit", 东户),
/// with its windows. Named `UnitColumn`, not `Unit`, which Foundation already declares (a file
/// importing both could not write `Unit`), and because the column is what it is: a flat is a
/// unit column on one floor (``FlatAddress``).
public struct UnitColumn: Sendable {
    public let id: String
    public let name: String?
    public let windows: [Window]
}

/// A window on one facade: where its sill centre is and which way it looks.
public struct Window: Sendable {
    /// Footprint edge it sits on.
    public let edgeIndex: Int
    /// Centre of the window on the outer wall face, in plan.
    public let centre: Vec2
    /// Unit vector along the facade, to the right as seen from outside.
    public let along: Vec2
    /// Outward unit normal of the facade.
    public let outward: Vec2
    public let widthMeters: Double
    /// Sill height above the floor, when the document overrides the profile's.
    public let sillMeters: Double?
    /// Reveal, recess and slab that shade the window from its own wall.
    public let details: WindowDetails

    /// Azimuth the facade faces, degrees clockwise from true north.
    public var facingAzimuthDegrees: Double {
        normalizedDegrees(atan2Degrees(outward.x, outward.y))
    }
}

/// A flat: the same unit column on one floor of one building.
public struct FlatAddress: Hashable, Sendable, CustomStringConvertible {
    public var building: String
    public var floor: Int
    public var unit: String

    public init(building: String, floor: Int, unit: String) {
        self.building = building
        self.floor = floor
        self.unit = unit
    }

    /// Parses `3/5/east`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty, let f = Int(parts[1]) else { return nil }
        self.init(building: String(parts[0]), floor: f, unit: String(parts[2]))
    }

    public var description: String { "\(building)/\(floor)/\(unit)" }
}

extension Scene {
    /// Every flat of the scene, in document order (building, floor, unit).
    public var allFlats: [FlatAddress] {
        buildings.flatMap { b -> [FlatAddress] in
            guard let floors = b.floors else { return [] }
            return (1...max(1, floors)).flatMap { f in
                b.units.map { FlatAddress(building: b.id, floor: f, unit: $0.id) }
            }
        }
    }

    /// Resolves a flat's address to its building, unit and floor, naming what is wrong.
    public func locate(_ flat: FlatAddress) throws(SceneIssue) -> (building: Building, unit: UnitColumn) {
        guard let bi = buildingIndex(id: flat.building) else {
            throw SceneIssue(
                path: "building",
                message:
                    "'\(flat.building)' is not a building of this scene (have: \(buildings.map(\.id).joined(separator: ", ")))"
            )
        }
        let b = buildings[bi]
        guard let floors = b.floors, !b.units.isEmpty else {
            throw SceneIssue(path: "building", message: "'\(flat.building)' has no flats (no floors or units)")
        }
        guard (1...floors).contains(flat.floor) else {
            throw SceneIssue(
                path: "floor", message: "\(flat.floor) is out of range 1...\(floors) for building '\(flat.building)'")
        }
        guard let unit = b.units.first(where: { $0.id == flat.unit }) else {
            throw SceneIssue(
                path: "unit",
                message:
                    "'\(flat.unit)' is not a unit of building '\(flat.building)' (have: \(b.units.map(\.id).joined(separator: ", ")))"
            )
        }
        return (b, unit)
    }
}
