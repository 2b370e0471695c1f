import Foundation
import GeoImport
import Scene
import SunSpotIO
import Testing

/// data/helsinki-centre.osm.pbf (real OpenStreetMap data, ODbL) read through libosmium,
/// against pyosmium's assembly and pyproj.Geod's geodesic areas of the same buildings
/// (Fixtures/helsinki_buildings.csv, helsinki_summary.csv from make_osm_fixture.py).
@Suite struct OSMExtractTests {
    static let pbf = dataURL("helsinki-centre.osm.pbf").path
    static let xml = dataURL("helsinki-centre.osm.bz2").path

    @Test func buildingsAndRingsMatchPyosmium() throws {
        let extract = try OSMExtract(path: Self.pbf)
        let reference = try Fixture("helsinki_buildings.csv").records
        #expect(extract.features.count == reference.count)
        let byObject = Dictionary(uniqueKeysWithValues: reference.map { ($0["object"]!, $0) })
        for feature in extract.features {
            let row = try #require(byObject[feature.path], "\(feature.path) is not in pyosmium's list")
            #expect(feature.polygons.count == row.int("outer_rings"), "\(feature.path)")
            #expect(feature.polygons.reduce(0) { $0 + $1.holeCount } == row.int("inner_rings"), "\(feature.path)")
        }
        // Every building-tagged way and multipolygon relation is either assembled or skipped with why.
        let summary = try Fixture("helsinki_summary.csv").records
        let tagged = summary.filter { $0["what"] != "assembled_buildings" && $0["what"] != "inner_rings" }
            .reduce(0) { $0 + $1.int("count") }
        #expect(extract.features.count + extract.skipped.count == tagged)
        #expect(extract.skipped.allSatisfy { $0.message.hasPrefix($0.source + ": ") && !$0.reason.isEmpty })
        #expect(extract.skipped.allSatisfy { $0.source.hasPrefix("way/") || $0.source.hasPrefix("relation/") })
        // The extract has real courtyard blocks.
        #expect(extract.features.filter { $0.polygons.contains { $0.holeCount > 0 } }.count > 20)
    }

    @Test func xmlAndPBFOfTheSameDataReadTheSame() throws {
        let a = try OSMExtract(path: Self.pbf)
        let b = try OSMExtract(path: Self.xml)
        #expect(a.features.map(\.path) == b.features.map(\.path))
        #expect(a.skipped == b.skipped)
        for (x, y) in zip(a.features, b.features) {
            #expect(x.properties == y.properties)
            #expect(x.polygons.map(\.outer) == y.polygons.map(\.outer))
            #expect(x.polygons.map(\.holes) == y.polygons.map(\.holes))
        }
    }

