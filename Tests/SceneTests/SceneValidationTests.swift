import Foundation
import SunSpotIO
import Testing

@testable import Scene

/// Every rule of the scene format fails with a message naming the JSON path.
@Suite("Scene validation names the path and the rule")
struct SceneValidationTests {
    static let good = """
        {"version":1,"site":{"latitude":31.2,"longitude":121.5,"timeZone":"Asia/Shanghai"},
         "buildings":[{"id":"1","box":{"x":0,"y":0,"width":40,"depth":12},"floors":6,"floorHeight":2.9,
           "units":[{"id":"east","windows":[{"face":"south","offset":10,"width":1.8}]}]},
          {"id":"T","footprint":[[0,-40],[20,-40],[20,-30],[0,-30]],"height":50}]}
        """

    /// Applies `edit` to the good document's JSON and returns the first issue.
    func firstIssue(_ edit: (inout [String: Any]) -> Void) throws -> SceneIssue? {
        var json = try JSONSerialization.jsonObject(with: Data(Self.good.utf8)) as! [String: Any]
        edit(&json)
        let data = try JSONSerialization.data(withJSONObject: json)
        do {
            _ = try SceneLoader.load(data)
            return nil
        } catch {
            return error.issues.first
        }
    }

    static func building(_ json: inout [String: Any], _ i: Int, _ edit: (inout [String: Any]) -> Void) {
        var list = json["buildings"] as! [[String: Any]]
        edit(&list[i])
        json["buildings"] = list
    }

    @Test func theGoodSceneIsValid() throws {
        #expect(try firstIssue { _ in } == nil)
    }

    @Test(arguments: [
        ("negative width", "buildings[0].box.width", "must be > 0"),
        ("latitude 95", "site.latitude", "-90...90"),
        ("unknown zone", "site.timeZone", "not a known IANA time zone"),
        ("duplicate id", "buildings[1].id", "duplicates buildings[0].id"),
        ("self-intersecting", "buildings[1].footprint", "self-intersecting"),
        ("clockwise", "buildings[1].footprint", "counter-clockwise"),
        ("window too wide", "buildings[0].units[0].windows[0].width", "wider than its facade"),
        ("window past end", "buildings[0].units[0].windows[0].offset", "past the facade's end"),
        ("bad face", "buildings[0].units[0].windows[0].face", "must be one of south"),
        ("edge on a box", "buildings[0].units[0].windows[0].edge", "applies to footprint buildings"),
        ("no height", "buildings[1]", "needs height"),
        ("both shapes", "buildings[1]", "has both box and footprint"),
        ("unknown key", "buildings[0].box.colour", "is not a field"),
        ("wrong type", "buildings[0].floors", "must be an integer"),
        ("missing id", "buildings[0].id", "is required"),
        ("floors out of range", "buildings[0].floors", "1...200"),
        ("duplicate unit", "buildings[0].units[1].id", "duplicates buildings[0].units[0].id"),
        ("version 2", "version", "must be 1"),
        ("too many vertices", "buildings[1].footprint", "the limit is 256"),
    ])
    func brokenRuleNamesItsPath(_ c: (String, String, String)) throws {
        let (rule, path, message) = c
        let issue = try firstIssue { json in
            switch rule {
            case "negative width":
                Self.building(&json, 0) { b in b["box"] = ["x": 0, "y": 0, "width": -3, "depth": 12] }
            case "latitude 95": json["site"] = ["latitude": 95, "longitude": 121.5, "timeZone": "Asia/Shanghai"]
            case "unknown zone": json["site"] = ["latitude": 31, "longitude": 121.5, "timeZone": "Mars/Olympus"]
            case "duplicate id": Self.building(&json, 1) { $0["id"] = "1" }
            case "self-intersecting":
                Self.building(&json, 1) { $0["footprint"] = [[0, 0], [10, 10], [10, 0], [0, 10]] }
            case "clockwise": Self.building(&json, 1) { $0["footprint"] = [[0, 0], [0, 10], [10, 10], [10, 0]] }
            case "window too wide":
                Self.building(&json, 0) {
                    $0["units"] = [["id": "e", "windows": [["face": "east", "offset": 0, "width": 13]]]]
                }
            case "window past end":
                Self.building(&json, 0) {
                    $0["units"] = [["id": "e", "windows": [["face": "south", "offset": 19.5, "width": 1.8]]]]
                }
            case "bad face":
                Self.building(&json, 0) {
                    $0["units"] = [["id": "e", "windows": [["face": "up", "offset": 0, "width": 1]]]]
                }
            case "edge on a box":
                Self.building(&json, 0) {
                    $0["units"] = [["id": "e", "windows": [["edge": 1, "offset": 0, "width": 1]]]]
                }
            case "no height": Self.building(&json, 1) { $0["height"] = nil }
            case "both shapes": Self.building(&json, 1) { $0["box"] = ["x": 0, "y": 0, "width": 3, "depth": 3] }
            case "unknown key":
                Self.building(&json, 0) { $0["box"] = ["x": 0, "y": 0, "width": 40, "depth": 12, "colour": 1] }
            case "wrong type": Self.building(&json, 0) { $0["floors"] = "six" }
            case "missing id": Self.building(&json, 0) { $0["id"] = nil }
            case "floors out of range": Self.building(&json, 0) { $0["floors"] = 0 }
            case "duplicate unit":
                Self.building(&json, 0) { b in
                    let u: [String: Any] = ["id": "e", "windows": [["face": "south", "offset": 0, "width": 1]]]
                    b["units"] = [u, u]
                }
            case "version 2": json["version"] = 2
            case "too many vertices":
                Self.building(&json, 1) { b in
                    b["footprint"] = (0..<300).map { k -> [Double] in
                        let a = Double(k) / 300 * 2 * Double.pi
                        return [10 * cos(a), 10 * sin(a)]
                    }
                }
            default: Issue.record("no case \(rule)")
            }
        }
        let found = try #require(issue, "\(rule) was accepted")
        #expect(found.path == path, "\(rule): \(found)")
        #expect(found.description.contains(message), "\(rule): \(found)")
    }

    /// Found by schemathesis against sunspotd: a sill checked against a negative floor
    /// height built an inverted range and trapped the daemon instead of naming both fields.
    @Test func aSillWithANegativeFloorHeightIsReportedNotCrashed() throws {
        var json = try JSONSerialization.jsonObject(with: Data(Self.good.utf8)) as! [String: Any]
        Self.building(&json, 0) { b in
            b["floorHeight"] = -3
            b["units"] = [["id": "e", "windows": [["face": "south", "offset": 0, "width": 1, "sill": 0.5]]]]
        }
        let error = try #require(throws: SceneValidationError.self) {
            try SceneLoader.load(try JSONSerialization.data(withJSONObject: json))
        }
        let paths = error.issues.map(\.path)
        #expect(paths.contains("buildings[0].floorHeight"), "\(error)")
        #expect(paths.contains("buildings[0].units[0].windows[0].sill"), "\(error)")
    }

    @Test func malformedJSONIsReportedNotCrashed() throws {
        #expect(throws: SceneValidationError.self) { try SceneLoader.load(Data("{\"version\": 1,".utf8)) }
    }
}
