import Crypto
import Foundation
import GRDB
import Testing

// Scenes over HTTP against the real server and its SQLite file: ids and tokens,
// If-Match, every revision kept, building-level edits, and that refused changes
// change nothing (DESIGN.md "HTTP API contract", issue 6).

extension DaemonTests {
    @Suite struct ScenesAPI {
        @Test func createdSceneReadsBackByteForByteWithUnguessableIdAndToken() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let created = try await server.send("POST", "/v1/scenes", json: sample)
                #expect(created.status == 201)
                let o = try created.object()
                let id = try #require(o["id"] as? String)
                let token = try #require(o["editToken"] as? String)
                #expect(id.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil)  // 128 bits
                #expect(token.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil)  // 256 bits
                #expect(o["revision"] as? Int == 1)
                #expect(created.header("Location") == "/v1/scenes/\(id)")

                let read = try await server.get("/v1/scenes/\(id)")
                #expect(read.status == 200)
                #expect(read.body == sample)
                #expect(read.header("ETag") == "\"1\"")
                let again = try await server.get("/v1/scenes/\(id)", headers: ["If-None-Match": "\"1\""])
                #expect(again.status == 304)

                let second = try await server.create(sample)
                #expect(second.id != id)
                #expect(second.token != token)
            }
        }

        @Test func tokenIsStoredOnlyAsItsSHA256() async throws {
            // Reference vector (FIPS 180-2, appendix B.1) pins the hash function itself.
            #expect(
                SHA256.hash(data: Data("abc".utf8)).map { String(format: "%02x", $0) }.joined()
                    == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            try await withServer { server in
                let (id, token, _) = try await server.create(try Repo.sample())
                let db = try DatabaseQueue(path: server.directory.appendingPathComponent("scenes.sqlite").path)
                let stored = try await db.read { db in
                    try Data.fetchOne(db, sql: "SELECT tokenHash FROM scene WHERE id = ?", arguments: [id])
                }
                #expect(stored == Data(SHA256.hash(data: Data(token.utf8))))
                // The clear token appears nowhere on disk (database, WAL).
                for file in try FileManager.default.contentsOfDirectory(atPath: server.directory.path) {
                    let bytes = try Data(contentsOf: server.directory.appendingPathComponent(file))
                    #expect(bytes.range(of: Data(token.utf8)) == nil, "token found in \(file)")
                }
            }
        }

        @Test func everyChangeNeedsTheTokenAndTheCurrentRevision() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let edited = try renamed(sample, to: "edited")
                let path = "/v1/scenes/\(id)"
                let bearer = "Bearer \(token)"
                let wrong = "Bearer " + String(repeating: "0", count: 64)

                let cases: [(headers: [String: String], status: Int, code: String, where: String?)] = [
                    (["If-Match": "1"], 401, "missing_token", "Authorization"),
                    (["If-Match": "1", "Authorization": "Basic abc"], 401, "malformed_token", "Authorization"),
                    (["If-Match": "1", "Authorization": wrong], 403, "wrong_token", "Authorization"),
                    (["Authorization": bearer], 428, "missing_if_match", "If-Match"),
                    (["Authorization": bearer, "If-Match": "soon"], 400, "bad_if_match", "If-Match"),
                    (["Authorization": bearer, "If-Match": "7"], 412, "stale_revision", "If-Match"),
                ]
                for c in cases {
                    let reply = try await server.send("PUT", path, json: edited, headers: c.headers)
                    #expect(reply.status == c.status, "\(c.headers)")
                    let e = try reply.error()
                    #expect(e["code"] as? String == c.code)
                    #expect(e["path"] as? String == c.where)
                    // Refused: the scene is untouched.
                    let read = try await server.get(path)
                    #expect(read.body == sample && read.header("ETag") == "\"1\"")
                }

                let put = try await server.send(
                    "PUT", path, json: edited, headers: ["Authorization": bearer, "If-Match": "\"1\""])
                #expect(put.status == 200)
                #expect(try put.object()["revision"] as? Int == 2)
                #expect(try await server.get(path).body == edited)

                // A second editor still holding revision 1 is refused, and told the current one.
                let late = try await server.send(
                    "PUT", path, json: sample, headers: ["Authorization": bearer, "If-Match": "1"])
                #expect(late.status == 412)
                #expect(late.header("ETag") == "\"2\"")
                #expect(try await server.get(path).body == edited)
            }
        }

        @Test func concurrentEditsFromOneRevisionLetExactlyOneWin() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<8 {
                        let body = try renamed(sample, to: "editor \(i)")
                        group.addTask {
                            try await server.send(
                                "PUT", "/v1/scenes/\(id)", json: body,
                                headers: ["Authorization": "Bearer \(token)", "If-Match": "1"]
                            ).status
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 200 }.count == 1)
                #expect(statuses.filter { $0 == 412 }.count == 7)
                let history = try await server.get("/v1/scenes/\(id)/history").object()
                #expect(history["revision"] as? Int == 2)
            }
        }

        @Test func historyKeepsEveryRevisionAndRestoreBringsOneBack() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let auth = "Bearer \(token)"
                let second = try renamed(sample, to: "second")
                _ = try await server.send(
                    "PUT", "/v1/scenes/\(id)", json: second, headers: ["Authorization": auth, "If-Match": "1"])

                let history = try await server.get("/v1/scenes/\(id)/history")
                #expect(history.status == 200)
                let h = try history.object()
                #expect(h["revision"] as? Int == 2)
                let revisions = try #require(h["revisions"] as? [[String: Any]])
                #expect(revisions.map { $0["revision"] as? Int } == [1, 2])
                #expect(revisions.map { $0["action"] as? String } == ["create", "replace"])
                #expect(revisions.map { $0["bytes"] as? Int } == [sample.count, second.count])

                #expect(try await server.get("/v1/scenes/\(id)/revisions/1").body == sample)
                #expect(try await server.get("/v1/scenes/\(id)/revisions/9").status == 404)

                let restore = try await server.request(
                    "POST", "/v1/scenes/\(id)/revisions/1/restore",
                    headers: ["Authorization": auth, "If-Match": "2"])
                #expect(restore.status == 200)
                #expect(try restore.object()["revision"] as? Int == 3)
                #expect(try await server.get("/v1/scenes/\(id)").body == sample)
                #expect(try await server.get("/v1/scenes/\(id)/revisions/2").body == second)  // nothing lost
            }
        }

        @Test func buildingLevelEditsAddReplaceAndRemoveOneBuilding() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let auth = "Bearer \(token)"
                let tower = Array(#"{"footprint":[[100,100],[120,100],[120,130],[100,130]],"height":40}"#.utf8)
                let put = try await server.send(
                    "PUT", "/v1/scenes/\(id)/buildings/T9", json: tower,
                    headers: ["Authorization": auth, "If-Match": "1"])
                #expect(put.status == 200, "\(put.text)")
                var ids = try buildingIDs(try await server.get("/v1/scenes/\(id)").body)
                #expect(ids == (try buildingIDs(sample)) + ["T9"])

                let taller = Array(
                    #"{"id":"T9","footprint":[[100,100],[120,100],[120,130],[100,130]],"height":80}"#.utf8)
                let replaced = try await server.send(
                    "PUT", "/v1/scenes/\(id)/buildings/T9", json: taller,
                    headers: ["Authorization": auth, "If-Match": "2"])
                #expect(replaced.status == 200)
                let doc =
                    try JSONSerialization.jsonObject(with: Data(try await server.get("/v1/scenes/\(id)").body))
                    as! [String: Any]
                let t9 = (doc["buildings"] as! [[String: Any]]).first { $0["id"] as? String == "T9" }
                #expect(t9?["height"] as? Double == 80)

                // A building that breaks a rule: 422 naming the path, and no new revision.
                let broken = Array(#"{"box":{"x":0,"y":0,"width":-5,"depth":10},"height":10}"#.utf8)
                let refused = try await server.send(
                    "PUT", "/v1/scenes/\(id)/buildings/B", json: broken,
                    headers: ["Authorization": auth, "If-Match": "3"])
                #expect(refused.status == 422)
                #expect((try refused.error()["path"] as? String)?.hasSuffix(".box.width") == true)
                let mismatched = Array(#"{"id":"X","height":10,"box":{"x":0,"y":0,"width":5,"depth":5}}"#.utf8)
                let wrongID = try await server.send(
                    "PUT", "/v1/scenes/\(id)/buildings/B", json: mismatched,
                    headers: ["Authorization": auth, "If-Match": "3"])
                #expect(wrongID.status == 422)
                #expect(try await server.get("/v1/scenes/\(id)").header("ETag") == "\"3\"")

                let removed = try await server.request(
                    "DELETE", "/v1/scenes/\(id)/buildings/T9",
                    headers: ["Authorization": auth, "If-Match": "3"])
                #expect(removed.status == 200)
                ids = try buildingIDs(try await server.get("/v1/scenes/\(id)").body)
                #expect(ids == (try buildingIDs(sample)))
                let missing = try await server.request(
                    "DELETE", "/v1/scenes/\(id)/buildings/T9",
                    headers: ["Authorization": auth, "If-Match": "4"])
                #expect(missing.status == 404)
            }
        }

        @Test func deletedSceneIsGoneWithItsHistory() async throws {
            try await withServer { server in
                let (id, token, _) = try await server.create(try Repo.sample())
                let noToken = try await server.request("DELETE", "/v1/scenes/\(id)", headers: ["If-Match": "1"])
                #expect(noToken.status == 401)
                let deleted = try await server.request(
                    "DELETE", "/v1/scenes/\(id)",
                    headers: ["Authorization": "Bearer \(token)", "If-Match": "1"])
                #expect(deleted.status == 204)
                #expect(try await server.get("/v1/scenes/\(id)").status == 404)
                #expect(try await server.get("/v1/scenes/\(id)/history").status == 404)
                #expect(try await server.get("/v1/scenes/\(id)/revisions/1").status == 404)
            }
        }
    }
}

/// The scene with another `name` (a real edit that stays valid).
func renamed(_ document: [UInt8], to name: String) throws -> [UInt8] {
    var o = try JSONSerialization.jsonObject(with: Data(document)) as! [String: Any]
    o["name"] = name
    return Array(try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]))
}

func buildingIDs(_ document: [UInt8]) throws -> [String] {
    let o = try JSONSerialization.jsonObject(with: Data(document)) as! [String: Any]
    return (o["buildings"] as! [[String: Any]]).map { $0["id"] as! String }
}
