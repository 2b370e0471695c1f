import Foundation
import Scene
import SolarCore

/// Reads a scene document strictly: malformed JSON, unknown keys, wrong types and
/// broken rules each come back as one ``SceneIssue`` naming the JSON path.
public enum SceneLoader {
    /// The scene format's fields, read off `SceneDocument`'s Codable conformance: the one
    /// source of the keys each object may have (anything else is an error: typos must not
    /// be ignored) and of which fields are optional.
    public static let documentShape = DecodableShape.of(SceneDocument.self)

    public static func load(contentsOf url: URL) throws(SceneValidationError) -> Scene {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SceneValidationError(issues: [
                SceneIssue(path: "", message: "cannot read \(url.path): \(error.localizedDescription)")
            ])
        }
        return try load(data)
    }

    public static func load(_ data: Data) throws(SceneValidationError) -> Scene {
        try validated(decode(data))
    }

    /// Checks every rule of a decoded document, asking the system which time zones exist.
    public static func validated(_ document: SceneDocument) throws(SceneValidationError) -> Scene {
        try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
    }

    public static func decode(_ data: Data) throws(SceneValidationError) -> SceneDocument {
        try decode(SceneDocument.self, from: data)
    }

    /// Decodes one part of the format strictly (a whole document, or a building at
    /// `buildings[3]`): every issue's path starts with `path`.
    public static func decode<T: Decodable>(
        _ type: T.Type, from data: Data, at path: String = ""
    ) throws(SceneValidationError) -> T {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw SceneValidationError(issues: [
                SceneIssue(path: path, message: "is not valid JSON (\(describe(error)))")
            ])
        }
        return try decode(type, json: json, data: data, at: path)
    }

    /// Decodes a value already parsed by `JSONSerialization` (an object the caller completed).
    public static func decode<T: Decodable>(
        _ type: T.Type, json: Any, at path: String = ""
    ) throws(SceneValidationError) -> T {
        guard JSONSerialization.isValidJSONObject(json), let data = try? JSONSerialization.data(withJSONObject: json)
        else {
            throw SceneValidationError(issues: [SceneIssue(path: path, message: "must be a JSON object")])
        }
        return try decode(type, json: json, data: data, at: path)
    }

    /// Decodes `data`, already parsed by `JSONSerialization` into `json` (the key check walks
    /// that tree; the typed values come from `JSONDecoder`).
    public static func decode<T: Decodable>(
        _ type: T.Type, json: Any, data: Data, at path: String
    ) throws(SceneValidationError) -> T {
        var issues: [SceneIssue] = []
        let shape = type == SceneDocument.self ? documentShape : DecodableShape.of(type)
        checkKeys(json, path: path, shape: shape, into: &issues)
        if !issues.isEmpty { throw SceneValidationError(issues: issues) }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SceneValidationError(issues: [issue(from: error, at: path)])
        } catch {
            throw SceneValidationError(issues: [SceneIssue(path: path, message: "cannot be decoded: \(error)")])
        }
    }

    /// Names every key of `value` that `shape` does not read, with its path.
    static func checkKeys(_ value: Any, path: String, shape: DecodableShape, into issues: inout [SceneIssue]) {
        switch shape {
        case let .object(fields):
            guard let object = value as? [String: Any] else { return }
            let allowed = Set(fields.map(\.name))
            for key in object.keys.sorted() where !allowed.contains(key) {
                issues.append(
                    SceneIssue(
                        path: join(path, key),
                        message:
                            "is not a field of the scene format (allowed: \(allowed.sorted().joined(separator: ", ")))")
                )
            }
            for field in fields {
                if let child = object[field.name] {
                    checkKeys(child, path: join(path, field.name), shape: field.shape, into: &issues)
                }
            }
        case let .list(element):
            guard let list = value as? [Any] else { return }
            for (i, item) in list.enumerated() { checkKeys(item, path: "\(path)[\(i)]", shape: element, into: &issues) }
        default:
            return
        }
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    static func render(_ codingPath: [CodingKey], from start: String) -> String {
        var out = start
        for key in codingPath {
            if let i = key.intValue { out += "[\(i)]" } else { out = join(out, key.stringValue) }
        }
        return out
    }

    static func issue(from error: DecodingError, at path: String) -> SceneIssue {
        let render = { (codingPath: [CodingKey]) in Self.render(codingPath, from: path) }
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
            return SceneIssue(path: path, message: "cannot be decoded")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is Int.Type: return "an integer"
        case is String.Type: return "a string"
        default:
            let name = String(describing: type)
            return name.hasPrefix("Array")
                ? "a list" : name.hasPrefix("Dictionary") || name.hasSuffix("Spec") ? "an object" : name
        }
    }

    static func describe(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
