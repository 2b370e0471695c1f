internal import COSMium
import Foundation

/// The buildings of an OpenStreetMap extract (`.osm.pbf`, `.osm`, `.osm.bz2`), read with
/// libosmium through the `COSMium` shim: closed ways and multipolygon relations tagged
/// `building` or `building:part`, their rings assembled by libosmium's multipolygon
/// assembler (inner rings are courtyards), as features the importer takes like GeoJSON's.
///
/// A building libosmium cannot make (an open way, nodes or member ways missing from the
/// extract, rings that do not close) is not an error: it is listed in ``skipped`` with
/// its OSM id and why. A file that cannot be read at all (not OSM data, truncated, a
/// PBF blob that claims more than libosmium's limit) is an ``ImportError``.
public struct OSMExtract: Sendable {
    public var features: [GeoFeature]
    public var skipped: [ImportReport.Skipped]

    /// The file name endings read as OSM data, and libosmium's format for each.
    public static let formats: [(suffix: String, format: String)] = [
        (".osm.pbf", "pbf"), (".pbf", "pbf"), (".osm.bz2", "osm.bz2"), (".osm.gz", "osm.gz"), (".osm", "osm"),
    ]

    /// libosmium's format for a path, or nil when it is not an OSM file name.
    public static func format(ofPath path: String) -> String? {
        let lower = path.lowercased()
        return formats.first { lower.hasSuffix($0.suffix) }?.format
    }

    public init(path: String) throws(ImportError) {
        guard let format = Self.format(ofPath: path) else {
            throw ImportError("", "is not an OpenStreetMap file name (.osm.pbf, .osm, .osm.bz2)")
        }
        var message = [CChar](repeating: 0, count: 512)
        guard let extract = cosmium_read(path, format, &message, message.count) else {
            let reason = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ImportError("", "cannot be read as OpenStreetMap \(format) data: \(reason)")
        }
        defer { cosmium_free(extract) }

        var features: [GeoFeature] = []
        let count = cosmium_area_count(extract)
        features.reserveCapacity(count)
        for a in 0..<count {
            let name = Self.name(type: cosmium_area_type(extract, a), id: cosmium_area_id(extract, a))
            var properties: [String: PropertyValue] = [:]
            for t in 0..<cosmium_tag_count(extract, a) {
                properties[String(cString: cosmium_tag_key(extract, a, t))] = .string(
                    String(cString: cosmium_tag_value(extract, a, t)))
            }
            var polygons: [GeoPolygon] = []
            for r in 0..<cosmium_ring_count(extract, a) {
                var n = 0
                let points = cosmium_ring(extract, a, r, &n)!
                var ring: [Coordinate] = []
                ring.reserveCapacity(n)
                for i in 0..<n { ring.append(Coordinate(points[2 * i], points[2 * i + 1])) }
                if cosmium_ring_is_outer(extract, a, r) != 0 {
                    let part = polygons.count
                    polygons.append(GeoPolygon(outer: ring, path: part == 0 ? name : "\(name) outer ring \(part + 1)"))
                } else {
                    polygons[polygons.count - 1].holes.append(ring)
                }
            }
            features.append(
                GeoFeature(
                    index: a, path: name, featureID: name, properties: properties, polygons: polygons,
                    propertiesPath: "\(name) tags", propertyPrefix: "\(name) tag "))
        }
        var skipped: [ImportReport.Skipped] = []
        for p in 0..<cosmium_problem_count(extract) {
            let name = Self.name(type: cosmium_problem_type(extract, p), id: cosmium_problem_id(extract, p))
            let reason = String(cString: cosmium_problem_message(extract, p))
            skipped.append(
                ImportReport.Skipped(
                    source: name, name: nil, reason: reason.contains("missing") ? "missing from the extract" : "rings",
                    message: "\(name): \(reason)"))
        }
        self.features = features
        self.skipped = skipped
    }

    /// `way/123`, `relation/45`: how OpenStreetMap names an object.
    static func name(type: CChar, id: Int64) -> String {
        "\(type == CChar(UInt8(ascii: "r")) ? "relation" : "way")/\(id)"
    }
}
