import Foundation
import GRDB
import Testing

// `GET /v1/reports/{id}/report.pdf`: the PDF is read back with poppler's tools (pdfinfo,
// pdftotext), which share no code with cairo's writer; its verdict sentences are checked
// against the minutes in the same job's CSV, and its listing pages' text against the PDF
// that `sunspot report` (the built binary) writes for the same listings of the same scene.

/// Runs a poppler tool (`/usr/bin/NAME`) and returns its standard output as text.
func poppler(_ name: String, _ args: [String]) throws -> String {
    let url = URL(fileURLWithPath: "/usr/bin/\(name)")
    guard FileManager.default.isExecutableFile(atPath: url.path) else {
        throw ClientError("poppler-utils is not installed (Scripts/install-deps.sh installs it)")
    }
    let process = Foundation.Process()
    process.executableURL = url
    process.arguments = args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ClientError("\(name) \(args) exited \(process.terminationStatus)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// A PDF's page count, as pdfinfo reads it.
func pdfPages(_ path: String) throws -> Int? {
    let info = try poppler("pdfinfo", [path])
    let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
    return line.flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
}

/// The text of page `page` (1-based), without any whitespace (pdftotext's line breaks and
/// spacing around CJK text are its own choice, not the document's).
func pageText(_ path: String, _ page: Int) throws -> String {
    try poppler("pdftotext", ["-f", "\(page)", "-l", "\(page)", "-enc", "UTF-8", path, "-"])
        .filter { !$0.isWhitespace }
}

extension DaemonTests {
    @Suite struct ReportPDF {
        static let flats = ["3/5/east", "5/2/south", "4/11/west"]

        static func temporaryDirectory() throws -> URL {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspotd-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir
        }

        /// `dahan_band_min` of each CSV row, in order (no quoted commas before that column here).
        static func dahanMinutes(_ csv: String) throws -> [Double] {
            let lines = csv.split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
            let column = try #require(header.firstIndex(of: "dahan_band_min"))
            return try lines.dropFirst().map { line in
                // Titles ("Flat 0, 3/5/east") are quoted and contain a comma: parse the quotes.
                let fields = Self.fields(line)
                return try #require(Double(fields[column]), "dahan_band_min '\(fields[column])' in \(line)")
            }
        }

        /// One CSV line's fields (RFC 4180 quoting).
        static func fields(_ line: String) -> [String] {
            var out: [String] = []
            var field = ""
            var quoted = false
            var chars = Array(line)[...]
            while let c = chars.popFirst() {
                if quoted {
                    if c == "\"" {
                        if chars.first == "\"" {
                            field.append("\"")
                            chars.removeFirst()
                        } else {
                            quoted = false
                        }
                    } else {
                        field.append(c)
                    }
                } else if c == "\"" {
                    quoted = true
                } else if c == "," {
                    out.append(field)
                    field = ""
                } else {
                    field.append(c)
                }
            }
            out.append(field)
            return out
        }

        /// `pdf.LANG.state` of a job's JSON (nil when that PDF was never asked for).
        static func pdfState(_ job: [String: Any], _ lang: String) -> String? {
            ((job["pdf"] as? [String: Any])?[lang] as? [String: Any])?["state"] as? String
        }

        /// GETs the PDF until it is no longer being drawn (409 report_pdf_pending; bounded: 60 s).
        static func drawnPDF(
            _ server: TestServer, _ path: String, headers: [String: String] = [:]
        ) async throws
            -> HTTPReply
        {
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                let reply = try await server.get(path, headers: headers)
                guard reply.status == 409, try reply.error()["code"] as? String == "report_pdf_pending" else {
                    return reply
                }
                #expect(reply.header("Retry-After") != nil)
                try await Task.sleep(for: .milliseconds(100))
            }
            throw ClientError("\(path) was still being drawn after 60 s")
        }

        @Test func aDonePDFHasACoverAndOnePagePerListingWithTheCSVsMinutesAndTheCLIsText() async throws {
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await withServer { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let posted = try await Reports.post(
                    server, Reports.listingsJSON(scene: scene, flats: Self.flats, extra: #","pdf":["zh","en"]"#))
                #expect(posted.status == 202, "\(posted.text)")
                let id = try #require(try posted.object()["id"] as? String)
                // Both PDFs are drawn as steps of the job, without any request for them.
                let status = try await Reports.poll(server, id) {
                    $0["status"] as? String == "done" && Self.pdfState($0, "zh") == "ready"
                        && Self.pdfState($0, "en") == "ready"
                }
                let links = try #require(status["links"] as? [String: String])
                #expect(links["pdf"] == "/v1/reports/\(id)/report.pdf")
                let minutes = try Self.dahanMinutes(try await server.get(links["csv"]!).text)
                #expect(minutes.count == Self.flats.count)
                #expect(Set(minutes).count > 1)  // the flats differ: a page mix-up would show

                var served: [String: String] = [:]
                for lang in ["zh", "en"] {
                    let reply = try await server.get("/v1/reports/\(id)/report.pdf?lang=\(lang)")
                    #expect(reply.status == 200, "\(reply.text.prefix(300))")
                    #expect(reply.header("Content-Type") == "application/pdf")
                    #expect(reply.body.starts(with: Array("%PDF-".utf8)))
                    #expect(reply.header("Content-Length") == "\(reply.body.count)")
                    let drawn = try #require((status["pdf"] as? [String: Any])?[lang] as? [String: Any])
                    #expect(drawn["bytes"] as? Int == reply.body.count)
                    let path = dir.appendingPathComponent("server-\(lang).pdf").path
                    try Data(reply.body).write(to: URL(fileURLWithPath: path))
                    served[lang] = path
                    #expect(try pdfPages(path) == 1 + Self.flats.count)
                    for (k, band) in minutes.enumerated() {
                        // ListingVerdict: whole minutes rounded down; 大寒 decides for GB 50180 zone II.
                        let m = Int(band.rounded(.down))
                        let sentence =
                            lang == "zh"
                            ? "大寒日有效日照\(m / 60)小时\(m % 60)分，\(m >= 120 ? "满足" : "不满足")国家标准（≥2小时）"
                            : "thewindowgets\(m / 60)h\(m % 60)minofeffectivesun:\(m >= 120 ? "meets" : "doesnotmeet")thenationalstandard"
                        let text = try pageText(path, k + 2)
                        #expect(
                            text.contains(sentence), "page \(k + 2) (\(lang)) lacks '\(sentence)': \(text.prefix(400))")
                    }
                }

                // The same bytes again, from the database; the ETag gives 304 without a body.
                let again = try await server.get("/v1/reports/\(id)/report.pdf")
                let whole = Array(try Data(contentsOf: URL(fileURLWithPath: served["zh"]!)))
                #expect(again.body == whole)
                let etag = try #require(again.header("ETag"))
                let unchanged = try await server.get("/v1/reports/\(id)/report.pdf", headers: ["If-None-Match": etag])
                #expect(unchanged.status == 304 && unchanged.body.isEmpty)
                // A byte range is a slice of the same bytes; one past the end is 416.
                let slice = try await server.get("/v1/reports/\(id)/report.pdf", headers: ["Range": "bytes=100-1099"])
                #expect(slice.status == 206 && slice.body == Array(whole[100..<1100]))
                #expect(slice.header("Content-Range") == "bytes 100-1099/\(whole.count)")
                // Across the boundary of two stored parts (1 MiB each; fonts make even 4 pages larger).
                let edge = 1 << 20
                try #require(whole.count > edge + 10)
                let across = try await server.get(
                    "/v1/reports/\(id)/report.pdf", headers: ["Range": "bytes=\(edge - 10)-\(edge + 9)"])
                #expect(across.status == 206 && across.body == Array(whole[(edge - 10)..<(edge + 10)]))
                let tail = try await server.get("/v1/reports/\(id)/report.pdf", headers: ["Range": "bytes=-10"])
                #expect(tail.status == 206 && tail.body == Array(whole.suffix(10)))
                let stale = try await server.get(
                    "/v1/reports/\(id)/report.pdf", headers: ["Range": "bytes=0-9", "If-Range": "\"other\""])
                #expect(stale.status == 200 && stale.body == whole)
                let outside = try await server.get(
                    "/v1/reports/\(id)/report.pdf", headers: ["Range": "bytes=\(whole.count)-"])
                #expect(outside.status == 416 && outside.header("Content-Range") == "bytes */\(whole.count)")
                let english = try await server.get("/v1/reports/\(id)/report.pdf?lang=en")
                #expect(english.header("ETag") != etag)
                let badLang = try await server.get("/v1/reports/\(id)/report.pdf?lang=fr")
                #expect(badLang.status == 400)
                #expect(try badLang.error()["path"] as? String == "lang")

                // `sunspot report` on the same listings of the same scene file (named as the scene
                // id, so the pages name the same scene): the listing pages read the same, except
                // the revision (the CLI names the file's content hash, the daemon the revision).
                try FileManager.default.copyItem(at: Repo.sampleScene, to: dir.appendingPathComponent(scene))
                var listings = "listing,scene,building,floor,unit,title\n"
                for (i, f) in Self.flats.enumerated() {
                    let p = f.split(separator: "/")
                    listings += "L\(i),\(scene),\(p[0]),\(p[1]),\(p[2]),\"Flat \(i), \(f)\"\n"
                }
                let listingsFile = dir.appendingPathComponent("listings.csv")
                try listings.write(to: listingsFile, atomically: true, encoding: .utf8)
                for lang in ["zh", "en"] {
                    let cliPDF = dir.appendingPathComponent("cli-\(lang).pdf").path
                    let cli = try run(
                        "sunspot",
                        [
                            "report", listingsFile.path, "-o", cliPDF, "--lang", lang,
                            "--progress", "none",
                        ])
                    #expect(cli.status == 0)
                    #expect(try pdfPages(cliPDF) == 1 + Self.flats.count)
                    for page in 2...(1 + Self.flats.count) {
                        // Word for word, the scene's revision too: both name it by the document's hash.
                        let cliText = try pageText(cliPDF, page)
                        let daemon = try pageText(served[lang]!, page)
                        #expect(
                            cliText == daemon,
                            "page \(page) (\(lang)) differs:\nCLI:    \(cliText.prefix(600))\ndaemon: \(daemon.prefix(600))"
                        )
                    }
                }
            }
        }

        /// Tampers with the second stored row (one minute more on 大寒), as a bug in the job runner would.
        static func tamper(_ server: TestServer, _ id: String) async throws {
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)  // the server may be writing rows at this moment
            let file = try DatabaseQueue(
                path: server.directory.appendingPathComponent("scenes.sqlite").path, configuration: configuration)
            try await file.write { db in
                let facts = try #require(
                    try String.fetchOne(
                        db, sql: "SELECT CAST(facts AS TEXT) FROM reportRow WHERE jobId = ? AND seq = 1",
                        arguments: [id]))
                var row = try #require(try JSONSerialization.jsonObject(with: Data(facts.utf8)) as? [String: Any])
                let band = try #require(row["greatColdBandMinutes"] as? Double, "fields: \(row.keys.sorted())")
                row["greatColdBandMinutes"] = band + 1
                try db.execute(
                    sql: "UPDATE reportRow SET facts = ? WHERE jobId = ? AND seq = 1",
                    arguments: [try JSONSerialization.data(withJSONObject: row), id])
            }
            try file.close()
        }

        @Test func aRowThatDoesNotRecomputeWhenThePDFIsDrawnFailsItVisiblyNamingTheListing() async throws {
            try await withServer({ $0.reportRowDelaySeconds = 0.15 }) { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let posted = try await Reports.post(
                    server, Reports.listingsJSON(scene: scene, flats: Reports.flats, extra: #","pdf":["en"]"#))
                let id = try #require(try posted.object()["id"] as? String)
                _ = try await Reports.poll(server, id) { ($0["done"] as? Int ?? 0) >= 2 }
                try await Self.tamper(server, id)  // while the job still runs: before its PDF is drawn
                let job = try await Reports.poll(server, id) { Self.pdfState($0, "en") == "failed" }
                #expect(job["status"] as? String == "done")
                let failed = try #require((job["pdf"] as? [String: Any])?["en"] as? [String: Any])
                #expect(failed["code"] as? String == "report_mismatch")
                #expect((failed["error"] as? String)?.contains("'L1'") == true, "\(failed)")
                let reply = try await server.get("/v1/reports/\(id)/report.pdf?lang=en")
                #expect(reply.status == 500)
                #expect(try reply.error()["code"] as? String == "report_mismatch")
                #expect((try reply.error()["message"] as? String)?.contains("'L1'") == true, "\(reply.text)")
            }
        }

        @Test func aStoredRowThatNoLongerRecomputesIsA500NamingTheListingNotAPDF() async throws {
            try await withServer { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let posted = try await Reports.post(
                    server, Reports.listingsJSON(scene: scene, flats: Self.flats, extra: #","pdf":["zh"]"#))
                let id = try #require(try posted.object()["id"] as? String)
                _ = try await Reports.poll(server, id) {
                    $0["status"] as? String == "done" && Self.pdfState($0, "zh") == "ready"
                }
                #expect(try await server.get("/v1/reports/\(id)/report.pdf").status == 200)
                try await Self.tamper(server, id)
                // Served no more: the stored row is not the one the PDF was drawn from.
                let reply = try await server.get("/v1/reports/\(id)/report.pdf")
                #expect(reply.status == 500)
                #expect(try reply.error()["code"] as? String == "report_mismatch")
                #expect((try reply.error()["message"] as? String)?.contains("'L1'") == true, "\(reply.text)")
            }
        }

        @Test func thePDFIs409UntilTheJobIsFinishedAndACancelledJobsPDFHasItsCompleteRows() async throws {
            let dir = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            try await withServer({ $0.reportRowDelaySeconds = 0.15 }) { server in
                let (scene, _, _) = try await server.create(try Repo.sample())
                let posted = try await Reports.post(server, Reports.listingsJSON(scene: scene, flats: Reports.flats))
                let id = try #require(try posted.object()["id"] as? String)
                let early = try await server.get("/v1/reports/\(id)/report.pdf")
                #expect(early.status == 409, "\(early.text)")
                #expect(try early.error()["code"] as? String == "report_not_ready")
                #expect(try await server.get("/v1/reports/\(id)").object()["links"] == nil)
                #expect(
                    try await server.get("/v1/reports/\(String(repeating: "0", count: 32))/report.pdf").status == 404)
                #expect(try await server.get("/v1/reports/nope/report.pdf").status == 404)

                _ = try await Reports.poll(server, id) { ($0["done"] as? Int ?? 0) >= 2 }
                #expect(try await server.get("/v1/reports/\(id)/report.pdf").status == 409)
                let cancelled = try await server.request("DELETE", "/v1/reports/\(id)")
                let done = try #require(try cancelled.object()["done"] as? Int)
                #expect(done >= 2 && done < Reports.flats.count)
                // Not asked for with the job: the first request queues it as a job step.
                let reply = try await Self.drawnPDF(server, "/v1/reports/\(id)/report.pdf?lang=en")
                #expect(reply.status == 200, "\(reply.text.prefix(300))")
                let path = dir.appendingPathComponent("cancelled.pdf").path
                try Data(reply.body).write(to: URL(fileURLWithPath: path))
                #expect(try pdfPages(path) == 1 + done)
                // The pages are the stored rows' listings, in input order.
                for k in 0..<done {
                    #expect(
                        try pageText(path, k + 2).contains("Flat\(k),\(Reports.flats[k].filter { !$0.isWhitespace })"))
                }
            }
        }
    }
}
