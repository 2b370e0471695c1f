import Foundation
import Scene
import SunSpotIO
import SunSpotReports
import Testing
import Yams

/// `openapi.yaml` describes the scene format and the derived geometry; the Swift types are
/// the format. Every field must be on both sides with the same optionality and JSON type,
/// so the document cannot drift from `SceneDocument` (issue 15 §2).
@Suite("openapi.yaml's scene schemas match the Swift types")
struct OpenAPISceneSchemaTests {
    // Read once and never changed (a [String: Any] cannot be Sendable).
    nonisolated(unsafe) static let spec: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SunSpotServer/openapi.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return ((try? Yams.load(yaml: text)) as? [String: Any]) ?? [:]
    }()

    static func schema(_ name: String) -> Any? {
        ((spec["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name]
    }

    /// A schema with `$ref`s followed and `allOf` parts merged (properties and required lists).
    static func resolved(_ node: Any?) -> [String: Any] {
        guard var schema = node as? [String: Any] else { return [:] }
        if let ref = schema["$ref"] as? String, ref.hasPrefix("#/components/schemas/") {
            return resolved(Self.schema(String(ref.dropFirst("#/components/schemas/".count))))
        }
        if let parts = schema.removeValue(forKey: "allOf") as? [Any] {
            var required = Set(schema["required"] as? [String] ?? [])
            for part in parts.map(resolved) {
                required.formUnion(part["required"] as? [String] ?? [])
                schema.merge(part) { mine, _ in mine }
            }
            schema["required"] = Array(required)
        }
        return schema
    }

    /// Every disagreement between `shape` and `schema`, each naming its JSON path.
    static func differences(_ shape: DecodableShape, _ node: Any?, path: String) -> [String] {
        let schema = resolved(node)
        let type = schema["type"] as? String
        let here = path.isEmpty ? "(root)" : path
        switch shape {
        case .number, .integer, .string, .boolean:
            let expected = "\(shape)"
            return type == expected ? [] : ["\(here): Swift reads \(expected), openapi.yaml says \(type ?? "nothing")"]
        case let .list(element):
            guard type == "array" else {
                return ["\(here): Swift reads a list, openapi.yaml says \(type ?? "nothing")"]
            }
            return differences(element, schema["items"], path: path + "[]")
        case let .object(fields):
            guard type == "object" else {
                return ["\(here): Swift reads an object, openapi.yaml says \(type ?? "nothing")"]
            }
            var found: [String] = []
            if schema["additionalProperties"] as? Bool != false {
                found.append("\(here): openapi.yaml must refuse other fields (additionalProperties: false)")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            let required = Set(schema["required"] as? [String] ?? [])
            for name in Set(properties.keys).subtracting(fields.map(\.name)).sorted() {
                found.append("\(path.isEmpty ? name : "\(path).\(name)"): in openapi.yaml, not in the Swift type")
            }
            for field in fields {
                let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
                guard let property = properties[field.name] else {
                    found.append("\(fieldPath): in the Swift type, not in openapi.yaml")
                    continue
                }
                if required.contains(field.name) == field.isOptional {
                    found.append(
                        "\(fieldPath): Swift says \(field.isOptional ? "optional" : "required"), openapi.yaml the opposite"
                    )
                }
                found += differences(field.shape, property, path: fieldPath)
            }
            return found
        case .opaque:
            return ["\(here): the Swift type cannot be probed"]
        }
    }

    @Test func theSceneDocumentSchemaHasEveryFieldOfSceneDocument() {
        #expect(Self.schema("SceneDocument") != nil)
        let found = Self.differences(SceneLoader.documentShape, Self.schema("SceneDocument"), path: "")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// The body of `PUT …/buildings/{id}` is a BuildingSpec whose id may be left out (the URL names it).
    @Test func theBuildingBodySchemaIsABuildingSpecWithAnOptionalID() {
        let spec = DecodableShape.of(BuildingSpec.self)
        let body = DecodableShape.object(
            spec.fields.map {
                $0.name == "id" ? .init(name: "id", isOptional: true, shape: $0.shape) : $0
            })
        let found = Self.differences(body, Self.schema("Building"), path: "building")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
        #expect(spec.field("id")?.isOptional == false)
    }

    @Test func theGeometrySchemaHasEveryFieldOfTheGeometryReport() {
        let found = Self.differences(
            DecodableShape.of(SceneGeometryReport.self), Self.schema("SceneGeometry"), path: "")
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    /// The check itself finds a field the document lacks and a wrong optionality.
    @Test func aMissingFieldAndAWrongOptionalityAreFound() {
        let shape = DecodableShape.of(BoxSpec.self)
        let schema: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["x", "y", "width", "depth", "rotation"],
            "properties": [
                "x": ["type": "number"], "y": ["type": "number"], "width": ["type": "number"],
                "rotation": ["type": "number"],
            ],
        ]
        let found = Self.differences(shape, schema, path: "box")
        #expect(found.contains("box.depth: in the Swift type, not in openapi.yaml"), "\(found)")
        #expect(found.contains("box.rotation: Swift says optional, openapi.yaml the opposite"), "\(found)")
        #expect(found.count == 2, "\(found)")
    }
}
