import Foundation

/// Which imported buildings get the `--units` flats.
///
/// Without a filter every building with storeys gets them, office towers and
/// kindergartens included, which is rarely what a site plan means. `--units-tag
/// "building=residential|apartments|house"` keeps the buildings whose OSM tag has one of
/// the values (OpenStreetMap's `building=*` says what a building is used for);
/// `--units-on 1,2,3` keeps the listed building ids. Given both, a building must pass both.
public struct UnitTargets: Sendable, Equatable {
    /// The property to read (`building`) and the values that admit a building.
    public var tag: (key: String, values: [String])?
    /// Building ids, as the scene will carry them (`way-123`, `G-1`).
    public var buildingIDs: [String]?

    /// The OSM values that mean homes, for the help's example.
    public static let residentialTag = "building=residential|apartments|house"

    public init(tag: (key: String, values: [String])? = nil, buildingIDs: [String]? = nil) {
        self.tag = tag
        self.buildingIDs = buildingIDs
    }

    public static func == (a: UnitTargets, b: UnitTargets) -> Bool {
        a.tag?.key == b.tag?.key && a.tag?.values == b.tag?.values && a.buildingIDs == b.buildingIDs
    }

    /// Reads `--units-tag KEY=VALUE|VALUE…`; a problem names the option and shows the form.
    public static func parseTag(_ text: String) throws(ImportError) -> (key: String, values: [String]) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let values =
            parts.count == 2 ? parts[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } : []
        guard parts.count == 2, !parts[0].isEmpty, !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw ImportError("--units-tag", "'\(text)' must be KEY=VALUE|VALUE…, e.g. \"\(residentialTag)\"")
        }
        return (parts[0], values)
    }

    /// Reads `--units-on ID,ID…` (ids as the scene will carry them).
    public static func parseIDs(_ text: String) throws(ImportError) -> [String] {
        let ids = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard !ids.contains(where: \.isEmpty) else {
            throw ImportError("--units-on", "'\(text)' must be building ids separated by commas, e.g. 1,2,3")
        }
        return ids
    }

    /// Whether a building with this id and these feature properties gets the flats.
    func admits(id: String, properties: [String: PropertyValue]) -> Bool {
        if let buildingIDs, !buildingIDs.contains(id) { return false }
        if let tag {
            guard let value = properties[tag.key]?.text, tag.values.contains(value) else { return false }
        }
        return true
    }

    /// Every listed id must be a building of the file that has storeys: a typo or a
    /// building without `building:levels` would otherwise silently get no flats.
    func checkListedIDs(in buildings: [(id: String, hasStoreys: Bool)]) throws(ImportError) {
        guard let buildingIDs else { return }
        for id in buildingIDs {
            guard let b = buildings.first(where: { $0.id == id }) else {
                let known = buildings.map(\.id).joined(separator: ", ")
                throw ImportError("--units-on", "no building '\(id)' in the file (its ids: \(known))")
            }
            if !b.hasStoreys {
                throw ImportError(
                    "--units-on", "building '\(id)' has no storeys (no building:levels), so it cannot take flats")
            }
        }
    }
}
