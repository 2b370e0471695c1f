import SolarCore
import Testing

@testable import Scene

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Japanese 日影規制 profile (別表第4) and its 5 m / 10 m check, on hand-built cases.
@Suite("日影規制 (Japanese shadow regulation)")
struct NichieiTests {
    static let tokyo = SiteSpec(latitude: 35.6812, longitude: 139.7671, timeZone: "Asia/Tokyo")
    static let zone = FixedOffsetZone(hours: 9)

    @Test func table4RowsAsData() throws {
        let low = try NichieiRegulation.table4(district: .lowRiseResidential, column: 1)
        #expect(low.planeHeightMeters == 1.5 && low.nearLimitHours == 3 && low.farLimitHours == 2)
        #expect(low.band == RuleProfile.Band(hours: 8, 16) && low.termLongitude == 270)
        #expect(low.nearLineMeters == 5 && low.farLineMeters == 10 && low.subjectHeightMeters == 7)
        let hokkaido = try NichieiRegulation.table4(district: .lowRiseResidential, column: 3, hokkaido: true)
        #expect(hokkaido.band == RuleProfile.Band(hours: 9, 15))
        #expect(hokkaido.nearLimitHours == 4 && hokkaido.farLimitHours == 2.5)
        let mid = try NichieiRegulation.table4(district: .midHighRiseResidential, column: 2, planeHeightMeters: 6.5)
        #expect(mid.planeHeightMeters == 6.5 && mid.nearLimitHours == 4 && mid.farLimitHours == 2.5)
        let mixed = try NichieiRegulation.table4(district: .residentialCommercial, column: 2)
        #expect(mixed.planeHeightMeters == 4 && mixed.nearLimitHours == 5 && mixed.farLimitHours == 3)
        #expect(mixed.profile.clock == .trueSolar && !mixed.profile.refraction)
        #expect(throws: SceneIssue.self) { try NichieiRegulation.table4(district: .residentialCommercial, column: 3) }
        #expect(throws: SceneIssue.self) {
            try NichieiRegulation.table4(district: .lowRiseResidential, column: 1, planeHeightMeters: 4)
        }
        #expect(try low.standardDate(year: 2026, zone: Self.zone) == CivilDate(year: 2026, month: 12, day: 22))
    }

    /// Site [0, 10]²; a hand-made 8 h map with 4 h of shadow at x 3…7, y 11…15 (1–5 m out,
    /// unregulated) and 2.5 h at x 3…7, y 16…25 (6–10 m: near zone; 11–15 m: far zone).
    /// Column (1), 3 h / 2 h: near zone fine (2.5 < 3), the 25 far points fail (2.5 ≥ 2).
    /// Column (2), 4 h / 2.5 h: the far points fail too — "2.5 h or more" (以上). Column (3): complies.
    @Test func handBuiltMapAgainstTheLines() throws {
        let columns = 41
        let rows = 46
        var sun = [Double](repeating: 8 * 3600, count: columns * rows)
        for j in 0..<rows {
            for i in 0..<columns {
                let x = -20 + i
                let y = -20 + j
                guard (3...7).contains(x) else { continue }
                if (11...15).contains(y) { sun[j * columns + i] = 4 * 3600 }
                if (16...25).contains(y) { sun[j * columns + i] = 5.5 * 3600 }
            }
        }
        let grid = try SunHoursGrid(
            origin: Vec2(-20, -20), spacing: 1, columns: columns, rows: rows, seconds: sun,
            insideBuilding: Array(repeating: false, count: sun.count), planeHeight: 1.5,
            bandStart: 0, bandEnd: 8 * 3600)
        let site = rectangle(0, 0, 10, 10)
        let first = NichieiCheck(
            regulation: try .table4(district: .lowRiseResidential, column: 1), siteBoundary: site,
            grid: grid)
        #expect(first.nearViolations.isEmpty)
        #expect(first.farViolations.count == 25)
        #expect(Set(first.farViolations.map(\.point.y)) == [21, 22, 23, 24, 25])
        #expect(
            first.farViolations.allSatisfy { abs($0.distanceMeters - ($0.point.y - 10)) < 1e-12 && $0.limitHours == 2 })
        #expect(abs(first.maxShadowHoursNearZone - 2.5) < 1e-12 && abs(first.maxShadowHoursFarZone - 2.5) < 1e-12)
        #expect(!first.complies)
        // The contour picture says the same: the 2 h shadow line reaches past the 10 m line.
        let reach = grid.shadowContours(hours: 2).flatMap { $0 }.map { NichieiCheck.distance(from: $0, to: site) }
            .max()!
        #expect(reach > 10)
        let second = NichieiCheck(
            regulation: try .table4(district: .lowRiseResidential, column: 2), siteBoundary: site,
            grid: grid)
        #expect(second.nearViolations.isEmpty && second.farViolations.count == 25)
        let third = NichieiCheck(
            regulation: try .table4(district: .lowRiseResidential, column: 3), siteBoundary: site,
            grid: grid)
        #expect(third.complies)
    }

    /// Tokyo, 冬至 2026, a 400 m × 10 m slab 30 m high (eaves far above 7 m), site 2 m around
    /// it. Due north of its middle, a point d m from the north face is shaded at noon while
    /// 1.5 + d·tan 30.9° < 30 (d < 47 m) and at 8:00 TST (sun ~8.1° high, 53° east of south)
    /// while 1.5 + 1.66·d·tan 8.1° < 30 — so every point within 40 m is in shadow the whole
    /// 8 h; at 60 m the noon sun clears the roof. Both zones fail; a 1 m shed (below the
    /// 1.5 m plane) complies; a tall neighbour that is not the subject is not counted.
    @Test func slabOnATokyoSite() async throws {
        let slab = BuildingSpec(id: "S", footprint: [[-200, 0], [200, 0], [200, 10], [-200, 10]], height: 30)
        let shed = BuildingSpec(id: "shed", footprint: [[-5, 0], [5, 0], [5, 4], [-5, 4]], height: 1)
        let scene = try SceneDocument(site: Self.tokyo, buildings: [slab]).scene()
        let site = [Vec2(-202, -2), Vec2(202, -2), Vec2(202, 12), Vec2(-202, 12)]
        let grid = GroundGrid(origin: Vec2(-4, 13), spacing: 1, columns: 9, rows: 60)  // y 13…72
        let rule = try NichieiRegulation.table4(district: .lowRiseResidential, column: 1)
        let check = try await nichieiCheck(
            of: scene, siteBoundary: site, regulation: rule, year: 2026, zone: Self.zone,
            grid: grid)
        let g = check.grid
        #expect(abs(g.bandSeconds - 8 * 3600) < 20)
        for j in 0..<g.rows {
            let d = g.point(column: 4, row: j).y - 10
            let shadow = g.shadowSeconds[j * g.columns + 4]
            if d <= 40 { #expect(abs(shadow - g.bandSeconds) < 1e-6, "d = \(d)") }
            if d >= 60 { #expect(shadow < g.bandSeconds - 600, "d = \(d)") }
        }
        #expect(check.nearViolations.count == 9 * 5)  // y 18…22: 5 < distance ≤ 10
        #expect(!check.farViolations.isEmpty)
        #expect(!check.complies)

        let shedScene = try SceneDocument(site: Self.tokyo, buildings: [shed, slab]).scene()
        let clear = try await nichieiCheck(
            of: shedScene, subjectBuildings: ["shed"], siteBoundary: site,
            regulation: rule, year: 2026, zone: Self.zone, grid: grid)
        #expect(clear.complies && clear.maxShadowHoursNearZone == 0 && clear.maxShadowHoursFarZone == 0)
    }

    /// A 10 m square grown by 5 m with 32-gon corners: area 100 + 4·10·5 + 16·25·sin(2π/32),
    /// every vertex between 5·cos(π/32) and 5 m from the square; a U-shaped site grown by
    /// 2 m keeps its 6 m wide notch open (3 m wide left), by 4 m closes it.
    @Test func offsetLinesAroundTheSite() throws {
        let square = rectangle(0, 0, 10, 10)
        let grown = offsetOutline(of: square, by: 5)
        #expect(grown.count == 1)
        #expect(abs(area(grown) - (100 + 200 + 16 * 25 * sin(2 * Double.pi / 32))) < 1e-6)
        for v in grown[0] {
            let d = NichieiCheck.distance(from: v, to: square)
            #expect(d <= 5 + 1e-9 && d >= 5 * cos(Double.pi / 32) - 1e-9)
        }
        let u = [
            Vec2(0, 0), Vec2(20, 0), Vec2(20, 20), Vec2(13, 20), Vec2(13, 8), Vec2(7, 8), Vec2(7, 20), Vec2(0, 20),
        ]
        #expect(!winds(offsetOutline(of: u, by: 2), Vec2(10, 15)))
        #expect(winds(offsetOutline(of: u, by: 4), Vec2(10, 15)))
        let check = NichieiCheck(
            regulation: try .table4(district: .lowRiseResidential, column: 1), siteBoundary: square,
            grid: try SunHoursGrid(
                origin: Vec2(0, 0), spacing: 1, columns: 1, rows: 1, seconds: [0],
                insideBuilding: [false], planeHeight: 1.5, bandStart: 0, bandEnd: 1))
        #expect(abs(area(check.farLine) - (100 + 400 + 16 * 100 * sin(2 * Double.pi / 32))) < 1e-6)
        #expect(abs(area(check.nearLine) - area(grown)) < 1e-9)
    }

    @Test func badInputsAreNamed() async throws {
        let scene = try SceneDocument(
            site: Self.tokyo,
            buildings: [
                BuildingSpec(id: "S", footprint: [[0, 0], [10, 0], [10, 10], [0, 10]], height: 30)
            ]
        ).scene()
        let rule = try NichieiRegulation.table4(district: .lowRiseResidential, column: 1)
        let grid = GroundGrid(origin: Vec2(0, 0), spacing: 2, columns: 3, rows: 3)
        func path(
            boundary: [Vec2] = rectangle(0, 0, 10, 10), subject: [String]? = nil, year: Int = 2026
        ) async -> String? {
            do {
                _ = try await nichieiCheck(
                    of: scene, subjectBuildings: subject, siteBoundary: boundary, regulation: rule,
                    year: year, zone: Self.zone, grid: grid)
                return nil
            } catch { return error.path }
        }
        #expect(await path(boundary: rectangle(0, 0, 10, 10).reversed()) == "siteBoundary")
        #expect(await path(boundary: [Vec2(0, 0), Vec2(1, 1)]) == "siteBoundary")
        #expect(await path(boundary: [Vec2(0, 0), Vec2(10, 10), Vec2(10, 0), Vec2(0, 10)]) == "siteBoundary")
        #expect(await path(subject: ["S", "nope"]) == "subjectBuildings[1]")
        #expect(await path(year: 3000) == "year")
        #expect(await path() == nil)
    }
}

/// 時刻日影図: hourly outlines in true solar time.
@Suite("Hourly shadows")
struct HourlyShadowTests {
    /// 8…16 TST on 冬至 in Tokyo: nine outlines; at each, the sun's local hour angle is
    /// (hour − 12)·15° (true solar time's definition) and the outline is the shadow for
    /// that sun; at noon a box's shadow points due north, H / tan(elevation) long.
    @Test func hourlyOutlinesFollowTrueSolarTime() throws {
        let scene = try SceneDocument(
            site: NichieiTests.tokyo,
            buildings: [
                BuildingSpec(id: "B", footprint: [[-5, -5], [5, -5], [5, 5], [-5, 5]], height: 20)
            ]
        ).scene()
        let date = CivilDate(year: 2026, month: 12, day: 22)
        let hours = try hourlyShadows(
            of: scene, on: date, zone: NichieiTests.zone, planeHeight: 1.5, fromHour: 8,
            toHour: 16)
        #expect(hours.map(\.trueSolarHour) == [8, 9, 10, 11, 12, 13, 14, 15, 16])
        for h in hours {
            let sun = SolarPosition(at: Instant(secondsSince1970: h.instant), site: scene.site)
            var ha = sun.hourAngleDegrees.truncatingRemainder(dividingBy: 360)
            if ha > 180 { ha -= 360 }
            if ha < -180 { ha += 360 }
            #expect(abs(ha - (h.trueSolarHour - 12) * 15) < 0.01, "hour \(h.trueSolarHour): hour angle \(ha)")
            let d = sun.direction
            #expect(abs(h.towardSun.x - d.x) < 1e-6 && abs(h.towardSun.z - d.z) < 1e-6)
            #expect(h.shadows.count == 1)
        }
        let noon = hours[4]
        let ring = noon.shadows[0].rings[0]
        let el = asin(noon.towardSun.z)
        #expect(abs(ring.map(\.y).max()! - (5 + 18.5 / tan(el))) < 0.05)  // 20 m − 1.5 m plane
        #expect(abs(ring.map(\.x).max()! - 5) < 0.01)
        #expect(abs(area(noon.outline) - area(noon.shadows[0].rings)) < 1e-6)
        // Half-hourly steps, and bad hours named.
        #expect(
            try hourlyShadows(
                of: scene, on: date, zone: NichieiTests.zone, planeHeight: 0, fromHour: 9, toHour: 15,
                stepMinutes: 30
            ).count == 13)
        #expect(throws: SceneIssue.self) {
            try hourlyShadows(of: scene, on: date, zone: NichieiTests.zone, planeHeight: 0, fromHour: 16, toHour: 8)
        }
        #expect(throws: SceneIssue.self) {
            try hourlyShadows(
                of: scene, on: date, zone: NichieiTests.zone, planeHeight: 0, fromHour: 8, toHour: 16,
                stepMinutes: 0)
        }
    }
}
