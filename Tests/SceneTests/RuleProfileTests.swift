import SolarCore
import Testing

@testable import Scene

/// Profile rules: minimum segments, aggregation, verdicts, polar days, determinism.
@Suite("Rule profiles and whole-scene runs")
struct RuleProfileTests {
    /// A window lit by two gaps; the profile's minimum segment decides what counts.
    func row(
        minimumSegment: Double, segments: [(Double, Double)], aggregation: RuleProfile.Aggregation = .sum
    ) throws
        -> TermRowResult
    {
        var p = RuleProfile.gb50180()
        p.standardDays[0].minimumSegmentMinutes = minimumSegment
        p.aggregation = aggregation
        let a = try analyzer([windowBox(face: "south")], profile: p)
        let day = a.days[1]  // 大寒
        let (b0, _) = day.band(p.standardDays[0].band, clock: .trueSolar, zone: Beijing.zone)
        let stretches = segments.map { Stretch(start: b0 + $0.0 * 60, end: b0 + $0.1 * 60, state: .sunlit) }
        return a.row(term: 1, stretches: stretches)
    }

    @Test func aFourMinuteSegmentIsDroppedUnderAFiveMinuteRuleAndAFiveMinuteOneKept() throws {
        let r = try row(minimumSegment: 5, segments: [(10, 14), (30, 35)])
        #expect(abs(r.bandSeconds - 300) < 1e-6)
        #expect(abs(try row(minimumSegment: 0, segments: [(10, 14), (30, 35)]).bandSeconds - 540) < 1e-6)
    }

    @Test func longestAndLongestNSegmentsAggregate() throws {
        let segments: [(Double, Double)] = [(0, 30), (40, 100), (120, 130)]
        #expect(abs(try row(minimumSegment: 0, segments: segments, aggregation: .longest).bandSeconds - 3600) < 1e-6)
        #expect(
            abs(try row(minimumSegment: 0, segments: segments, aggregation: .longestSegments(2)).bandSeconds - 5400)
                < 1e-6)
    }

    @Test func verdictNeedsTheRequiredMinutesOnTheStandardDay() throws {
        #expect(try row(minimumSegment: 0, segments: [(0, 119)]).meetsStandard == false)
        #expect(try row(minimumSegment: 0, segments: [(0, 120)]).meetsStandard == true)
    }

    @Test func climateZonesPickTheirStandardDay() {
        #expect(RuleProfile.gb50180(.init(climateZone: .II, largeCity: true)).standardDays[0].requiredMinutes == 120)
        #expect(RuleProfile.gb50180(.init(climateZone: .II, largeCity: false)).standardDays[0].requiredMinutes == 180)
        #expect(RuleProfile.gb50180(.init(climateZone: .IV, largeCity: false)).standardDays[1].requiredMinutes == 60)
        #expect(RuleProfile.gb50180(.init(climateZone: .V)).standardDays[0].requiredMinutes == nil)
        #expect(RuleProfile.gb50180(.init(elderlyHousing: true)).standardDays[1].requiredMinutes == 120)
    }

    @Test func polarNightGivesNothingAndPolarDayTheWholeDay() throws {
        let site = SiteSpec(latitude: 78.22, longitude: 15.65, timeZone: "Arctic/Longyearbyen")
        let box = windowBox(face: "south")
        let scene = try SceneDocument(site: site, buildings: [box]).scene()
        let a = SunlightAnalyzer(scene: scene, zone: FixedOffsetZone(hours: 1), profile: .none, year: 2026)
        let table = try a.table(for: FlatAddress(building: "H", floor: 1, unit: "u"))
        #expect(table.row("冬至").totalSeconds == 0)
        #expect(table.row("冬至").dayKind == .polarNight)
        // Midsummer: the sun circles the sky; a south facade sees it for about half the day.
        let summer = table.row("夏至")
        #expect(summer.dayKind == .polarDay)
        #expect(summer.totalSeconds > 10 * 3600 && summer.totalSeconds < 14 * 3600)
    }

    @Test func wholeSceneRunIsDeterministicAndMatchesSingleFlats() async throws {
        let a = try analyzer([windowBox("A", face: "south"), windowBox("B", face: "east", x: 0, y: -40)])
        let first = await a.allTables(workers: 2)
        let second = await a.allTables(workers: 3)
        #expect(first.map(\.flat) == a.allFlats)
        #expect(first.map { $0.rows.map(\.totalSeconds) } == second.map { $0.rows.map(\.totalSeconds) })
        let single = try a.table(for: a.allFlats[0])
        #expect(first[0].rows.map(\.totalSeconds) == single.rows.map(\.totalSeconds))
    }
}
