import Foundation
import Testing

// `sunspot heatmap --extent`: two schemes on one ground and grid (docs/planner.md lays the
// before and after maps side by side), and a malformed extent named.

private let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data")

@Suite("heatmap --extent")
struct HeatmapExtentEndToEndTests {
    @Test("before and after with one --extent and --spacing say the same grid")
    func oneGridForBoth() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-extent-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["sample-compound-before", "sample-compound"] {
            let out = dir.appendingPathComponent("\(name).png").path
            let run = try runSunspot([
                "heatmap", data.appendingPathComponent("\(name).json").path, "--date", "2026-12-22",
                "--extent=-90,-70:90,110", "--spacing", "3", "--size", "400x400", "-o", out,
            ])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: out))
        }
    }

    @Test("a malformed or flat extent is refused, naming --extent", arguments: ["1,2", "a,b:c,d", "0,0:0,10"])
    func badExtent(extent: String) throws {
        let run = try runSunspot([
            "heatmap", data.appendingPathComponent("sample-compound.json").path, "--date", "2026-12-22",
            "--extent=\(extent)", "-o", "/tmp/never.png",
        ])
        #expect(run.status == 64)
        #expect(run.stderr.contains("--extent"), "\(run.stderr)")
    }
}
