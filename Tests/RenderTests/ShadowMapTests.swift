import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO
import Testing

// Picture facts of the shadow map, read back from pixels and compared with the engine's
// exact ray test (Obstacle.entryDistance), which shares no code with the shadow polygons.

@Suite("Shadow map")
struct ShadowMapTests {
    static let morning = CivilDateTime(
        date: CivilDate(year: 2026, month: 12, day: 22), secondsOfDay: 10 * 3600,
        utcOffsetSeconds: 8 * 3600
    ).instant
    static let afternoon = CivilDateTime(
        date: CivilDate(year: 2026, month: 12, day: 22), secondsOfDay: 14 * 3600,
        utcOffsetSeconds: 8 * 3600
    ).instant

    @Test("ground drawn in shadow colour is in shadow by the ray test, ground drawn open is lit, over a 2 m grid")
    func shadowPixelsAgreeWithRays() throws {
        let scene = try sampleScene()
        let profile = RuleProfile.gb50180()
        let map = try ShadowMap.instant(scene: scene, zone: shanghai, profile: profile, at: Self.morning, language: .zh)
        let options = PictureOptions(width: 1080, height: 1080)
        let frame = map.frame(options)
        let image = try map.picture(options).raster()
        let sun = SolarPosition(at: Self.morning, site: scene.site, refraction: profile.refractionModel).direction
        let s = Vec3(sun.x, sun.y, sun.z)
        let obstacles = scene.buildings.enumerated().map {
            Obstacle(
                buildingIndex: $0.offset, footprint: $0.element.footprint, baseMeters: $0.element.baseMeters,
                topMeters: $0.element.topMeters)
        }
        func shaded(_ q: Vec2) -> Bool {
            obstacles.contains { $0.entryDistance(from: Vec3(q.x, q.y, 0.001), toward: s) != nil }
        }
        let shadowColor = Palette.shadow.over(Palette.ground)
        var dark = 0
        var open = 0
        var wrong: [String] = []
        for x in stride(from: -90.0, through: 90, by: 2) {
            for y in stride(from: -60.0, through: 130, by: 2) {
                let q = Vec2(x, y)
                if scene.buildings.contains(where: { Polygon.contains($0.footprint, q) }) { continue }
                let p = frame.point(q)
                guard p.x > 0, p.y > 0, p.x < 1080, p.y < 1080 else { continue }
                // Skip points within 1 m of a shadow edge (antialiasing), judged by the rays.
                let around = [Vec2(1, 0), Vec2(-1, 0), Vec2(0, 1), Vec2(0, -1)].map { shaded(q + $0) }
                let here = shaded(q)
                guard around.allSatisfy({ $0 == here }) else { continue }
                let seen = image.color(at: p)
                if seen.distance(to: shadowColor) < 0.03 {
                    dark += 1
                    if !here { wrong.append("(\(x), \(y)) drawn dark but lit") }
                } else if seen.distance(to: Palette.ground) < 0.03 {
                    open += 1
                    if here { wrong.append("(\(x), \(y)) drawn open but shaded") }
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
        #expect(dark > 200 && open > 200, "dark \(dark) open \(open)")
        #expect(shadowColor.luminance < 0.6 && Palette.ground.luminance > 0.9)
    }

    @Test(
        "the flat's marker has the colour of the state the engine gives: shaded by T1 at 10:00, lit at 14:00",
        arguments: [(morning, "shaded"), (afternoon, "lit")])
    func markerColourIsTheEngineState(at: Instant, expected: String) throws {
        let scene = try sampleScene()
        let profile = RuleProfile.gb50180()
        let flat = FlatAddress("1/1/east")!
        let map = try ShadowMap.instant(
            scene: scene, zone: shanghai, profile: profile, at: at, flat: flat, windowIndex: 0,
            language: .en)
        // The engine, asked directly.
        let analyzer = SunlightAnalyzer(scene: scene, zone: shanghai, profile: profile, year: 2026)
        let (b, u) = try analyzer.locate(flat)
        let point = analyzer.calculationPoints(building: b, window: u.windows[0], floor: 1)[0]
        let view = ObstructionView(point: point, outward: u.windows[0].outward, obstacles: analyzer.obstacles)
        let d = SolarPosition(at: at, site: scene.site, refraction: profile.refractionModel).direction
        let state = view.state(toward: Vec3(d.x, d.y, d.z))
        #expect(expected == "lit" ? state == .sunlit : state == .shaded(by: scene.buildingIndex(id: "T1")!))
        let options = PictureOptions(width: 900, height: 900, scale: 2, language: .en)
        let image = try map.picture(options).raster()
        let centre = map.frame(options).point(point.xy)
        let seen = image.color(at: centre, scale: 2)
        #expect(seen.distance(to: expected == "lit" ? Palette.lit : Palette.shaded) < 0.03, "\(seen)")
        #expect(image.width == 1800 && image.height == 1800)
    }

    @Test(
        "3/5/east at 13:00 on 冬至: ground shadow under a lit window; the map says the shadow is on the ground and the window's own state at 12.5 m"
    )
    func groundShadowUnderALitWindowIsExplained() throws {
        let scene = try sampleScene()
        let profile = RuleProfile.gb50180()
        let flat = FlatAddress("3/5/east")!
        let at = CivilDateTime(
            date: CivilDate(year: 2026, month: 12, day: 22), secondsOfDay: 13 * 3600, utcOffsetSeconds: 8 * 3600
        ).instant
        // The engine: the window's sill point (floor 5: 4 × 2.9 m + 0.9 m sill = 12.5 m) is lit,
        // while the ground under it is in a building's shadow (the ray test from z = 0).
        let analyzer = SunlightAnalyzer(scene: scene, zone: shanghai, profile: profile, year: 2026)
        let (b, u) = try analyzer.locate(flat)
        let point = analyzer.calculationPoints(building: b, window: u.windows[0], floor: 5)[0]
        #expect(abs(point.z - 12.5) < 1e-9)
        let d = SolarPosition(at: at, site: scene.site, refraction: profile.refractionModel).direction
        let sun = Vec3(d.x, d.y, d.z)
        #expect(
            ObstructionView(point: point, outward: u.windows[0].outward, obstacles: analyzer.obstacles)
                .state(toward: sun) == .sunlit)
        let groundShaded = analyzer.obstacles.contains {
            $0.entryDistance(from: Vec3(point.x, point.y - 0.5, 0.001), toward: sun) != nil
        }
        #expect(groundShaded, "the ground in front of the window should be in shadow at 13:00")

        for (language, words) in [
            (
                Language.en,
                ["3/5/east · window at 12.5 m: in sun", "shadow on the ground", "shadows on the ground (0 m)"]
            ),
            (Language.zh, ["3/5/east · 窗高 12.5 m：有日照", "地面阴影", "地面（0 m）上的阴影"]),
        ] {
            let map = try ShadowMap.instant(
                scene: scene, zone: shanghai, profile: profile, at: at, flat: flat, windowIndex: 0, language: language)
            let drawn = try map.picture(PictureOptions(width: 1080, height: 1080, language: language)).labels()
                .map(\.text).joined(separator: "\n")
            for word in words { #expect(drawn.contains(word), "\(language): '\(word)' not drawn in:\n\(drawn)") }
        }
    }

    @Test("hourly map of 冬至: the site fills the map, every hour has its own labelled colour, labels on the map")
    func hourlyMapFramesTheSite() throws {
        let scene = try sampleScene()
        let date = CivilDate(year: 2026, month: 12, day: 22)
        let map = try ShadowMap.hourly(scene: scene, zone: shanghai, profile: .gb50180(), date: date, language: .en)
        let options = PictureOptions(width: 860, height: 860, language: .en)
        let frame = map.frame(options)
        // The buildings' box on the picture against the map's size (was ~10 % across).
        let all = scene.buildings.flatMap(\.footprint).map(frame.point)
        let across = max(
            (all.map(\.x).max()! - all.map(\.x).min()!) / frame.width,
            (all.map(\.y).max()! - all.map(\.y).min()!) / frame.height)
        #expect(across > 0.5, "the compound spans \(across) of the map")
        let labels = try map.picture(options).labels()
        // One legend entry per hour ("8 h" … "16 h"), and each hour's label drawn inside the map.
        for o in map.outlines {
            #expect(labels.contains { $0.text == "\(o.label) h" }, "no legend entry for \(o.label) h")
            let onMap = labels.filter { $0.text == o.label }
            #expect(onMap.count == 1, "hour \(o.label) labelled \(onMap.count) times")
            for box in onMap {
                #expect(
                    box.origin.x >= frame.origin.x && box.origin.x + box.width <= frame.origin.x + frame.width
                        && box.origin.y >= frame.origin.y && box.origin.y + box.height <= frame.origin.y + frame.height,
                    "hour \(o.label)'s label at \(box.origin) is off the map")
            }
        }
        #expect(map.outlines.count == 9)
    }

    @Test("hourly outlines: one per whole true-solar hour with the sun at least 5° up, each labelled")
    func hourlyOutlines() throws {
        let scene = try sampleScene()
        let date = CivilDate(year: 2026, month: 1, day: 20)
        let map = try ShadowMap.hourly(scene: scene, zone: shanghai, profile: .gb50180(), date: date, language: .zh)
        // Independent: hours whose full-SPA elevation is ≥ 5°.
        let hours = (0..<24).filter { h in
            let t = TrueSolarTime.instant(date: date, secondsOfDay: Double(h) * 3600, longitude: scene.site.longitude)
            return SolarPosition(at: t, site: scene.site, refraction: .standard).elevationDegrees >= 5
        }
        #expect(map.outlines.map(\.label) == hours.map(String.init))
        #expect(map.outlines.allSatisfy { !$0.rings.isEmpty }, "\(map.outlines.map { ($0.label, $0.rings.count) })")
        // The core's union on its own at true noon (sun due south to ~1e-7°, parallel to
        // the L-shaped building 5's walls): one shadow per building, and a union.
        let noon = TrueSolarTime.instant(date: date, secondsOfDay: 12 * 3600, longitude: scene.site.longitude)
        let d = SolarPosition(at: noon, site: scene.site, refraction: .standard).direction
        let shadows = groundShadows(of: scene, towardSun: Vec3(d.x, d.y, d.z))
        #expect(
            shadows.count == scene.buildings.count,
            "\(shadows.map(\.buildingID)) vs \(scene.buildings.map { ($0.id, $0.baseMeters, $0.topMeters, $0.footprint.count) })"
        )
        #expect(!shadowUnion(shadows).isEmpty)
        _ = try map.picture(PictureOptions()).data(.png)
    }
}
