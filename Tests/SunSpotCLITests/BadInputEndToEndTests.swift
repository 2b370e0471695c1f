import Foundation
import Testing

// Ten bad inputs per command, run through the built binary: each gives exit status 64, nothing
// on stdout, and one stderr line that names the option, argument or JSON path, the value when
// there is one, and what would be accepted (the expected pieces are listed with each case).

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let scene = root.appendingPathComponent("data/sample-compound.json").path
private let geojson = root.appendingPathComponent("data/sample-buildings.geojson").path
private let listings = root.appendingPathComponent("data/sample-listings.csv").path
private let readme = root.appendingPathComponent("README.md").path
private let png = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-bad-\(UUID().uuidString).png")
    .path
private let scratchJSON = FileManager.default.temporaryDirectory.appendingPathComponent(
    "sunspot-bad-\(UUID().uuidString).json"
).path

private let at = "2026-12-21T12:00:00+08:00"

/// (arguments, pieces the one error line must contain)
private let cases: [([String], [String])] = [
    // sun
    (["sun", "--lat", "95", "--lon", "1", "--at", at], ["--lat", "-90...90"]),
    (["sun", "--lat", "abc", "--lon", "1", "--at", at], ["'abc'", "--lat", "expected a number"]),
    (["sun", "--lat", "1", "--lon", "200", "--at", at], ["--lon", "-180...180"]),
    (["sun", "--lat", "1", "--lon", "-", "--at", at], ["'-'", "--lon", "expected a number"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", "noon"], ["--at", "'noon'", "like 2026-12-21T12:00:00+08:00"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", at, "--tz", "Mars/Base"], ["--tz", "'Mars/Base'", "Asia/Shanghai"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", at, "--height", "99999"], ["--height", "-500...9000"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", at, "--format", "xml"], ["'xml'", "--format", "'json'"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", at, "--lang", "fr"], ["'fr'", "--lang", "'en'"]),
    (["sun", "--lat", "1", "--lon", "1", "--at", "1700-01-01T12:00"], ["--at", "1700", "1900...2150"]),
    // terms
    (["terms", "--year", "1700"], ["--year", "1700", "1900...2150"]),
    (["terms", "--year", "abc"], ["'abc'", "--year", "whole number"]),
    (["terms", "--year", "2026.5"], ["'2026.5'", "--year", "whole number"]),
    (["terms", "--year", "-5"], ["--year", "-5", "1900...2150"]),
    (["terms", "--year", "3000"], ["--year", "3000", "1900...2150"]),
    (["terms", "--year", "2026", "--tz", "Nowhere"], ["--tz", "'Nowhere'", "Asia/Shanghai"]),
    (["terms", "--year", "2026", "--format", "xml"], ["'xml'", "--format", "'csv'"]),
    (["terms", "--year", "2026", "--lang", "fr"], ["'fr'", "--lang", "'zh'"]),
    (["terms", "--year", "2026", "--tz", ""], ["--tz", "Asia/Shanghai"]),
    (["terms", "--year", "1899"], ["--year", "1899", "1900...2150"]),
    // table
    (["table", scene, "3/99/east"], ["--floor", "99", "1...6"]),
    (["table", scene, "9/1/east"], ["--building", "'9'", "have: 1, 2, 3"]),
    (["table", scene, "3/5/north"], ["--unit", "'north'", "have: east, west"]),
    (["table", scene, "3-5-east"], ["'3-5-east'", "e.g. 3/5/east"]),
    (["table", scene, "3/5/east", "--year", "3000"], ["--year", "3000", "1900...2150"]),
    (["table", scene, "3/5/east", "--standard", "foo"], ["--standard", "'foo'", "gb50180"]),
    (["table", scene, "3/5/east", "--climate-zone", "IX"], ["--climate-zone", "'IX'", "I, II"]),
    (["table", scene, "--building", "3", "--floor", "5"], ["--unit", "e.g. --unit east"]),
    (["table", scene, "--building", "3", "--floor", "x", "--unit", "east"], ["'x'", "--floor", "whole number"]),
    (["table", scene, "3/5/east", "--format", "pdf"], ["'pdf'", "--format", "'md'"]),
    // compare
    (["compare", "/nonexistent/before.json", scene], ["/nonexistent/before.json", "cannot read"]),
    (["compare", scene, scene, "--year", "3000"], ["--year", "3000", "1900...2150"]),
    (["compare", scene, scene, "--standard", "foo"], ["--standard", "'foo'", "gb50180"]),
    (["compare", scene, scene, "--climate-zone", "0"], ["--climate-zone", "'0'", "I, II"]),
    (["compare", scene, scene, "--year", "x"], ["'x'", "--year", "whole number"]),
    (["compare", scene, scene, "--format", "xml"], ["'xml'", "--format", "'json'"]),
    (["compare", scene, scene, "--lang", "de"], ["'de'", "--lang", "'zh'"]),
    (["compare", scene, "/nonexistent/after.json"], ["/nonexistent/after.json", "cannot read"]),
    (["compare", scene, scene, "--year", "1800"], ["--year", "1800", "1900...2150"]),
    (["compare", scene, scene, "--standard", ""], ["--standard", "gb50180"]),
    // facade
    (["facade", scene, "--building", "3", "--face", "up"], ["--face", "'up'", "south, east, north or west"]),
    (["facade", scene, "--building", "Z", "--face", "south"], ["--building", "'Z'", "have: 1, 2"]),
    (["facade", scene, "--building", "3", "--edge", "99"], ["--edge", "99", "0...3"]),
    (["facade", scene, "--building", "3", "--face", "south", "--term", "立秋X"], ["--term", "'立秋X'", "e.g. 大寒"]),
    (["facade", scene, "--building", "3", "--face", "south", "--offset", "1000"], ["--offset", "1000", "±half"]),
    (["facade", scene, "--building", "3"], ["--face", "--edge"]),
    (
        ["facade", scene, "--building", "3", "--face", "south", "--height", "9999"],
        ["--height", "9999", "0.0...17.4 m"]
    ),
    (
        ["facade", scene, "--building", "3", "--face", "south", "--spacing", "-1"],
        ["--spacing", "-1", "at least 0.1 m"]
    ),
    (
        ["facade", scene, "--building", "3", "--face", "south", "--offset", "x"],
        ["'x'", "--offset", "expected a number"]
    ),
    (["facade", scene, "--building", "3", "--face", "south", "--standard", "x"], ["--standard", "'x'", "gb50180"]),
    // sunpath
    (["sunpath", scene, "--date", "2026-02-30", "-o", png], ["--date", "'2026-02-30'", "YYYY-MM-DD"]),
    (["sunpath", scene, "--date", "2026-12-22", "--window", "9/1/east", "-o", png], ["--building", "'9'", "have: 1"]),
    (
        ["sunpath", scene, "--date", "2026-12-22", "--projection", "fish", "-o", png],
        ["--projection", "'fish'", "stereographic or equidistant"]
    ),
    (["sunpath", scene, "--date", "2026-12-22", "--size", "10x10", "-o", png], ["--size", "10", "200...8000"]),
    (["sunpath", scene, "--date", "2026-12-22", "--scale", "10", "-o", png], ["--scale", "10", "0.25...4.0"]),
    (["sunpath", scene, "--date", "2026-12-22", "-o", "/tmp/x.txt"], ["-o /tmp/x.txt", ".png, .pdf or .svg"]),
    (
        ["sunpath", scene, "--date", "2026-12-22", "--format", "gif", "-o", png],
        ["--format", "'gif'", "png, pdf or svg"]
    ),
    (["sunpath", scene, "-o", png], ["--date", "e.g. --date 2026-12-22"]),
    (
        ["sunpath", scene, "--date", "2026-12-22", "--window", "3/5/east", "--window-index", "5", "-o", png],
        ["--window-index", "5", "0..<2"]
    ),
    (
        ["sunpath", scene, "--date", "2026-12-22", "-o", "/nonexistent/x.png"],
        ["-o /nonexistent/x.png", "does not exist"]
    ),
    // shadow
    (
        ["shadow", scene, "--at", "2026-12-22T25:00", "-o", png],
        ["--at", "'2026-12-22T25:00'", "like 2026-12-21T12:00:00+08:00"]
    ),
    (["shadow", scene, "--hourly", "-o", png], ["--hourly", "--date", "e.g. --date 2026-12-22"]),
    (
        ["shadow", scene, "--at", "2026-12-22T10:00", "--flat", "9/1/east", "-o", png],
        ["--building", "'9'", "have: 1"]
    ),
    (["shadow", scene, "-o", png], ["--at", "e.g. --at 2026-12-22T10:00"]),
    (
        ["shadow", scene, "--at", "2026-12-22T10:00", "--standard", "foo", "-o", png],
        ["--standard", "'foo'", "gb50180"]
    ),
    (["shadow", scene, "--at", "2026-12-22T10:00", "--flat", "3-5", "-o", png], ["'3-5'", "e.g. 3/5/east"]),
    (
        ["shadow", scene, "--at", "2026-12-22T10:00", "--building", "3", "--floor", "5", "-o", png],
        ["--unit", "e.g. --unit east"]
    ),
    (["shadow", scene, "--at", "2026-12-22T10:00", "--size", "axb", "-o", png], ["--size", "'axb'"]),
    (["shadow", scene, "--at", "2026-12-22T10:00", "--lang", "fr", "-o", png], ["'fr'", "--lang", "'en'"]),
    (
        ["shadow", scene, "--at", "2026-12-22T10:00", "--scale", "abc", "-o", png],
        ["'abc'", "--scale", "expected a number"]
    ),
    // heatmap
    (["heatmap", scene, "--date", "2026-12-22", "--band", "16-8", "-o", png], ["--band", "'16-8'", "e.g. 8-16"]),
    (["heatmap", scene, "--date", "2026-12-22", "--band", "x", "-o", png], ["--band", "'x'", "e.g. 8-16"]),
    (["heatmap", scene, "--date", "2026-12-22", "--spacing", "0", "-o", png], ["--spacing", "0", "at least"]),
    (
        ["heatmap", scene, "--date", "2026-12-22", "--plane-height", "-2", "-o", png],
        ["--plane-height", "-2", "0...1000 m"]
    ),
    (["heatmap", scene, "--date", "26-12-22", "-o", png], ["--date", "'26-12-22'", "YYYY-MM-DD"]),
    (["heatmap", scene, "--date", "2026-12-22", "--spacing", "0.01", "-o", png], ["--spacing", "0.01", "at least"]),
    (["heatmap", scene, "--date", "2026-12-22", "--standard", "foo", "-o", png], ["--standard", "'foo'", "gb50180"]),
    (
        ["heatmap", scene, "--date", "2026-12-22", "--spacing", "two", "-o", png],
        ["'two'", "--spacing", "expected a number"]
    ),
    (
        ["heatmap", scene, "--date", "2026-12-22", "--format", "gif", "-o", png],
        ["--format", "'gif'", "png, pdf or svg"]
    ),
    (
        ["heatmap", scene, "--date", "2026-12-22", "-o", "/nonexistent/x.png"],
        ["-o /nonexistent/x.png", "does not exist"]
    ),
    // point
    (["point", scene, "--x", "0", "--y", "0", "--z", "-1", "--date", "2026-12-22"], ["--z", "-1", "0...1000 m"]),
    (["point", scene, "--x", "0", "--y", "0"], ["--at", "--date"]),
    (["point", scene, "--x", "1e9", "--y", "0", "--date", "2026-12-22"], ["--x", "1000000000", "±100000 m"]),
    (
        ["point", scene, "--x", "0", "--y", "0", "--facing", "400", "--date", "2026-12-22"],
        ["--facing", "400", "-360…360"]
    ),
    (
        ["point", scene, "--x", "0", "--y", "0", "--at", "tomorrow"],
        ["--at", "'tomorrow'", "like 2026-12-21T12:00:00+08:00"]
    ),
    (["point", scene, "--x", "abc", "--y", "0", "--date", "2026-12-22"], ["'abc'", "--x", "expected a number"]),
    (["point", scene, "--x", "0", "--y", "-2e9", "--date", "2026-12-22"], ["--y", "±100000 m"]),
    (["point", scene, "--x", "0", "--y", "0", "--date", "2026-13-01"], ["--date", "'2026-13-01'", "like 2026-12-22"]),
    (
        ["point", scene, "--x", "0", "--y", "0", "--date", "2026-12-22", "--standard", "x"],
        ["--standard", "'x'", "gb50180"]
    ),
    (
        ["point", scene, "--x", "0", "--y", "0", "--facing", "west", "--date", "2026-12-22"],
        ["'west'", "--facing", "expected a number"]
    ),
    // report
    (["report", "/nonexistent.csv", "-o", scratchJSON], ["/nonexistent.csv", "cannot read"]),
    (["report", listings, "-o", "/tmp/x.txt"], ["-o /tmp/x.txt", ".csv, .json, .jsonl or .pdf"]),
    (
        ["report", listings, "-o", scratchJSON, "--progress", "loud"],
        ["--progress", "'loud'", "auto, bar, lines or none"]
    ),
    (["report", listings, "-o", scratchJSON, "--workers", "0"], ["--workers", "0", "at least 1"]),
    (["report", listings, "-o", "/tmp/x.pdf", "--resume"], ["--resume", "PDF", "without --resume"]),
    (["report", readme, "-o", scratchJSON], ["README.md", ".csv, .jsonl", ".json"]),
    (["report", listings, "-o", scratchJSON, "--year", "3000"], ["--year", "3000", "1900...2150"]),
    (["report", listings, "-o", scratchJSON, "--standard", "foo"], ["--standard", "'foo'", "gb50180"]),
    (["report", listings, "-o", scratchJSON, "--workers", "many"], ["'many'", "--workers", "whole number"]),
    (["report", listings, "-o", scratchJSON, "--lang", "fr"], ["'fr'", "--lang", "'en'"]),
    // import
    (["import", geojson, "-o", scratchJSON], ["--tz", "e.g. --tz Asia/Shanghai"]),
    (["import", geojson, "--tz", "Mars", "-o", scratchJSON], ["--tz", "'Mars'", "Asia/Shanghai"]),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "--floor-height", "0.5", "-o", scratchJSON],
        ["--floor-height", "0.5", "1.5...20 m"]
    ),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "--crs", "EPSG:999999", "-o", scratchJSON],
        ["--crs", "'EPSG:999999'", "PROJ"]
    ),
    (
        ["import", "/nonexistent.geojson", "--tz", "Asia/Shanghai", "-o", scratchJSON],
        ["/nonexistent.geojson", "cannot be read"]
    ),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "-o", "/nonexistent/x.json"],
        ["-o /nonexistent/x.json", "does not exist"]
    ),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "--units", "a:b:c", "-o", scratchJSON],
        ["--units", "'b'", "south"]
    ),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "--units", "a:south:0", "--window-width", "0", "-o", scratchJSON],
        ["--window-width", "0.1...100 m"]
    ),
    (["import", readme, "--tz", "Asia/Shanghai", "-o", scratchJSON], ["README.md", "GeoJSON"]),
    (
        ["import", geojson, "--tz", "Asia/Shanghai", "--units", "a:south:0", "--units-on", "9", "-o", scratchJSON],
        ["--units-on", "'9'", "its ids: 1, 2"]
    ),
]

