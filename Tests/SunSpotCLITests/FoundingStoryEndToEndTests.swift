import Foundation
import Testing

// The README's founding story, as the sample file must tell it: the new tower T1 stands
// across the street to the south of 3号楼's fifth-floor east flat and takes the middle of its
// day on 冬至 (the stretch of T1's shadow spans true solar noon by at least half an hour
// each side). Read from the scene file and from `sunspot table`'s true-solar times.

private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json")

/// `HH:MM:SS` → seconds of the day.
private func seconds(_ clock: String) -> Double {
    let p = clock.split(separator: ":").compactMap { Double($0) }
    return p.count == 3 ? p[0] * 3600 + p[1] * 60 + p[2] : .nan
}

@Suite("the founding story of the sample compound")
struct FoundingStoryEndToEndTests {
    @Test("T1 stands to the south of 3/5/east's south window (within 15° of due south)")
    func towerIsSouthOfTheFlat() throws {
        let scene = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as? [String: Any])
        let buildings = try #require(scene["buildings"] as? [[String: Any]])
        let three = try #require(buildings.first { $0["id"] as? String == "3" }?["box"] as? [String: Double])
        // The east unit's south window: 12 m east of the south face's midpoint (README, scene document).
        let window = (x: three["x"]! + 12, y: three["y"]! - three["depth"]! / 2)
        let footprint = try #require(buildings.first { $0["id"] as? String == "T1" }?["footprint"] as? [[Double]])
        let centre = (
            x: footprint.map { $0[0] }.reduce(0, +) / Double(footprint.count),
            y: footprint.map { $0[1] }.reduce(0, +) / Double(footprint.count)
        )
        var azimuth = atan2(centre.x - window.x, centre.y - window.y) * 180 / .pi
        if azimuth < 0 { azimuth += 360 }
        #expect(abs(azimuth - 180) <= 15, "T1's centre is at azimuth \(azimuth)° from the window")
    }

    @Test("on 冬至 T1's shadow covers 3/5/east from before 11:30 to after 12:30 true solar time")
    func towerTakesTheMiddleOfTheDay() throws {
        let run = try runSunspot(["table", sample.path, "3/5/east", "--year", "2026", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let solstice = try #require(rows.first { $0["date"] as? String == "2026-12-22" })
        let intervals = try #require(solstice["intervals"] as? [[String: Any]])
        let before = try #require(intervals.first { $0["blockedAfterBy"] as? String == "T1" }, "no interval ends at T1")
        let after = try #require(
            intervals.first { $0["blockedBeforeBy"] as? String == "T1" }, "no interval starts after T1")
        let shadowStart = seconds(try #require(before["endTrueSolar"] as? String))
        let shadowEnd = seconds(try #require(after["startTrueSolar"] as? String))
        #expect(shadowStart <= 11.5 * 3600, "T1's shadow starts at \(shadowStart / 3600) h true solar time")
        #expect(shadowEnd >= 12.5 * 3600, "T1's shadow ends at \(shadowEnd / 3600) h true solar time")
    }
}
