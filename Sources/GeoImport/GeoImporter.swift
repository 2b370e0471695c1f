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

/// A scene made from a GeoJSON file, ready to write, and what the user should know.
public struct ImportResult: Sendable {
    /// The scene, already validated with the same rules as `sunspot validate`.
    public var document: SceneDocument
    /// The local frame the footprints are in (its origin is the site's lat/lon).
    public var frame: LocalFrame
    /// The CRS the file's coordinates were read in.
    public var sourceCRS: String
    /// For each building, the index of the feature it came from.
    public var featureOfBuilding: [Int]
    /// Things dropped or assumed (holes filled, a crs member overridden), one line each.
    public var warnings: [String]
    /// Indices of the buildings that were given the options' units (those with storeys).
    public var buildingsWithUnits: [Int] = []
}

/// GeoJSON building footprints → a scene document in the local metric frame.
///
/// The file's coordinates go through PROJ to WGS84 lon/lat, the site's reference
/// point is the area centroid of all footprints, and every footprint is projected
/// into the ``LocalFrame`` around it (x east, y north, metres). Each Polygon (each
/// part of a MultiPolygon) becomes one footprint building; heights come from
/// ``HeightRules``.
public enum GeoImporter {
    public static let wgs84 = "EPSG:4326"

    public static func importScene(geoJSON data: Data, options: ImportOptions) throws(ImportError) -> ImportResult {
        try importScene(GeoJSONDocument(data: data), options: options)
    }

    public static func importScene(_ file: GeoJSONDocument, options: ImportOptions) throws(ImportError) -> ImportResult
    {
        var warnings: [String] = []
        let source = options.sourceCRS ?? file.crsName ?? wgs84
        if let declared = file.crsName, let given = options.sourceCRS, declared != given {
            warnings.append("the file declares crs '\(declared)'; reading it as --crs '\(given)'")
        }
        let location = options.sourceCRS != nil ? "--crs" : file.crsName != nil ? "crs" : "--crs"
        let toWGS84: Projector
        do {
            toWGS84 = try Projector(from: source, to: wgs84)
        } catch {
            throw ImportError(location, error.description)
        }

        // 1. Every outer ring in lon/lat, checked to be on the globe (a wrong --crs shows here).
        let rings = try lonLatRings(of: file, through: toWGS84, warnings: &warnings)

        // 2. The site: the footprints' centroid, kept to 1e-7° (about 1 cm), and its frame.
        let centre = SiteCentroid.of(rings.map(\.lonLat))
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
        var featureOfBuilding: [Int] = []
        var extents: [Int: HeightRules.Extent] = [:]
        for ring in rings {
            let feature = ring.feature
            let extent: HeightRules.Extent
            if let known = extents[feature.index] {
                extent = known
            } else {
                extent = try options.heights.extent(of: feature.properties, path: feature.path)
                extents[feature.index] = extent
            }
            let local: [Coordinate]
            do {
                local = try toLocal.transform(ring.lonLat)
            } catch {
                throw ImportError(ring.polygon.path, error.description)
            }
            let footprint: [[Double]]
            switch FootprintRing.footprint(from: local) {
            case .success(let f): footprint = f
            case .failure(let problem):
                // Distinct in the file but not a centimetre apart on the ground: the CRS is
                // probably wrong (degrees read as metres).
                let collapsed = Set(ring.polygon.outer).count >= 3 && problem.message.contains("distinct vertices")
                throw ImportError(
                    ring.polygon.path, problem.message + (collapsed ? " on the ground; is --crs right?" : ""))
            }
            let id = try ids.id(for: feature, part: ring.part)
            buildings.append(
                BuildingSpec(
                    id: id, name: feature.properties["name"]?.text, footprint: footprint,
                    height: extent.height, floors: extent.floors, floorHeight: extent.floorHeight,
                    base: extent.base))
            featureOfBuilding.append(feature.index)
        }

        // 4. Flats, on every building with storeys that the targets admit.
        var buildingsWithUnits: [Int] = []
        if let layout = options.units {
            let targets = options.unitTargets
            try targets.checkListedIDs(in: buildings.map { ($0.id, $0.floors != nil) })
            for (b, building) in buildings.enumerated()
            where building.floors != nil
                && targets.admits(id: building.id, properties: file.features[featureOfBuilding[b]].properties)
            {
                switch layout.units(on: building.footprint ?? []) {
                case .success(let units):
                    buildings[b].units = units
                    buildingsWithUnits.append(b)
                case .failure(let misfit):
                    let feature = file.features[featureOfBuilding[b]]
                    let label = building.name.map { " (\($0))" } ?? ""
                    throw ImportError(
                        feature.path.isEmpty ? "feature" : feature.path,
                        "building '\(building.id)'\(label), unit '\(misfit.unit)': \(misfit.message)")
                }
            }
        }

        let document = SceneDocument(
            version: 1, name: options.sceneName,
            site: SiteSpec(latitude: frame.latitude, longitude: frame.longitude, timeZone: options.timeZone),
            buildings: buildings)
        try check(document, file: file, featureOfBuilding: featureOfBuilding)
        return ImportResult(
            document: document, frame: frame, sourceCRS: source, featureOfBuilding: featureOfBuilding,
            warnings: warnings, buildingsWithUnits: buildingsWithUnits)
    }

