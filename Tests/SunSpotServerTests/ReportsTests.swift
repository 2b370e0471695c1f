import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults
import SunSpotServer
import Testing

// Report jobs (issue 7, daemon side): the rows a job serves are the rows SunSpotResults'
// BatchReport computes directly for the same flats and the same scene (the CLI path uses
// that engine too and is tested separately), every bad row is named before anything is
// queued, and cancel, restart-resume and the per-client/queue limits behave as the
// contract says — on the real server with its real SQLite file.

extension DaemonTests {
    @Suite struct Reports {
        /// Flats of the sample compound that differ in building, floor and orientation.
        static let flats = [
            "3/5/east", "3/2/west", "1/1/east", "4/11/west", "5/3/south", "2/6/west", "6/1/east",
            "4/1/east", "1/6/west", "5/8/inner", "2/2/east", "6/4/west",
        ]

        static func listingsJSON(scene: String, flats: [String], extra: String = "") -> [UInt8] {
            let rows = flats.enumerated().map { i, f -> String in
                let p = f.split(separator: "/")
                return
                    #"{"listing":"L\#(i)","scene":"\#(scene)","building":"\#(p[0])","floor":\#(p[1]),"unit":"\#(p[2])","title":"Flat \#(i), \#(f)"}"#
            }
            return Array(#"{"listings":[\#(rows.joined(separator: ","))]\#(extra)}"#.utf8)
        }

        /// The rows computed directly by BatchReport for the same flats of the same saved scene.
        static func direct(
            scene id: String, flats: [String], year: Int = 2026, standard: String = "gb50180"
        )
            async throws -> [ListingFacts]
        {
            let document = try Data(contentsOf: Repo.sampleScene)
            let scene = try SceneLoader.load(document)
            let zone = try #require(SystemTimeZone(identifier: scene.timeZoneIdentifier))
            let requests = flats.enumerated().map { i, f in
                ListingRequest(listing: "L\(i)", scene: id, flat: FlatAddress(f)!, title: "Flat \(i), \(f)")
            }
            let report = BatchReport(
                requests: requests,
                sources: [id: .init(scene: scene, zone: zone, revision: ContentHash.fnv1a64(document))],
                profile: try ProfileChoice.resolve(standard), standardName: standard, year: year)
            var rows: [ListingFacts] = []
            try await report.run(workers: 2) { rows.append($0) }
            return rows
        }

        static func post(_ server: TestServer, _ body: [UInt8], source: String = "127.0.0.1") async throws -> HTTPReply
        {
            try await server.request(
                "POST", "/v1/reports", headers: ["Content-Type": "application/json"], body: body,
                source: source)
        }

        /// Polls the job until `until` holds (bounded: 60 s).
        static func poll(
            _ server: TestServer, _ id: String, until: ([String: Any]) -> Bool
        ) async throws -> [String: Any] {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let reply = try await server.get("/v1/reports/\(id)")
                #expect(reply.status == 200)
                let status = try reply.object()
                if until(status) { return status }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw ClientError("report \(id) did not get there in 60 s")
        }

        static func rows(_ server: TestServer, _ id: String) async throws -> [ListingFacts] {
            let reply = try await server.get("/v1/reports/\(id)/report.json")
            #expect(reply.status == 200, "\(reply.text)")
            return try JSONDecoder().decode([ListingFacts].self, from: Data(reply.body))
        }

        @Test func aJobsRowsAreBatchReportsRowsForTheSameFlatsAndScene() async throws {
            try await withServer { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let expected = try await Self.direct(scene: scene, flats: Self.flats)
                let posted = try await Self.post(server, Self.listingsJSON(scene: scene, flats: Self.flats))
                #expect(posted.status == 202, "\(posted.text)")
                let id = try #require(try posted.object()["id"] as? String)
                #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
                #expect(posted.header("Location") == "/v1/reports/\(id)")
                #expect(try posted.object()["status"] as? String == "queued")

                let status = try await Self.poll(server, id) { $0["status"] as? String == "done" }
                #expect(status["total"] as? Int == Self.flats.count && status["done"] as? Int == Self.flats.count)
                #expect(
                    status["startedAt"] is String && status["finishedAt"] is String && status["createdAt"] is String)
                let links = try #require(status["links"] as? [String: String])
                #expect(links["csv"] == "/v1/reports/\(id)/report.csv")

                // JSON rows equal the directly computed rows field for field, in input order.
                let rows = try await Self.rows(server, id)
                #expect(rows == expected)
                // scene_revision is the document's content hash, as `sunspot report` writes for the
                // same file (fnv1a64 of its bytes), not the store's revision number.
                let fileHash = ContentHash.fnv1a64(try Repo.sample())
                #expect(rows.allSatisfy { $0.sceneRevision == fileHash && $0.scene == scene })
                // CSV: the report header, then one line per row, the same text as the rows' CSV.
                let csv = try await server.get(links["csv"]!)
                #expect(csv.status == 200)
                #expect(csv.header("Content-Type")?.hasPrefix("text/csv") == true)
                let lines = csv.text.split(separator: "\n").map(String.init)
                #expect(lines.count == 1 + Self.flats.count)
                #expect(lines.first == ListingFacts.csvHeader.joined(separator: ","))
                #expect(Array(lines.dropFirst()) == expected.map(\.csvLine))
                // The numbers are not degenerate: the flats differ.
                #expect(Set(expected.map(\.winterSolsticeBandMinutes)).count > 3)
            }
        }

