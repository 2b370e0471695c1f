import Foundation
import Testing

// `sunspot report` end to end: the binary run as a user would, its files read back.
// The per-flat figures are checked against `sunspot table --format json` for the same
// flat (the flat table is itself tested against independent references in SceneTests);
// resume and interruption are checked against an uninterrupted run.

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let sampleScene = packageRoot.appendingPathComponent("data/sample-compound.json").path

private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Rows of a report CSV (header first) with RFC 4180 quoting, parsed here independently.
private func csvRows(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text)[...]
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
            row.append(field)
            field = ""
        } else if c == "\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
    }
    return rows
}

/// A district big enough that a debug build takes seconds: rows of 20-storey slabs.
private func writeDistrict(to url: URL) throws {
    var buildings: [[String: Any]] = []
    for i in 0..<12 {
        buildings.append([
            "id": "S\(i + 1)",
            "box": [
                "x": Double(i % 4) * 70, "y": Double(i / 4) * 80, "width": 50, "depth": 14,
                "rotation": Double(i % 3) - 1,
            ],
            "floors": 20, "floorHeight": 3,
            "units": [
                ["id": "a", "windows": [["face": "south", "offset": -12, "width": 1.8]]],
                ["id": "b", "windows": [["face": "south", "offset": 12, "width": 1.8]]],
            ],
        ])
    }
    let scene: [String: Any] = [
        "version": 1, "name": "district",
        "site": ["latitude": 39.9042, "longitude": 116.4074, "timeZone": "Asia/Shanghai"],
        "buildings": buildings,
    ]
    try JSONSerialization.data(withJSONObject: scene).write(to: url)
}

