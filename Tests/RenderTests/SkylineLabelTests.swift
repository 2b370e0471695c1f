import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO
import Testing

// The sun-path diagram names every building that blocks the window's path, the longest
// blocker largest, and no label covers another label, a ring label or an hour mark.
// Which buildings block, and for how long, is checked against the flat's table (the
// sunlit intervals and the building that ends each one).

@Suite("sun-path skyline labels")
struct SkylineLabelTests {
    static let solstice = CivilDate(year: 2026, month: 12, day: 22)

    @Test(
        "3/5/east on 冬至: T1 and every other blocker are named, T1 largest, in the picture and in the subtitle",
        arguments: [Language.zh, .en])
    func everyBlockerIsNamed(language: Language) throws {
        let scene = try sampleScene()
        let flat = try #require(FlatAddress("3/5/east"))
        let analyzer = SunlightAnalyzer(scene: scene, zone: shanghai, profile: .gb50180(), year: 2026)
        let table = try analyzer.table(for: flat)
        let diagram = try SunPathDiagram.make(
            scene: scene, zone: shanghai, profile: .gb50180(), days: .date(Self.solstice),
            flat: flat, windowIndex: table.windowIndex, language: language)
        // The table's 冬至 row: each sunlit interval that ends early names the building that ends it.
        let row = try #require(table.rows.first { $0.date == Self.solstice })
        let fromTable = Set(row.intervals.compactMap(\.blockedAfterBy).map { scene.buildings[$0].id })
        let blockers = diagram.pathBlockers.map { scene.buildings[$0.building].id }
        #expect(fromTable.isSubset(of: Set(blockers)), "table \(fromTable), diagram \(blockers)")
        #expect(blockers.first == "T1", "\(diagram.pathBlockers)")

        let labels = try diagram.picture(PictureOptions(width: 1080, height: 1080, language: language)).labels()
        for id in blockers {
            #expect(labels.contains { $0.text == id }, "\(id) is not labelled: \(labels.map(\.text))")
        }
        let named = labels.filter { blockers.contains($0.text) }
        let t1 = try #require(named.first { $0.text == "T1" })
        #expect(named.allSatisfy { $0.text == "T1" || $0.height < t1.height })
        #expect(diagram.subtitle.last?.contains("T1") == true)
    }

    @Test(
        "no label overlaps another label, a ring label or an hour mark",
        arguments: [
            ("3/5/east", 1080, 1080), ("3/5/east", 720, 800), ("1/1/east", 1080, 1080), ("5/3/inner", 900, 900),
            ("4/11/west", 1080, 1080),
        ])
    func labelsDoNotOverlap(flat: String, width: Int, height: Int) throws {
        let scene = try sampleScene()
        for language in [Language.zh, .en] {
            let diagram = try SunPathDiagram.make(
                scene: scene, zone: shanghai, profile: .gb50180(),
                days: .date(Self.solstice), flat: FlatAddress(flat), windowIndex: 0,
                language: language)
            let options = PictureOptions(width: width, height: height, language: language)
            let sky = diagram.layout(options)
            // The chart's labels: everything below the title block (whose lines are spaced by their own rule).
            let labels = try diagram.picture(options).labels()
                .filter { $0.origin.y + $0.height > sky.centre.y - sky.radius - 2.5 * Double(min(width, height)) / 36 }
            // Hour-mark dots, projected independently of the code under test.
            let text = Double(min(width, height)) / 36  // the pictures' label size
            let dots = diagram.tracks.flatMap(\.hourMarks).map { mark in
                let p = stereographic(
                    azimuthDegrees: mark.sky.azimuthDegrees, elevationDegrees: mark.sky.elevationDegrees,
                    centre: sky.centre, radius: sky.radius)
                let r = text * 0.22
                return TextBox(
                    text: "dot \(mark.trueSolarHour)", origin: Point(p.x - r, p.y - r), width: 2 * r, height: 2 * r)
            }
            for (i, a) in labels.enumerated() {
                for b in labels[(i + 1)...] {
                    #expect(!a.overlaps(b), "\(flat) \(language): '\(a.text)' \(a) overlaps '\(b.text)' \(b)")
                }
                // An hour's own number sits just under its dot; every other label keeps clear of the dots.
                for dot in dots where a.overlaps(dot) && "dot " + a.text != dot.text {
                    Issue.record("\(flat) \(language): '\(a.text)' \(a) covers the hour mark \(dot.text)")
                }
            }
        }
    }
}

extension SkylineLabelTests {
    @Test(
        "the all-terms chart: term names, hour-line numbers, ring and skyline labels do not overlap",
        arguments: [Language.zh, .en])
    func allTermsLabelsDoNotOverlap(language: Language) throws {
        let diagram = try SunPathDiagram.make(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            days: .allTerms(year: 2026), flat: FlatAddress("3/5/east"), windowIndex: 0,
            language: language)
        let options = PictureOptions(width: 800, height: 800, language: language)
        let sky = diagram.layout(options)
        let top: Double = sky.centre.y - sky.radius - 2.5 * 800 / 36
        let all: [TextBox] = try diagram.picture(options).labels()
        let labels = all.filter { (box: TextBox) -> Bool in box.origin.y + box.height > top }
        let solstice = language == .en ? "Winter Solstice" : "冬至"
        #expect(labels.contains { (box: TextBox) -> Bool in box.text == solstice }, "\(labels.map { $0.text })")
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] {
                #expect(!a.overlaps(b), "'\(a.text)' \(a) overlaps '\(b.text)' \(b)")
            }
        }
    }
}

@Suite("hourly shadow map labels")
struct HourlyShadowLabelTests {
    @Test("the hour labels of the 時刻日影図 overlap no other label (11 and 12 used to sit on each other)")
    func hourLabelsDoNotOverlap() throws {
        let map = try ShadowMap.hourly(
            scene: try sampleScene(), zone: shanghai, profile: .gb50180(),
            date: CivilDate(year: 2026, month: 12, day: 22), language: .en)
        let options = PictureOptions(width: 860, height: 860, language: .en)
        let text = Double(min(options.width, options.height)) / 36
        let labels = try map.picture(options).labels().filter { $0.origin.y > text * 5 }  // below the title block
        let outlineLabels = Set(map.outlines.map(\.label))
        let hours = labels.filter { outlineLabels.contains($0.text) }
        #expect(hours.count >= map.outlines.count - 1, "\(labels.map(\.text))")
        for (i, a) in labels.enumerated() {
            for b in labels[(i + 1)...] {
                #expect(!a.overlaps(b), "'\(a.text)' \(a) overlaps '\(b.text)' \(b)")
            }
        }
    }
}
