import Foundation
import Testing

// `sunspot import --units` run as a user runs it, on data/sample-buildings.geojson:
// the flats land on the facades the compass words name (checked against the file's own
// lon/lat, independently of PROJ), the scene validates and its flats have tables; a bad
// spec or a window that does not fit is one line naming the bad piece, and nothing is written.

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private let sampleGeoJSON = root.appendingPathComponent("data/sample-buildings.geojson").path

private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-units-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Azimuth (clockwise from north) of the outward normal of each edge of a lon/lat ring,
/// on a local plane scaled by the WGS84 ellipsoid's metres per degree of latitude and of
/// longitude at the ring (ample for a 60 m building), and each edge's length.
/// Orientation is found from the ring's signed area, so either winding works.
private func lonLatFacades(_ ring: [[Double]]) -> [(azimuth: Double, length: Double)] {
    let open = Array(ring.dropLast())  // GeoJSON repeats the first vertex
    let phi = open.map { $0[1] }.reduce(0, +) / Double(open.count) * .pi / 180
    let perLat = 111_132.954 - 559.822 * cos(2 * phi) + 1.175 * cos(4 * phi)
    let perLon = 111_412.84 * cos(phi) - 93.5 * cos(3 * phi)
    let p = open.map { ($0[0] * perLon, $0[1] * perLat) }
    var area = 0.0
    for i in p.indices {
        let q = p[(i + 1) % p.count]
        area += p[i].0 * q.1 - q.0 * p[i].1
    }
    return p.indices.map { i in
        let q = p[(i + 1) % p.count]
        let dx = q.0 - p[i].0, dy = q.1 - p[i].1
        // Outward is right of the edge for a counter-clockwise ring, left for a clockwise one.
        let (nx, ny) = area > 0 ? (dy, -dx) : (-dy, dx)
        var az = atan2(nx, ny) * 180 / .pi
        if az < 0 { az += 360 }
        return (az, hypot(dx, dy))
    }
}

private func gap(_ a: Double, _ b: Double) -> Double {
    let d = abs(a - b).truncatingRemainder(dividingBy: 360)
    return min(d, 360 - d)
}

