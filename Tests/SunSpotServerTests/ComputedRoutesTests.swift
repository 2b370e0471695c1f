import Foundation
import Testing

// The computed routes answer exactly what the CLI prints: the same bytes as running
// the built `sunspot` binary with --format json (the contract: "same JSON as
// `sunspot table --format json`"), plus ETag/Cache-Control and the revision cache.

extension DaemonTests {
    @Suite struct ComputedRoutes {
        @Test func flatSunlightIsTheCLITableJSONByteForByte() async throws {
            let cli = try run(
                "sunspot", ["table", Repo.sampleScene.path, "3/5/east", "--year", "2026", "--format", "json"])
            #expect(cli.status == 0)
            let beijing = try run(
                "sunspot",
                [
                    "table", Repo.sampleScene.path, "3/2/west", "--year", "2027",
                    "--standard", "beijing", "--format", "json",
                ])
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let reply = try await server.get("/v1/scenes/\(id)/flats/3/5/east/sunlight?year=2026")
                #expect(reply.status == 200)
                #expect(reply.body == cli.stdout)
                #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
                #expect(reply.header("Cache-Control") == "no-cache")
                #expect(reply.header("Scene-Revision") == "1")
                let other = try await server.get("/v1/scenes/\(id)/flats/3/2/west/sunlight?year=2027&standard=beijing")
                #expect(other.body == beijing.stdout)
            }
        }

        @Test func identicalRequestsOnAnUnchangedRevisionComeFromTheCache() async throws {
            try await withServer { server in
                let sample = try Repo.sample()
                let (id, token, _) = try await server.create(sample)
                let path = "/v1/scenes/\(id)/flats/3/5/east/sunlight"
                let first = try await server.get(path)
                let etag = try #require(first.header("ETag"))
                #expect(server.parts.cache.count == 1)
                let second = try await server.get(path)
                #expect(second.body == first.body && second.header("ETag") == etag)
                #expect(server.parts.cache.stats.hits == 1)
                #expect(try await server.get(path, headers: ["If-None-Match": etag]).status == 304)

                // Other parameters are another entry; a new revision is another ETag.
                let year = try await server.get(path + "?year=2030")
                #expect(year.header("ETag") != etag)
                _ = try await server.send(
                    "PUT", "/v1/scenes/\(id)", json: try renamed(sample, to: "v2"),
                    headers: ["Authorization": "Bearer \(token)", "If-Match": "1"])
                let after = try await server.get(path, headers: ["If-None-Match": etag])
                #expect(after.status == 200)
                #expect(after.header("ETag") != etag)
                #expect(after.header("Scene-Revision") == "2")
                // The old revision can still be asked for, and has its old ETag.
                #expect(try await server.get(path + "?revision=1").header("ETag") == etag)
            }
        }

        @Test func unknownFlatsAndBadParametersNameWhatIsWrong() async throws {
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let base = "/v1/scenes/\(id)/flats"
                let cases: [(String, Int, String)] = [
                    ("\(base)/99/5/east/sunlight", 404, "building"),
                    ("\(base)/3/5/north/sunlight", 404, "unit"),
                    ("\(base)/3/0/east/sunlight", 404, "floor"),
                    ("\(base)/3/five/east/sunlight", 400, "floor"),
                    ("\(base)/3/5/east/sunlight?year=1800", 400, "year"),
                    ("\(base)/3/5/east/sunlight?standard=jis", 400, "standard"),
                    ("\(base)/3/5/east/sunlight?climateZone=IX", 400, "climateZone"),
                    ("\(base)/3/5/east/sunlight?smallCity=maybe", 400, "smallCity"),
                    ("\(base)/3/5/east/sunlight?year=2026&year=2027", 400, "year"),
                    ("/v1/scenes/\(String(repeating: "0", count: 32))/flats/3/5/east/sunlight", 404, "id"),
                ]
                for (path, status, field) in cases {
                    let reply = try await server.get(path)
                    #expect(reply.status == status, "\(path): \(reply.text)")
                    #expect(try reply.error()["path"] as? String == field, "\(path): \(reply.text)")
                }
            }
        }

        @Test func sunAndTermsAreTheCLIJSONByteForByte() async throws {
            let sun = try run(
                "sunspot",
                [
                    "sun", "--lat", "39.9042", "--lon", "116.4074", "--at", "2026-12-21T12:00:00+08:00",
                    "--format", "json",
                ])
            let sunTZ = try run(
                "sunspot",
                [
                    "sun", "--lat=-33.86", "--lon", "151.21", "--at", "2026-06-21T09:30",
                    "--tz", "Australia/Sydney", "--format", "json",
                ])
            let terms = try run("sunspot", ["terms", "--year", "2026", "--format", "json"])
            let termsUTC = try run("sunspot", ["terms", "--year", "1990", "--tz", "UTC", "--format", "json"])
            try await withServer { server in
                let a = try await server.get("/v1/sun?lat=39.9042&lon=116.4074&at=2026-12-21T12:00:00%2B08:00")
                #expect(a.status == 200 && a.body == sun.stdout)
                #expect(a.header("Cache-Control") == "public, max-age=86400")
                let etag = try #require(a.header("ETag"))
                #expect(
                    try await server.get(
                        "/v1/sun?lat=39.9042&lon=116.4074&at=2026-12-21T12:00:00%2B08:00",
                        headers: ["If-None-Match": etag]
                    ).status == 304)
                let b = try await server.get("/v1/sun?lat=-33.86&lon=151.21&at=2026-06-21T09:30&tz=Australia/Sydney")
                #expect(b.body == sunTZ.stdout)
                #expect(try await server.get("/v1/terms?year=2026").body == terms.stdout)
                #expect(try await server.get("/v1/terms?year=1990&tz=UTC").body == termsUTC.stdout)

                let bad: [(String, String)] = [
                    ("/v1/sun?lat=95&lon=0&at=2026-01-01T00:00Z", "lat"),
                    ("/v1/sun?lat=10&lon=0", "at"),
                    ("/v1/sun?lat=10&lon=x&at=2026-01-01T00:00Z", "lon"),
                    ("/v1/sun?lat=10&lon=0&at=noon", "at"),
                    ("/v1/sun?lat=10&lon=0&at=2026-01-01T00:00&tz=Mars/Base", "tz"),
                    ("/v1/sun?lat=nan&lon=0&at=2026-01-01T00:00Z", "lat"),
                    ("/v1/terms", "year"),
                    ("/v1/terms?year=3000", "year"),
                    ("/v1/terms?year=2026&tz=EST", "tz"),
                ]
                for (path, field) in bad {
                    let reply = try await server.get(path)
                    #expect(reply.status == 400, "\(path)")
                    #expect(try reply.error()["path"] as? String == field, "\(path): \(reply.text)")
                }
            }
        }
    }
}

extension DaemonTests.ComputedRoutes {
    @Test func identicalRequestsArrivingTogetherShareOneComputation() async throws {
        try await withServer { server in
            let (id, _, _) = try await server.create(try Repo.sample())
            let path = "/v1/scenes/\(id)/flats/3/5/east/sunlight?year=2031"
            let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                for _ in 0..<8 { group.addTask { try await server.get(path) } }
                return try await group.reduce(into: [HTTPReply]()) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == 200 && $0.body == replies[0].body })
            #expect(server.parts.cache.computations == 1)
        }
    }
}
