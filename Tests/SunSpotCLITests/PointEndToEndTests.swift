import Foundation
import Testing

// `sunspot point`: the instant answer and the day answer must tell the same story, and a
// point right behind the 98 m tower T1 is in its shadow at noon in winter while one 100 m
// south of it is in the sun (hand geometry: the noon sun is ~35° up on 冬至 in Shanghai,
// so T1's shadow reaches ~140 m north of it and none falls south).
private let scenePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json").path

private func json(_ args: [String]) throws -> [String: Any] {
    let run = try runSunspot(["point", scenePath] + args + ["--format", "json"])
    #expect(run.status == 0, "\(run.stderr)")
    return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
}

@Suite("sunspot point, end to end")
struct PointEndToEndTests {
    @Test func behindAndInFrontOfTheTowerAtWinterNoon() throws {
        let behind = try json(["--x", "0", "--y", "-10", "--z", "1.5", "--at", "2026-12-22T12:00"])
        #expect(behind["exposure"] as? String == "shaded")
        #expect(behind["blockedBy"] as? String == "T1")
        // The ray toward the sun runs south and up and meets T1's north face (y = -20) 10 m south.
        let distance = behind["distance"] as! Double
        let elevation = (behind["sunElevation"] as! Double) * Double.pi / 180
        let azimuth = (behind["sunAzimuth"] as! Double) * Double.pi / 180
        #expect(abs(distance - 10 / (cos(elevation) * -cos(azimuth))) < 0.05)
        let open = try json(["--x", "0", "--y", "-100", "--z", "1.5", "--at", "2026-12-22T12:00"])
        #expect(open["exposure"] as? String == "sunlit")
    }

    @Test func theDayAndTheInstantsAgree() throws {
        let day = try json(["--x", "60", "--y", "-5", "--z", "1.5", "--date", "2026-12-22"])
        let intervals = day["intervals"] as! [[String: Any]]
        #expect(!intervals.isEmpty)
        let formatter = ISO8601DateFormatter()
        for iv in intervals {
            let start = formatter.date(from: iv["start"] as! String)!
            let end = formatter.date(from: iv["end"] as! String)!
            let middle = start.addingTimeInterval(end.timeIntervalSince(start) / 2)
            let at = { (d: Date) in
                let f = ISO8601DateFormatter()
                f.timeZone = TimeZone(identifier: "Asia/Shanghai")
                return f.string(from: d)
            }
            #expect(
                try json(["--x", "60", "--y", "-5", "--z", "1.5", "--at", at(middle)])["exposure"] as? String
                    == "sunlit")
            if let after = iv["blockedAfterBy"] as? String {
                let later = try json(["--x", "60", "--y", "-5", "--z", "1.5", "--at", at(end.addingTimeInterval(30))])
                #expect(later["blockedBy"] as? String == after)
            }
        }
        let total = intervals.reduce(0.0) { $0 + ($1["minutes"] as! Double) }
        #expect(abs(total - (day["totalMinutes"] as! Double)) < 0.05)
    }

    /// Issue 13 item 4. Building 2 is a 50 × 12 m box centred on (32, 0), 17.4 m high: a point
    /// in it is inside building 2 at every instant and all day, in JSON and in the table; one
    /// on its south wall face (y = -6) is a point in the open, not inside.
    @Test func aPointInsideABuildingSaysWhichBuilding() throws {
        let instant = try json(["--x", "32", "--y", "0", "--z", "1.5", "--at", "2026-12-22T12:00"])
        #expect(instant["exposure"] as? String == "insideBuilding")
        #expect(instant["insideBuilding"] as? String == "2")
        #expect(instant["blockedBy"] == nil && instant["distance"] == nil)
        let day = try json(["--x", "32", "--y", "0", "--z", "1.5", "--date", "2026-12-22"])
        #expect(day["insideBuilding"] as? String == "2")
        #expect((day["intervals"] as? [Any])?.isEmpty == true && day["totalMinutes"] as? Double == 0)
        for args in [["--at", "2026-12-22T12:00"], ["--date", "2026-12-22"]] {
            let table = try runSunspot(["point", scenePath, "--x", "32", "--y", "0", "--lang", "en"] + args)
            #expect(table.status == 0 && table.stdout.contains("inside building 2"), "\(table.stdout)")
        }
        let wall = try json(["--x", "32", "--y", "-6", "--z", "1.5", "--at", "2026-12-22T12:00"])
        #expect(wall["insideBuilding"] == nil && wall["exposure"] as? String != "insideBuilding")
    }

    @Test func badInputNamesTheOption() throws {
        let both = try runSunspot([
            "point", scenePath, "--x", "0", "--y", "0", "--at", "2026-12-22T12:00", "--date", "2026-12-22",
        ])
        #expect(both.status == 64 && both.stderr.contains("exactly one of --at"))
        let low = try runSunspot(["point", scenePath, "--x", "0", "--y", "0", "--z", "-1", "--date", "2026-12-22"])
        #expect(low.status == 64 && low.stderr.contains("--z must be within"))
        let facing = try runSunspot([
            "point", scenePath, "--x", "0", "--y", "0", "--facing", "400", "--date", "2026-12-22",
        ])
        #expect(facing.status == 64 && facing.stderr.contains("--facing"))
    }
}