    @Test func theImportKeepsEveryBuildingOrNamesItAndMatchesGeodesicAreas() throws {
        let extract = try OSMExtract(path: Self.pbf)
        let result = try GeoImporter.importScene(
            features: extract.features, declaredCRS: nil, options: ImportOptions(timeZone: "Europe/Helsinki"),
            skipped: extract.skipped)
        let report = result.report
        _ = try result.document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        // Every building read is in the scene (as one building or courtyard pieces) or skipped.
        let sources = Set(report.buildings.map(\.source))
        #expect(
            sources.count + Set(report.skipped.map(\.source)).count + report.replacedByParts.count == report.read)
        // Outlines with building:part volumes inside are replaced by them (Simple 3D Buildings).
        #expect(report.replacedByParts.count > 10)
        #expect(report.replacedByParts.allSatisfy { $0.parts >= 1 && !sources.contains($0.source) })
        #expect(report.read == extract.features.count + extract.skipped.count)
        #expect(report.buildings.map(\.id) == result.document.buildings.map(\.id))
        // Heights: each has a source and a rule; the extract has all three kinds.
        let counts = report.heightsBySource
        #expect(HeightSource.allCases.allSatisfy { (counts[$0] ?? 0) > 0 })
        #expect(
            report.buildings.filter { $0.heightSource == .assumed && ($0.piece ?? 1) == 1 }.allSatisfy {
                !$0.warnings.isEmpty
            })

        // Areas: the pieces of each building add up to pyproj.Geod's geodesic area of the
        // polygon with its courtyards taken out.
        let reference = Dictionary(
            uniqueKeysWithValues: try Fixture("helsinki_buildings.csv").records.map {
                ($0["object"]!, $0.double("geodesic_area_m2"))
            })
        var area: [String: Double] = [:]
        var perimeter: [String: Double] = [:]
        for (record, building) in zip(report.buildings, result.document.buildings) {
            let f = try #require(building.footprint)
            area[record.source, default: 0] += signedArea(f)
            perimeter[record.source, default: 0] += f.indices.reduce(0) {
                $0 + hypot(f[($1 + 1) % f.count][0] - f[$1][0], f[($1 + 1) % f.count][1] - f[$1][1])
            }
        }
        var worst = 0.0
        for (source, a) in area {
            let expected = try #require(reference[source])
            // Millimetre rounding moves each vertex by at most 0.71 mm, so the area by at
            // most perimeter × 0.71 mm (cut edges counted twice, so this bound is loose);
            // the projection's scale error this near the centre is below 1e-6.
            let allowed = (perimeter[source] ?? 0) * 0.00071 + expected * 1e-6
            worst = max(worst, abs(a - expected) / allowed)
        }
        #expect(worst <= 1, "worst area difference is \(worst) of its allowance")
        #expect(area.count == sources.count)
        #expect(reference.count == sources.count + report.replacedByParts.count)
    }

    @Test func courtyardBlocksAreCutIntoPiecesWhoseCourtyardsStayOpen() throws {
        let extract = try OSMExtract(path: Self.pbf)
        let result = try GeoImporter.importScene(
            features: extract.features, declaredCRS: nil, options: ImportOptions(timeZone: "Europe/Helsinki"))
        let pieces = result.report.buildings.filter { $0.piece != nil }
        #expect(pieces.count >= 40)
        let blocks = Set(pieces.map(\.source))
        let withHoles = extract.features.filter { $0.polygons.contains { $0.holeCount > 0 } }.map(\.path)
        let replaced = Set(result.report.replacedByParts.map(\.source))
        #expect(blocks == Set(withHoles).subtracting(replaced))
        for record in pieces {
            #expect(record.id.contains("~"))
            #expect((record.pieces ?? 0) >= 2)
        }
    }

    @Test func unreadableFilesAreOneLineErrors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("osm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.pbf))
        let truncated = dir.appendingPathComponent("cut.osm.pbf")
        try whole.prefix(30_000).write(to: truncated)
        let notPBF = dir.appendingPathComponent("text.osm.pbf")
        try Data("this is not a PBF file at all\n".utf8).write(to: notPBF)
        // A blob header that claims a 2 GB blob.
        let huge = dir.appendingPathComponent("huge.osm.pbf")
        var bytes: [UInt8] = [0, 0, 0, 13]  // header length 13
        bytes += [0x0A, 0x09] + Array("OSMHeader".utf8)  // type = "OSMHeader"
        bytes += [0x18, 0x80, 0x80, 0x80, 0x80, 0x08]  // datasize = 2^31
        bytes[3] = UInt8(bytes.count - 4)
        try Data(bytes).write(to: huge)
        for (file, expected) in [
            (truncated.path, "PBF error"), (notPBF.path, "PBF error"), (huge.path, "PBF error"),
            (dir.appendingPathComponent("none.osm.pbf").path, "No such file"),
        ] {
            do {
                _ = try OSMExtract(path: file)
                Issue.record("\(file) was read")
            } catch {
                #expect(error.message.hasPrefix("cannot be read as OpenStreetMap"), "\(error)")
                #expect(error.message.contains(expected), "\(error)")
                #expect(!error.message.contains("\n"))
            }
        }
    }
}
