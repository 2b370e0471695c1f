import Foundation
import Testing

// End-to-end tests of `sunspot compare`: the sample compound without and with its new
// office tower T1, run through the built binary. The verdicts are checked against
// `sunspot table` run separately on each scene (an independent path through the CLI).

@Suite("sunspot compare, end to end")
struct CompareEndToEndTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json")

    /// Writes the sample without T1 (and optionally a changed site) to a temporary file.
    static func beforeScene(latitude: Double? = nil) throws -> URL {
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as! [String: Any]
        json["buildings"] = (json["buildings"] as! [[String: Any]]).filter { $0["id"] as? String != "T1" }
        if let latitude {
            var site = json["site"] as! [String: Any]
            site["latitude"] = latitude
            json["site"] = site
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sunspot-before-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return url
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// 大寒 verdict of one flat from `sunspot table --format json`.
    static func majorColdVerdict(_ scene: String, _ flat: String) throws -> Bool? {
        let r = try runSunspot(["table", scene, flat, "--year", "2026", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try object(r.stdout)["rows"] as! [[String: Any]]
        return rows.first { $0["term"] as? String == "大寒" }?["meetsStandard"] as? Bool
    }

    @Test("compare --format json: the tower pushes flats below the standard, as sunspot table says of each scene")
    func jsonHeadlineAgreesWithTables() throws {
        let before = try Self.beforeScene()
        defer { try? FileManager.default.removeItem(at: before) }
        let r = try runSunspot(["compare", before.path, Self.sample.path, "--year", "2026", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try Self.object(r.stdout)
        let headline = try #require(json["headline"] as? [String: Any])
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.count == 1 && changes[0]["id"] as? String == "T1" && changes[0]["kind"] as? String == "added")
        let flats = try #require(json["flats"] as? [[String: Any]])
        let pushed = flats.filter { $0["pushedBelowStandard"] as? Bool == true }.compactMap { $0["flat"] as? String }
        #expect(headline["pushedBelowStandard"] as? Int == pushed.count)
        #expect(!pushed.isEmpty)
        let byBuilding = try #require(headline["byBuilding"] as? [[String: Any]])
        #expect(byBuilding.map { $0["building"] as? String } == ["T1"])
        // Each flat said to be pushed below fails 大寒 after and met it before, per `sunspot table`;
        // and a flat that still passes does so in both.
        for flat in pushed {
            #expect(try Self.majorColdVerdict(before.path, flat) == true, "\(flat) before")
            #expect(try Self.majorColdVerdict(Self.sample.path, flat) == false, "\(flat) after")
        }
        let passing = try #require(
            flats.first { f in
                (f["verdicts"] as? [[String: Any]])?.contains {
                    $0["before"] as? Bool == true && $0["after"] as? Bool == true
                } == true
            })
        let name = passing["flat"] as! String
        #expect(try Self.majorColdVerdict(Self.sample.path, name) == true)
        // Minutes lost on a changed term equal the difference of the tables' totals.
        let term = try #require((passing["terms"] as? [[String: Any]])?.first { $0["term"] as? String == "大寒" })
        let lost = (term["lost"] as! [[String: Any]]).reduce(0.0) { $0 + ($1["minutes"] as! Double) }
        let drop = (term["beforeTotalMinutes"] as! Double) - (term["afterTotalMinutes"] as! Double)
        #expect(abs(lost - drop) < 0.05)
        #expect((term["lost"] as! [[String: Any]]).allSatisfy { $0["building"] as? String == "T1" })
    }

    @Test("compare prints the headline and a table for people, in Chinese and English")
    func tableOutput() throws {
        let before = try Self.beforeScene()
        defer { try? FileManager.default.removeItem(at: before) }
        let zh = try runSunspot(["compare", before.path, Self.sample.path])
        #expect(zh.status == 0)
        #expect(zh.stdout.hasPrefix("方案变化使 "))
        #expect(zh.stdout.contains("T1"))
        let en = try runSunspot(["compare", before.path, Self.sample.path, "--lang", "en", "--format", "csv"])
        #expect(en.status == 0)
        #expect(en.stdout.hasPrefix("flat,window,Major Cold before→after (min),verdict"))
        #expect(en.stdout.contains("NEWLY FAILS"))
    }

    @Test("compare refuses a missing file and two different sites with one line and exit 64")
    func badInput() throws {
        let other = try Self.beforeScene(latitude: 39.9)
        defer { try? FileManager.default.removeItem(at: other) }
        let missing = try runSunspot(["compare", "/nonexistent/before.json", Self.sample.path])
        #expect(missing.status == 64 && missing.stdout.isEmpty)
        #expect(missing.stderr.contains("/nonexistent/before.json") && missing.stderr.split(separator: "\n").count == 1)
        let sites = try runSunspot(["compare", other.path, Self.sample.path])
        #expect(sites.status == 64 && sites.stderr.contains("site differs"))
        let year = try runSunspot(["compare", other.path, Self.sample.path, "--year", "3000"])
        #expect(year.status == 64 && year.stderr.contains("--year"))
    }
}
