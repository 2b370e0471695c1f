import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotResults
import Testing

// The buyer's sentence: its wording for given numbers (the issue's own examples), and, for
// real flats, its numbers taken from the flat table's decisive row as GB 50180 Table 4.0.9
// defines it (大寒 ≥ 2 h in zone II large cities; 冬至 ≥ 1 h in zone V).

private func sampleScene() throws -> Scene {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return try SceneLoader.load(contentsOf: root.appendingPathComponent("data/sample-compound.json"))
}

@Suite("Listing verdict sentence")
struct ListingVerdictTests {
    let majorCold = SolarTermName.forLongitude(RuleProfile.majorCold)
    let solstice = SolarTermName.forLongitude(RuleProfile.winterSolstice)

    @Test func twoHoursTwelveOnMajorColdMeetsTheNationalStandard() {
        let v = ListingVerdict(
            term: majorCold, minutes: 132.9, requiredMinutes: 120, meetsStandard: true,
            profileID: "gb50180")
        #expect(v.sentence(.zh) == "大寒日有效日照 2 小时 12 分，满足国家标准（≥ 2 小时）")
        #expect(
            v.sentence(.en)
                == "On 大寒 (\(majorCold.english)) the window gets 2 h 12 min of effective sun: meets the national standard (≥ 2 h)"
        )
    }

    @Test func minutesAreRoundedDownSoAShortfallIsNeverShownAsTwoHours() {
        let v = ListingVerdict(
            term: majorCold, minutes: 119.99, requiredMinutes: 120, meetsStandard: false,
            profileID: "gb50180")
        #expect(v.wholeMinutes == 119)
        #expect(v.sentence(.zh) == "大寒日有效日照 1 小时 59 分，不满足国家标准（≥ 2 小时）")
        #expect(v.sentence(.en).hasSuffix("1 h 59 min of effective sun: does not meet the national standard (≥ 2 h)"))
        // Exact minutes survive floating-point noise.
        #expect(
            ListingVerdict(
                term: majorCold, minutes: 7199.999999 / 60, requiredMinutes: 120, meetsStandard: true,
                profileID: "gb50180"
            ).wholeMinutes == 120)
    }

    @Test func theDecisiveRowOfARealFlatGivesTheNumbers() throws {
        let scene = try sampleScene()
        let zone = FixedOffsetZone(hours: 8)
        for (profile, term, need) in [
            (RuleProfile.gb50180(), majorCold, "2 小时"),
            (RuleProfile.gb50180(GB50180Options(climateZone: .V)), solstice, "1 小时"),
        ] {
            let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: 2026)
            for flat in ["3/5/east", "5/2/south", "1/1/west"].compactMap(FlatAddress.init) {
                let table = try analyzer.table(for: flat)
                let row = try #require(table.rows.first { $0.term.name == term })
                let v = ListingVerdict(table: table, profileID: profile.id)
                #expect(v.term == term)
                #expect(v.minutes == row.bandSeconds / 60)
                #expect(v.meetsStandard == row.meetsStandard)
                #expect(v.meetsStandard == (row.bandSeconds >= row.requiredMinutes! * 60))
                let m = Int((row.bandSeconds / 60).rounded(.down))
                let word = row.meetsStandard == true ? "满足" : "不满足"
                #expect(v.sentence(.zh) == "\(term.chinese)日有效日照 \(m / 60) 小时 \(m % 60) 分，\(word)国家标准（≥ \(need)）")
            }
        }
    }

    @Test func withoutARequirementTheSentenceGivesNoVerdict() throws {
        let scene = try sampleScene()
        let analyzer = SunlightAnalyzer(scene: scene, zone: FixedOffsetZone(hours: 8), profile: .none, year: 2026)
        let table = try analyzer.table(for: FlatAddress(building: "3", floor: 5, unit: "east"))
        let v = ListingVerdict(table: table, profileID: "none")
        #expect(v.meetsStandard == nil)
        #expect(v.term == solstice)
        let row = try #require(table.rows.first { $0.term.name == solstice })
        #expect(v.minutes == row.totalSeconds / 60)
        #expect(v.sentence(.zh).hasSuffix("（未设日照标准）"))
        #expect(v.sentence(.en).hasSuffix("(no standard applied)"))
    }
}