/// Scene documents with one thing wrong each, for `validate`: (change, JSON path and accepted form).
private let badScenes: [(String, @Sendable ([String: Any]) -> [String: Any], [String])] = [
    (
        "latitude",
        {
            var d = $0
            var s = d["site"] as! [String: Any]
            s["latitude"] = 95
            d["site"] = s
            return d
        }, ["site.latitude", "-90...90"]
    ),
    (
        "time zone",
        {
            var d = $0
            var s = d["site"] as! [String: Any]
            s["timeZone"] = "Mars/Base"
            d["site"] = s
            return d
        }, ["site.timeZone", "'Mars/Base'", "IANA"]
    ),
    (
        "box width",
        {
            editBuilding($0, 0) {
                var b = $0["box"] as! [String: Any]
                b["width"] = -1
                $0["box"] = b
            }
        }, ["buildings[0].box.width", "> 0"]
    ),
    ("floors", { editBuilding($0, 0) { $0["floors"] = 0 } }, ["buildings[0].floors", "1...200"]),
    ("duplicate id", { editBuilding($0, 1) { $0["id"] = "1" } }, ["buildings[1].id", "'1'", "buildings[0].id"]),
    (
        "face", { editWindow($0) { $0["face"] = "up" } },
        ["buildings[0].units[0].windows[0].face", "'up'", "south, north"]
    ),
    (
        "version",
        {
            var d = $0
            d["version"] = 2
            return d
        }, ["version", "must be 1", "2"]
    ),
    ("offset", { editWindow($0) { $0["offset"] = 100 } }, ["buildings[0].units[0].windows[0].offset", "50.0 m"]),
    ("floor height", { editBuilding($0, 0) { $0["floorHeight"] = 50 } }, ["buildings[0].floorHeight", "1.5...20 m"]),
    (
        "window width", { editWindow($0) { $0["width"] = 0 } },
        ["buildings[0].units[0].windows[0].width", "0.1...100 m"]
    ),
]

