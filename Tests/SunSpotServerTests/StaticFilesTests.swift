import Foundation
import Testing

// `GET /` serves the web page from the configured web root, and three.js from the
// configured folder (Debian's libjs-three by default) under /vendor/three/.

extension DaemonTests {
    @Suite struct StaticFiles {
        @Test func webRootAndThreeJSAreServedAndPathsCannotEscape() async throws {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("static-\(UUID().uuidString)")
            let web = root.appendingPathComponent("web")
            let three = root.appendingPathComponent("three")
            try FileManager.default.createDirectory(at: web, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: three, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let page = "<!doctype html><title>SunSpot</title>"
            try page.write(to: web.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
            try "var THREE = {};".write(
                to: three.appendingPathComponent("three.min.js"), atomically: true, encoding: .utf8)
            try "secret".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)

            try await withServer({
                $0.webRoot = web.path
                $0.threeRoot = three.path
            }) { server in
                let index = try await server.get("/")
                #expect(index.status == 200)
                #expect(index.text == page)
                #expect(index.header("Content-Type")?.hasPrefix("text/html") == true)
                let js = try await server.get("/vendor/three/three.min.js")
                #expect(js.status == 200 && js.text == "var THREE = {};")
                #expect(js.header("Cache-Control")?.contains("max-age") == true)
                for escape in ["/../secret.txt", "/vendor/three/../../secret.txt", "/%2e%2e/secret.txt"] {
                    let reply = try await server.get(escape)
                    #expect(reply.status == 400 || reply.status == 404, "\(escape)")
                    #expect(reply.text != "secret")
                }
                // API errors keep their JSON shape with a web root present.
                #expect(try await server.get("/v1/nothing").error()["code"] as? String == "not_found")
            }
        }
    }
}
