import Foundation
import Testing

// Listings files as spreadsheets save them (Fixtures/make_listing_encodings.py encodes them
// with Python's codecs): GB18030 from Excel on Chinese Windows and UTF-8 with a BOM are read
// with their Chinese intact; UTF-16 and bytes that are neither UTF-8 nor GB18030 are refused
// with a reason, never read as U+FFFD. Output CSV has a BOM only with --excel.

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
private let sampleScene = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json")

/// A fresh directory holding the sample scene and the named fixture.
private func workspace(with fixture: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-enc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: sampleScene, to: dir.appendingPathComponent("sample-compound.json"))
    try FileManager.default.copyItem(
        at: fixtures.appendingPathComponent(fixture), to: dir.appendingPathComponent(fixture))
    return dir
}

/// listing → [title, address] of a report CSV (the fixtures' fields hold no commas or quotes).
private func titles(_ csv: String) -> [String: [String]] {
    let rows = csv.split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    return Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], [$0[1], $0[2]]) })
}

@Suite("listings files in people's encodings")
struct ListingEncodingEndToEndTests {
    let expected: [String: [String]] = {
        let data = (try? Data(contentsOf: fixtures.appendingPathComponent("listings-expected.json"))) ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: [String: String]] ?? [:]
        return json.mapValues { [$0["title"] ?? "", $0["address"] ?? ""] }
    }()

    @Test(
        "GB18030 and UTF-8 with a BOM are read with their Chinese intact",
        arguments: [
            "listings-gb18030.csv", "listings-utf8-bom.csv",
        ])
    func readsSpreadsheetEncodings(fixture: String) throws {
        let dir = try workspace(with: fixture)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.csv").path
        let run = try runSunspot(["report", dir.appendingPathComponent(fixture).path, "-o", out, "--progress", "none"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(expected.count == 2)
        #expect(titles(try String(contentsOfFile: out, encoding: .utf8)) == expected)
        #expect(run.stderr.contains("read as GB18030") == (fixture == "listings-gb18030.csv"), "\(run.stderr)")
    }

    @Test(
        "UTF-16 and Latin-1 are refused with the reason, exit 64, nothing written",
        arguments: [
            ("listings-utf16.csv", "is UTF-16"),
            ("listings-latin1.csv", "is neither UTF-8 nor GB18030/GBK (byte 77, 0xE9"),
        ])
    func refusesOtherEncodings(fixture: String, reason: String) throws {
        let dir = try workspace(with: fixture)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report.csv").path
        let run = try runSunspot(["report", dir.appendingPathComponent(fixture).path, "-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.contains(reason), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("output CSV starts with the UTF-8 BOM only with --excel, and --resume reads it back")
    func byteOrderMarkOnlyForExcel() throws {
        let dir = try workspace(with: "listings-utf8-bom.csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("listings-utf8-bom.csv").path
        let plain = dir.appendingPathComponent("plain.csv").path
        let excel = dir.appendingPathComponent("excel.csv").path
        #expect(try runSunspot(["report", input, "-o", plain, "--progress", "none"]).status == 0)
        #expect(try runSunspot(["report", input, "-o", excel, "--excel", "--progress", "none"]).status == 0)
        let plainBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain)))
        let excelBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: excel)))
        #expect(Array(plainBytes.prefix(7)) == Array("listing".utf8))
        #expect(excelBytes == [0xEF, 0xBB, 0xBF] + plainBytes)
        let resumed = try runSunspot(["report", input, "-o", excel, "--excel", "--resume", "--progress", "lines"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: excel))) == excelBytes)
    }
}
