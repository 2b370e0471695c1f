import Foundation
import Testing

// `sunspot import --units` with `--units-tag` and `--units-on`: which buildings get flats,
// checked against the GeoJSON's own properties (not the importer's reading of them), and the
// help's own examples run exactly as printed on the sample file.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let sampleGeoJSON = root.appendingPathComponent("data/sample-buildings.geojson").path

/// A temporary directory, removed by the caller.
private func scratchDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-targets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The ids of the written scene's buildings that have units.
private func buildingsWithUnits(_ scene: String) throws -> [String] {
    let json = try #require(
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scene))) as? [String: Any])
    let buildings = try #require(json["buildings"] as? [[String: Any]])
    return buildings.filter { ($0["units"] as? [Any])?.isEmpty == false }.compactMap { $0["id"] as? String }
}

/// Splits a shell line into words, honouring double quotes (enough for the help's examples).
private func shellWords(_ line: String) -> [String] {
    var words: [String] = [], current = "", quoted = false, started = false
    for c in line {
        if c == "\"" {
            quoted.toggle()
            started = true
            continue
        }
        if c == " " && !quoted {
            if started { words.append(current) }
            current = ""
            started = false
            continue
        }
        current.append(c)
        started = true
    }
    if started { words.append(current) }
    return words
}

@Suite("sunspot import: which buildings get --units", .serialized)
struct ImportUnitTargetsEndToEndTests {
    @Test("every --units example in `sunspot import --help` runs as printed on the sample file")
    func helpExamplesFitTheSample() throws {
        let help = try runSunspot(["import", "--help"])
        #expect(help.status == 0)
        // Join the example's continuation lines (`\` at the end), keep the ones with --units.
        let joined = help.stdout.replacingOccurrences(of: "\\\n", with: " ")
        let examples = joined.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("sunspot import ") && $0.contains("--units ") }
        #expect(examples.count >= 2, "\(help.stdout)")
        #expect(examples.contains { $0.contains("\"east:south:+12,west:south:-12\"") })
        for example in examples {
            let dir = try scratchDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            var words = Array(shellWords(example).dropFirst())
            words = words.map { $0 == "data/sample-buildings.geojson" ? sampleGeoJSON : $0 }
            let o = try #require(words.firstIndex(of: "-o"))
            words[o + 1] = dir.appendingPathComponent(words[o + 1]).path
            let run = try runSunspot(words)
            #expect(run.status == 0, "\(example): \(run.stderr)")
            let with = try buildingsWithUnits(words[o + 1])
            #expect(!with.isEmpty && !with.contains("T1"), "\(example): \(with)")
        }
    }

    @Test("--units-tag building=residential|apartments|house gives flats to exactly the file's homes with storeys")
    func tagFilterFollowsTheFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("homes.json").path
        let run = try runSunspot([
            "import", sampleGeoJSON, "--tz", "Asia/Shanghai", "--units", "flat:south:0",
            "--units-tag", "building=residential|apartments|house", "-o", out,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        // The expectation, read from the GeoJSON's properties directly.
        let geo = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sampleGeoJSON)))
                as? [String: Any])
        let features = try #require(geo["features"] as? [[String: Any]])
        let homes = features.compactMap { f -> String? in
            let p = f["properties"] as! [String: Any]
            guard ["residential", "apartments", "house"].contains(p["building"] as? String ?? ""),
                p["building:levels"] != nil
            else { return nil }
            return (p["id"] as? String) ?? (f["id"].map { "\($0)" })
        }
        #expect(homes == ["1", "2", "3", "5"])
        #expect(try buildingsWithUnits(out) == homes)
        #expect(run.stdout.contains("on 4 building(s) with storeys: 1, 2, 3, 5"), "\(run.stdout)")
    }

    @Test("--units-on keeps the listed buildings; with --units-tag a building must pass both")
    func idFilterAndBoth() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("some.json").path
        let ids = try runSunspot([
            "import", sampleGeoJSON, "--tz", "Asia/Shanghai", "--units", "flat:south:0",
            "--units-on", "2,T1", "-o", out,
        ])
        #expect(ids.status == 0, "\(ids.stderr)")
        #expect(try buildingsWithUnits(out) == ["2", "T1"])
        let both = try runSunspot([
            "import", sampleGeoJSON, "--tz", "Asia/Shanghai", "--units", "flat:south:0",
            "--units-on", "2,T1", "--units-tag", "building=residential", "-o", out,
        ])
        #expect(both.status == 0, "\(both.stderr)")
        #expect(try buildingsWithUnits(out) == ["2"])
    }

    @Test(
        "a bad filter is one line naming the option and what is accepted; nothing is written",
        arguments: [
            (
                ["--units", "flat:south:0", "--units-on", "9"],
                "--units-on: no building '9' in the file (its ids: 1, 2, 3, 4, 5, way-118800231~1, way-118800231~2, G-1, G-2, B, T1)"
            ),
            (["--units", "flat:south:0", "--units-on", "B"], "--units-on: building 'B' has no storeys"),
            (
                ["--units", "flat:south:0", "--units-on", "1,,2"],
                "--units-on: '1,,2' must be building ids separated by commas"
            ),
            (
                ["--units", "flat:south:0", "--units-tag", "residential"],
                "--units-tag: 'residential' must be KEY=VALUE|VALUE…"
            ),
            (
                ["--units", "flat:south:0", "--units-tag", "building="],
                "--units-tag: 'building=' must be KEY=VALUE|VALUE…"
            ),
            (
                ["--units-tag", "building=residential"],
                "--units-tag chooses which buildings get --units; give --units too"
            ),
        ])
    func badFilters(extra: [String], message: String) throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("bad.json").path
        let run = try runSunspot(["import", sampleGeoJSON, "--tz", "Asia/Shanghai"] + extra + ["-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
