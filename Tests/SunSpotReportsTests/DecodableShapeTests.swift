import Foundation
import Scene
import SunSpotIO
import Testing

/// The probe reads a Codable type's fields, their optionality and JSON types from the
/// type's own decoding code — what the scene loader's unknown-key check relies on.
@Suite("A Decodable type's shape is read from its decoding")
struct DecodableShapeTests {
    struct Sample: Decodable {
        struct Inner: Decodable { var flag: Bool }
        var name: String
        var count: Int?
        var points: [[Double]]
        var inner: Inner?
        var tags: [String]
    }

    @Test func fieldsOptionalityAndTypesAreRead() {
        let shape = DecodableShape.of(Sample.self)
        #expect(
            shape
                == .object([
                    .init(name: "name", isOptional: false, shape: .string),
                    .init(name: "count", isOptional: true, shape: .integer),
                    .init(name: "points", isOptional: false, shape: .list(.list(.number))),
                    .init(
                        name: "inner", isOptional: true,
                        shape: .object([.init(name: "flag", isOptional: false, shape: .boolean)])),
                    .init(name: "tags", isOptional: false, shape: .list(.string)),
                ]))
    }

    /// The scene format as DESIGN.md writes its example: every key of it is a field of the shape.
    @Test func everyKeyOfTheDesignExampleIsAFieldOfTheSceneShape() throws {
        let design = """
            {"version":1,"name":"n","site":{"latitude":31.2304,"longitude":121.4737,"timeZone":"Asia/Shanghai"},
             "buildings":[{"id":"3","name":"3号楼","box":{"x":0,"y":0,"width":60,"depth":12,"rotation":0},
               "floors":6,"floorHeight":2.9,
               "units":[{"id":"east","name":"东户","windows":[{"face":"south","offset":12,"width":1.8}]}]},
              {"id":"T1","footprint":[[-20,-45],[25,-45],[25,-20],[-20,-20]],"height":98}]}
            """
        var missing: [String] = []
        func walk(_ value: Any, _ shape: DecodableShape, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    guard let field = shape.field(key) else {
                        missing.append("\(path).\(key)")
                        continue
                    }
                    walk(child, field.shape, "\(path).\(key)")
                }
            } else if let list = value as? [Any], case let .list(element) = shape {
                for item in list { walk(item, element, path + "[]") }
            }
        }
        walk(try JSONSerialization.jsonObject(with: Data(design.utf8)), SceneLoader.documentShape, "")
        #expect(missing.isEmpty, "\(missing)")
        #expect(SceneLoader.documentShape.field("site")?.shape.field("northAngle")?.isOptional == true)
        #expect(SceneLoader.documentShape.field("buildings")?.isOptional == false)
    }
}
