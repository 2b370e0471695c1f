import SolarCore
import Testing

@testable import Scene

/// Regressions found by the numpy ray-casting peer (`make bench`, scene suite): window-days
/// where the sun only just clears, or just dips under, a roof edge, so the sun crosses that
/// edge's plane twice within minutes of the path's extremum, and crossings at low sun
/// where the first guess of the sun's direction is off by refraction. Each day is checked
/// against ray casting at 1-second steps over the same sun path, for the window and for a
/// ground point at the same place.
@Suite("Grazing and low-sun crossings agree with 1-second ray casting")
struct GrazingCrossingTests {
    /// The benchmark's synthetic district (Benchmarks/sunspot-bench/SceneBenchmarks.swift).
    static func district() throws -> Scene {
        let specs = (0..<30).map { i -> BuildingSpec in
            let col = i % 5
            let row = i / 5
            let windows: (Int) -> [WindowSpec] = { u in
                var w = [WindowSpec(face: "south", offset: Double(u) * 14 - 21, width: 1.8)]
                if u == 0 { w.append(WindowSpec(face: "west", offset: 0, width: 1.5)) }
                if u == 3 { w.append(WindowSpec(face: "east", offset: 0, width: 1.5)) }
                return w
            }
            return BuildingSpec(
                id: "B\(i + 1)",
                box: BoxSpec(
                    x: Double(col) * 75 + Double(row % 2) * 20, y: Double(row) * 90, width: 60, depth: 14,
                    rotation: Double((i * 7) % 11) - 5),
                floors: 33, floorHeight: 3, units: (0..<4).map { UnitSpec(id: "u\($0 + 1)", windows: windows($0)) })
        }
        return try SceneDocument(name: "district", site: Beijing.site, buildings: specs).scene()
    }

    struct Case: CustomStringConvertible, Sendable {
        var flat: String
        var window: Int
        var date: CivilDate
        var description: String { "\(flat) window \(window) on \(date.iso8601)" }
    }

    static let cases = [
        // lit gap between two B24 shadows
        Case(flat: "B29/17/u1", window: 0, date: CivilDate(year: 2026, month: 2, day: 4)),
        Case(flat: "B21/7/u4", window: 1, date: CivilDate(year: 2026, month: 10, day: 8)),  // B17 shadow end lost
        Case(flat: "B15/13/u4", window: 0, date: CivilDate(year: 2026, month: 2, day: 18)),  // B10 shadow missed
        Case(flat: "B18/33/u2", window: 0, date: CivilDate(year: 2026, month: 9, day: 23)),  // low-sun crossing dropped
        Case(flat: "B26/3/u3", window: 0, date: CivilDate(year: 2026, month: 9, day: 23)),  // crossing guess 12 min off
    ]

    @Test(arguments: cases)
    func dayAgreesWithRayCasting(_ c: Case) throws {
        let (analyzer, window, point) = try Self.windowPoint(c)
        let profile = analyzer.profile
        let day = SunDay(
            site: analyzer.scene.site, date: c.date, zone: Beijing.zone, refraction: profile.refractionModel,
            minimumAltitudeDegrees: profile.minimumAltitudeDegrees)
        let view = ObstructionView(point: point, outward: window.outward, obstacles: analyzer.obstacles)
        let prisms = Self.prisms(analyzer)
        Self.expectAgreement(c, stretches: view.stretches(on: day), day: day, daylight: day.daylight) { s in
            BruteForce.exposure(prisms, point, window.outward, s)
        }
    }

    /// The same tangencies seen by a ground point: the window's calculation point as a free
    /// point of a ground grid at its height (no facade, the whole day), through the ground
    /// engine's own search for crossings (pieces of the band, the extremum of a grazing plane).
    @Test(arguments: cases)
    func groundPointAgreesWithRayCasting(_ c: Case) throws {
        let (analyzer, _, point) = try Self.windowPoint(c)
        let engine = try GroundSunEngine(
            scene: analyzer.scene, date: c.date, zone: Beijing.zone,
            profile: analyzer.profile, band: nil, planeHeight: point.z)
        #expect(!engine.isInsideBuilding(point.xy))
        let prisms = Self.prisms(analyzer)
        let spans = engine.spans.map { (start: $0.start, end: $0.end) }
        Self.expectAgreement(c, stretches: engine.stretches(at: point.xy), day: engine.day, daylight: spans) { s in
            var best = Double.infinity
            var code = 0
            for prism in prisms {
                if let l = BruteForce.entry(prism, point, s), l < best {
                    best = l
                    code = prism.index + 1
                }
            }
            return code
        }
    }

    static func windowPoint(_ c: Case) throws -> (SunlightAnalyzer, Window, Vec3) {
        let scene = try district()
        let analyzer = SunlightAnalyzer(
            scene: scene, zone: Beijing.zone, profile: RuleProfile.gb50180(), year: c.date.year)
        let flat = FlatAddress(c.flat)!
        let (building, unit) = try analyzer.locate(flat)
        let window = unit.windows[c.window]
        return (analyzer, window, analyzer.calculationPoints(building: building, window: window, floor: flat.floor)[0])
    }

    static func prisms(_ analyzer: SunlightAnalyzer) -> [BruteForce.Prism] {
        analyzer.obstacles.map {
            BruteForce.Prism(index: $0.buildingIndex, footprint: $0.footprint, base: $0.baseMeters, top: $0.topMeters)
        }
    }

    /// The engine's day against the reference: every prism, every second of daylight, on the
    /// same sun path (`exposure` is the reference's code for a sun direction: 0 lit).
    static func expectAgreement(
        _ c: Case, stretches: [Stretch], day: SunDay,
        daylight: [(start: Double, end: Double)], exposure: (Vec3) -> Int
    ) {
        let engineLit = stretches.filter { $0.state == .sunlit }.reduce(0) { $0 + $1.durationSeconds }
        var referenceLit = 0.0
        var boundaries: [Double] = []
        var previous: Int?
        for span in daylight {
            var t = span.start + 0.5
            while t < span.end {
                let code = exposure(day.direction(at: t))
                if code == 0 { referenceLit += 1 }
                if let p = previous, (p == 0) != (code == 0) { boundaries.append(t - 0.5) }
                previous = code
                t += 1
            }
            previous = nil
        }
        let engineBoundaries = stretches.filter { $0.state == .sunlit }.flatMap { [$0.start, $0.end] }
            .filter { b in !daylight.contains { abs($0.start - b) < 1 || abs($0.end - b) < 1 } }
        print(
            "\(c): engine \(engineLit / 60) min, 1-s ray casting \(referenceLit / 60) min, \(boundaries.count) reference boundaries"
        )
        #expect(abs(engineLit - referenceLit) <= 5, "\(c): engine \(engineLit) s vs reference \(referenceLit) s")
        #expect(
            engineBoundaries.count == boundaries.count,
            "\(c): \(engineBoundaries.count) engine boundaries vs \(boundaries.count)")
        for b in boundaries {
            #expect(
                engineBoundaries.contains { abs($0 - b) <= 2 },
                "\(c): reference boundary \(b) has no engine boundary within 2 s")
        }
    }
}