private func editBuilding(_ doc: [String: Any], _ i: Int, _ change: (inout [String: Any]) -> Void) -> [String: Any] {
    var d = doc
    var buildings = d["buildings"] as! [[String: Any]]
    change(&buildings[i])
    d["buildings"] = buildings
    return d
}

private func editWindow(_ doc: [String: Any], _ change: (inout [String: Any]) -> Void) -> [String: Any] {
    editBuilding(doc, 0) { b in
        var units = b["units"] as! [[String: Any]]
        var windows = units[0]["windows"] as! [[String: Any]]
        change(&windows[0])
        units[0]["windows"] = windows
        b["units"] = units
    }
}

private func expectOneActionableLine(
    _ args: [String], _ pieces: [String], _ run: (status: Int32, stdout: String, stderr: String)
) {
    #expect(run.status == 64, "\(args): exit \(run.status), \(run.stderr)")
    #expect(run.stdout.isEmpty, "\(args) printed to stdout: \(run.stdout)")
    let lines = run.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(args): \(lines.count) lines:\n\(run.stderr)")
    for piece in pieces {
        #expect(run.stderr.contains(piece), "\(args): '\(piece)' missing from: \(run.stderr)")
    }
}

@Suite("every command: a bad input is one line a user can act on")
struct BadInputEndToEndTests {
    @Test("ten bad inputs per command", arguments: cases)
    func badInput(args: [String], pieces: [String]) throws {
        expectOneActionableLine(args, pieces, try runSunspot(args))
        #expect(!FileManager.default.fileExists(atPath: png))
    }

    @Test("every command has ten cases")
    func tenPerCommand() {
        let commands = [
            "sun", "terms", "table", "compare", "facade", "sunpath", "shadow", "heatmap", "point", "report", "import",
        ]
        for command in commands {
            #expect(cases.filter { $0.0.first == command }.count >= 10, "\(command)")
        }
        #expect(badScenes.count >= 10)
    }

    @Test("validate: ten broken scenes, each named by its JSON path", arguments: badScenes.indices)
    func validateNamesThePath(index: Int) throws {
        let (what, change, pieces) = badScenes[index]
        let original = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scene))) as? [String: Any])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sunspot-validate-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: path) }
        try JSONSerialization.data(withJSONObject: change(original)).write(to: path)
        let run = try runSunspot(["validate", path.path])
        expectOneActionableLine(["validate", what], pieces, run)
    }
}