        @Test func aGB18030CSVUploadIsReadWithItsChineseIntact() async throws {
            // The CLI's fixture (encoded by Python's gb18030 codec), its scene file name replaced
            // by the saved scene's id (ASCII is the same bytes in GB18030).
            let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("SunSpotCLITests/Fixtures")
            let gb = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("listings-gb18030.csv")))
            let expected = try #require(
                try JSONSerialization.jsonObject(
                    with: Data(contentsOf: fixtures.appendingPathComponent("listings-expected.json")))
                    as? [String: [String: String]])
            try await withServer { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let name = Array("sample-compound.json".utf8)
                var body: [UInt8] = []
                var i = 0
                while i < gb.count {
                    if gb[i...].starts(with: name) {
                        body += Array(scene.utf8)
                        i += name.count
                    } else {
                        body.append(gb[i])
                        i += 1
                    }
                }
                #expect(String(validating: body, as: UTF8.self) == nil)  // really not UTF-8
                let posted = try await server.request(
                    "POST", "/v1/reports", headers: ["Content-Type": "text/csv"], body: body)
                #expect(posted.status == 202, "\(posted.text)")
                let id = try #require(try posted.object()["id"] as? String)
                _ = try await Self.poll(server, id) { $0["status"] as? String == "done" }
                let rows = try await Self.rows(server, id)
                #expect(rows.count == expected.count)
                for row in rows {
                    #expect(row.title == expected[row.listing]?["title"], "\(row.listing)")
                    #expect(row.address == expected[row.listing]?["address"], "\(row.listing)")
                }
                // Bytes that are neither UTF-8 nor GB18030 are refused with the reason.
                let latin = try await server.request(
                    "POST", "/v1/reports", headers: ["Content-Type": "text/csv"],
                    body: Array("listing,scene,building,floor,unit,title\nL,\(scene),3,5,east,Caf".utf8) + [0xE9, 0x0A])
                #expect(latin.status == 400)
                #expect(latin.text.contains("neither UTF-8 nor GB18030"), "\(latin.text)")
            }
        }

        @Test func csvUploadsAndWholeScenesGiveTheSameRowsAndOtherSettingsAreApplied() async throws {
            try await withServer { server in
                let (scene, token, _) = try await server.create(try Repo.sample())
                let some = Array(Self.flats.prefix(4))
                var csv = "listing,scene,building,floor,unit,title\n"
                for (i, f) in some.enumerated() {
                    let p = f.split(separator: "/")
                    csv += "L\(i),\(scene),\(p[0]),\(p[1]),\(p[2]),\"Flat \(i), \(f)\"\n"
                }
                let posted = try await server.request(
                    "POST", "/v1/reports?year=2027&standard=beijing",
                    headers: ["Content-Type": "text/csv"], body: Array(csv.utf8))
                #expect(posted.status == 202, "\(posted.text)")
                let id = try #require(try posted.object()["id"] as? String)

                // The scene is edited after the job was accepted: the job keeps revision 1.
                var doc = try #require(
                    try JSONSerialization.jsonObject(with: Data(try Repo.sample())) as? [String: Any])
                doc["name"] = "renamed"
                let renamed = Array(try JSONSerialization.data(withJSONObject: doc))
                let edit = try await server.send(
                    "PUT", "/v1/scenes/\(scene)", json: renamed,
                    headers: ["Authorization": "Bearer \(token)", "If-Match": "1"])
                #expect(edit.status == 200)

                _ = try await Self.poll(server, id) { $0["status"] as? String == "done" }
                let expected = try await Self.direct(scene: scene, flats: some, year: 2027, standard: "beijing")
                #expect(try await Self.rows(server, id) == expected)

                // Every flat of the scene: one row per (building, floor, unit), counted from the document.
                let whole = try await Self.post(server, Array(#"{"scene":"\#(scene)"}"#.utf8))
                #expect(whole.status == 202, "\(whole.text)")
                let wid = try #require(try whole.object()["id"] as? String)
                let status = try await Self.poll(server, wid) { $0["status"] as? String == "done" }
                let buildings = try #require(doc["buildings"] as? [[String: Any]])
                let flatCount = buildings.reduce(0) {
                    $0 + (($1["floors"] as? Int) ?? 0) * (($1["units"] as? [Any])?.count ?? 0)
                }
                #expect(status["total"] as? Int == flatCount)
                let all = try await Self.rows(server, wid)
                #expect(all.count == flatCount)
                #expect(Set(all.map(\.listing)).count == flatCount)
                // The current revision when it was posted: the renamed document's hash.
                #expect(all.allSatisfy { $0.sceneRevision == ContentHash.fnv1a64(renamed) })
                let east35 = try #require(all.first { $0.listing == "3/5/east" })
                let one = try await Self.direct(scene: scene, flats: ["3/5/east"])[0]
                #expect(east35.termTotalMinutes == one.termTotalMinutes)
                #expect(east35.winterSolsticeBandMinutes == one.winterSolsticeBandMinutes)
            }
        }

        @Test func badListingsAreAllNamedAndNothingIsQueued() async throws {
            try await withServer({ $0.reportJobsPerClient = 1 }) { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let missing = String(repeating: "a", count: 32)
                let body = #"""
                    {"listings":[
                      {"listing":"ok","scene":"\#(scene)","building":"3","floor":5,"unit":"east"},
                      {"listing":"f0","scene":"\#(scene)","building":"3","floor":0,"unit":"east"},
                      {"listing":"b99","scene":"\#(scene)","building":"99","floor":1,"unit":"east"},
                      {"listing":"nosc","scene":"\#(missing)","building":"3","floor":1,"unit":"east"},
                      {"listing":"nounit","scene":"\#(scene)","building":"3","floor":1},
                      {"listing":"high","scene":"\#(scene)","building":"3","floor":40,"unit":"east"},
                      {"listing":"ok","scene":"\#(scene)","building":"3","floor":4,"unit":"north"}
                    ]}
                    """#
                let reply = try await Self.post(server, Array(body.utf8))
                #expect(reply.status == 422)
                let error = try reply.error()
                #expect(error["code"] as? String == "invalid_listings")
                #expect(error["path"] as? String == "listings[1].floor")
                let message = try #require(error["message"] as? String)
                for place in [
                    "listings[2].building", "listings[3].scene", "listings[4].unit", "listings[5].floor",
                    "listings[6].listing", "listings[6].unit", missing,
                ] {
                    #expect(message.contains(place), "\(place) not named in: \(message)")
                }
                #expect(!message.contains("listings[0].") && !message.contains("listings[0]:"))

                let cases: [(String, [UInt8], String, Int, String)] = [
                    ("application/json", Array(#"{"scene":"\#(missing)"}"#.utf8), "", 422, "scene"),
                    ("application/json", Array(#"{"listings":[]}"#.utf8), "", 422, "listings"),
                    (
                        "application/json",
                        Self.listingsJSON(scene: scene, flats: ["3/5/east"], extra: #","year":1066"#), "", 422, "year"
                    ),
                    (
                        "application/json",
                        Self.listingsJSON(scene: scene, flats: ["3/5/east"], extra: #","standard":"jis""#), "", 422,
                        "standard"
                    ),
                    ("application/json", Array("{".utf8), "", 400, ""),
                    (
                        "text/csv",
                        Array("listing,scene,building,floor,unit\nA,\(scene),3,5,east\nB,\(scene),3,x,east\n".utf8), "",
                        422, "line 3"
                    ),
                    (
                        "text/csv", Array("listing,scene,building,floor,unit\nA,\(scene),3,5,east\n".utf8), "?year=abc",
                        400, "year"
                    ),
                    ("text/plain", Array("hello".utf8), "", 415, "Content-Type"),
                ]
                for (type, body, query, status, path) in cases {
                    let r = try await server.request(
                        "POST", "/v1/reports" + query, headers: ["Content-Type": type], body: body)
                    #expect(r.status == status, "\(r.text)")
                    if !path.isEmpty { #expect(try r.error()["path"] as? String == path, "\(r.text)") }
                }
                // Nothing was queued: with a quota of one job, this client can still post one.
                #expect(try await Self.post(server, Self.listingsJSON(scene: scene, flats: ["3/5/east"])).status == 202)
                #expect(try await server.get("/v1/reports/\(missing)").status == 404)
                #expect(try await server.get("/v1/reports/not-an-id").status == 404)
            }
        }

        @Test func cancellingARunningJobKeepsItsCompleteRowsOnly() async throws {
            try await withServer({ $0.reportRowDelaySeconds = 0.15 }) { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let expected = try await Self.direct(scene: scene, flats: Self.flats)
                let posted = try await Self.post(server, Self.listingsJSON(scene: scene, flats: Self.flats))
                let id = try #require(try posted.object()["id"] as? String)
                _ = try await Self.poll(server, id) { ($0["done"] as? Int ?? 0) >= 2 }
                // Not finished yet: results are not served.
                #expect(try await server.get("/v1/reports/\(id)/report.csv").status == 409)

                let cancelled = try await server.request("DELETE", "/v1/reports/\(id)")
                #expect(cancelled.status == 200, "\(cancelled.text)")
                #expect(try cancelled.object()["status"] as? String == "cancelled")
                let done = try #require(try cancelled.object()["done"] as? Int)
                #expect(done >= 2 && done < Self.flats.count)
                try await Task.sleep(for: .milliseconds(500))
                let later = try await server.get("/v1/reports/\(id)").object()
                #expect(later["status"] as? String == "cancelled" && later["done"] as? Int == done)
                #expect(later["links"] is [String: String])
                // The stored rows are a complete prefix of the report.
                #expect(try await Self.rows(server, id) == Array(expected.prefix(done)))
                let csv = try await server.get("/v1/reports/\(id)/report.csv")
                #expect(csv.text.split(separator: "\n").count == 1 + done)
                // A finished job cannot be cancelled again.
                let again = try await server.request("DELETE", "/v1/reports/\(id)")
                #expect(again.status == 409)
            }
        }

        @Test func aJobInterruptedByARestartResumesAndStoresEveryListingOnce() async throws {
            let first = try await TestServer.start { $0.reportRowDelaySeconds = 0.15 }
            let (scene, _, _) = try await first.create(try Repo.sample())
            let expected = try await Self.direct(scene: scene, flats: Self.flats)
            let posted = try await Self.post(first, Self.listingsJSON(scene: scene, flats: Self.flats))
            let id = try #require(try posted.object()["id"] as? String)
            let before = try await Self.poll(first, id) { ($0["done"] as? Int ?? 0) >= 3 }
            #expect(before["status"] as? String == "running")
            try await first.stop(keepingFiles: true)

            let second = try await TestServer.start(in: first.directory)
            do {
                let resumedAt = try await second.get("/v1/reports/\(id)").object()
                let kept = try #require(resumedAt["done"] as? Int)
                #expect(kept >= 3 && kept < Self.flats.count)
                let status = try await Self.poll(second, id) { $0["status"] as? String == "done" }
                #expect(status["done"] as? Int == Self.flats.count)
                let rows = try await Self.rows(second, id)
                #expect(rows.map(\.listing) == expected.map(\.listing))  // each listing once, in input order
                #expect(rows == expected)
            } catch {
                try? await second.stop()
                throw error
            }
            try await second.stop()
        }

        @Test func perClientQuotaIs429AndAFullQueueIs503() async throws {
            try await withServer({
                $0.reportRowDelaySeconds = 0.2
                $0.reportJobsPerClient = 1
                $0.reportQueueDepth = 2
            }) { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let body = Self.listingsJSON(scene: scene, flats: Self.flats)
                let a = try await Self.post(server, body)
                #expect(a.status == 202)
                let quota = try await Self.post(server, body)
                #expect(quota.status == 429)
                #expect(try quota.error()["code"] as? String == "report_quota")
                #expect(quota.header("Retry-After") != nil)
                // Another client is not limited by the first one's quota…
                let b = try await Self.post(server, body, source: "127.0.0.2")
                #expect(b.status == 202, "\(b.text)")
                // …but the daemon-wide queue is full now.
                let full = try await Self.post(server, body, source: "127.0.0.3")
                #expect(full.status == 503)
                #expect(try full.error()["code"] as? String == "report_queue_full")
                #expect(full.header("Retry-After") != nil)
                // Cancelling frees the client's slot.
                let aid = try #require(try a.object()["id"] as? String)
                let bid = try #require(try b.object()["id"] as? String)
                #expect(try await server.request("DELETE", "/v1/reports/\(bid)").status == 200)  // queued: never starts
                #expect(try await server.get("/v1/reports/\(bid)").object()["done"] as? Int == 0)
                #expect(try await server.request("DELETE", "/v1/reports/\(aid)").status == 200)
                #expect(try await Self.post(server, body).status == 202)
            }
        }
    }
}
