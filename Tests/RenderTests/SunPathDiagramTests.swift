import Foundation
import Render
import Scene
import SolarCore
import Testing

// Picture facts of the sun-path diagram, read back from rendered pixels: where the sun
// is drawn against SolarCore's full SPA position, what covers the sky, the size asked for.

@Suite("Sun-path diagram")
struct SunPathDiagramTests {
    let winterSolstice = CivilDate(year: 2026, month: 12, day: 22)

    @Test("the true-solar hour marks are drawn where SolarCore's full SPA puts the sun (within 1e-3° and one pixel)")
    func hourMarksSitOnTheSun() throws {
        let scene = try sampleScene()
        let profile = RuleProfile.gb50180()
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: profile, days: .date(winterSolstice),
            language: .zh)
        let options = PictureOptions(width: 900, height: 1000)
        let sky = diagram.layout(options)
        let image = try diagram.picture(options).raster()
        let marks = diagram.tracks[0].hourMarks
        #expect(marks.map(\.trueSolarHour) == Array(7...17))
        for mark in marks {
            // Independent: TST → instant with the full series, then the full SPA position.
            let t = TrueSolarTime.instant(
                date: winterSolstice, secondsOfDay: Double(mark.trueSolarHour) * 3600,
                longitude: scene.site.longitude)
            #expect(abs(t.seconds(since: mark.instant)) < 0.5)
            let sun = SolarPosition(at: t, site: scene.site, refraction: profile.refractionModel)
            #expect(abs(sun.azimuthDegrees - mark.sky.azimuthDegrees) < 1e-3)
            #expect(abs(sun.elevationDegrees - mark.sky.elevationDegrees) < 1e-3)
            let expected = stereographic(
                azimuthDegrees: sun.azimuthDegrees, elevationDegrees: sun.elevationDegrees,
                centre: sky.centre, radius: sky.radius)
            let drawn = sky.point(azimuthDegrees: mark.sky.azimuthDegrees, elevationDegrees: mark.sky.elevationDegrees)
            #expect(abs(drawn.x - expected.x) < 0.05 && abs(drawn.y - expected.y) < 0.05)
            // The pixel there is the hour-mark colour.
            let seen = image.color(at: expected)
            #expect(seen.distance(to: SunPathDiagram.hourMarkColor) < 0.08, "hour \(mark.trueSolarHour): \(seen)")
        }
        // Noon: due south (the site is far north of the sun's declination), at 90° − φ + δ.
        let noon = try #require(marks.first { $0.trueSolarHour == 12 })
        #expect(abs(noon.sky.azimuthDegrees - 180) < 0.05)
    }

    @Test("every hour mark is numbered, also at the PDF page's figure size (620 × 640) with a window's skyline")
    func everyHourMarkHasItsNumber() throws {
        let scene = try sampleScene()
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: .gb50180(), days: .date(winterSolstice),
            flat: FlatAddress("3/5/east"), windowIndex: 0, language: .en)
        let marks = diagram.tracks[0].hourMarks.map { String($0.trueSolarHour) }
        #expect(marks == (7...17).map(String.init))
        for (width, height) in [(620, 640), (900, 1000)] {
            let labels = try diagram.picture(PictureOptions(width: width, height: height, language: .en)).labels()
                .map(\.text)
            let missing = marks.filter { !labels.contains($0) }
            #expect(missing.isEmpty, "\(width)×\(height): hours without a number: \(missing)")
        }
    }

    @Test("a window's skyline is filled below its top and open sky above; the sky behind the facade is grey")
    func skylineAndFacadeAreDrawn() throws {
        let scene = try sampleScene()
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: .gb50180(), days: .date(winterSolstice),
            flat: FlatAddress("1/1/east"), windowIndex: 0, language: .en)
        let options = PictureOptions(width: 1080, height: 1080)
        let sky = diagram.layout(options)
        let image = try diagram.picture(options).raster()
        #expect(diagram.facingAzimuthDegrees.map { abs($0 - 180) < 1e-9 } == true)
        // Azimuth 140° (between spokes): the tower T1 rises well above the winter path there.
        let sample = try #require(diagram.skyline.min { abs($0.azimuthDegrees - 140) < abs($1.azimuthDegrees - 140) })
        let top = sample.topElevationDegrees
        #expect(top > 50)
        let inside = stereographic(
            azimuthDegrees: sample.azimuthDegrees, elevationDegrees: top - 6, centre: sky.centre,
            radius: sky.radius)
        let topBuilding = try #require(sample.topBuilding)
        let shade = try #require(diagram.skylineShades[topBuilding])
        #expect(image.color(at: inside).distance(to: shade) < 0.05)
        let above = stereographic(
            azimuthDegrees: sample.azimuthDegrees, elevationDegrees: min(88, top + 4),
            centre: sky.centre, radius: sky.radius)
        #expect(image.color(at: above).distance(to: SunPathDiagram.skyColor) < 0.05)
        let behind = stereographic(azimuthDegrees: 320, elevationDegrees: 47, centre: sky.centre, radius: sky.radius)
        #expect(image.color(at: behind).distance(to: SunPathDiagram.behindColor) < 0.05)
    }

    @Test("3/5/east's blockers T1 and building 1 are drawn in shades of their own, each where it tops the skyline")
    func blockersHaveDistinctShades() throws {
        let scene = try sampleScene()
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: .gb50180(), days: .date(winterSolstice),
            flat: FlatAddress("3/5/east"), windowIndex: 0, language: .en)
        let options = PictureOptions(width: 1080, height: 1080)
        let sky = diagram.layout(options)
        let image = try diagram.picture(options).raster()
        var seen: [String: Color] = [:]
        for id in ["T1", "1"] {
            let b = try #require(scene.buildingIndex(id: id))
            let shade = try #require(diagram.skylineShades[b])
            // Wherever this building alone tops the skyline, a point 80 % up its own cover (above
            // the winter path) is in its shade (labels aside: at least 3 in 4 of them).
            var hits = 0
            var tried = 0
            for sample in diagram.skyline where sample.topBuilding == b {
                guard let cover = sample.covers.first(where: { $0.building == b }) else { continue }
                let others = sample.covers.filter { $0.building != b }.map(\.highDegrees).max() ?? cover.lowDegrees
                let floor = max(others, cover.lowDegrees)
                guard cover.highDegrees - floor > 3 else { continue }
                let p = stereographic(
                    azimuthDegrees: sample.azimuthDegrees, elevationDegrees: floor + 0.8 * (cover.highDegrees - floor),
                    centre: sky.centre, radius: sky.radius)
                tried += 1
                if image.color(at: p).distance(to: shade) < 0.05 { hits += 1 }
            }
            #expect(
                tried >= 5 && Double(hits) >= 0.75 * Double(tried), "\(id): \(hits) of \(tried) points in its shade")
            seen[id] = shade
        }
        let t1 = try #require(seen["T1"])
        let one = try #require(seen["1"])
        #expect(t1.distance(to: one) > 0.08, "T1 \(t1) and building 1 \(one) look alike")
    }

    @Test(
        "the lit part of the path is the engine's: its length equals the flat table's total for 冬至, and it is drawn in the lit colour"
    )
    func litRunsMatchTheTable() throws {
        let scene = try sampleScene()
        let profile = RuleProfile.gb50180()
        let flat = FlatAddress("1/1/east")!
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: profile, days: .date(winterSolstice),
            flat: flat, windowIndex: 0, language: .zh)
        let analyzer = SunlightAnalyzer(scene: scene, zone: shanghai, profile: profile, year: 2026)
        let table = try analyzer.table(for: flat)
        #expect(table.windowIndex == 0)
        let row = try #require(table.rows.first { $0.term.name.chinese == "冬至" })
        #expect(row.date == winterSolstice)
        let track = diagram.tracks[0]
        #expect(abs(track.sunlitSeconds - row.totalSeconds) < 1, "\(track.sunlitSeconds) vs \(row.totalSeconds)")
        #expect(row.totalSeconds > 3600)
        let options = PictureOptions(width: 1080, height: 1080)
        let sky = diagram.layout(options)
        let image = try diagram.picture(options).raster()
        let lit = try #require(track.runs.first { $0.exposure == .sunlit })
        // A point of the lit run away from the hour marks.
        let p = lit.points[lit.points.count / 2 + 3]
        let at = stereographic(
            azimuthDegrees: p.azimuthDegrees, elevationDegrees: p.elevationDegrees, centre: sky.centre,
            radius: sky.radius)
        #expect(image.color(at: at).distance(to: Palette.sunPath) < 0.1)
    }

    @Test("the picture has the requested size at the requested scale, in PNG, PDF and SVG")
    func sizeAndFormats() throws {
        let scene = try sampleScene()
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: .gb50180(), days: .allTerms(year: 2026),
            language: .en)
        #expect(diagram.tracks.count == 24)
        let picture = diagram.picture(PictureOptions(width: 640, height: 480, scale: 2, language: .en))
        let png = try picture.data(.png)
        let decoded = try RasterImage(png: png)
        #expect(decoded.width == 1280 && decoded.height == 960)
        let pdf = try picture.data(.pdf)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
        let svg = String(decoding: try picture.data(.svg), as: UTF8.self)
        #expect(svg.contains("<svg") && svg.contains("width=\"1280"))
    }

    @Test("out-of-range size or scale is refused, naming the value")
    func badOptionsAreRefused() {
        let picture = Picture(options: PictureOptions(width: 50, height: 1080)) { _ in }
        #expect(throws: RenderError.badOption("size width 50 is outside 200...8000")) { try picture.data(.png) }
        let scaled = Picture(options: PictureOptions(scale: 0)) { _ in }
        #expect(throws: RenderError.self) { try scaled.data(.png) }
    }
}
