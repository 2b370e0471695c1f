import Foundation
import Testing

// `sunspot import` run as a user runs it: a scene file appears only on success and
// passes `sunspot validate`; bad input prints one line naming what is wrong and
// where, exits 64, and leaves the output path as it was.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let sampleGeoJSON = root.appendingPathComponent("data/sample-buildings.geojson").path

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// The summed geodesic area of the sample's outer rings (pyproj.Geod, GeoImportTests/Fixtures).
private func sampleGeodesicArea() throws -> Double {
    let csv = try String(
        contentsOf: root.appendingPathComponent("Tests/GeoImportTests/Fixtures/sample_geodesy.csv"), encoding: .utf8)
    var total = 0.0
    for line in csv.split(separator: "\n").dropFirst() {
        let cells = line.split(separator: ",").map(String.init)
        if cells[2] == "area", let value = Double(cells[4]) { total += abs(value) }
    }
    return total
}

/// The summed geodesic area of the sample's courtyards (holes), from the same fixture.
private func sampleCourtyardGeodesicArea() throws -> Double {
    let csv = try String(
        contentsOf: root.appendingPathComponent("Tests/GeoImportTests/Fixtures/sample_geodesy.csv"), encoding: .utf8)
    var total = 0.0
    for line in csv.split(separator: "\n").dropFirst() {
        let cells = line.split(separator: ",").map(String.init)
        if cells[2] == "hole_area", let value = Double(cells[4]) { total += abs(value) }
    }
    return total
}

private let square = "[[116.40, 39.90], [116.4002, 39.90], [116.4002, 39.9001], [116.40, 39.9001], [116.40, 39.90]]"
private func collection(_ properties: String, _ ring: String = square) -> String {
    #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": \#(properties), "geometry": {"type": "Polygon", "coordinates": [\#(ring)]}}]}"#
}

@Suite("sunspot import, end to end", .serialized)
struct ImportEndToEndTests {
    @Test("the sample GeoJSON imports to a scene that validates, with the geodesic areas, and can be drawn")
    func sampleImportsValidatesAndDraws() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("compound.json").path
        let run = try runSunspot(["import", sampleGeoJSON, "--tz", "Asia/Shanghai", "-o", out])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("\(out): 11 buildings from \(sampleGeoJSON) (EPSG:4326); site 39.92"))
        // The kindergarten's courtyard is kept: its block is two pieces, and the user is told.
        #expect(run.stderr.contains("warning:") && run.stderr.contains("features[5]: 1 courtyard(s) kept"))
        #expect(
            run.stdout.contains(
                "read 9; imported 10 (11 scene buildings: courtyard blocks in pieces); skipped 0; heights: measured 9, levels 1, assumed 0"
            ), "\(run.stdout)")

        let validate = try runSunspot(["validate", out])
        #expect(validate.status == 0, "stderr: \(validate.stderr)")
        #expect(validate.stdout.contains("valid — 11 buildings"))

        let scene = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let site = try #require(scene["site"] as? [String: Any])
        #expect(site["timeZone"] as? String == "Asia/Shanghai")
        let buildings = try #require(scene["buildings"] as? [[String: Any]])
        var area = 0.0
        for b in buildings {
            let f = try #require(b["footprint"] as? [[Double]])
            for i in f.indices {
                let p = f[i], q = f[(i + 1) % f.count]
                area += (p[0] * q[1] - q[0] * p[1]) / 2  // positive: every footprint is counter-clockwise
            }
        }
        // The outer rings' geodesic area less the kindergarten's courtyard (pyproj.Geod too).
        let geodesic = try sampleGeodesicArea() - (try sampleCourtyardGeodesicArea())
        #expect(abs(area - geodesic) / geodesic < 0.001, "scene \(area) m², geodesic \(geodesic) m²")

        let png = dir.appendingPathComponent("shadow.png").path
        let shadow = try runSunspot(["shadow", out, "--at", "2026-12-22T10:00", "-o", png])
        #expect(shadow.status == 0, "stderr: \(shadow.stderr)")
        #expect(FileManager.default.fileExists(atPath: png))
    }

    @Test("a Gauss–Krüger copy of the sample imports with --crs EPSG:4547 to the same site")
    func gaussKrugerCopy() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("gk.json").path
        let gk = root.appendingPathComponent("Tests/GeoImportTests/Fixtures/sample-buildings-epsg4547.geojson").path
        let run = try runSunspot(["import", gk, "--crs", "EPSG:4547", "--tz", "Asia/Shanghai", "-o", out])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("(EPSG:4547); site 39.92"))
        #expect(try runSunspot(["validate", out]).status == 0)
    }

    @Test(
        "bad input: one line naming what is wrong and where, exit 64, no file written",
        arguments: [
            ("not-geojson.txt", "height,levels\n54,18\n", [String](), "is not GeoJSON"),
            ("scene.json", #"{"version": 1, "site": {}, "buildings": []}"#, [], "is not GeoJSON"),
            (
                "ok.geojson", collection(#"{"height": 9}"#), ["--crs", "EPSG:999999"],
                "--crs: 'EPSG:999999' is not a CRS that PROJ knows"
            ),
            (
                "ok.geojson", collection(#"{"height": 9}"#), ["--tz", "Mars/Olympus"],
                "--tz: unknown time zone 'Mars/Olympus'"
            ),
            (
                "no-height.geojson", collection(#"{"name": "A", "building": "yes"}"#), ["--strict"],
                "features[0].properties: no usable 'height' or 'building:levels'"
            ),
            (
                "bad-height.geojson", collection(#"{"height": "tall"}"#), ["--strict"],
                "features[0].properties.height: 'tall' is not a length"
            ),
            (
                "bow-tie.geojson",
                collection(
                    #"{"height": 9}"#,
                    "[[116.40, 39.90], [116.4002, 39.90], [116.40, 39.9001], [116.4002, 39.9001], [116.40, 39.90]]"),
                ["--strict"], "features[0].geometry.coordinates[0]: is self-intersecting"
            ),
            (
                "metres.geojson",
                collection(
                    #"{"height": 9}"#, "[[705875, 4421667], [705895, 4421667], [705895, 4421680], [705875, 4421667]]"),
                [], "is --crs right?"
            ),
        ])
    func badInputWritesNothing(name: String, content: String, extra: [String], mention: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent(name)
        try Data(content.utf8).write(to: input)
        let out = dir.appendingPathComponent("out.json").path
        let tz = extra.contains("--tz") ? [] : ["--tz", "Asia/Shanghai"]
        let run = try runSunspot(["import", input.path] + tz + extra + ["-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(mention), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
    }

    @Test("--tz is required, with an example; a failed import leaves an existing scene untouched")
    func missingTimeZoneKeepsTheOldFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("scene.json")
        let before = Data("{\"keep\": true}\n".utf8)
        try before.write(to: out)
        let run = try runSunspot(["import", sampleGeoJSON, "-o", out.path])
        #expect(run.status == 64)
        #expect(run.stderr == "sunspot: error: --tz is required: the site's IANA time zone, e.g. --tz Asia/Shanghai\n")
        let bad = dir.appendingPathComponent("bad.geojson")
        try Data(collection("{}").utf8).write(to: bad)
        #expect(
            try runSunspot(["import", bad.path, "--tz", "Asia/Shanghai", "--strict", "-o", out.path]).status == 64)
        #expect(try Data(contentsOf: out) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["bad.geojson", "scene.json"])
    }
}
