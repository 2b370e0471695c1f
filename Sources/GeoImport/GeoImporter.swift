import Foundation
import Scene
import SunSpotIO

/// What an import needs besides the file.
public struct ImportOptions: Sendable, Equatable {
    /// The CRS of the file's coordinates as PROJ reads it (`EPSG:4547`, WKT, a PROJ
    /// string); nil means the file's own `crs` member, else WGS84 lon/lat (RFC 7946).
    public var sourceCRS: String?
    /// IANA zone of the site's civil clock (not guessed from the coordinates).
    public var timeZone: String
    public var heights: HeightRules
    /// The scene's `name`; nil leaves it out.
    public var sceneName: String?
    /// Flats given to every building that has storeys (`--units`); nil adds none.
    public var units: UnitLayout?
    /// Which of the buildings with storeys get `units` (`--units-tag`, `--units-on`); default all.
    public var unitTargets: UnitTargets
    /// Refuse the file at its first problem (`--strict`, for curated data) instead of
    /// repairing, assuming or skipping building by building.
    public var strict: Bool = false
    /// Only the buildings in this area (`--bbox`, `--around`); nil takes all.
    public var area: AreaFilter?

    public init(
        sourceCRS: String? = nil, timeZone: String, heights: HeightRules = HeightRules(), sceneName: String? = nil,
        units: UnitLayout? = nil, unitTargets: UnitTargets = UnitTargets()
    ) {
        self.unitTargets = unitTargets
        self.sourceCRS = sourceCRS
        self.timeZone = timeZone
        self.heights = heights
        self.sceneName = sceneName
        self.units = units
    }
}

/// A scene made from map data, ready to write, and what the user should know.
public struct ImportResult: Sendable {
    /// The scene, already validated with the same rules as `sunspot validate`.
    public var document: SceneDocument
    /// The local frame the footprints are in (its origin is the site's lat/lon).
    public var frame: LocalFrame
    /// The CRS the file's coordinates were read in.
    public var sourceCRS: String
    /// For each building, the index (in the features given) of the feature it came from.
    public var featureOfBuilding: [Int]
    /// Things repaired, ignored or assumed, one line each: the file's, then each building's.
    public var warnings: [String]
    /// Indices of the buildings that were given the options' units (those with storeys).
    public var buildingsWithUnits: [Int] = []
    /// Every decision, building by building, and every building left out with why.
    public var report: ImportReport
}

/// Map features (GeoJSON, or OpenStreetMap ways and relations) → a scene document in
/// the local metric frame.
///
/// The coordinates go through PROJ to WGS84 lon/lat, the site's reference point is the
/// area centroid of all footprints, and every footprint is projected into the
/// ``LocalFrame`` around it (x east, y north, metres). Each Polygon (each part of a
/// MultiPolygon) becomes one footprint building; heights come from ``HeightRules``.
///
/// One building never stops the import: a building whose geometry or coordinates are
/// unusable is skipped and listed in the ``ImportReport`` with why, and heights are
/// decided, never refused. With ``ImportOptions/strict`` the first problem is an error
/// instead, and nothing is written.
public enum GeoImporter {
    public static let wgs84 = "EPSG:4326"

    public static func importScene(geoJSON data: Data, options: ImportOptions) throws(ImportError) -> ImportResult {
        try importScene(GeoJSONDocument(data: data), options: options)
    }

    public static func importScene(_ file: GeoJSONDocument, options: ImportOptions) throws(ImportError) -> ImportResult
    {
        try importScene(features: file.features, declaredCRS: file.crsName, options: options)
    }

