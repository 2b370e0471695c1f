import Foundation
import Scene
import SolarCore

/// Reads a scene document strictly: malformed JSON, unknown keys, wrong types and
/// broken rules each come back as one ``SceneIssue`` naming the JSON path.
public enum SceneLoader {
    /// Keys each object of the format may have; anything else is an error (typos must not be ignored).
    static let allowedKeys: [String: Set<String>] = [
        "": ["version", "name", "site", "buildings"],
        "site": ["latitude", "longitude", "timeZone", "elevation", "northAngle"],
        "building": ["id", "name", "box", "footprint", "height", "floors", "floorHeight", "base", "units"],
        "box": ["x", "y", "width", "depth", "rotation"],
        "unit": ["id", "name", "windows"],
        "window": ["face", "edge", "offset", "width", "sill", "height", "reveal", "recess", "overhang"],
        "recess": ["depth", "width", "height"],
        "overhang": ["depth", "aboveSill", "extend", "thickness"],
    ]

    public static func load(contentsOf url: URL) throws(SceneValidationError) -> Scene {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SceneValidationError(issues: [SceneIssue(path: "", message: "cannot read \(url.path): \(error.localizedDescription)")])
        }
        return try load(data)
    }

    public static func load(_ data: Data) throws(SceneValidationError) -> Scene {
        let document = try decode(data)
        return try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
    }

    public static func decode(_ data: Data) throws(SceneValidationError) -> SceneDocument {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SceneValidationError(issues: [SceneIssue(path: "", message: "is not valid JSON (\(describe(error)))")])
        }
        var issues: [SceneIssue] = []
        checkKeys(json, path: "", kind: "", into: &issues)
        if !issues.isEmpty { throw SceneValidationError(issues: issues) }
        do {
            return try JSONDecoder().decode(SceneDocument.self, from: data)
        } catch let error as DecodingError {
            throw SceneValidationError(issues: [issue(from: error)])
        } catch {
            throw SceneValidationError(issues: [SceneIssue(path: "", message: "cannot be decoded: \(error)")])
        }
    }

    static func checkKeys(_ value: Any, path: String, kind: String, into issues: inout [SceneIssue]) {
        guard let object = value as? [String: Any] else { return }
        let allowed = allowedKeys[kind] ?? []
        for key in object.keys.sorted() where !allowed.contains(key) {
            issues.append(SceneIssue(path: join(path, key), message: "is not a field of the scene format (allowed: \(allowed.sorted().joined(separator: ", ")))"))
        }
        func each(_ key: String, _ child: String) {
            if let list = object[key] as? [Any] {
                for (i, item) in list.enumerated() { checkKeys(item, path: "\(join(path, key))[\(i)]", kind: child, into: &issues) }
            }
        }
        switch kind {
        case "":
            if let site = object["site"] { checkKeys(site, path: "site", kind: "site", into: &issues) }
            each("buildings", "building")
        case "building":
            if let box = object["box"] { checkKeys(box, path: join(path, "box"), kind: "box", into: &issues) }
            each("units", "unit")
        case "unit":
            each("windows", "window")
        case "window":
            for child in ["recess", "overhang"] {
                if let value = object[child] { checkKeys(value, path: join(path, child), kind: child, into: &issues) }
            }
        default: break
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func render(_ codingPath: [CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out = join(out, key.stringValue) }
        }
        return out
    }

    static func issue(from error: DecodingError) -> SceneIssue {
        switch error {
        case let .keyNotFound(key, context):
            return SceneIssue(path: join(render(context.codingPath), key.stringValue), message: "is required")
        case let .typeMismatch(type, context):
            return SceneIssue(path: render(context.codingPath), message: "must be \(typeName(type))")
        case let .valueNotFound(type, context):
            return SceneIssue(path: render(context.codingPath), message: "must be \(typeName(type)), not null")
        case let .dataCorrupted(context):
            return SceneIssue(path: render(context.codingPath), message: "is invalid: \(context.debugDescription)")
        @unknown default:
            return SceneIssue(path: "", message: "cannot be decoded")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is Int.Type: return "an integer"
        case is String.Type: return "a string"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") || name.hasSuffix("Spec") ? "an object" : name
        }
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
