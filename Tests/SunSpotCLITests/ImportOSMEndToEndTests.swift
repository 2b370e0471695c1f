import Foundation
import Testing

// `sunspot import` of a real OpenStreetMap extract (data/helsinki-centre.osm.pbf, ODbL):
// every building in the scene or named in the summary, the report on disk, areas cut
// from the extract, and bad files refused in one line with nothing written.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let helsinki = root.appendingPathComponent("data/helsinki-centre.osm.pbf").path

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-osm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

private func json(_ path: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
}

@Suite("sunspot import of OpenStreetMap extracts, end to end", .serialized)
struct ImportOSMEndToEndTests {
    @Test("the Helsinki extract imports whole: every building in the scene or skipped with its OSM id, and validates")
    func realExtractImports() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("helsinki.json").path
        let report = dir.appendingPathComponent("report.json").path
        let run = try runSunspot(["import", helsinki, "--tz", "Europe/Helsinki", "--report", report, "-o", out])
        #expect(run.status == 0, "stderr: \(run.stderr.prefix(2000))")
        let r = try json(report)
        // 554 building ways + 78 multipolygon relations (Fixtures/helsinki_summary.csv, pyosmium).
        #expect(r["read"] as? Int == 632)
        let skipped = try #require(r["skipped"] as? [[String: Any]])
        let buildings = try #require(r["buildings"] as? [[String: Any]])
        let sources = Set(buildings.compactMap { $0["source"] as? String })
        let replaced = try #require(r["replacedByParts"] as? [[String: Any]])
        #expect(sources.count + skipped.count + replaced.count == 632)
        #expect(skipped.allSatisfy { ($0["source"] as? String)?.contains("/") == true })
        // The summary line, and one stderr line per skipped building naming it.
        let summary = try #require(r["summary"] as? String)
        #expect(run.stdout.contains(summary))
        for s in skipped {
            #expect(run.stderr.contains("sunspot: skipped: \(helsinki): \(s["message"] as! String)"))
        }
        let heights = try #require(r["heightsBySource"] as? [String: Int])
        // Heights count buildings; a courtyard block's pieces share one.
        #expect(heights.values.reduce(0, +) == sources.count)
        #expect((heights["assumed"] ?? 0) > 0 && (heights["levels"] ?? 0) > 0 && (heights["measured"] ?? 0) > 0)
        let scene = try json(out)
        #expect((scene["buildings"] as? [Any])?.count == buildings.count)
        let validate = try runSunspot(["validate", out])
        #expect(validate.status == 0, "\(validate.stderr)")
    }

    @Test("the XML copy of the extract gives the same scene as the PBF")
    func xmlAndPBFAgree() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.json").path
        let b = dir.appendingPathComponent("b.json").path
        let xml = root.appendingPathComponent("data/helsinki-centre.osm.bz2").path
        #expect(try runSunspot(["import", helsinki, "--tz", "Europe/Helsinki", "--name", "x", "-o", a]).status == 0)
        #expect(try runSunspot(["import", xml, "--tz", "Europe/Helsinki", "--name", "x", "-o", b]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }

    @Test("--around and --bbox cut an area; the buildings kept lie in it")
    func areaCuts() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let around = dir.appendingPathComponent("around.json").path
        let reportPath = dir.appendingPathComponent("around-report.json").path
        let run = try runSunspot([
            "import", helsinki, "--tz", "Europe/Helsinki", "--around", "60.1690,24.9440", "--radius", "150",
            "--report", reportPath, "-o", around,
        ])
        #expect(run.status == 0, "\(run.stderr.prefix(1000))")
        let r = try json(reportPath)
        let outside = try #require(r["outsideArea"] as? Int)
        let kept = Set(try #require(r["buildings"] as? [[String: Any]]).compactMap { $0["source"] as? String })
        #expect(outside > 300 && kept.count > 10)
        let replaced = (r["replacedByParts"] as! [Any]).count
        #expect(kept.count + outside + replaced + (r["skipped"] as! [Any]).count == 632)
        // Every kept building is within 150 m of the point (its vertices' mean), in the
        // scene's own frame: the site is their centroid, so measure from the point's projection.
        let scene = try json(around)
        let site = try #require(scene["site"] as? [String: Any])
        let lat = try #require(site["latitude"] as? Double), lon = try #require(site["longitude"] as? Double)
        let perLat = 111_412.0, perLon = 111_412.0 * cos(60.169 * .pi / 180)
        let px = (24.9440 - lon) * perLon, py = (60.1690 - lat) * perLat
        for b in try #require(scene["buildings"] as? [[String: Any]]) {
            let f = try #require(b["footprint"] as? [[Double]])
            let mx = f.map { $0[0] }.reduce(0, +) / Double(f.count), my = f.map { $0[1] }.reduce(0, +) / Double(f.count)
            // A courtyard piece's mean may lie off its block's, by up to the block's size.
            #expect(hypot(mx - px, my - py) < 150 + 60, "\(b["id"]!)")
        }
        let bbox = dir.appendingPathComponent("bbox.json").path
        let box = try runSunspot([
            "import", helsinki, "--tz", "Europe/Helsinki", "--bbox", "24.940,60.166,24.946,60.170", "-o", bbox,
        ])
        #expect(box.status == 0, "\(box.stderr.prefix(1000))")
        #expect(box.stdout.contains("outside the area"))
    }

    @Test("--units flat:south:0 puts every flat on a facade facing within 45° of south, or names the building")
    func unitsOnRealFacades() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("flats.json").path
        let report = dir.appendingPathComponent("report.json").path
        let run = try runSunspot([
            "import", helsinki, "--tz", "Europe/Helsinki", "--units", "flat:south:0", "--report", report, "-o", out,
        ])
        #expect(run.status == 0, "\(run.stderr.prefix(1000))")
        let scene = try json(out)
        var placed = 0
        for b in try #require(scene["buildings"] as? [[String: Any]]) {
            guard let units = b["units"] as? [[String: Any]], let unit = units.first else { continue }
            let f = try #require(b["footprint"] as? [[Double]])
            let window = try #require((unit["windows"] as? [[String: Any]])?.first)
            let i = try #require(window["edge"] as? Int)
            let a = f[i], c = f[(i + 1) % f.count]
            // Outward normal of a counter-clockwise edge: (dy, -dx); its azimuth from north.
            var az = atan2(c[1] - a[1], -(c[0] - a[0])) * 180 / .pi
            if az < 0 { az += 360 }
            #expect(abs(az - 180) <= 45 + 1e-6, "\(b["id"]!): edge \(i) faces \(az)°")
            #expect(hypot(c[0] - a[0], c[1] - a[1]) >= 1.8, "\(b["id"]!): edge \(i) is too short for the window")
            placed += 1
        }
        #expect(placed > 200)
        // A building without such a facade is named, not a failure.
        let r = try json(report)
        let warned = (r["buildings"] as! [[String: Any]]).filter {
            ($0["warnings"] as! [String]).contains { $0.contains("gets no flats") }
        }
        for w in warned { #expect(run.stderr.contains(w["id"] as! String)) }
    }

    @Test(
        "bad OSM input: one line naming what is wrong, exit 64, nothing written",
        arguments: [
            ("cut.osm.pbf", "truncated", [String](), "cannot be read as OpenStreetMap pbf data: PBF error"),
            ("text.osm.pbf", "text", [], "cannot be read as OpenStreetMap pbf data"),
            ("ok.osm.pbf", "whole", ["--crs", "EPSG:3067"], "--crs: OpenStreetMap data is always WGS84"),
            ("ok.osm.pbf", "whole", ["--around", "60.1690,24.9440"], "--around: needs --radius"),
            ("ok.osm.pbf", "whole", ["--bbox", "24.95,60.16,24.94,60.17"], "--bbox: '24.95,60.16,24.94,60.17': WEST"),
            ("ok.osm.pbf", "whole", ["--bbox", "0,0,1,1"], "--bbox: none of the 632 buildings lie in the area"),
            ("ok.osm.pbf", "whole", ["--strict"], "--strict"),
        ])
    func badOSMInput(name: String, kind: String, extra: [String], mention: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent(name)
        let whole = try Data(contentsOf: URL(fileURLWithPath: helsinki))
        switch kind {
        case "truncated": try whole.prefix(30_000).write(to: input)
        case "text": try Data("<html>not a PBF</html>\n".utf8).write(to: input)
        default: try whole.write(to: input)
        }
        let out = dir.appendingPathComponent("out.json").path
        let run = try runSunspot(["import", input.path, "--tz", "Europe/Helsinki"] + extra + ["-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr.prefix(2000))")
        if mention == "--strict" {
            // Strict: the first problem stops it, named by its OSM id.
            #expect(run.stderr.contains("way/") || run.stderr.contains("relation/"), "\(run.stderr)")
        } else {
            #expect(run.stderr.contains(mention), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
    }
}