@Suite("sunspot import --units, end to end", .serialized)
struct ImportUnitsEndToEndTests {
    @Test("units land on the south and east facades of every building with storeys; the flat has a table")
    func unitsOnTheRightFacades() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("flats.json").path
        let run = try runSunspot([
            "import", sampleGeoJSON, "--tz", "Asia/Shanghai",
            "--units", "east:south:+10,west:south:-10,end:east:+2", "--window-width", "1.5", "-o", out,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(
            run.stdout.contains("units east, west, end on 5 building(s) with storeys: 1, 2, 3, 5, T1"),
            "\(run.stdout)")

        let geo = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sampleGeoJSON)))
                as? [String: Any])
        let features = try #require(geo["features"] as? [[String: Any]])
        let scene = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let buildings = try #require(scene["buildings"] as? [[String: Any]])
        var checked = 0
        var worstAzimuth = 0.0, worstLength = 0.0
        var next = 0  // a MultiPolygon feature makes one building per part
        for feature in features {
            let geometry = try #require(feature["geometry"] as? [String: Any])
            let building = buildings[next]
            let id = try #require(building["id"] as? String)
            if id.hasSuffix("~1") {
                // The kindergarten's courtyard block, in two pieces: the southern one has no
                // east wall (a cut), the northern one no south wall, so neither takes all
                // three units; each gets none, with a warning naming it.
                let base = id.dropLast(2)
                let pieces = buildings[next...].prefix { ($0["id"] as? String)?.hasPrefix(base + "~") == true }
                #expect(pieces.count == 2)
                for piece in pieces {
                    #expect(piece["units"] == nil)
                    #expect(run.stderr.contains("building '\(piece["id"] as! String)' (幼儿园)"), "\(run.stderr)")
                }
                next += pieces.count
                continue
            }
            next += geometry["type"] as? String == "MultiPolygon" ? (geometry["coordinates"] as? [Any])?.count ?? 1 : 1
            let properties = try #require(feature["properties"] as? [String: Any])
            guard properties["building:levels"] != nil else {
                #expect(building["units"] == nil)
                continue
            }
            let ring = try #require((geometry["coordinates"] as? [[[Double]]])?.first)
            let facades = lonLatFacades(ring)
            let footprint = try #require(building["footprint"] as? [[Double]])
            let units = try #require(building["units"] as? [[String: Any]])
            #expect(units.map { $0["id"] as? String } == ["east", "west", "end"])
            for (unit, target) in zip(units, [180.0, 180, 90]) {
                let window = try #require((unit["windows"] as? [[String: Any]])?.first)
                let edge = try #require(window["edge"] as? Int)
                #expect(window["width"] as? Double == 1.5)
                // The file's facade facing the target most nearly (independent of PROJ and of the importer).
                let want = facades.indices.min { gap(facades[$0].azimuth, target) < gap(facades[$1].azimuth, target) }!
                let a = footprint[edge], b = footprint[(edge + 1) % footprint.count]
                var az = atan2(b[1] - a[1], -(b[0] - a[0])) * 180 / .pi
                if az < 0 { az += 360 }
                let length = hypot(b[0] - a[0], b[1] - a[1])
                worstAzimuth = max(worstAzimuth, gap(az, facades[want].azimuth))
                worstLength = max(worstLength, abs(length - facades[want].length))
                #expect(
                    gap(az, facades[want].azimuth) < 0.02,
                    "\(properties["name"] ?? "?") \(unit["id"] ?? "?"): scene edge faces \(az)°, file's \(facades[want].azimuth)°"
                )
                #expect(abs(length - facades[want].length) < 0.02)
                #expect(gap(az, target) < 45)
            }
            checked += 1
        }
        #expect(checked == 5)
        print("import --units: worst facade azimuth difference \(worstAzimuth)°, length \(worstLength) m")

        let validate = try runSunspot(["validate", out])
        #expect(validate.status == 0, "stderr: \(validate.stderr)")
        let table = try runSunspot(["table", out, "1/5/east", "--format", "json"])
        #expect(table.status == 0, "stderr: \(table.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(table.stdout.utf8)) as? [String: Any])
        #expect((json["rows"] as? [Any])?.count == 24)
    }

    @Test(
        "a bad --units spec, or (--strict) a window that does not fit: one line naming it, exit 64, nothing written",
        arguments: [
            ("east:south:+12,west:sout:-12", "--units entry 2 'west:sout:-12': 'sout' is not a direction"),
            ("east:south", "--units entry 1 'east:south': must be UNIT:DIRECTION:OFFSET"),
            (
                "east:south:+12,west:south:-12",
                "features[4]: building '5' (5号楼), unit 'east': a 1.8 m window at offset +12 m does not fit its south facade"
            ),
        ])
    func badSpec(spec: String, mention: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("flats.json").path
        let run = try runSunspot([
            "import", sampleGeoJSON, "--tz", "Asia/Shanghai", "--units", spec, "--strict", "-o", out,
        ])
        #expect(run.status == 64)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains(mention), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

@Suite("every scene in data/ validates and computes", .serialized)
struct DataScenesEndToEndTests {
    @Test("sunspot validate passes and one flat's table is computed, for each data/*.json")
    func everySampleScene() throws {
        let data = root.appendingPathComponent("data")
        let scenes = try FileManager.default.contentsOfDirectory(atPath: data.path).filter { $0.hasSuffix(".json") }
            .sorted()
        #expect(scenes.count >= 4)
        for name in scenes {
            let path = data.appendingPathComponent(name).path
            let validate = try runSunspot(["validate", path])
            #expect(validate.status == 0, "\(name): \(validate.stderr)")
            let scene = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            let buildings = try #require(scene["buildings"] as? [[String: Any]])
            let flat = try #require(
                buildings.first { ($0["units"] as? [Any])?.isEmpty == false }, "\(name) has no flats")
            let floors = try #require(flat["floors"] as? Int)
            let unit = try #require((flat["units"] as? [[String: Any]])?.first?["id"] as? String)
            let address = "\(flat["id"]!)/\(min(floors, 3))/\(unit)"
            let table = try runSunspot(["table", path, address, "--format", "json"])
            #expect(table.status == 0, "\(name) \(address): \(table.stderr)")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(table.stdout.utf8)) as? [String: Any], "\(name)")
            #expect((json["rows"] as? [Any])?.count == 24, "\(name)")
        }
    }

    @Test(
        "the Beijing and Shanghai compounds: 8–12 rows-of-slabs buildings of 18–33 storeys with 2–4 south-window flats")
    func compoundsAreWhatTheySay() throws {
        for (name, latitude) in [("beijing-compound.json", 39.9...40.1), ("shanghai-compound.json", 31.0...31.4)] {
            let url = root.appendingPathComponent("data").appendingPathComponent(name)
            let scene = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let site = try #require(scene["site"] as? [String: Any])
            #expect(
                latitude.contains(site["latitude"] as? Double ?? 0) && site["timeZone"] as? String == "Asia/Shanghai")
            let buildings = try #require(scene["buildings"] as? [[String: Any]])
            #expect((8...12).contains(buildings.count), "\(name)")
            for b in buildings {
                #expect((18...33).contains(b["floors"] as? Int ?? 0), "\(name) \(b["id"]!)")
                let units = b["units"] as? [[String: Any]] ?? []
                #expect((2...4).contains(units.count))
                #expect(
                    units.allSatisfy {
                        (($0["windows"] as? [[String: Any]]) ?? []).allSatisfy { $0["face"] as? String == "south" }
                    })
            }
        }
    }
}
