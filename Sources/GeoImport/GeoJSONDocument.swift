import Foundation

/// The parts of a GeoJSON file (RFC 7946) an import uses: polygon features, their
/// properties, and the legacy `crs` member (GDAL still writes it for non-WGS84 data).
///
/// Reading is strict: anything that is not a FeatureCollection (or a single Feature)
/// of Polygon/MultiPolygon geometries is an ``ImportError`` naming its JSON path.
/// Coordinates stay in the file's CRS; a third coordinate (height) is ignored.
public struct GeoJSONDocument: Sendable {
    /// The `crs` member's name (e.g. `urn:ogc:def:crs:EPSG::4547`), if the file has one.
    public var crsName: String?
    public var features: [GeoFeature]

    /// Parses GeoJSON text.
    public init(data: Data) throws(ImportError) {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ImportError("", "is not GeoJSON: not valid JSON (\(Self.describe(error)))")
        }
        guard let root = json as? [String: Any] else {
            throw ImportError("", "is not GeoJSON: the top level must be an object")
        }
        crsName = ((root["crs"] as? [String: Any])?["properties"] as? [String: Any])?["name"] as? String
        switch root["type"] as? String {
        case "FeatureCollection":
            guard let list = root["features"] as? [Any] else {
                throw ImportError("features", "must be a list of features")
            }
            guard !list.isEmpty else { throw ImportError("features", "is empty: there are no buildings to import") }
            var features: [GeoFeature] = []
            for (i, item) in list.enumerated() {
                features.append(try GeoFeature(json: item, index: i, path: "features[\(i)]"))
            }
            self.features = features
        case "Feature":
            features = [try GeoFeature(json: root, index: 0, path: "")]
        case let other?:
            throw ImportError("type", "'\(other)' is not a FeatureCollection or Feature (wrap geometries in features)")
        case nil:
            throw ImportError("", "is not GeoJSON: no \"type\": \"FeatureCollection\" at the top level")
        }
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}

/// One polygon feature, still in its source CRS.
public struct GeoFeature: Sendable {
    /// Position in the file's `features` list (0-based), for messages.
    public var index: Int
    /// JSON path of the feature (`features[3]`), for messages.
    public var path: String
    /// The Feature's own `id` member, if any (a string or number in GeoJSON).
    public var featureID: String?
    public var properties: [String: PropertyValue]
    /// One polygon for a Polygon, one per part for a MultiPolygon.
    public var polygons: [GeoPolygon]

    /// A feature read from elsewhere (an OpenStreetMap extract): `path` names it in
    /// messages (`way/123`), `featureID` gives its building id.
    public init(
        index: Int, path: String, featureID: String?, properties: [String: PropertyValue], polygons: [GeoPolygon],
        propertiesPath: String, propertyPrefix: String
    ) {
        self.propertiesPath = propertiesPath
        self.propertyPrefix = propertyPrefix
        self.index = index
        self.path = path
        self.featureID = featureID
        self.properties = properties
        self.polygons = polygons
    }

    /// Where a property is, for messages: `features[3].properties.height`; nil → the properties.
    public func location(ofProperty key: String?) -> String {
        key.map { propertyPrefix + $0 } ?? propertiesPath
    }

    /// Where the properties are (`features[3].properties`, `way/123 tags`), and what a
    /// key is put after (`features[3].properties.`, `way/123 tag `).
    public var propertiesPath: String
    public var propertyPrefix: String

    init(json: Any, index: Int, path: String) throws(ImportError) {
        self.index = index
        self.path = path
        propertiesPath = path.isEmpty ? "properties" : "\(path).properties"
        propertyPrefix = propertiesPath + "."
        let at = { (member: String) in path.isEmpty ? member : "\(path).\(member)" }
        guard let object = json as? [String: Any], object["type"] as? String == "Feature" else {
            throw ImportError(path, "must be an object with \"type\": \"Feature\"")
        }
        featureID = object["id"].flatMap(PropertyValue.init(json:))?.text
        switch object["properties"] {
        case nil, is NSNull: properties = [:]
        case let dictionary as [String: Any]:
            properties = dictionary.compactMapValues(PropertyValue.init(json:))
        default: throw ImportError(at("properties"), "must be an object")
        }
        guard let geometry = object["geometry"] as? [String: Any] else {
            throw ImportError(at("geometry"), "is missing; every feature needs a Polygon or MultiPolygon footprint")
        }
        let coordinates = geometry["coordinates"]
        let coordinatesPath = at("geometry.coordinates")
        switch geometry["type"] as? String {
        case "Polygon":
            polygons = [try GeoPolygon(json: coordinates, path: coordinatesPath)]
        case "MultiPolygon":
            guard let parts = coordinates as? [Any], !parts.isEmpty else {
                throw ImportError(coordinatesPath, "must be a non-empty list of polygons")
            }
            var polygons: [GeoPolygon] = []
            for (k, part) in parts.enumerated() {
                polygons.append(try GeoPolygon(json: part, path: "\(coordinatesPath)[\(k)]"))
            }
            self.polygons = polygons
        case let other?:
            throw ImportError(
                at("geometry.type"),
                "'\(other)' is not a Polygon or MultiPolygon (keep only building footprints in the file)")
        case nil:
            throw ImportError(at("geometry.type"), "is missing")
        }
    }
}

/// A polygon's outer ring and its holes (courtyards) as given (closing vertices
/// included if the file has them).
public struct GeoPolygon: Sendable {
    public var outer: [Coordinate]
    public var holes: [[Coordinate]]
    /// Where the outer ring is, for messages (`features[3].geometry.coordinates[0]`, `way/123`).
    public var path: String

    public var holeCount: Int { holes.count }

    public init(outer: [Coordinate], holes: [[Coordinate]] = [], path: String) {
        self.outer = outer
        self.holes = holes
        self.path = path
    }

    init(json: Any?, path: String) throws(ImportError) {
        guard let rings = json as? [Any], !rings.isEmpty else {
            throw ImportError(path, "must be a non-empty list of linear rings")
        }
        self.path = "\(path)[0]"
        var read: [[Coordinate]] = []
        for (r, ring) in rings.enumerated() {
            guard let positions = ring as? [Any] else {
                throw ImportError("\(path)[\(r)]", "must be a list of positions")
            }
            var points: [Coordinate] = []
            for (i, position) in positions.enumerated() {
                guard let pair = position as? [Any], pair.count >= 2,
                    let x = Self.number(pair[0]), let y = Self.number(pair[1])
                else {
                    throw ImportError("\(path)[\(r)][\(i)]", "must be a position [x, y] of finite numbers")
                }
                points.append(Coordinate(x, y))
            }
            read.append(points)
        }
        outer = read[0]
        holes = Array(read.dropFirst())
    }

    private static func number(_ value: Any) -> Double? {
        guard let n = PropertyValue.jsonNumber(value) else { return nil }
        return n.isFinite ? n : nil
    }
}
