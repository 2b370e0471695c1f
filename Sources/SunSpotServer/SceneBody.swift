import Foundation
import Scene
import SunSpotIO

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
            throw APIError.badRequest(
                "the body is not valid JSON (\(SceneLoaderMessage.describe(error)))",
                code: "malformed_json")
        }
        guard let object = json as? [String: Any] else {
            throw APIError.invalidScene("a scene document must be a JSON object", path: "")
        }
        return object
    }

    /// The validated scene of a body (400 or 422 on failure): the bytes are parsed once
    /// for the key check and decoded once into the typed document.
    @discardableResult
    static func validate(_ data: Data) throws -> Scene {
        let object = try parseObject(data)
        return try validate(typed { try SceneLoader.decode(SceneDocument.self, json: object, data: data, at: "") })
    }

    /// The scene of a typed document (422 naming the first broken rule).
    @discardableResult
    static func validate(_ document: SceneDocument) throws -> Scene {
        try typed { try SceneLoader.validated(document) }
    }

    /// Runs a loader call, turning its issues into the contract's 422.
    static func typed<T>(_ call: () throws -> T) throws -> T {
        do {
            return try call()
        } catch let error as SceneValidationError {
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
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNestingDepth {
                    throw APIError.badRequest(
                        "the JSON nests deeper than \(maxNestingDepth) levels", code: "malformed_json")
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
    }

    /// A stored revision as its typed document (every stored revision passed validation).
    static func stored(_ data: Data) throws -> SceneDocument {
        try typed { try SceneLoader.decode(data) }
    }

    /// The stored document with building `buildingID` replaced by `building` (or appended),
    /// validated and encoded. `building` is the request's JSON object; its `id`, when
    /// given, must be the URL's. Issues name the building's place in the document.
    static func puttingBuilding(_ building: [String: Any], id buildingID: String, into stored: Data) throws -> Data {
        var document = try Self.stored(stored)
        var object = building
        if let given = object["id"] {
            guard let text = given as? String, text == buildingID else {
                throw APIError.invalidScene("must equal the building id in the URL ('\(buildingID)')", path: "id")
            }
        }
        object["id"] = buildingID
        let index = document.buildings.firstIndex { $0.id == buildingID } ?? document.buildings.count
        let spec = try typed { try SceneLoader.decode(BuildingSpec.self, json: object, at: "buildings[\(index)]") }
        if index < document.buildings.count {
            document.buildings[index] = spec
        } else {
            document.buildings.append(spec)
        }
        return try encoded(document)
    }

    /// The stored document without building `buildingID` (404 when it has none), validated and encoded.
    static func removingBuilding(id buildingID: String, from stored: Data) throws -> Data {
        var document = try Self.stored(stored)
        guard let i = document.buildings.firstIndex(where: { $0.id == buildingID }) else {
            throw APIError.notFound("the scene has no building '\(buildingID)'", path: "buildingId")
        }
        document.buildings.remove(at: i)
        return try encoded(document)
    }

    /// A document that passed validation, as the bytes to store.
    static func encoded(_ document: SceneDocument) throws -> Data {
        try validate(document)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}

/// Foundation's parse errors carry their detail in the debug description.
enum SceneLoaderMessage {
    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}
