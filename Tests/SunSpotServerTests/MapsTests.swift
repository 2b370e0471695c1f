import Foundation
import Testing

// The PNG routes draw with the same Render code as the CLI: the daemon's bytes equal the
// file `sunspot shadow|heatmap|sunpath -o x.png` writes for the same scene and options.

extension DaemonTests {
    @Suite struct Maps {
        /// Runs the CLI to a temporary PNG and returns its bytes.
        static func cliPNG(_ args: [String]) throws -> [UInt8] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString).png")
            defer { try? FileManager.default.removeItem(at: out) }
            let result = try run("sunspot", args + ["-o", out.path])
            guard result.status == 0 else { throw ClientError("sunspot \(args) exited \(result.status)") }
            return Array(try Data(contentsOf: out))
        }

        @Test func picturesAreTheCLIsPNGsByteForByte() async throws {
            let scene = Repo.sampleScene.path
            let shadow = try Self.cliPNG([
                "shadow", scene, "--at", "2026-12-22T10:00", "--flat", "3/5/east", "--size", "600x600",
            ])
            let hourly = try Self.cliPNG([
                "shadow", scene, "--hourly", "--date", "2026-01-20", "--lang", "en", "--size", "600x600",
            ])
            let sunpath = try Self.cliPNG([
                "sunpath", scene, "--date", "2026-12-22", "--window", "3/5/east", "--size", "600x600",
            ])
            let heat = try Self.cliPNG([
                "heatmap", scene, "--date", "2026-12-22", "--band", "9-15", "--spacing", "4",
                "--size", "600x600",
            ])
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let base = "/v1/scenes/\(id)"
                let a = try await server.get("\(base)/shadow.png?at=2026-12-22T10:00&flat=3/5/east&size=600x600")
                #expect(a.status == 200)
                #expect(a.header("Content-Type") == "image/png")
                #expect(Array(a.body.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
                #expect(a.body == shadow)
                #expect(try await server.get("\(base)/shadow.png?date=2026-01-20&lang=en&size=600x600").body == hourly)
                #expect(
                    try await server.get("\(base)/sunpath.png?date=2026-12-22&window=3/5/east&size=600x600").body
                        == sunpath)
                let h = try await server.get("\(base)/heatmap.png?date=2026-12-22&band=9-15&spacing=4&size=600x600")
                #expect(h.status == 200 && h.body == heat)
                // Cached: the same ETag, and 304 for a client that has it.
                let etag = try #require(a.header("ETag"))
                #expect(
                    try await server.get(
                        "\(base)/shadow.png?at=2026-12-22T10:00&flat=3/5/east&size=600x600",
                        headers: ["If-None-Match": etag]
                    ).status == 304)
            }
        }

        @Test func badPictureParametersNameThemselves() async throws {
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let base = "/v1/scenes/\(id)"
                let cases: [(String, Int, String)] = [
                    ("\(base)/shadow.png", 400, "at"),
                    ("\(base)/shadow.png?at=2026-12-22T10:00&date=2026-12-22", 400, "at"),
                    ("\(base)/shadow.png?at=noon", 400, "at"),
                    ("\(base)/shadow.png?at=2026-12-22T10:00&flat=99/1/east", 404, "building"),
                    ("\(base)/shadow.png?at=2026-12-22T10:00&size=10x10", 400, "size"),
                    ("\(base)/shadow.png?at=2026-12-22T10:00&lang=fr", 400, "lang"),
                    ("\(base)/heatmap.png", 400, "date"),
                    ("\(base)/heatmap.png?date=2026-12-22&band=16-8", 400, "band"),
                    ("\(base)/heatmap.png?date=2026-12-22&spacing=0.01", 400, "spacing"),
                    ("\(base)/sunpath.png?date=2026-13-40", 400, "date"),
                    ("\(base)/sunpath.png?date=2026-12-22&projection=mercator", 400, "projection"),
                    ("\(base)/sunpath.png?date=2026-12-22&window=3/5", 400, "window"),
                ]
                for (path, status, field) in cases {
                    let reply = try await server.get(path)
                    #expect(reply.status == status, "\(path): \(reply.text)")
                    #expect(try reply.error()["path"] as? String == field, "\(path): \(reply.text)")
                }
            }
        }
    }
}
