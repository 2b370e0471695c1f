import Foundation
import Render
import Testing

// `sunspot report LISTINGS -o out.pdf` end to end: the PDF is read back with poppler's tools
// (pdfinfo, pdftoppm, pdftotext), which share no code with cairo's writer, and its numbers are
// compared with the CSV the same command writes for the same listings.

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let sampleScene = packageRoot.appendingPathComponent("data/sample-compound.json").path

private func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs a poppler tool (`/usr/bin/NAME`); nil when poppler-utils is not installed.
private func poppler(_ name: String, _ args: [String]) throws -> (status: Int32, stdout: Data)? {
    let url = URL(fileURLWithPath: "/usr/bin/\(name)")
    guard FileManager.default.isExecutableFile(atPath: url.path) else { return nil }
    let process = Process()
    process.executableURL = url
    process.arguments = args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}

/// Header and data rows of a report CSV (no quoted commas in these listings' fields).
private func csvRecords(_ path: String) throws -> [[String: String]] {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    return lines.dropFirst().map { line in
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(header, fields))
    }
}

/// The hours and minutes in a verdict sentence ("… 5 小时 2 分…" / "… 5 h 2 min …"), as minutes.
private func sentenceMinutes(_ text: Substring) -> Int? {
    let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return numbers.count >= 2 ? numbers[0] * 60 + numbers[1] : nil
}

@Suite("sunspot report to PDF, end to end")
struct ReportPDFEndToEndTests {
    static let titles = ["3号楼 5层 东户 两室一厅", "5号楼 2层 南户", "4号楼 11层 西户"]
    static let flats = ["3,5,east", "5,2,south", "4,11,west"]

    func writeListings(in dir: URL) throws -> URL {
        let listings = dir.appendingPathComponent("listings.csv")
        var text = "listing,scene,building,floor,unit,title,address\n"
        for (k, (flat, title)) in zip(Self.flats, Self.titles).enumerated() {
            text += "L-\(k + 1),\(sampleScene),\(flat),\(title),上海市示例路 \(k + 1) 号\n"
        }
        try text.write(to: listings, atomically: true, encoding: .utf8)
        return listings
    }

    @Test func coverPlusOnePagePerListingWithTheCSVsMinutesInTheVerdict() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = try writeListings(in: dir)
        let pdf = dir.appendingPathComponent("report.pdf").path
        let csv = dir.appendingPathComponent("report.csv").path
        let run = try runSunspot(["report", listings.path, "-o", pdf, "--progress", "lines"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("report: 3 of 3 pages"))
        #expect(try runSunspot(["report", listings.path, "-o", csv, "--progress", "none"]).status == 0)
        let rows = try csvRecords(csv)
        #expect(rows.count == 3)

        guard let info = try poppler("pdfinfo", [pdf]) else {
            Issue.record("poppler-utils is not installed (Scripts/install-deps.sh installs it)")
            return
        }
        let infoText = String(decoding: info.stdout, as: UTF8.self)
        #expect(infoText.contains("Pages:           4"), "\(infoText)")  // cover + 3 listings
        #expect(infoText.contains("595 x 842 pts (A4)"))

        for (k, row) in rows.enumerated() {
            let page = "\(k + 2)"
            let text = String(
                decoding: try #require(try poppler("pdftotext", ["-f", page, "-l", page, pdf, "-"])).stdout,
                as: UTF8.self)
            #expect(text.contains(Self.titles[k]), "page \(page)")
            #expect(text.contains("上海市示例路 \(k + 1) 号"))
            // The sentence names 大寒 (zone II, large city: ≥ 2 h), its minutes are the CSV's,
            // rounded down, and its verdict is the CSV's.
            let line = try #require(
                text.split(separator: "\n").first { $0.hasPrefix("大寒日有效日照") }, "page \(page): \(text)")
            let csvMinutes = try #require(Double(row["dahan_band_min"] ?? ""))
            #expect(sentenceMinutes(line) == Int(csvMinutes.rounded(.down)), "\(line) vs \(csvMinutes)")
            let meets = row["meets_standard"] == "true"
            #expect(line.hasSuffix(meets ? "，满足国家标准（≥ 2 小时）" : "，不满足国家标准（≥ 2 小时）"), "\(line)")
            #expect(text.contains(row["scene_revision"] ?? "?"))  // the parameters, to reproduce the page
        }
        // The cover's summary lists every listing with the CSV's 冬至 and 大寒 minutes, as the CSV writes them.
        let cover = String(
            decoding: try #require(try poppler("pdftotext", ["-f", "1", "-l", "1", pdf, "-"])).stdout,
            as: UTF8.self)
        for row in rows {
            #expect(cover.contains(row["listing"]!))
            #expect(cover.contains("\n" + row["dongzhi_band_min"]! + "\n"), "\(row)")
            #expect(cover.contains("\n" + row["dahan_band_min"]! + "\n"), "\(row)")
        }

