import Foundation
import Render
import Scene
import SolarCore
import Testing

@Suite("Sun-hours map")
struct SunHoursMapTests {
    @Test("contour labels keep off the grid's edges (they crowded its top edge), and some are drawn")
    func contourLabelsStayInside() async throws {
        let map = try await SunHoursMap.make(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            date: CivilDate(year: 2026, month: 12, day: 22), band: RuleProfile.Band(hours: 8, 16), spacingMeters: 1,
            extent: (Vec2(-90, -70), Vec2(90, 110)), language: .en)
        let options = PictureOptions(width: 860, height: 860, language: .en)
        let frame = map.frame(options)
        let g = map.grid
        let a = frame.point(g.origin)
        let b = frame.point(
            Vec2(g.origin.x + Double(g.columns - 1) * g.spacing, g.origin.y + Double(g.rows - 1) * g.spacing))
        let (left, right, top, bottom) = (min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y))
        let contourLabels = try map.picture(options).labels().filter {
            $0.text.hasSuffix("h") && Int($0.text.dropLast()) != nil
        }
        #expect(contourLabels.count >= 6)
        for box in contourLabels {
            let clear = min(
                box.origin.x - left, right - (box.origin.x + box.width), box.origin.y - top,
                bottom - (box.origin.y + box.height))
            #expect(clear > 4, "'\(box.text)' at \(box.origin) is \(clear) px from the grid's edge")
        }
    }

    @Test("before and after with one extent and spacing share frame and grid (they were 1.1 m and 1.2 m apart)")
    func oneExtentOneFrameAndGrid() async throws {
        let extent = (Vec2(-90, -70), Vec2(90, 110))
        var maps: [SunHoursMap] = []
        for scene in [try sampleSceneBefore(), try sampleScene()] {
            maps.append(
                try await SunHoursMap.make(
                    scene: scene, zone: shanghai, profile: .gb50180(), date: CivilDate(year: 2026, month: 12, day: 22),
                    band: RuleProfile.Band(hours: 8, 16), spacingMeters: 3, extent: extent, language: .en))
        }
        let (before, after) = (maps[0].grid, maps[1].grid)
        #expect(before.origin == Vec2(-90, -70) && before.spacing == 3)
        #expect(before.origin == after.origin && before.columns == after.columns && before.rows == after.rows)
        #expect(before.columns == 61 && before.rows == 61)
        let options = PictureOptions(width: 860, height: 860, language: .en)
        #expect(maps[0].frame(options) == maps[1].frame(options))
        // Without an extent each scene's own buildings set the ground, and the two differ.
        let own = try await SunHoursMap.make(
            scene: try sampleSceneBefore(), zone: shanghai, profile: .gb50180(),
            date: CivilDate(year: 2026, month: 12, day: 22), band: RuleProfile.Band(hours: 8, 16), spacingMeters: 3,
            language: .en)
        #expect(own.frame(options) != maps[1].frame(options))
    }

    @Test(
        "each open grid cell is painted the colour of its engine hours; open ground south of T1 is the full band, under T1's shadow is dark"
    )
    func cellsShowTheirHours() async throws {
        let scene = try sampleScene()
        let map = try await SunHoursMap.make(
            scene: scene, zone: shanghai, profile: .gb50180(),
            date: CivilDate(year: 2026, month: 12, day: 22),
            band: RuleProfile.Band(hours: 9, 15), spacingMeters: 3, language: .en)
        let options = PictureOptions(width: 900, height: 900, language: .en)
        let frame = map.frame(options)
        let image = try map.picture(options).raster()
        let g = map.grid
        #expect(abs(g.bandSeconds - 6 * 3600) < 120)  // 9–15 true solar time
        var checked = 0
        for row in stride(from: 0, to: g.rows, by: 5) {
            for column in stride(from: 0, to: g.columns, by: 5) where !g.insideBuilding[row * g.columns + column] {
                let q = g.point(column: column, row: row)
                let seen = image.color(at: frame.point(q))
                // Contour lines and labels cover some cells; the rest must match exactly.
                if seen.distance(to: map.color(hours: g.seconds(column: column, row: row) / 3600)) < 0.02 {
                    checked += 1
                }
            }
        }
        #expect(checked > 60)
        // Hand-derived: 30 m south of T1 nothing stands between the ground and the winter sun.
        let south = Vec2(0, -75)
        let c = Int(((south.x - g.origin.x) / g.spacing).rounded())
        let r = Int(((south.y - g.origin.y) / g.spacing).rounded())
        #expect(abs(g.seconds(column: c, row: r) - g.bandSeconds) < 1)
        #expect(image.color(at: frame.point(g.point(column: c, row: r))).distance(to: map.color(hours: 6)) < 0.05)
        // Just north of T1 (98 m) the noon shadow covers the ground for the whole band.
        let north = Vec2(2, -17)
        let c2 = Int(((north.x - g.origin.x) / g.spacing).rounded())
        let r2 = Int(((north.y - g.origin.y) / g.spacing).rounded())
        #expect(g.seconds(column: c2, row: r2) < 3600)
        #expect(image.color(at: frame.point(g.point(column: c2, row: r2))).luminance < 0.3)
    }
}
