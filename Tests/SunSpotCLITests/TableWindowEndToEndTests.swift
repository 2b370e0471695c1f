import Foundation
import Testing

// `sunspot table --window-index`, as docs/flat-buyer.md tells a buyer to use it: 3/5/east has
// two windows (south, index 0; east, index 1). By default the table shows the one with the
// most 大寒 minutes; --window-index picks the other, and a wrong index names the range.

private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json")

private func tableJSON(_ extra: [String]) throws -> [String: Any] {
    let run = try runSunspot(["table", sample.path, "3/5/east", "--year", "2026", "--format", "json"] + extra)
    #expect(run.status == 0, "\(run.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
}

@Suite("table --window-index")
struct TableWindowEndToEndTests {
    @Test("--window-index 1 gives the east window's table (facing 90°), 0 the south one's (180°)")
    func picksTheWindow() throws {
        for (index, facing) in [(0, 180.0), (1, 90.0)] {
            let flat = try #require(try tableJSON(["--window-index", String(index)])["flat"] as? [String: Any])
            #expect(flat["window"] as? Int == index)
            #expect(
                abs((flat["facing"] as? Double ?? .nan) - facing) < 0.01,
                "window \(index) faces \(flat["facing"] ?? "?")")
        }
    }

    @Test("an index past the unit's windows is refused with the range, exit 64")
    func refusesAWrongIndex() throws {
        let run = try runSunspot(["table", sample.path, "3/5/east", "--window-index", "2"])
        #expect(run.status == 64)
        #expect(
            run.stderr.contains("--window-index 2 is out of range 0..<2 for unit 'east' of building '3'"),
            "\(run.stderr)")
    }
}
