import Foundation
import GeoImport
import Scene
import SunSpotIO
import Testing

/// Courtyards (inner rings) kept: a block is cut into pieces without holes whose union is
/// exactly the block, with its courtyard open to the sky.
@Suite struct CourtyardImportTests {
    /// A ring of (east, north) metres about (24.94 E, 60.17 N) as GeoJSON lon/lat.
    static func ring(_ metres: [(Double, Double)]) -> String {
        let perLat = 111_412.0, perLon = 111_412.0 * cos(60.17 * .pi / 180)
        let points = (metres + [metres[0]]).map { "[\(24.94 + $0.0 / perLon), \(60.17 + $0.1 / perLat)]" }
        return "[" + points.joined(separator: ", ") + "]"
    }

    static let outer = [(-20.0, -20.0), (20, -20), (20, 20), (-20, 20)]
    static let hole = [(-6.0, -8.0), (-6, 10), (9, 10), (9, -8)]  // clockwise, as GeoJSON holes run

    static func importBlock(units: String? = nil) throws -> ImportResult {
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"id": "block", "building:levels": "5"},
               "geometry": {"type": "Polygon", "coordinates": [\(ring(outer)), \(ring(hole))]}},
              {"type": "Feature", "properties": {"id": "outer", "height": 1},
               "geometry": {"type": "Polygon", "coordinates": [\(ring(outer))]}},
              {"type": "Feature", "properties": {"id": "hole", "height": 1},
               "geometry": {"type": "Polygon", "coordinates": [\(ring(hole))]}}]}
            """
        return try GeoImporter.importScene(
            geoJSON: Data(text.utf8),
            options: ImportOptions(timeZone: "Europe/Helsinki", units: try units.map { try UnitLayout.parse($0) }))
    }

    static func inside(_ p: (Double, Double), _ ring: [[Double]]) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a[1] > p.1) != (b[1] > p.1), p.0 < a[0] + (p.1 - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) { odd.toggle() }
        }
        return odd
    }

    @Test func theBlockBecomesPiecesCoveringExactlyTheBlockMinusItsCourtyard() throws {
        let result = try Self.importBlock()
        let byID = Dictionary(uniqueKeysWithValues: result.document.buildings.map { ($0.id, $0) })
        let pieces = result.document.buildings.filter { $0.id.hasPrefix("block~") }
        #expect(pieces.map(\.id) == ["block~1", "block~2"])
        #expect(result.report.buildings.filter { $0.source == "features[0]" }.map(\.pieces) == [2, 2])
        let outerArea = signedArea(try #require(byID["outer"]?.footprint))
        let holeArea = signedArea(try #require(byID["hole"]?.footprint))
        let total = try pieces.reduce(0.0) { $0 + signedArea(try #require($1.footprint)) }
        #expect(abs(total - (outerArea - holeArea)) < 0.01, "pieces \(total), block \(outerArea - holeArea)")
        // The courtyard is ground: its middle is in no piece; the block's wall ring is in one.
        let hole = try #require(byID["hole"]?.footprint)
        let middle = (hole.map { $0[0] }.reduce(0, +) / 4, hole.map { $0[1] }.reduce(0, +) / 4)
        #expect(try pieces.allSatisfy { !Self.inside(middle, try #require($0.footprint)) })
        let wall = (middle.0, middle.1 + 14)  // between the courtyard's north side (y≈10) and the block's (y≈20)
        #expect(try pieces.filter { Self.inside(wall, try #require($0.footprint)) }.count == 1)
        // Every piece keeps the block's storeys, and the scene validates.
        #expect(pieces.allSatisfy { $0.floors == 5 && $0.floorHeight == 3 })
        _ = try result.document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
    }

    @Test func everyWallStaysWholeInOnePieceAndTheCutsAreShared() throws {
        let result = try Self.importBlock()
        let byID = Dictionary(uniqueKeysWithValues: result.document.buildings.map { ($0.id, $0) })
        let pieces = try result.document.buildings.filter { $0.id.hasPrefix("block~") }.map {
            try #require($0.footprint)
        }
        func edges(_ f: [[Double]]) -> [[[Double]]] { f.indices.map { [f[$0], f[($0 + 1) % f.count]] } }
        func same(_ e: [[Double]], _ g: [[Double]]) -> Bool {
            (e[0] == g[0] && e[1] == g[1]) || (e[0] == g[1] && e[1] == g[0])
        }
        let all = pieces.flatMap(edges)
        // The block's four walls and the courtyard's four walls, each a whole edge of exactly one piece.
        for ring in [try #require(byID["outer"]?.footprint), try #require(byID["hole"]?.footprint)] {
            for wall in edges(ring) {
                #expect(all.filter { same($0, wall) }.count == 1, "wall \(wall) is not one piece's edge")
            }
        }
        // Every other edge is a cut, shared by two pieces: two per courtyard.
        let walls = 8
        #expect(all.count == walls + 2 * 2)
    }

    @Test func windowsGoOnRealWallsNeverOnTheCutInsideTheBlock() throws {
        // The cuts here face south-east and north-east: east must not take them.
        let result = try Self.importBlock(units: "e:east:0,w:west:0")
        let pieces = result.document.buildings.filter { $0.id.hasPrefix("block~") }
        func edges(_ f: [[Double]]) -> [[[Double]]] { f.indices.map { [f[$0], f[($0 + 1) % f.count]] } }
        func same(_ e: [[Double]], _ g: [[Double]]) -> Bool {
            (e[0] == g[0] && e[1] == g[1]) || (e[0] == g[1] && e[1] == g[0])
        }
        let all = try pieces.flatMap { edges(try #require($0.footprint)) }
        var onCourtyard = 0
        for piece in pieces {
            let footprint = try #require(piece.footprint)
            #expect(!(piece.units ?? []).isEmpty, "\(piece.id) has no flats")
            for unit in piece.units ?? [] {
                for window in unit.windows {
                    let i = try #require(window.edge)
                    let edge = edges(footprint)[i]
                    #expect(all.filter { same($0, edge) }.count == 1, "\(piece.id): unit \(unit.id) is on a cut")
                    // The courtyard's walls are 15–18 m long here; the block's 40 m.
                    if hypot(edge[1][0] - edge[0][0], edge[1][1] - edge[0][1]) < 20 { onCourtyard += 1 }
                }
            }
        }
        // The C-shaped piece's east-facing wall is the courtyard's west wall, the other
        // piece's west-facing wall the courtyard's east wall: those flats look into the courtyard.
        #expect(onCourtyard == 2)
        _ = try result.document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
    }
}
