import Foundation
import Testing

// End-to-end tests of `sunspot facade` on the sample compound: a facade point placed on a
// window's sill gets the minutes `sunspot table` gives that flat (an independent path).

@Suite("sunspot facade, end to end")
struct FacadeEndToEndTests {
    static let sample = CompareEndToEndTests.sample.path

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("a facade point on a window's sill gets the flat's 大寒 and 冬至 minutes from sunspot table")
    func pointOnASillMatchesTheTable() throws {
        // Building 1: floors of 2.9 m, sill 0.9 m; the east unit's window is at offset 12 on the south face.
        let table = try Self.object(try runSunspot(["table", Self.sample, "1/2/east", "--format", "json"]).stdout)
        let rows = try #require(table["rows"] as? [[String: Any]])
        for term in ["大寒", "冬至"] {
            let r = try runSunspot([
                "facade", Self.sample, "--building", "1", "--face", "south", "--offset", "-3",
                "--offset", "12", "--height", "3.8", "--term", term, "--format", "json",
            ])
            #expect(r.status == 0, "\(r.stderr)")
            let json = try Self.object(r.stdout)
            let samples = try #require(json["samples"] as? [[String: Any]])
            #expect(samples.count == 2)
            let cell = try #require(samples.first { $0["offset"] as? Double == 12 })
            let row = try #require(rows.first { $0["term"] as? String == term })
            #expect(cell["bandMinutes"] as? Double == row["bandMinutes"] as? Double)
            #expect(cell["totalMinutes"] as? Double == row["totalMinutes"] as? Double)
        }
    }

    @Test("the default grid is every floor's sill × cells along the facade, highest floor printed first")
    func defaultGrid() throws {
        let r = try runSunspot([
            "facade", Self.sample, "--building", "3", "--face", "south", "--spacing", "5", "--format", "json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try Self.object(r.stdout)
        #expect((json["offsets"] as? [Double])?.count == 10)
        #expect((json["heights"] as? [Double]) == [0.9, 3.8, 6.7, 9.6, 12.5, 15.4])
        #expect((json["samples"] as? [[String: Any]])?.count == 60)
        #expect(json["term"] as? String == "大寒")
        let table = try runSunspot(["facade", Self.sample, "--building", "3", "--face", "south", "--spacing", "5"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 3 + 6)
        #expect(lines[3].trimmingCharacters(in: .whitespaces).hasPrefix("15.4"))
        #expect(lines[8].trimmingCharacters(in: .whitespaces).hasPrefix("0.9"))
    }

    @Test(
        "bad facade requests exit 64 with one line naming the option",
        arguments: [
            (["--building", "9", "--face", "south"], "--building"),
            (["--building", "5", "--face", "south"], "--face"),
            (["--building", "3", "--edge", "7"], "--edge"),
            (["--building", "3", "--face", "up"], "--face"),
            (["--building", "3", "--face", "south", "--height", "40"], "--height"),
            (["--building", "3", "--face", "south", "--offset", "30"], "--offset"),
            (["--building", "3", "--face", "south", "--term", "midsummer"], "--term"),
            (["--building", "3", "--face", "south", "--spacing", "0"], "--spacing"),
        ])
    func badInput(args: [String], option: String) throws {
        let r = try runSunspot(["facade", Self.sample] + args)
        #expect(r.status == 64)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(option) && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }
}
