import Foundation
import Render
import Scene
import SolarCore
import Testing

// The 日影規制 picture of a hand-built check (the one SceneTests' NichieiTests derives by hand):
// a 10 m square site, a strip north of it 4 h in shadow 1–5 m out (not regulated) and 2.5 h
// from 6 m to 15 m out, so column (1) (3 h / 2 h) is broken beyond the 10 m line only — 25 points. The picture must draw what
// the check found: the 2 h line past the 10 m line, the points over, the lines in its legend.

@Suite("日影規制 picture")
struct NichieiMapTests {
    static func check() throws -> NichieiCheck {
        let (columns, rows) = (41, 46)
        var sun = [Double](repeating: 8 * 3600, count: columns * rows)
        for j in 0..<rows {
            for i in 0..<columns where (3...7).contains(-20 + i) {
                let y = -20 + j
                if (11...15).contains(y) { sun[j * columns + i] = 4 * 3600 }
                if (16...25).contains(y) { sun[j * columns + i] = 5.5 * 3600 }
            }
        }
        let grid = try SunHoursGrid(
            origin: Vec2(-20, -20), spacing: 1, columns: columns, rows: rows, seconds: sun,
            insideBuilding: Array(repeating: false, count: sun.count), planeHeight: 1.5, bandStart: 0,
            bandEnd: 8 * 3600)
        let site = [Vec2(0, 0), Vec2(10, 0), Vec2(10, 10), Vec2(0, 10)]
        return NichieiCheck(
            regulation: try .table4(district: .lowRiseResidential, column: 1), siteBoundary: site, grid: grid)
    }

    @Test("the limits' lines, the 5 m and 10 m lines and the points over are drawn where the check puts them")
    func drawsTheCheck() throws {
        let check = try Self.check()
        let map = NichieiMap(
            check: check, buildings: [], date: CivilDate(year: 2026, month: 12, day: 22), language: .en)
        #expect(map.violations.count == 25)
        // The 3 h line (the strip 1–5 m out, 4 h in shadow) stays inside the 10 m line (y = 20):
        // allowed. The 2 h line reaches past the 5 m line (y = 15), to the strip's end: not.
        let threeHours = map.nearLimit.rings.flatMap { $0 }
        #expect(!threeHours.isEmpty && (threeHours.map(\.y).max() ?? 99) < 20)
        let twoHours = map.farLimit.rings.flatMap { $0 }
        #expect((twoHours.map(\.y).max() ?? 0) > 25, "the 2 h line should reach the strip's end past the 10 m line")
        let options = PictureOptions(width: 800, height: 800, language: .en)
        let labels = try map.picture(options).labels().map(\.text)
        for word in ["3 h line", "2 h line", "10 m line", "point over"] {
            #expect(labels.contains(word), "legend lacks '\(word)': \(labels)")
        }
        #expect(labels.contains { $0.contains("does not comply") })
        // A point over its limit is marked; open ground far from the strip is not.
        let frame = map.frame(options)
        let image = try map.picture(options).raster()
        let marked = image.color(at: frame.point(Vec2(5, 23)))
        let open = image.color(at: frame.point(Vec2(-15, 20)))
        #expect(marked.distance(to: open) > 0.1, "marked \(marked), open \(open)")
        #expect(open.distance(to: Palette.ground) < 0.03)
    }
}
