import Foundation
import Render
import Testing

// The picture commands run as a user runs them: files appear only on success, with the
// size asked for; bad input prints one line, exits 64 and writes nothing.

private let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/sample-compound.json").path

/// A fresh directory for one test's outputs.
private func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-pictures-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

@Suite("sunspot sunpath, end to end", .serialized)
struct PictureEndToEndTests {
    @Test("sunpath --window writes a PNG of the requested size and says where")
    func sunpathWritesPNG() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("sunpath.png").path
        let run = try runSunspot([
            "sunpath", sample, "--date", "2026-12-22", "--window", "3/5/east", "--size", "720x800",
            "--scale", "1.5", "-o", out,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix(out))
        let image = try RasterImage(png: Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(image.width == 1080 && image.height == 1200)
    }

    @Test("the format follows the extension: .pdf is a PDF, .svg an SVG; --format overrides")
    func formatsByExtension() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("terms.pdf").path
        #expect(try runSunspot(["sunpath", sample, "--all-terms", "--lang", "en", "-o", pdf]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Data("%PDF".utf8)))
        let svg = dir.appendingPathComponent("path.image").path
        #expect(try runSunspot(["sunpath", sample, "--date", "2026-06-21", "--format", "svg", "-o", svg]).status == 0)
        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: svg)), as: UTF8.self).contains("<svg"))
    }

    @Test(
        "bad input: one line naming what is wrong, exit 64, no file written",
        arguments: [
            (["--date", "2026-12-22", "--window", "3/5/north"], "unit"),
            (["--date", "2026-12-22", "--window", "3/99/east"], "floor"),
            (["--date", "2026-13-01"], "--date"),
            (["--date", "2026-12-22", "--size", "10x10"], "size"),
            (["--date", "2026-12-22", "--window", "3/5/east", "--window-index", "7"], "window-index"),
            (["--all-terms", "--date", "2026-12-22"], "not both"),
        ])
    func badInputWritesNothing(extra: [String], mention: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("x.png").path
        let run = try runSunspot(["sunpath", sample] + extra + ["-o", out])
        #expect(run.status == 64)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(mention), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test("an output name without a picture extension and no --format is refused")
    func unknownExtension() throws {
        let run = try runSunspot(["sunpath", sample, "--date", "2026-12-22", "-o", "/tmp/sunpath.txt"])
        #expect(run.status == 64)
        #expect(run.stderr.contains(".png, .pdf or .svg"))
    }

    @Test("shadow --at and --hourly write pictures; a bad instant or a missing date writes nothing")
    func shadowCommand() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("shadow.png").path
        let run = try runSunspot([
            "shadow", sample, "--at", "2026-12-22T10:00", "--flat", "1/1/east", "--size", "800x600",
            "-o", png,
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let image = try RasterImage(png: Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(image.width == 800 && image.height == 600)
        let pdf = dir.appendingPathComponent("hourly.pdf").path
        #expect(
            try runSunspot([
                "shadow", sample, "--hourly", "--date", "2026-01-20", "--building", "3", "--floor", "5",
                "--unit", "east", "-o", pdf,
            ]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Data("%PDF".utf8)))
        for bad in [["--at", "2026-12-22 25:00"], ["--hourly"], ["--at", "2026-12-22T10:00", "--flat", "9/1/east"]] {
            let out = dir.appendingPathComponent("bad.png").path
            let r = try runSunspot(["shadow", sample] + bad + ["-o", out])
            #expect(r.status == 64, "\(bad)")
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}
