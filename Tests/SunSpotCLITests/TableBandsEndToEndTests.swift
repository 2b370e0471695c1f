import Foundation
import Testing

// The table states each day's effective band, as GB 50180-2018 Table 4.0.9 does: 大寒日
// 8:00–16:00 and 冬至日 9:00–15:00, true solar time. A reader who sees 冬至 and 大雪 with
// nearly the same sunlit intervals but different counted minutes learns why from the header.

private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json")

@Suite("the table states each day's band")
struct TableBandsEndToEndTests {
    @Test("the people's table names GB 50180's bands: 大寒 08:00–16:00, 冬至 09:00–15:00 true solar time")
    func tableHeaderStatesTheBands() throws {
        let zh = try runSunspot(["table", sample.path, "3/5/east", "--year", "2026"])
        #expect(zh.status == 0, "\(zh.stderr)")
        #expect(zh.stdout.contains("有效时段（真太阳时）：大寒 08:00–16:00，冬至 09:00–15:00"), "\(zh.stdout.prefix(600))")
        let en = try runSunspot(["table", sample.path, "3/5/east", "--year", "2026", "--lang", "en"])
        #expect(en.status == 0, "\(en.stderr)")
        #expect(
            en.stdout.contains(
                "Effective bands (true solar time): Major Cold 08:00–16:00, Winter Solstice 09:00–15:00"),
            "\(en.stdout.prefix(600))")
    }

    @Test("the JSON rows carry each band on true solar time (GB 50180's figures)")
    func jsonRowsCarryTheTrueSolarBand() throws {
        let run = try runSunspot(["table", sample.path, "3/5/east", "--year", "2026", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let byTerm = Dictionary(uniqueKeysWithValues: rows.map { ($0["term"] as? String ?? "", $0) })
        #expect(byTerm["大寒"]?["bandStartTrueSolar"] as? String == "08:00:00")
        #expect(byTerm["大寒"]?["bandEndTrueSolar"] as? String == "16:00:00")
        #expect(byTerm["冬至"]?["bandStartTrueSolar"] as? String == "09:00:00")
        #expect(byTerm["冬至"]?["bandEndTrueSolar"] as? String == "15:00:00")
    }

    @Test("the whole-day profile has no band and says none")
    func noBandNoLine() throws {
        let run = try runSunspot([
            "table", sample.path, "3/5/east", "--year", "2026", "--standard", "none", "--lang", "en",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("Effective bands"), "\(run.stdout.prefix(600))")
    }
}