    /// Imports features; `skipped` lists buildings the reader already could not make
    /// (an OSM relation whose ways are missing), counted as read.
    public static func importScene(
        features: [GeoFeature], declaredCRS: String?, options: ImportOptions,
        skipped alreadySkipped: [ImportReport.Skipped] = []
    ) throws(ImportError) -> ImportResult {
        var fileWarnings: [String] = []
        var report = ImportReport()
        report.read = features.count + alreadySkipped.count
        report.skipped = alreadySkipped
        if options.strict, let first = alreadySkipped.first {
            throw ImportError("", first.message)
        }
        func label(_ feature: GeoFeature) -> String {
            feature.path.isEmpty ? "the feature" : feature.path
        }
        func skip(_ feature: GeoFeature, _ reason: String, _ problem: ImportError) throws(ImportError) {
            if options.strict { throw problem }
            report.skipped.append(
                ImportReport.Skipped(
                    source: label(feature), name: feature.properties["name"]?.text, reason: reason,
                    message: problem.description))
        }

        let source = options.sourceCRS ?? declaredCRS ?? wgs84
        if let declared = declaredCRS, let given = options.sourceCRS, declared != given {
            fileWarnings.append("the file declares crs '\(declared)'; reading it as --crs '\(given)'")
        }
        let toWGS84: Projector
        do {
            toWGS84 = try Projector(from: source, to: wgs84)
        } catch {
            throw ImportError(options.sourceCRS == nil && declaredCRS != nil ? "crs" : "--crs", error.description)
        }

        // 1. Every ring in lon/lat, checked to be on the globe (a wrong --crs shows here),
        //    and kept if its building is in the area.
        var placed: [PlacedPolygon] = []
        for (f, feature) in features.enumerated() {
            var parts: [PlacedPolygon] = []
            var problem: ImportError?
            for (k, polygon) in feature.polygons.enumerated() {
                switch lonLat(polygon, through: toWGS84) {
                case .success(let rings):
                    parts.append(
                        PlacedPolygon(
                            feature: f, part: k, polygon: polygon, lonLat: rings[0], holes: Array(rings.dropFirst()))
                    )
                case .failure(let error):
                    problem = problem ?? error
                }
            }
            if let problem {
                try skip(feature, "coordinates", problem)
                continue
            }
            if let area = options.area, !area.contains(parts.flatMap(\.lonLat)) {
                report.outsideArea += 1
                continue
            }
            placed += parts
        }
        // Simple 3D Buildings: an outline with building:part volumes inside is left out.
        let outlines = BuildingParts.outlinesWithParts(
            features: features, rings: placed.map { ($0.feature, $0.lonLat) })
        if !outlines.isEmpty {
            placed.removeAll { outlines[$0.feature] != nil }
            for (f, count) in outlines.sorted(by: { $0.key < $1.key }) {
                let feature = features[f]
                report.replacedByParts.append(
                    ImportReport.Outline(
                        source: label(feature), name: feature.properties["name"]?.text, parts: count))
            }
        }
        guard !placed.isEmpty else {
            if report.outsideArea > 0 {
                throw ImportError(
                    options.area.map { if case .bbox = $0 { "--bbox" } else { "--around" } } ?? "",
                    "none of the \(report.read) buildings lie in the area")
            }
            let first = report.skipped.first.map { ": first \($0.message)" } ?? ""
            throw ImportError("", "none of the \(report.read) buildings could be imported\(first)")
        }

        // 2. The site: the footprints' centroid, kept to 1e-7° (about 1 cm), and its frame.
        let centre = SiteCentroid.of(placed.map(\.lonLat))
        let frame = LocalFrame(latitude: (centre.y * 1e7).rounded() / 1e7, longitude: (centre.x * 1e7).rounded() / 1e7)
        let toLocal: Projector
        do {
            toLocal = try frame.projectorFromWGS84()
        } catch {
            throw ImportError("", "cannot build the local frame: \(error.description)")
        }

        // 3. Buildings.
        var ids = BuildingIDs()
        var buildings: [BuildingSpec] = []
        var records: [ImportReport.Building] = []
        var featureOfBuilding: [Int] = []
        var decisions: [Int: HeightDecision] = [:]
        var cutEdges: [Set<Int>] = []  // per building: edges inside a courtyard block
        var repairedFeatures = Set<Int>()
        for ring in placed {
            let feature = features[ring.feature]
            let decision: HeightDecision
            if let known = decisions[ring.feature] {
                decision = known
            } else {
                decision = options.heights.decide(
                    feature.properties, propertiesPath: feature.propertiesPath, propertyPrefix: feature.propertyPrefix)
                decisions[ring.feature] = decision
                if options.strict, let first = decision.warnings.first { throw first }
            }
            var notes = decision.warnings.map(\.description)
            let local: [Coordinate]
            let localHoles: [[Coordinate]]
            do {
                local = try toLocal.transform(ring.lonLat)
                localHoles = try ring.holes.map { hole throws(ProjectionError) in try toLocal.transform(hole) }
            } catch {
                try skip(feature, "coordinates", ImportError(ring.polygon.path, error.description))
                continue
            }
            // The footprints: the outer ring (problems named in the file's own vertex numbers),
            // a courtyard block cut into pieces; a self-intersecting ring repaired (GEOS MakeValid).
            var shapes: Shapes
            switch shapeFootprints(outer: local, holes: localHoles) {
            case .success(let made): shapes = made
            case .failure(let problem):
                let repaired =
                    problem.message.contains("self-intersecting") && !options.strict
                    ? PolygonRepair.makeValid(outer: local, holes: localHoles).compactMap {
                        try? shapeFootprints(outer: $0.outer, holes: $0.holes).get()
                    } : []
                if !repaired.isEmpty {
                    shapes = Shapes(
                        footprints: repaired.flatMap(\.footprints), cutEdges: repaired.flatMap(\.cutEdges),
                        notes: repaired.flatMap(\.notes))
                    shapes.notes.insert(
                        "\(ring.polygon.path): \(problem.message); repaired with GEOS MakeValid into \(repaired.count) part(s)",
                        at: 0)
                    repairedFeatures.insert(ring.feature)
                    break
                }
                // Distinct in the file but not a centimetre apart on the ground: the CRS is
                // probably wrong (degrees read as metres).
                let collapsed = Set(ring.polygon.outer).count >= 3 && problem.message.contains("distinct vertices")
                try skip(
                    feature, "geometry",
                    ImportError(
                        ring.polygon.path, problem.message + (collapsed ? " on the ground; is --crs right?" : "")))
                continue
            }
            let footprints = shapes.footprints
            notes += shapes.notes.map { $0.hasPrefix(ring.polygon.path) ? $0 : "\(label(feature)): \($0)" }
            let id: String
            do {
                id = try ids.id(for: feature, part: ring.part)
            } catch {
                try skip(feature, "id", error)
                continue
            }
            let extent = decision.extent
            for (k, footprint) in footprints.enumerated() {
                let pieceID = footprints.count > 1 ? "\(id)~\(k + 1)" : id
                buildings.append(
                    BuildingSpec(
                        id: pieceID, name: feature.properties["name"]?.text, footprint: footprint,
                        height: extent.height, floors: extent.floors, floorHeight: extent.floorHeight,
                        base: extent.base))
                records.append(
                    ImportReport.Building(
                        id: pieceID, source: label(feature), name: feature.properties["name"]?.text,
                        heightSource: decision.source, heightRule: decision.rule,
                        piece: footprints.count > 1 ? k + 1 : nil,
                        pieces: footprints.count > 1 ? footprints.count : nil,
                        repaired: repairedFeatures.contains(ring.feature) ? true : nil,
                        warnings: k == 0 ? notes : []))
                featureOfBuilding.append(ring.feature)
                cutEdges.append(shapes.cutEdges[k])
            }
        }
        guard !buildings.isEmpty else {
            let first = report.skipped.first.map { ": first \($0.message)" } ?? ""
            throw ImportError("", "none of the \(report.read) buildings could be imported\(first)")
        }
        guard buildings.count <= SceneLimits.buildings else {
            throw ImportError(
                options.area == nil ? "" : "--\(options.area.map { if case .bbox = $0 { "bbox" } else { "around" } }!)",
                "gives \(buildings.count) scene buildings; a scene holds at most \(SceneLimits.buildings): cut a smaller area with --bbox W,S,E,N or --around LAT,LON --radius M"
            )
        }

        // 4. Flats, on every building with storeys that the targets admit.
        var hasUnits = Array(repeating: false, count: buildings.count)
        if let layout = options.units {
            let targets = options.unitTargets
            try targets.checkListedIDs(in: buildings.map { ($0.id, $0.floors != nil) })
            for (b, building) in buildings.enumerated()
            where building.floors != nil
                && targets.admits(id: building.id, properties: features[featureOfBuilding[b]].properties)
            {
                switch layout.units(on: building.footprint ?? [], excluding: cutEdges[b]) {
                case .success(let units):
                    buildings[b].units = units
                    hasUnits[b] = true
                case .failure(let misfit):
                    let feature = features[featureOfBuilding[b]]
                    let name = building.name.map { " (\($0))" } ?? ""
                    let problem = ImportError(
                        label(feature), "building '\(building.id)'\(name), unit '\(misfit.unit)': \(misfit.message)")
                    if options.strict { throw problem }
                    records[b].warnings.append(problem.description + "; this building gets no flats")
                }
            }
        }

        // 5. The scene's own validation, so an imported file always passes `sunspot
        //    validate`; a building it refuses is skipped (strict: the import stops).
        var document = SceneDocument(
            version: 1, name: options.sceneName,
            site: SiteSpec(latitude: frame.latitude, longitude: frame.longitude, timeZone: options.timeZone),
            buildings: buildings)
        for _ in 0..<3 {
            let refused = try check(
                document, features: features, featureOfBuilding: featureOfBuilding, strict: options.strict)
            if refused.isEmpty { break }
            for (b, message) in refused.sorted(by: { $0.key > $1.key }) {
                let feature = features[featureOfBuilding[b]]
                report.skipped.append(
                    ImportReport.Skipped(
                        source: label(feature), name: feature.properties["name"]?.text, reason: "validation",
                        message: "building '\(document.buildings[b].id)' \(message)"))
                document.buildings.remove(at: b)
                records.remove(at: b)
                featureOfBuilding.remove(at: b)
                cutEdges.remove(at: b)
                hasUnits.remove(at: b)
            }
            guard !document.buildings.isEmpty else {
                throw ImportError("", "none of the \(report.read) buildings passed the scene's validation")
            }
        }
        report.buildings = records
        return ImportResult(
            document: document, frame: frame, sourceCRS: source, featureOfBuilding: featureOfBuilding,
            warnings: fileWarnings + records.flatMap(\.warnings),
            buildingsWithUnits: hasUnits.indices.filter { hasUnits[$0] }, report: report)
    }

