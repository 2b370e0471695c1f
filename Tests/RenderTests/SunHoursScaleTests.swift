import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO
import Testing

// The heat map's colours run over the hours the sun can give that day, its legend has a tick at
// every whole hour, and its contour labels overlap neither each other nor the building names.
// The possible hours are checked against Skyfield's sunrise and sunset for the site
// (Tests/SolarCoreTests/Fixtures/sun_events.csv, Shanghai on 1996-12-05).

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Skyfield's daylight at Shanghai on 1996-12-05 (sun centre at −0.8333°), in hours.
private func skyfieldDaylightHours() throws -> Double {
    let text = try String(
        contentsOf: root.appendingPathComponent("Tests/SolarCoreTests/Fixtures/sun_events.csv"),
        encoding: .utf8)
    let row = try #require(
        text.split(separator: "\n").first { $0.hasPrefix("1996,12,5,8,31.230400,121.473700,normal") })
    let f = row.split(separator: ",")
    return (Double(f[9])! - Double(f[7])!) * 24
}

@Suite("the sun-hours map scales to the day")
struct SunHoursScaleTests {
    static let date = CivilDate(year: 1996, month: 12, day: 5)

    @Test("without a band the colours run to the day's daylight, not 24 h; open ground is the top colour")
    func wholeDayScalesToDaylight() async throws {
        let scene = try sampleScene()
        let map = try await SunHoursMap.make(
            scene: scene, zone: shanghai, profile: .gb50180(), date: Self.date,
            band: nil, spacingMeters: 6, language: .en)
        let daylight = try skyfieldDaylightHours()
        // The engine's day is the refracted centre above 0°, Skyfield's the centre above −0.8333°
        // (refraction plus the semi-diameter): about 1.3 min shorter at each end here.
        #expect(abs(map.possibleHours - daylight) < 5.0 / 60, "possible \(map.possibleHours) h, Skyfield \(daylight) h")
        #expect(map.possibleHours < 11)
        // Open ground south-west of T1 (winter shadows fall northward) has the whole day's sun
        // and shows the scale's top colour.
        let options = PictureOptions(width: 900, height: 900, language: .en)
        let image = try map.picture(options).raster()
        let g = map.grid
        let south = Vec2(-60, -60)
        let c = Int(((south.x - g.origin.x) / g.spacing).rounded())
        let r = Int(((south.y - g.origin.y) / g.spacing).rounded())
        #expect(abs(g.seconds(column: c, row: r) / 3600 - map.possibleHours) < 0.01)
        let seen = image.color(at: map.frame(options).point(g.point(column: c, row: r)))
        #expect(map.color(hours: map.possibleHours).distance(to: Color(hex: 0xFDE725)) < 0.01)
        #expect(
            seen.distance(to: Color(hex: 0xFDE725)) < 0.05,
            "\(seen) at \(map.frame(options).point(g.point(column: c, row: r)))")
    }

    @Test("with a band the colours run to the band (9–15 gives 6 h)")
    func bandScalesToTheBand() async throws {
        let map = try await SunHoursMap.make(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            date: Self.date, band: RuleProfile.Band(hours: 9, 15), spacingMeters: 6,
            language: .en)
        #expect(abs(map.possibleHours - 6) < 0.01)
        #expect(map.contourHours == [1, 2, 3, 4, 5])
    }

    @Test("the legend has a tick label at every whole hour, evenly spaced", arguments: [Language.en, .zh])
    func legendTicksAtWholeHours(language: Language) async throws {
        let map = try await SunHoursMap.make(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            date: Self.date, band: nil, spacingMeters: 6, language: language)
        // The colour bar's labels, along the bottom (building ids are numbers too).
        let labels = try map.picture(PictureOptions(width: 1080, height: 1080, language: language)).labels()
            .filter { $0.origin.y > 1080 - 3 * 30 }
        let whole = Int(map.possibleHours.rounded(.down))
        let ticks = (0...whole).map { h in labels.first { $0.text == "\(h)" || $0.text == "\(h) h" } }
        #expect(ticks.allSatisfy { $0 != nil }, "\(labels.map(\.text))")
        let centres = ticks.compactMap { $0.map { $0.origin.x + $0.width / 2 } }
        let pitches = zip(centres, centres.dropFirst()).map { $1 - $0 }
        #expect(pitches.allSatisfy { abs($0 - pitches[0]) < 0.5 && $0 > 0 }, "\(pitches)")
    }

    @Test(
        "contour labels overlap no other label and no building name, on the solstice at several sizes",
        arguments: [(1080, 1080), (720, 800), (1600, 900)])
    func contourLabelsDoNotOverlap(width: Int, height: Int) async throws {
        let map = try await SunHoursMap.make(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            date: CivilDate(year: 2026, month: 12, day: 22), band: nil,
            spacingMeters: 2, language: .zh)
        // Everything below the title block (whose lines are spaced by their own rule).
        let text = Double(min(width, height)) / 36
        let labels = try map.picture(PictureOptions(width: width, height: height, language: .zh)).labels()
            .filter { $0.origin.y > text * (2.4 + 1.3 * Double(map.subtitle.count)) - 1 }
        let contour = labels.filter { $0.text.wholeMatch(of: /\d+h/) != nil }
        #expect(contour.count >= 3, "\(labels.map(\.text))")
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] {
                #expect(!a.overlaps(b), "'\(a.text)' \(a) overlaps '\(b.text)' \(b)")
            }
        }
    }
}
