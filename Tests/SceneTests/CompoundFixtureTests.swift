import Foundation
import SolarCore
import SunSpotIO
import Testing

@testable import Scene

/// The sample compound (data/sample-compound.json) against an independent Python
/// implementation (skyfield sun, shapely rays at 10 s steps): Fixtures/compound_2026.csv.
@Suite("Sample compound against an independent implementation")
struct CompoundFixtureTests {
    @Test func everyWindowAndTermAgreesWithinOneMinute() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let scene = try SceneLoader.load(contentsOf: root.appendingPathComponent("../../data/sample-compound.json"))
        // The fixture's settings: refraction on, 08–16 true solar time on every term, no segment rules.
        var profile = RuleProfile.gb50180()
        profile.standardDays = []
        profile.informativeBand = .init(hours: 8, 16)
        let analyzer = SunlightAnalyzer(scene: scene, zone: FixedOffsetZone(hours: 8), profile: profile, year: 2026)
        let text = try String(contentsOf: root.appendingPathComponent("Fixtures/compound_2026.csv"), encoding: .utf8)
        var expected: [String: (total: Double, band: Double, date: String)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            expected["\(f[0])/\(f[1])/\(f[2])/\(f[3])/\(f[4])"] = (Double(f[6])!, Double(f[7])!, f[5])
        }
        var worstTotal = 0.0
        var worstBand = 0.0
        var compared = 0
        for building in scene.buildings {
            guard let floors = building.floors else { continue }
            for floor in 1...floors {
                for unit in building.units {
                    for (w, window) in unit.windows.enumerated() {
                        let points = analyzer.calculationPoints(building: building, window: window, floor: floor)
                        for row in analyzer.termRows(points: points, outward: window.outward) {
                            let key = "\(building.id)/\(floor)/\(unit.id)/\(w)/\(row.term.longitudeDegrees)"
                            let e = try #require(expected[key], "fixture has no row \(key)")
                            #expect(row.date.iso8601 == e.date, "\(key)")
                            worstTotal = max(worstTotal, abs(row.totalSeconds / 60 - e.total))
                            worstBand = max(worstBand, abs(row.bandSeconds / 60 - e.band))
                            #expect(abs(row.totalSeconds / 60 - e.total) <= 1, "\(key) total")
                            #expect(abs(row.bandSeconds / 60 - e.band) <= 1, "\(key) band")
                            compared += 1
                        }
                    }
                }
            }
        }
        print(
            "compound vs independent implementation: \(compared) window-terms, max |Δ total| \(worstTotal) min, max |Δ band| \(worstBand) min"
        )
        #expect(compared == expected.count)
    }
}
