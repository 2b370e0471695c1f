import Foundation
import GRDB
import SunSpotResults
import Testing

// A report job survives the daemon being killed: the built `sunspotd` binary runs a job slowed
// down by the test-only SUNSPOTD_REPORT_ROW_DELAY_SECONDS, gets SIGKILL (no graceful shutdown,
// no flush) once some rows are stored, and a new daemon on the same SQLite file finishes the
// job — every listing exactly once, the rows those BatchReport computes directly.

extension DaemonTests {
    @Suite struct ReportCrash {
        /// Polls the job on `daemon` until `until` holds for its status (bounded: 60 s).
        static func poll(
            _ daemon: DaemonProcess, _ id: String, until: @escaping @Sendable ([String: Any]) -> Bool
        )
            async throws -> [String: Any]
        {
            let reply = try await onOwnThread { () -> HTTPReply? in
                let deadline = Date().addingTimeInterval(60)
                while Date() < deadline {
                    let reply = try daemon.request("GET", "/v1/reports/\(id)")
                    if until(try reply.object()) { return reply }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                return nil
            }
            guard let reply else { throw ClientError("report \(id) did not get there in 60 s") }
            return try reply.object()
        }

        @Test func aJobKilledWithSIGKILLIsFinishedByTheNextDaemonWithEveryListingOnce() async throws {
            let (dir, db) = try temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: dir) }
            let flats = Reports.flats
            let first = try DaemonProcess(db: db, environment: ["SUNSPOTD_REPORT_ROW_DELAY_SECONDS": "0.3"])
            let sample = try Repo.sample()
            let created = try await onOwnThread { try first.request("POST", "/v1/scenes", body: sample) }
            #expect(created.status == 201, "\(created.text)")
            let scene = try #require(try created.object()["id"] as? String)
            let body = Reports.listingsJSON(scene: scene, flats: flats)
            let posted = try await onOwnThread { try first.request("POST", "/v1/reports", body: body) }
            #expect(posted.status == 202, "\(posted.text)")
            let id = try #require(try posted.object()["id"] as? String)
            _ = try await Self.poll(first, id) { ($0["done"] as? Int ?? 0) >= 3 }
            first.signal(SIGKILL)
            #expect(first.waitForExit(limit: 5))

            // What the kill left in the file: the job still running, a part of its rows.
            let file = try DatabaseQueue(path: db)
            let (status, kept) = try await file.read { db in
                (
                    try String.fetchOne(db, sql: "SELECT status FROM reportJob WHERE id = ?", arguments: [id]),
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reportRow WHERE jobId = ?", arguments: [id]) ?? 0
                )
            }
            try file.close()
            #expect(status == "running")
            #expect(kept >= 3 && kept < flats.count, "\(kept) rows stored when killed")

            let second = try DaemonProcess(db: db)
            defer {
                second.signal(SIGTERM)
                _ = second.waitForExit(limit: 10)
            }
            let finished = try await Self.poll(second, id) {
                $0["status"] as? String != "running" && $0["status"] as? String != "queued"
            }
            #expect(finished["status"] as? String == "done")
            #expect(finished["done"] as? Int == flats.count)
            let reply = try await onOwnThread { try second.request("GET", "/v1/reports/\(id)/report.json") }
            #expect(reply.status == 200)
            let rows = try JSONDecoder().decode([ListingFacts].self, from: Data(reply.body))
            let expected = try await Reports.direct(scene: scene, flats: flats)
            #expect(rows.map(\.listing) == expected.map(\.listing))  // each listing once, in input order
            #expect(rows == expected)

            // In the file itself: one row per listing, at its input position.
            let stored = try await DatabaseQueue(path: db).read { db in
                try Row.fetchAll(
                    db, sql: "SELECT seq, listing FROM reportRow WHERE jobId = ? ORDER BY seq", arguments: [id]
                )
                .map { (seq: $0["seq"] as Int, listing: $0["listing"] as String) }
            }
            #expect(stored.map(\.seq) == Array(0..<flats.count))
            #expect(stored.map(\.listing) == (0..<flats.count).map { "L\($0)" })
            print(
                "SIGKILL during a report job: \(kept) of \(flats.count) rows stored at the kill; the next daemon finished it"
            )
        }
    }
}
