import Foundation
import Testing

// `sunspot nichiei` against an independent reference: a 20 m slab on a Tokyo site, every
// grid point beyond the 5 m line, its 冬至 shadow hours (8–16 true solar time, 1.5 m plane)
// counted by Fixtures/make_nichiei_fixture.py with pvlib's SPA sun and a numpy ray-box test.
private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

@Suite("sunspot nichiei, end to end")
struct NichieiEndToEndTests {
    struct Reference: Decodable {
        struct Point: Decodable { var x, y, shadowHours: Double }
        var boundary: String
        var spacing: Double
        var margin: Double
        var toleranceHours: Double
        var points: [Point]
    }

    struct Output: Decodable {
        struct Point: Decodable {
            var x, y, distance, shadowHours: Double
            var zone: String
            var violates: Bool
        }
        var complies: Bool
        var nearLimitHours, farLimitHours, maxShadowHoursNearZone, maxShadowHoursFarZone: Double
        var nearViolations, farViolations: Int
        var points: [Point]
    }

    static func sceneFile(_ reference: URL) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as! [String: Any]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nichiei-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object["scene"]!).write(to: path)
        return path.path
    }

    @Test func shadowHoursBeyondTheLinesAreTheReferences() throws {
        let url = fixtures.appendingPathComponent("nichiei-slab.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let scene = try Self.sceneFile(url)
        defer { try? FileManager.default.removeItem(atPath: scene) }
        let run = try runSunspot([
            "nichiei", scene, "--boundary=\(reference.boundary)", "--district", "low-rise",
            "--column", "1", "--spacing", String(reference.spacing),
            "--margin", String(reference.margin), "--format", "json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let out = try JSONDecoder().decode(Output.self, from: Data(run.stdout.utf8))
        #expect(out.nearLimitHours == 3 && out.farLimitHours == 2)

        // The same points, each with the reference's shadow hours.
        let key = { (x: Double, y: Double) in "\(Int((x * 10).rounded())),\(Int((y * 10).rounded()))" }
        let expected = Dictionary(uniqueKeysWithValues: reference.points.map { (key($0.x, $0.y), $0.shadowHours) })
        #expect(out.points.count == reference.points.count)
        var worst = 0.0
        for p in out.points {
            let want = try #require(expected[key(p.x, p.y)], "no reference for (\(p.x), \(p.y))")
            worst = max(worst, abs(p.shadowHours - want))
            // A verdict is checked where the reference is clear of the limit by more than its tolerance.
            let limit = p.zone == "far" ? out.farLimitHours : out.nearLimitHours
            if abs(want - limit) > reference.toleranceHours {
                #expect(p.violates == (want >= limit), "(\(p.x), \(p.y)): \(p.shadowHours) h vs \(want) h")
            }
        }
        #expect(worst <= reference.toleranceHours, "largest difference \(worst * 3600) s")

        // Both zones fail: the slab shades ground north of it for longer than either limit.
        let nearMax = reference.points.filter { p in
            out.points.contains { $0.zone == "near" && key($0.x, $0.y) == key(p.x, p.y) }
        }
        .map(\.shadowHours).max()!
        #expect(abs(out.maxShadowHoursNearZone - nearMax) <= reference.toleranceHours)
        #expect(out.nearViolations > 0 && out.farViolations > 0 && !out.complies)
        #expect(out.nearViolations + out.farViolations == out.points.filter(\.violates).count)
    }

    @Test func badInputNamesTheOption() throws {
        let scene = try Self.sceneFile(fixtures.appendingPathComponent("nichiei-slab.json"))
        defer { try? FileManager.default.removeItem(atPath: scene) }
        let square = "--boundary=-2,-2:42,-2:42,12:-2,12"
        let cases: [([String], String)] = [
            ([square, "--district", "downtown"], "--district"),
            ([square, "--column", "3", "--district", "mixed"], "--column"),
            ([square, "--plane-height", "4"], "--plane-height"),
            (["--boundary=-2,-2:42,x"], "--boundary"),
            (["--boundary=-2,-2:-2,12:42,12:42,-2"], "--boundary"),  // clockwise
            ([square, "--subject", "T9"], "--subject"),
            ([square, "--year", "1800"], "--year"),
        ]
        for (args, option) in cases {
            let run = try runSunspot(["nichiei", scene] + args)
            #expect(run.status == 64, "\(args): \(run.stderr)")
            #expect(run.stderr.hasPrefix("sunspot: error: \(option)"), "\(args): \(run.stderr)")
        }
    }

    /// T1 (98 m) shades ground beyond its 10 m line for the whole band: 8 hours of true solar
    /// time (8–16), not the band's civil length (8.0028 h on this day, the equation of time
    /// moving ~10 s over the day). And the rule is named in the regulation's words.
    @Test func hoursAreTrueSolarAndTheRuleIsNamedInItsWords() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json").path
        let args = [
            "nichiei", sample, "--subject", "T1", "--boundary=-30,-47:14,-47:14,-18:-30,-18", "--district",
            "mid-high-rise", "--column", "1",
        ]
        let json = try runSunspot(args + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let out = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let points = try #require(out["points"] as? [[String: Any]])
        let longest = points.compactMap { $0["shadowHours"] as? Double }.max() ?? 0
        #expect(longest == 8, "longest shadow \(longest) h in an 8-hour band")
        #expect(out["maxShadowHoursFarZone"] as? Double == 8)
        let en = try runSunspot(args + ["--lang", "en"])
        #expect(
            en.stdout.hasPrefix(
                "Japan's shadow regulation, Table 4 (ro) Category 1/2 mid/high-rise exclusive residential zones, column (1), plane 4.0 m: 3 h at 5–10 m, 2 h beyond 10 m (winter solstice, 8–16 h true solar time)"
            ), "\(en.stdout.prefix(300))")
        let zh = try runSunspot(args)
        #expect(
            zh.stdout.hasPrefix("日影規制 別表第4（ろ）第一種・第二種中高層住居専用地域（一）測定面 4.0 m：5–10 m 3 時間、10 m 超 2 時間（冬至日 真太陽時 8–16 時）"),
            "\(zh.stdout.prefix(300))")
        #expect(!(en.stdout + zh.stdout).contains("midHighRiseResidential"))
    }

    @Test func pictureIsWrittenAndABadNameIsRefused() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json").path
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-nichiei-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["nichiei", sample, "--subject", "5", "--boundary=-62,53:-18,53:-18,87:-62,87", "--spacing", "2"]
        let png = dir.appendingPathComponent("check.png").path
        let run = try runSunspot(args + ["--picture", png])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let bad = try runSunspot(args + ["--picture", dir.appendingPathComponent("check.bmp").path])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--picture"), "\(bad.stderr)")
    }
}
