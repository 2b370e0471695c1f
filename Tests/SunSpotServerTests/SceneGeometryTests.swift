import Foundation
import Testing

// The geometry routes hand out what the engine derives from a document: footprints and
// window frames worked out here by hand from DESIGN.md's rules (box corners rotated about
// the centre; a window `offset` from its facade's midpoint, looking out of the facade).

extension DaemonTests {
    @Suite struct SceneGeometry {
        static func near(_ a: [Double]?, _ b: [Double], _ tolerance: Double = 1e-9) -> Bool {
            guard let a, a.count == b.count else { return false }
            return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
        }

        static func points(_ value: Any?) -> [[Double]] {
            (value as? [[Any]] ?? []).map { $0.compactMap { ($0 as? NSNumber)?.doubleValue } }
        }

        static func window(_ report: [String: Any], building: Int, unit: Int, window: Int) -> [String: Any] {
            let b = (report["buildings"] as? [[String: Any]] ?? [])[building]
            let u = (b["units"] as? [[String: Any]] ?? [])[unit]
            return (u["windows"] as? [[String: Any]] ?? [])[window]
        }

        static func vector(_ value: Any?) -> [Double] {
            (value as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.doubleValue }
        }

        @Test func aSavedScenesPrismsAndWindowFramesAreTheBoxRules() async throws {
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let reply = try await server.get("/v1/scenes/\(id)/geometry")
                #expect(reply.status == 200)
                #expect(reply.header("ETag") == "\"1\"")
                let report = try reply.object()
                let buildings = try #require(report["buildings"] as? [[String: Any]])
                #expect(buildings.map { $0["id"] as? String }.prefix(4) == ["1", "2", "3", "4"])

                // Building 1: box centre (-32, 0), 50 × 12, not turned; 6 floors × 2.9 m.
                let one = buildings[0]
                let corners: [[Double]] = [[-57, -6], [-7, -6], [-7, 6], [-57, 6]]
                #expect(zip(Self.points(one["footprint"]), corners).allSatisfy { Self.near($0, $1) })
                #expect(abs((one["top"] as? Double ?? 0) - 17.4) < 1e-9)
                // East unit: south face, 12 m right of its midpoint seen from outside (east).
                let east = Self.window(report, building: 0, unit: 0, window: 0)
                #expect(Self.near(Self.vector(east["centre"]), [-20, -6]))
                #expect(Self.near(Self.vector(east["along"]), [1, 0]))
                #expect(Self.near(Self.vector(east["outward"]), [0, -1]))
                #expect(abs((east["facing"] as? Double ?? 0) - 180) < 1e-9)

                // Building 4: centre (32, 30), turned 8° counter-clockwise.
                let r = 8 * Double.pi / 180
                let turned = Self.window(report, building: 3, unit: 0, window: 0)
                #expect(
                    Self.near(
                        Self.vector(turned["centre"]), [32 + 12 * cos(r) + 6 * sin(r), 30 + 12 * sin(r) - 6 * cos(r)]))
                #expect(Self.near(Self.vector(turned["outward"]), [sin(r), -cos(r)]))
                #expect(abs((turned["facing"] as? Double ?? 0) - 172) < 1e-9)

                let again = try await server.get("/v1/scenes/\(id)/geometry", headers: ["If-None-Match": "\"1\""])
                #expect(again.status == 304)
                #expect(try await server.get("/v1/scenes/\(String(repeating: "0", count: 32))/geometry").status == 404)
            }
        }

        /// A draft on a grid turned 20° from true north: the frames stay in the document's
        /// frame, and the south facade faces azimuth 200°.
        @Test func aDraftsGeometryStaysInTheDocumentFrameWithItsNorthAngle() async throws {
            try await withServer { server in
                let draft = Array(
                    #"""
                    {"version":1,"site":{"latitude":31.2,"longitude":121.5,"timeZone":"Asia/Shanghai","northAngle":20},
                     "buildings":[{"id":"A","box":{"x":10,"y":5,"width":20,"depth":10},"floors":3,"floorHeight":3,
                       "units":[{"id":"u","windows":[{"face":"south","offset":-4,"width":1.5,"sill":1.0}]}]}]}
                    """#.utf8)
                let reply = try await server.send("POST", "/v1/geometry", json: draft)
                #expect(reply.status == 200, "\(reply.text)")
                let report = try reply.object()
                #expect(report["northAngle"] as? Double == 20)
                let corners: [[Double]] = [[0, 0], [20, 0], [20, 10], [0, 10]]
                let footprint = Self.points((report["buildings"] as? [[String: Any]])?.first?["footprint"])
                #expect(
                    footprint.count == 4 && zip(footprint, corners).allSatisfy { Self.near($0, $1) }, "\(footprint)")
                let w = Self.window(report, building: 0, unit: 0, window: 0)
                #expect(Self.near(Self.vector(w["centre"]), [6, 0]))
                #expect(abs((w["facing"] as? Double ?? 0) - 200) < 1e-9)
                #expect(w["sill"] as? Double == 1.0)
            }
        }

        @Test func aBrokenDraftIsRefusedWithThePathOfTheRule() async throws {
            try await withServer { server in
                let cases: [(String, String, String)] = [
                    (#"{"x":0,"y":0,"width":-5,"depth":10}"#, "buildings[0].box.width", "must be > 0"),
                    (#"{"x":0,"y":0,"width":5,"depth":10,"colour":1}"#, "buildings[0].box.colour", "is not a field"),
                ]
                for (box, path, message) in cases {
                    let draft = Array(
                        #"{"version":1,"site":{"latitude":31,"longitude":121,"timeZone":"Asia/Shanghai"},"buildings":[{"id":"A","box":\#(box),"height":10}]}"#
                            .utf8)
                    let reply = try await server.send("POST", "/v1/geometry", json: draft)
                    #expect(reply.status == 422)
                    let error = try reply.error()
                    #expect(error["path"] as? String == path)
                    #expect((error["message"] as? String)?.contains(message) == true, "\(error)")
                }
                #expect(try await server.send("POST", "/v1/geometry", json: Array("{".utf8)).status == 400)
            }
        }
    }
}
