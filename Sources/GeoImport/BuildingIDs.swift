import Foundation

/// Building ids for imported features, unique within the scene.
///
/// A feature's id is its `id` property, else the Feature's own `id` member, else
/// its `@id` property (OSM exports: `way/123` becomes `way-123`, since ids may not
/// contain `/`), else its 1-based position in the file. A MultiPolygon's parts get
/// `-1`, `-2`, … after it.
struct BuildingIDs {
    private var seen: [String: String] = [:]  // id → path of the feature that took it

    mutating func id(for feature: GeoFeature, part: Int) throws(ImportError) -> String {
        let prefix = feature.path.isEmpty ? "" : "\(feature.path)."
        let (base, source): (String, String)
        if let v = feature.properties["id"]?.text {
            (base, source) = (v, "\(prefix)properties.id")
        } else if let v = feature.featureID {
            (base, source) = (v, "\(prefix)id")
        } else if let v = feature.properties["@id"]?.text {
            (base, source) = (v, "\(prefix)properties.@id")
        } else {
            (base, source) = ("\(feature.index + 1)", feature.path)
        }
        let cleaned = base.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "/", with: "-")
        let id = feature.polygons.count > 1 ? "\(cleaned)-\(part + 1)" : cleaned
        guard (1...64).contains(id.count) else {
            throw ImportError(source, "'\(base)' cannot be a building id (ids are 1–64 characters)")
        }
        if let first = seen[id] {
            throw ImportError(source, "building id '\(id)' is already taken by \(first); ids must be unique")
        }
        seen[id] = feature.path.isEmpty ? "the feature" : feature.path
        return id
    }
}