    /// An outer ring of the file with its lon/lat.
    struct PlacedRing {
        var feature: GeoFeature
        var part: Int
        var polygon: GeoPolygon
        var lonLat: [Coordinate]
    }

    /// Converts every outer ring to WGS84 lon/lat, and notes dropped holes.
    static func lonLatRings(
        of file: GeoJSONDocument, through toWGS84: Projector,
        warnings: inout [String]
    ) throws(ImportError) -> [PlacedRing] {
        let source = toWGS84.source
        var rings: [PlacedRing] = []
        for feature in file.features {
            for (k, polygon) in feature.polygons.enumerated() {
                let lonLat: [Coordinate]
                do {
                    lonLat = try toWGS84.transform(polygon.outer)
                } catch {
                    if case let .pointFailed(i, point, _, reason) = error {
                        throw ImportError(
                            "\(polygon.path)[\(i)]",
                            "[\(point.x), \(point.y)] does not convert from '\(source)' to lon/lat (\(reason)); is --crs right?"
                        )
                    }
                    throw ImportError(polygon.path, error.description)
                }
                if let i = lonLat.firstIndex(where: { !(-90...90).contains($0.y) || !(-180...180).contains($0.x) }) {
                    let p = polygon.outer[i]
                    throw ImportError(
                        "\(polygon.path)[\(i)]",
                        "[\(p.x), \(p.y)] read in '\(source)' is not a place on Earth (lon \(lonLat[i].x), lat \(lonLat[i].y)); is --crs right?"
                    )
                }
                rings.append(PlacedRing(feature: feature, part: k, polygon: polygon, lonLat: lonLat))
                if polygon.holeCount > 0 {
                    let label = feature.properties["name"]?.text.map { " (\($0))" } ?? ""
                    let part = feature.polygons.count > 1 ? " part \(k)" : ""
                    let place = feature.path.isEmpty ? "the feature" : feature.path
                    warnings.append(
                        "\(place)\(part)\(label): dropped \(polygon.holeCount) hole(s); scene footprints are solid, so a courtyard is filled"
                    )
                }
            }
        }
        return rings
    }

    /// Runs the scene's own validation, so an imported file always passes `sunspot
    /// validate`; a problem is reported at the feature it came from.
    static func check(_ document: SceneDocument, file: GeoJSONDocument, featureOfBuilding: [Int]) throws(ImportError) {
        do {
            _ = try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        } catch {
            let issue = error.issues[0]
            let more = error.issues.count > 1 ? " (and \(error.issues.count - 1) more)" : ""
            if issue.path == "site.timeZone" {
                throw ImportError(
                    "--tz", "'\(document.site.timeZone)' is not a known IANA time zone (e.g. Asia/Shanghai)")
            }
            if issue.path.hasPrefix("buildings["), let close = issue.path.firstIndex(of: "]"),
                let b = Int(issue.path[issue.path.index(issue.path.startIndex, offsetBy: 10)..<close]),
                b < featureOfBuilding.count
            {
                let feature = file.features[featureOfBuilding[b]]
                throw ImportError(
                    feature.path.isEmpty ? "feature" : feature.path,
                    "the imported building \(issue.description)\(more)")
            }
            throw ImportError("", "the imported scene is invalid: \(issue.description)\(more)")
        }
    }
}