    /// The scene footprints of one polygon, the edges of each that are cuts inside it,
    /// and what the user should know.
    struct Shapes {
        var footprints: [[[Double]]]
        var cutEdges: [Set<Int>]
        var notes: [String]
    }

    /// The outer ring cleaned (``FootprintRing``); with courtyards, the block cut into
    /// pieces (``CourtyardPieces``). A courtyard ring that is no ring is left out, with a note.
    static func shapeFootprints(outer: [Coordinate], holes: [[Coordinate]]) -> Result<Shapes, ImportError> {
        let outline: [[Double]]
        switch FootprintRing.footprint(from: outer) {
        case .success(let f): outline = f
        case .failure(let problem): return .failure(problem)
        }
        var notes: [String] = []
        var courtyards: [[Coordinate]] = []
        for (h, hole) in holes.enumerated() {
            switch FootprintRing.footprint(from: hole) {
            case .success(let ring): courtyards.append(ring.map { Coordinate($0[0], $0[1]) })
            case .failure(let problem):
                notes.append("courtyard \(h + 1) \(problem.message); it is left out (built over)")
            }
        }
        guard !courtyards.isEmpty else { return .success(Shapes(footprints: [outline], cutEdges: [[]], notes: notes)) }
        switch CourtyardPieces.pieces(outer: outline.map { Coordinate($0[0], $0[1]) }, holes: courtyards) {
        case .success(let cut):
            var made: [[[Double]]] = []
            for piece in cut.pieces {
                if case .success(let f) = FootprintRing.footprint(from: piece) { made.append(f) }
            }
            guard !made.isEmpty else { return .failure(ImportError("", "its courtyard block has no usable piece")) }
            notes.append(
                "\(courtyards.count) courtyard(s) kept: the block is cut corner to corner into \(made.count) pieces")
            return .success(
                Shapes(
                    footprints: made, cutEdges: made.map { CourtyardPieces.bridgeEdges(of: $0, bridges: cut.bridges) },
                    notes: notes))
        case .failure(let problem):
            return .failure(problem)
        }
    }

