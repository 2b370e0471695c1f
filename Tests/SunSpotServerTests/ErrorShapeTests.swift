import Foundation
import Testing

// Bad input: malformed and hostile bodies, wrong types, methods and ids always get a 4xx
// `{"error":{"code","message","path"}}`, never a 5xx, and never change a scene.

extension DaemonTests {
    @Suite struct ErrorShapes {
        static let hostileBodies: [(name: String, body: [UInt8], status: Int)] = [
            ("not JSON", Array("{\"version\": 1,".utf8), 400),
            (
                "NaN",
                Array(#"{"version":1,"site":{"latitude":NaN,"longitude":0,"timeZone":"UTC"},"buildings":[]}"#.utf8), 400
            ),
            (
                "deep nesting",
                Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), 400
            ),
            (
                "deep object nesting",
                Array((String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000)).utf8),
                400
            ),
            ("raw control character", Array("{\"version\":1,\"name\":\"a\u{01}b\"}".utf8), 400),
            (
                "huge number",
                Array(#"{"version":1,"site":{"latitude":1e400,"longitude":0,"timeZone":"UTC"},"buildings":[]}"#.utf8),
                400
            ),
            (
                "huge integer",
                Array(
                    #"{"version":1,"site":{"latitude":1,"longitude":0,"timeZone":"UTC"},"buildings":[{"id":"a","box":{"x":0,"y":0,"width":1,"depth":1},"floors":99999999999999999999999,"floorHeight":3}]}"#
                        .utf8), 422
            ),
            ("array", Array("[1,2,3]".utf8), 422),
            ("empty object", Array("{}".utf8), 422),
            (
                "unknown key",
                Array(
                    #"{"version":1,"site":{"latitude":1,"longitude":0,"timeZone":"UTC"},"buildings":[],"colour":"red"}"#
                        .utf8), 422
            ),
            (
                "wrong type",
                Array(#"{"version":"one","site":{"latitude":1,"longitude":0,"timeZone":"UTC"},"buildings":[]}"#.utf8),
                422
            ),
            (
                "escaped control character in a name",
                Array(
                    #"{"version":1,"name":"a\u0000b","site":{"latitude":1,"longitude":0,"timeZone":"Mars/Base"},"buildings":[]}"#
                        .utf8), 422
            ),
        ]

        @Test(arguments: hostileBodies.indices)
        func hostileBodiesGetA4xxAndChangeNothing(_ index: Int) async throws {
            let (name, body, status) = Self.hostileBodies[index]
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let post = try await server.send("POST", "/v1/scenes", json: body)
                #expect(post.status == status, "\(name): \(post.text.prefix(300))")
                #expect(try post.error()["message"] as? String != nil)
                let put = try await server.send(
                    "PUT", "/v1/scenes/\(id)", json: body,
                    headers: ["Authorization": "Bearer \(token)", "If-Match": "1"])
                #expect(put.status == status, "\(name)")
                let read = try await server.get("/v1/scenes/\(id)")
                #expect(read.body == sample && read.header("ETag") == "\"1\"")
                #expect(try await server.get("/healthz").object()["scenes"] as? Int == 1)
            }
        }

        @Test func invalidSceneNamesTheJSONPathOfTheRule() async throws {
            try await withServer { server in
                var doc = try JSONSerialization.jsonObject(with: Data(try Repo.sample())) as! [String: Any]
                var buildings = doc["buildings"] as! [[String: Any]]
                var box = buildings[0]["box"] as! [String: Any]
                box["width"] = -60
                buildings[0]["box"] = box
                doc["buildings"] = buildings
                let reply = try await server.send(
                    "POST", "/v1/scenes", json: Array(try JSONSerialization.data(withJSONObject: doc)))
                #expect(reply.status == 422)
                let e = try reply.error()
                #expect(e["code"] as? String == "invalid_scene")
                #expect(e["path"] as? String == "buildings[0].box.width")
                #expect((e["message"] as? String)?.contains("buildings[0].box.width") == true)
            }
        }

        @Test func transportErrorsHaveTheirStatusAndTheSameShape() async throws {
            try await withServer({ $0.maxBodyBytes = 4096 }) { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let big = [UInt8](repeating: UInt8(ascii: " "), count: 10_000)
                let checks: [(HTTPReply, Int, String)] = [
                    (try await server.send("POST", "/v1/scenes", json: big), 413, "body_too_large"),
                    (try await server.chunkedPost("/v1/scenes", total: 10_000), 413, "body_too_large"),
                    (
                        try await server.send(
                            "POST", "/v1/scenes", json: Array("{}".utf8), headers: ["Content-Type": "text/plain"]), 415,
                        "unsupported_media_type"
                    ),
                    (
                        try await server.request("POST", "/v1/scenes", body: Array("{}".utf8)), 415,
                        "unsupported_media_type"
                    ),
                    (try await server.get("/v1/nothing-here"), 404, "not_found"),
                    (try await server.get("/v1/scenes/not-an-id"), 404, "not_found"),
                    (try await server.get("/v1/scenes/\(String(repeating: "a", count: 32))"), 404, "not_found"),
                    (try await server.request("PATCH", "/v1/scenes/\(id)"), 405, "method_not_allowed"),
                    (try await server.request("DELETE", "/v1/sun"), 405, "method_not_allowed"),
                    (try await server.get("/v1/scenes/\(id)/revisions/zero"), 400, "bad_request"),
                ]
                for (reply, status, code) in checks {
                    #expect(reply.status == status, "\(reply.text)")
                    let e = try reply.error()
                    #expect(e["code"] as? String == code)
                    #expect(e.keys.sorted() == ["code", "message", "path"])
                }
                #expect(checks[7].0.header("Allow") == "DELETE, GET, PUT")
            }
        }
    }
}

extension TestServer {
    /// A chunked POST with no Content-Length, so only the streaming cap can stop it.
    func chunkedPost(_ path: String, total: Int) async throws -> HTTPReply {
        let port = self.port
        return try await offloaded {
            let c = try RawConnection(port: port)
            try c.send(
                "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            )
            var sent = 0
            while sent < total {
                let n = min(1000, total - sent)
                do {
                    try c.send(String(n, radix: 16) + "\r\n" + String(repeating: " ", count: n) + "\r\n")
                } catch { break }  // the server may answer and close before the end
                sent += n
            }
            try? c.send("0\r\n\r\n")
            return try c.readResponse()
        }
    }
}

extension DaemonTests.ErrorShapes {
    @Test func requestsTheHTTPParserRejectsStillGetAJSONError() async throws {
        try await withServer { server in
            let port = server.port
            let heads = [
                // control character in a header value
                "GET /healthz HTTP/1.1\r\nHost: x\r\nIf-Match: a\u{07}b\r\n\r\n",
                "GET /he alth z HTTP/1.1\r\nHost: x\r\n\r\n",  // broken request line
            ]
            for head in heads {
                let reply = try await offloaded {
                    let c = try RawConnection(port: port)
                    try c.send(head)
                    return try c.readResponse()
                }
                #expect(reply.status == 400, "\(head.debugDescription)")
                #expect(try reply.error()["code"] as? String == "malformed_http")
            }
            #expect(try await server.get("/healthz").status == 200)
        }
    }
}