        // Page 2 as pixels: not blank, and ink in the header band where the title is.
        let prefix = dir.appendingPathComponent("page").path
        #expect(try poppler("pdftoppm", ["-r", "50", "-f", "2", "-l", "2", "-png", pdf, prefix])?.status == 0)
        let pngName = try #require(
            try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .first { $0.hasPrefix("page") && $0.hasSuffix(".png") })
        let image = try RasterImage(png: try Data(contentsOf: dir.appendingPathComponent(pngName)))
        #expect(abs(image.width - 413) <= 1 && abs(image.height - 585) <= 1)  // A4 at 50 dpi
        func share(rows ys: Range<Int>, _ isInk: (Color) -> Bool) -> Double {
            var n = 0
            for y in ys {
                for x in 0..<image.width where isInk(image.color(at: Point(Double(x), Double(y)))) { n += 1 }
            }
            return Double(n) / Double(ys.count * image.width)
        }
        let nonWhite = share(rows: 0..<image.height) { $0.luminance < 0.92 }
        #expect(nonWhite > 0.15, "non-white share \(nonWhite)")
        let headerInk = share(rows: 0..<Int(Double(image.height) * 0.06)) { $0.luminance < 0.5 }
        #expect(headerInk > 0.01, "dark share in the header \(headerInk)")
    }

    @Test func englishPagesSayTheVerdictInEnglish() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = try writeListings(in: dir)
        let pdf = dir.appendingPathComponent("report-en.pdf").path
        let run = try runSunspot(["report", listings.path, "-o", pdf, "--lang", "en", "--progress", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        guard let out = try poppler("pdftotext", ["-f", "2", "-l", "2", pdf, "-"]) else { return }
        let text = String(decoding: out.stdout, as: UTF8.self)
        let line = try #require(
            text.split(separator: "\n").first { $0.hasPrefix("On 大寒 (Major Cold) the window gets") },
            "\(text)")
        #expect(line.hasSuffix("meets the national standard (≥ 2 h)"))
        #expect(text.contains("Effective bands"))
    }

    @Test func badOutputsWriteNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let listings = try writeListings(in: dir)
        // A directory that does not exist.
        let missing = dir.appendingPathComponent("no-such-dir/report.pdf").path
        let run = try runSunspot(["report", listings.path, "-o", missing, "--progress", "none"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("no-such-dir"), "\(run.stderr)")
        // A directory that cannot be written, even by root.
        let denied = try runSunspot(["report", listings.path, "-o", "/proc/sunspot-report.pdf", "--progress", "none"])
        #expect(denied.status == 64)
        #expect(denied.stderr.contains("not writable"), "\(denied.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/proc/sunspot-report.pdf"))
        // --resume does not apply to a PDF, and says so.
        let pdf = dir.appendingPathComponent("report.pdf").path
        let resumed = try runSunspot(["report", listings.path, "-o", pdf, "--resume"])
        #expect(resumed.status == 64)
        #expect(resumed.stderr.contains("--resume does not apply to a PDF"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["listings.csv"])
        // A bad row does not vanish: the good one is a page, the bad one is in the errors file, exit 65.
        try "listing,scene,building,floor,unit\nX-1,\(sampleScene),3,99,east\nX-2,\(sampleScene),3,5,east\n"
            .write(to: listings, atomically: true, encoding: .utf8)
        let bad = try runSunspot(["report", listings.path, "-o", pdf, "--progress", "none"])
        #expect(bad.status == 65, "\(bad.stderr)")
        #expect(bad.stderr.contains("listings.csv:2: flat 3/99/east"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == [
                "listings.csv", "report.errors.csv", "report.pdf",
            ])
        let errors = try String(contentsOf: dir.appendingPathComponent("report.errors.csv"), encoding: .utf8)
        #expect(errors.hasPrefix("line,listing,field,reason\n2,X-1,floor,flat 3/99/east: floor 99 is out of range"))
    }

    @Test func ctrlCLeavesNoPDFAndNoTemporaryFile() throws {
        guard let executable = sunspotExecutable else { return }
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 12 slabs of 20 floors, 2 units: 480 pages, many seconds in a debug build.
        let buildings = (0..<12).map { i -> [String: Any] in
            [
                "id": "S\(i + 1)", "box": ["x": Double(i % 4) * 70, "y": Double(i / 4) * 80, "width": 50, "depth": 14],
                "floors": 20, "floorHeight": 3,
                "units": [
                    ["id": "a", "windows": [["face": "south", "offset": -12, "width": 1.8]]],
                    ["id": "b", "windows": [["face": "south", "offset": 12, "width": 1.8]]],
                ],
            ]
        }
        let scene = dir.appendingPathComponent("district.json")
        try JSONSerialization.data(
            withJSONObject: [
                "version": 1, "site": ["latitude": 39.9, "longitude": 116.4, "timeZone": "Asia/Shanghai"],
                "buildings": buildings,
            ] as [String: Any]
        ).write(to: scene)
        let out = dir.appendingPathComponent("all.pdf").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["report", scene.path, "-o", out, "--workers", "1", "--progress", "none"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Interrupt once pages are being written to the temporary file.
        let deadline = Date().addingTimeInterval(60)
        func partialBytes() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { $0.contains(".partial-") }.compactMap {
                (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent($0).path))?[.size] as? Int
            }.max() ?? 0
        }
        while Date() < deadline, partialBytes() < 200_000, process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
        #expect(process.isRunning, "the run should still be going")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["district.json"])
    }
}