@Suite("sunspot report, end to end")
struct ReportEndToEndTests {
    @Test func rowsCarryTheFlatTablesNumbers() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = dir.appendingPathComponent("listings.csv")
        try """
        listing,scene,building,floor,unit,title
        A-101,\(sampleScene),3,5,east,"Block 3, 5F east"
        A-102,\(sampleScene),5,2,south,
        A-103,\(sampleScene),4,11,west,
        """.write(to: listings, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report.csv").path
        let run = try runSunspot(["report", listings.path, "-o", out, "--progress", "lines"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = csvRows(try String(contentsOfFile: out, encoding: .utf8))
        let header = rows[0]
        #expect(rows.count == 4)
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        for (row, flat) in zip(rows.dropFirst(), ["3/5/east", "5/2/south", "4/11/west"]) {
            let table = try runSunspot(["table", sampleScene, flat, "--format", "json"])
            #expect(table.status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(table.stdout.utf8)) as! [String: Any]
            let termRows = json["rows"] as! [[String: Any]]
            func band(_ term: String) -> Double {
                termRows.first { $0["term"] as? String == term }!["bandMinutes"] as! Double
            }
            #expect(Double(row[column("dongzhi_band_min")]) == band("冬至"), "\(flat)")
            #expect(Double(row[column("dahan_band_min")]) == band("大寒"), "\(flat)")
            let verdict = termRows.compactMap { $0["meetsStandard"] as? Bool }
            #expect(row[column("meets_standard")] == (verdict.allSatisfy { $0 } ? "true" : "false"))
            // The 24 totals, in the order of the year from 小寒.
            let totals = termRows.map { $0["totalMinutes"] as! Double }
            let reported = header.indices.filter { header[$0].hasPrefix("total_min_") }.map { Double(row[$0])! }
            #expect(reported.sorted() == totals.sorted(), "\(flat)")
            let best =
                termRows.max { ($0["totalMinutes"] as! Double) < ($1["totalMinutes"] as! Double) }!["term"] as! String
            #expect(row[column("best_term")] == best)
        }
        #expect(rows[1][column("title")] == "Block 3, 5F east")
        #expect(rows[1][column("software")] == "0.1.0")
        #expect(rows[1][column("scene_revision")].hasPrefix("fnv1a64:"))
        #expect(run.stderr.contains("report: 3 of 3 listings"))
    }

    @Test("bad rows never vanish: the good ones are computed, the bad ones go to the errors file, exit 65")
    func badRowsGoToTheErrorsFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = dir.appendingPathComponent("listings.csv")
        try """
        listing,scene,building,floor,unit
        A-1,\(sampleScene),3,5,east
        A-2,\(sampleScene),3,99,east
        A-3,missing.json,3,5,east
        A-4,\(sampleScene),Z,1,east
        A-5,\(sampleScene),1,two,east
        A-6,\(sampleScene),1,1,east
        """.write(to: listings, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report.csv").path
        let errors = dir.appendingPathComponent("report.errors.csv").path
        let run = try runSunspot(["report", listings.path, "-o", out, "--progress", "none"])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(csvRows(try String(contentsOfFile: out, encoding: .utf8)).map { $0[0] } == ["listing", "A-1", "A-6"])
        #expect(run.stderr.contains("listings.csv:3: flat 3/99/east: floor 99 is out of range"))
        #expect(run.stderr.contains("4 row(s) rejected, written to \(errors)"), "\(run.stderr)")
        let rejected = csvRows(try String(contentsOfFile: errors, encoding: .utf8))
        #expect(rejected.first == ["line", "listing", "field", "reason"])
        #expect(
            rejected.dropFirst().map { Array($0.prefix(3)) } == [
                ["3", "A-2", "floor"], ["4", "A-3", "scene"], ["5", "A-4", "building"], ["6", "A-5", "floor"],
            ])
        #expect(rejected.last?.last?.contains("whole number") == true, "\(rejected)")
        // --allow-rejects: the same files, exit 0.
        let allowed = try runSunspot(["report", listings.path, "-o", out, "--allow-rejects", "--progress", "none"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(csvRows(try String(contentsOfFile: errors, encoding: .utf8)).count == 5)
        // A clean run to the same output removes the errors file the earlier run left.
        let clean = dir.appendingPathComponent("clean.csv")
        try "listing,scene,building,floor,unit\nA-1,\(sampleScene),3,5,east\n".write(
            to: clean, atomically: true, encoding: .utf8)
        let ok = try runSunspot(["report", clean.path, "-o", out, "--progress", "none"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!FileManager.default.fileExists(atPath: errors))
    }

    @Test("a wrong header is refused whole (exit 64), nothing computed")
    func aWrongHeaderIsRefused() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = dir.appendingPathComponent("listings.csv")
        try "listing,scene,building,storey,unit\nA-1,\(sampleScene),3,5,east\n".write(
            to: listings, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report.csv").path
        let run = try runSunspot(["report", listings.path, "-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown column 'storey'"), "\(run.stderr)")
        #expect(run.stderr.contains("the header is wrong"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func resumeAfterACutOffRowEqualsOneFullRun() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let full = dir.appendingPathComponent("full.jsonl").path
        #expect(try runSunspot(["report", sampleScene, "-o", full, "--progress", "none"]).status == 0)
        let complete = try String(contentsOfFile: full, encoding: .utf8)
        let lines = complete.split(separator: "\n")
        #expect(lines.count > 50)  // every flat of the sample compound
        // An interrupted run: 20 complete rows and half of the 21st.
        let partial = dir.appendingPathComponent("partial.jsonl").path
        let cut = lines.prefix(20).joined(separator: "\n") + "\n" + lines[20].prefix(40)
        try cut.write(toFile: partial, atomically: true, encoding: .utf8)
        let resumed = try runSunspot(["report", sampleScene, "-o", partial, "--resume", "--progress", "lines"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("20 already done"))
        #expect(try String(contentsOfFile: partial, encoding: .utf8) == complete)
        // Other settings are refused rather than mixed into the same file.
        let mixed = try runSunspot(["report", sampleScene, "-o", partial, "--resume", "--year", "2027"])
        #expect(mixed.status == 64)
        #expect(mixed.stderr.contains("--year 2026"))
    }

    @Test func ctrlCLeavesCompleteRowsAndResumeFinishes() throws {
        guard let executable = sunspotExecutable else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scene = dir.appendingPathComponent("district.json")
        try writeDistrict(to: scene)
        let out = dir.appendingPathComponent("report.csv").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["report", scene.path, "-o", out, "--workers", "1", "--progress", "none"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupt once a few rows are out.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if text.split(separator: "\n").count > 5 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let interrupted = try String(contentsOfFile: out, encoding: .utf8)
        #expect(interrupted.hasSuffix("\n"))
        let partialRows = csvRows(interrupted)
        #expect(partialRows.allSatisfy { $0.count == partialRows[0].count })
        #expect(partialRows.count - 1 < 480, "the run should have been cut short")
        let resumed = try runSunspot(["report", scene.path, "-o", out, "--resume", "--progress", "none"])
        #expect(resumed.status == 0)
        let reference = dir.appendingPathComponent("reference.csv").path
        #expect(try runSunspot(["report", scene.path, "-o", reference, "--progress", "none"]).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == String(contentsOfFile: reference, encoding: .utf8))
    }
}