    /// A polygon of the file with its rings in lon/lat.
    struct PlacedPolygon {
        var feature: Int
        var part: Int
        var polygon: GeoPolygon
        var lonLat: [Coordinate]
        var holes: [[Coordinate]]
    }

    /// A polygon's rings (outer first) in WGS84 lon/lat, or why they are not places on Earth.
    static func lonLat(_ polygon: GeoPolygon, through toWGS84: Projector) -> Result<[[Coordinate]], ImportError> {
        let source = toWGS84.source
        var rings: [[Coordinate]] = []
        for (r, ring) in ([polygon.outer] + polygon.holes).enumerated() {
            let at = r == 0 ? polygon.path : "\(polygon.path) hole \(r)"
            let lonLat: [Coordinate]
            do {
                lonLat = try toWGS84.transform(ring)
            } catch {
                if case let .pointFailed(i, point, _, reason) = error {
                    return .failure(
                        ImportError(
                            "\(at)[\(i)]",
                            "[\(point.x), \(point.y)] does not convert from '\(source)' to lon/lat (\(reason)); is --crs right?"
                        ))
                }
                return .failure(ImportError(at, error.description))
            }
            if let i = lonLat.firstIndex(where: { !(-90...90).contains($0.y) || !(-180...180).contains($0.x) }) {
                let p = ring[i]
                return .failure(
                    ImportError(
                        "\(at)[\(i)]",
                        "[\(p.x), \(p.y)] read in '\(source)' is not a place on Earth (lon \(lonLat[i].x), lat \(lonLat[i].y)); is --crs right?"
                    ))
            }
            rings.append(lonLat)
        }
        return .success(rings)
    }

