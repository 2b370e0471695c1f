import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import Testing

// The flat table's hand-written JSON against Foundation's encoder (``JSONOutput``), the
// independent reference: byte for byte, for every flat of every sample scene in data/, all 24
// terms, under profiles that differ in clock and in which fields are null.

private func dataURL(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/\(name)")
}

@Suite("Flat table JSON")
struct FlatTableJSONTests {
    @Test(arguments: ["sample-compound", "sample-compound-before", "beijing-compound", "shanghai-compound"])
    func everyFlatMatchesFoundationByteForByte(scene name: String) throws {
        let scene = try SceneLoader.load(contentsOf: dataURL("\(name).json"))
        let zone = try #require(SystemTimeZone(identifier: scene.timeZoneIdentifier))
        let profiles = [try ProfileChoice.resolve("gb50180"), try ProfileChoice.resolve("none")]
        var compared = 0
        for profile in profiles {
            let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: 2026)
            for flat in analyzer.allFlats {
                let table = try analyzer.table(for: flat)
                let report = FlatTableReport(table: table, analyzer: analyzer)
                #expect(report.rows.count == 24)
                // The interpolated true solar clock prints what the full series prints.
                let seriesClock = table.rows.flatMap(\.intervals).flatMap { iv in
                    [iv.start, iv.end].map {
                        clockString(
                            TrueSolarTime.seconds(
                                at: Instant(secondsSince1970: $0), longitude: scene.site.longitude))
                    }
                }
                let printedClock = report.rows.flatMap(\.intervals).flatMap { [$0.startTrueSolar, $0.endTrueSolar] }
                #expect(printedClock == seriesClock, "\(name) \(profile.id) \(flat)")
                let reference = Array(try JSONOutput.encode(report).utf8)
                let written = try report.prettyJSON()
                #expect(written == reference, "\(name) \(profile.id) \(flat)")
                if written != reference { return }
                compared += 1
            }
        }
        #expect(compared == 2 * scene.allFlats.count)
    }

    @Test func numbersStringsAndEmptyContainersMatchFoundation() throws {
        struct Sample: Encodable {
            var numbers: [Double]
            var empty: [Int]
            var texts: [String]
        }
        var numbers: [Double] = [
            0, -0.0, 0.1, 0.3, 1, -1, 100, 1e-7, 1e-5, 1e-4, 12.34, -3.5, 2.675, 1e15, 1e16, 1e17, 1e21, 1e22,
            123_456_789_012_345_680_000, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 86_400, 1.5e300,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            numbers.append(Double(bitPattern: generator.next()).isFinite ? Double(bitPattern: generator.next()) : 1)
            numbers.append((Double.random(in: -100_000...100_000, using: &generator)).rounded(places: 2))
        }
        numbers = numbers.filter(\.isFinite)
        var control = ""
        for c in 0..<0x20 { control.unicodeScalars.append(Unicode.Scalar(UInt8(c))) }
        let texts = ["", "a/b", "\"quoted\" \\ back", control, "大寒 é \u{7f} \u{2028} 🌞", "UTC+08:00"]
        let sample = Sample(numbers: numbers, empty: [], texts: texts)
        var w = PrettyJSONWriter()
        w.openObject()
        w.key("empty")
        w.openArray()
        w.closeArray()
        w.key("numbers")
        w.openArray()
        for x in numbers { try w.double(x) }
        w.closeArray()
        w.key("texts")
        w.openArray()
        for t in texts { w.string(t) }
        w.closeArray()
        w.closeObject()
        let written = w.document()
        #expect(written == Array(try JSONOutput.encode(sample).utf8))
        var refused = PrettyJSONWriter()
        #expect(throws: PrettyJSONWriter.NonFiniteNumber.self) { try refused.double(.nan) }
    }
}
