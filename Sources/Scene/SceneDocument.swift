/// The scene document, version 1 (DESIGN.md "Scene document"): a site and buildings
/// as vertical prisms in a local metric frame (x = east, y = north, z = up, metres).
///
/// These are the decoded, not yet validated, values; ``SceneDocument/validated()``
/// checks every rule and builds the geometry (``Scene``).
///
/// The synthesized Codable conformances of these types are the format's one definition
/// of its fields: the loader derives the keys it accepts from them (SunSpotIO's
/// `DecodableShape`), and a test holds `openapi.yaml`'s scene schema to them. Add a field
/// here and both follow; there is no second list to keep.
public struct SceneDocument: Codable, Sendable, Equatable {
    public var version: Int
    public var name: String?
    public var site: SiteSpec
    public var buildings: [BuildingSpec]

    public init(version: Int = 1, name: String? = nil, site: SiteSpec, buildings: [BuildingSpec]) {
        self.version = version
        self.name = name
        self.site = site
        self.buildings = buildings
    }
}

public struct SiteSpec: Codable, Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    /// IANA zone of the site's civil clock.
    public var timeZone: String
    /// Ground height above sea level, metres (default 0).
    public var elevation: Double?
    /// Angle from grid north (the document's +y) to true north, degrees, counter-clockwise
    /// positive (default 0: +y is true north). Site plans are often drawn on grid north.
    public var northAngle: Double?

    public init(
        latitude: Double, longitude: Double, timeZone: String, elevation: Double? = nil,
        northAngle: Double? = nil
    ) {
        self.latitude = latitude
        self.longitude = longitude
        self.timeZone = timeZone
        self.elevation = elevation
        self.northAngle = northAngle
    }
}

public struct BoxSpec: Codable, Sendable, Equatable {
    /// Centre of the footprint.
    public var x: Double
    public var y: Double
    /// Along the box's own x axis (its south and north faces).
    public var width: Double
    /// Along the box's own y axis (its east and west faces).
    public var depth: Double
    /// Degrees, counter-clockwise (default 0).
    public var rotation: Double?

    public init(x: Double, y: Double, width: Double, depth: Double, rotation: Double? = nil) {
        self.x = x
        self.y = y
        self.width = width
        self.depth = depth
        self.rotation = rotation
    }
}

public struct BuildingSpec: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var box: BoxSpec?
    /// Counter-clockwise simple polygon, `[[x, y], …]`.
    public var footprint: [[Double]]?
    public var height: Double?
    public var floors: Int?
    public var floorHeight: Double?
    /// Height of the volume's underside above ground (default 0).
    public var base: Double?
    public var units: [UnitSpec]?

    public init(
        id: String, name: String? = nil, box: BoxSpec? = nil, footprint: [[Double]]? = nil,
        height: Double? = nil, floors: Int? = nil, floorHeight: Double? = nil, base: Double? = nil,
        units: [UnitSpec]? = nil
    ) {
        self.id = id
        self.name = name
        self.box = box
        self.footprint = footprint
        self.height = height
        self.floors = floors
        self.floorHeight = floorHeight
        self.base = base
        self.units = units
    }
}

/// A column of flats, the same on every floor ("east unit").
public struct UnitSpec: Codable, Sendable, Equatable {
    public var id: String
    public var name: String?
    public var windows: [WindowSpec]

    public init(id: String, name: String? = nil, windows: [WindowSpec]) {
        self.id = id
        self.name = name
        self.windows = windows
    }
}

public struct WindowSpec: Codable, Sendable, Equatable {
    /// A box side: `south|north|east|west` of the box's own frame.
    public var face: String?
    /// A footprint edge index (edge i runs from vertex i to vertex i+1).
    public var edge: Int?
    /// Centre's distance from the facade midpoint, positive to the right seen from outside.
    public var offset: Double
    public var width: Double
    /// Sill height above the floor, overriding the profile's (metres).
    public var sill: Double?
    /// Height of the opening above the sill (metres; default: up to the next floor level).
    /// Only a reveal's head uses it.
    public var height: Double?
    /// Depth of the glass behind the outer wall face (wall thickness at the window, metres).
    /// The calculation point moves onto the glass; the reveal's sides and head shade it.
    public var reveal: Double?
    /// A recess in the facade (凹窗, recessed loggia) whose back wall holds the window.
    public var recess: RecessSpec?
    /// A slab above the window (balcony above, canopy, sunshade).
    public var overhang: OverhangSpec?

    public init(
        face: String? = nil, edge: Int? = nil, offset: Double, width: Double, sill: Double? = nil,
        height: Double? = nil, reveal: Double? = nil, recess: RecessSpec? = nil,
        overhang: OverhangSpec? = nil
    ) {
        self.face = face
        self.edge = edge
        self.offset = offset
        self.width = width
        self.sill = sill
        self.height = height
        self.reveal = reveal
        self.recess = recess
        self.overhang = overhang
    }
}

/// A recess in the facade around a window: open from the floor level up to `height`,
/// `width` wide (centred on the window) and `depth` deep; the window sits in its back wall.
public struct RecessSpec: Codable, Sendable, Equatable {
    public var depth: Double
    public var width: Double
    /// Above the floor level (default: the floor height, i.e. up to the slab above).
    public var height: Double?

    public init(depth: Double, width: Double, height: Double? = nil) {
        self.depth = depth
        self.width = width
        self.height = height
    }
}

/// A horizontal slab on the outer wall face above a window: a balcony of the floor above,
/// a canopy or a sunshade.
public struct OverhangSpec: Codable, Sendable, Equatable {
    /// How far it reaches out from the outer wall face (metres).
    public var depth: Double
    /// Its underside above the window's sill (metres).
    public var aboveSill: Double
    /// How far it runs past each side of the window (metres, default 0).
    public var extend: Double?
    /// Slab thickness (metres, default 0.1).
    public var thickness: Double?

    public init(depth: Double, aboveSill: Double, extend: Double? = nil, thickness: Double? = nil) {
        self.depth = depth
        self.aboveSill = aboveSill
        self.extend = extend
        self.thickness = thickness
    }
}