    /// Runs the scene's own validation. Returns the buildings it refuses (index → why);
    /// throws for a problem of the whole scene, or for any problem when `strict`.
    static func check(
        _ document: SceneDocument, features: [GeoFeature], featureOfBuilding: [Int], strict: Bool
    ) throws(ImportError) -> [Int: String] {
        do {
            _ = try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
            return [:]
        } catch {
            var refused: [Int: String] = [:]
            for issue in error.issues {
                if issue.path == "site.timeZone" {
                    throw ImportError(
                        "--tz", "'\(document.site.timeZone)' is not a known IANA time zone (e.g. Asia/Shanghai)")
                }
                guard issue.path.hasPrefix("buildings["), let close = issue.path.firstIndex(of: "]"),
                    let b = Int(issue.path[issue.path.index(issue.path.startIndex, offsetBy: 10)..<close]),
                    b < featureOfBuilding.count
                else {
                    throw ImportError("", "the imported scene is invalid: \(issue.description)")
                }
                if strict {
                    let feature = features[featureOfBuilding[b]]
                    let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more)" : ""
                    throw ImportError(
                        feature.path.isEmpty ? "feature" : feature.path,
                        "the imported building \(issue.description)\(more)")
                }
                refused[b] = refused[b] ?? "is refused by the scene's validation: \(issue.description)"
            }
            return refused
        }
    }
}
