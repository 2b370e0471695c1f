import Foundation
import Testing

// `GET /v1/scenes/{id}/point` answers exactly what `sunspot point --format json` prints,
// including for a point inside a building (issue 13 item 4), and names bad parameters.

extension DaemonTests {
    @Suite struct PointRoute {
        /// Building 2 of the sample compound is a 50 × 12 m box centred on (32, 0): (32, 0, 1.5)
        /// is inside it; (60, -5, 1.5) is in the open east of it.
        @Test func pointAnswersAreTheCLIJSONByteForByte() async throws {
            let queries: [([String], String)] = [
                (
                    ["--x", "32", "--y", "0", "--z", "1.5", "--at", "2026-12-22T12:00"],
                    "x=32&y=0&z=1.5&at=2026-12-22T12:00"
                ),
                (["--x", "32", "--y", "0", "--date", "2026-12-22"], "x=32&y=0&date=2026-12-22"),
                (["--x", "60", "--y", "-5", "--z", "1.5", "--date", "2026-12-22"], "x=60&y=-5&z=1.5&date=2026-12-22"),
                (
                    ["--x", "0", "--y", "-10", "--at", "2026-12-22T12:00", "--standard", "none"],
                    "x=0&y=-10&at=2026-12-22T12:00&standard=none"
                ),
            ]
            let cli = try queries.map { args, _ in
                try run("sunspot", ["point", Repo.sampleScene.path] + args + ["--format", "json"])
            }
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                for ((args, query), expected) in zip(queries, cli) {
                    #expect(expected.status == 0, "\(args)")
                    let reply = try await server.get(
                        "/v1/scenes/\(id)/point?\(query.replacingOccurrences(of: ":", with: "%3A"))")
                    #expect(reply.status == 200, "\(query): \(reply.text)")
                    #expect(reply.body == expected.stdout, "\(query)")
                    #expect(reply.header("Scene-Revision") == "1")
                }
                let inside = try JSONSerialization.jsonObject(with: Data(cli[0].stdout)) as! [String: Any]
                #expect(inside["exposure"] as? String == "insideBuilding" && inside["insideBuilding"] as? String == "2")
            }
        }

        @Test func badParametersNameWhatIsWrong() async throws {
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let base = "/v1/scenes/\(id)/point"
                let cases: [(String, Int, String)] = [
                    ("\(base)?y=0&date=2026-12-22", 400, "x"),
                    ("\(base)?x=0&y=abc&date=2026-12-22", 400, "y"),
                    ("\(base)?x=0&y=0&z=-1&date=2026-12-22", 400, "z"),
                    ("\(base)?x=1e9&y=0&date=2026-12-22", 400, "x"),
                    ("\(base)?x=0&y=0&facing=400&date=2026-12-22", 400, "facing"),
                    ("\(base)?x=0&y=0", 400, "at"),
                    ("\(base)?x=0&y=0&at=2026-12-22T12%3A00&date=2026-12-22", 400, "at"),
                    ("\(base)?x=0&y=0&at=noon", 400, "at"),
                    ("\(base)?x=0&y=0&date=2026-13-45", 400, "date"),
                    ("\(base)?x=0&y=0&date=1800-01-01", 400, "date"),
                    ("\(base)?x=0&y=0&date=2026-12-22&standard=jis", 400, "standard"),
                    ("/v1/scenes/\(String(repeating: "0", count: 32))/point?x=0&y=0&date=2026-12-22", 404, "id"),
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
