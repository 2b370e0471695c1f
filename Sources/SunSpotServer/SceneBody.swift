import Foundation
import Scene
import SunSpotKit

/// Turns request bodies into scene documents, with the contract's statuses: 400 for
/// bytes that are not JSON (or nested absurdly deep), 422 for JSON that breaks the
/// scene format, with the JSON path of the first problem (``SceneLoader`` finds them).
enum SceneBody {
    /// Deeper than any scene document can be (a scene nests 6 levels); deeper input is
    /// refused before a parser could recurse on it.
    static let maxNestingDepth = 32

    /// Checks `data` is one well-formed JSON object, without decoding the scene yet.
    static func parseObject(_ data: Data) throws -> [String: Any] {
        try checkNesting(data)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw APIError.badRequest("the body is not valid JSON (\(SceneLoaderMessage.describe(error)))",
                                      code: "malformed_json")
        }
        guard let object = json as? [String: Any] else {
            throw APIError.invalidScene("a scene document must be a JSON object", path: "")
        }
        return object
    }

    /// The validated scene of a body (400 or 422 on failure).
    @discardableResult
    static func validate(_ data: Data) throws -> Scene {
        _ = try parseObject(data)
        do {
            return try SceneLoader.load(data)
        } catch {
            throw invalid(error)
        }
    }

    /// 422 naming the first issue's path; the message lists every issue.
    static func invalid(_ error: SceneValidationError) -> APIError {
        let first = error.issues.first ?? SceneIssue(path: "", message: "is invalid")
        return APIError.invalidScene(error.description, path: first.path)
    }

    /// Rejects input whose arrays/objects nest deeper than ``maxNestingDepth`` (a byte
    /// scan that skips strings, so it costs one pass and no recursion).
    static func checkNesting(_ data: Data) throws {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNestingDepth {
                    throw APIError.badRequest("the JSON nests deeper than \(maxNestingDepth) levels", code: "malformed_json")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// The document with building `buildingID` replaced by `building` (or appended),
    /// re-encoded; the caller validates the whole result.
    static func puttingBuilding(_ building: [String: Any], id buildingID: String, into document: Data) throws -> Data {
        var doc = try parseObject(document)
        var building = building
        if let given = building["id"] {
            guard let text = given as? String, text == buildingID else {
                throw APIError.invalidScene("must equal the building id in the URL ('\(buildingID)')", path: "id")
            }
        }
        building["id"] = buildingID
        var list = doc["buildings"] as? [Any] ?? []
        if let i = list.firstIndex(where: { ($0 as? [String: Any])?["id"] as? String == buildingID }) {
            list[i] = building
        } else {
            list.append(building)
        }
        doc["buildings"] = list
        return try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The document without building `buildingID` (404 when it has none).
    static func removingBuilding(id buildingID: String, from document: Data) throws -> Data {
        var doc = try parseObject(document)
        var list = doc["buildings"] as? [Any] ?? []
        guard let i = list.firstIndex(where: { ($0 as? [String: Any])?["id"] as? String == buildingID }) else {
            throw APIError.notFound("the scene has no building '\(buildingID)'", path: "buildingId")
        }
        list.remove(at: i)
        doc["buildings"] = list
        return try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

/// Foundation's parse errors carry their detail in the debug description.
enum SceneLoaderMessage {
    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
