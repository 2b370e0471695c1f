import Foundation
import Testing

// The guides and the help run as printed: every `sunspot` command in a ```sh block of the
// README and docs/*.md, and every example in `sunspot help <command>` (read at 80 columns,
// where a wrapped example would break), is run by /bin/sh on the sample data and must exit
// as the text promises: 0, or the status a `# exit N` comment on the line names. Commands of
// one block share a directory, so `import … -o compound.json` then `validate compound.json`
// works as a reader would type it. Lines for other programs (make, swift, sudo, curl, the
// daemon) are counted and named, not run: they need root, a network service or a build.

private let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A command as printed: its text (continuation lines joined), where it is, and the exit it promises.
struct PrintedCommand: CustomStringConvertible {
    var text: String
    var place: String
    var expectedStatus: Int32
    var description: String { "\(place): \(text)" }
}

/// The shell lines of ```sh blocks (each block a list), `\` continuations joined, comments and blanks dropped.
func shellBlocks(markdown: String, file: String) -> [[PrintedCommand]] {
    var blocks: [[PrintedCommand]] = []
    var current: [PrintedCommand]?
    var pending = ""
    var pendingLine = 0
    for (n, raw) in markdown.components(separatedBy: "\n").enumerated() {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if current == nil {
            if line == "```sh" || line == "```bash" || line == "```shell" { current = [] }
            continue
        }
        if line == "```" {
            blocks.append(current ?? [])
            current = nil
            continue
        }
        if pending.isEmpty {
            if line.isEmpty || line.hasPrefix("#") { continue }
            pendingLine = n + 1
        }
        if line.hasSuffix("\\") {
            pending += line.dropLast().trimmingCharacters(in: .whitespaces) + " "
            continue
        }
        let text = pending + line
        pending = ""
        current?.append(
            PrintedCommand(text: text, place: "\(file):\(pendingLine)", expectedStatus: promisedStatus(text)))
    }
    return blocks
}

/// The status a line promises in a trailing `# exit N` / `# exits N` comment (0 when it says none).
func promisedStatus(_ line: String) -> Int32 {
    guard let hash = line.range(of: "# exit") else { return 0 }
    let digits = line[hash.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
    return Int32(digits) ?? 0
}

/// The examples of a help text: indented lines starting with `sunspot `, `\` continuations joined.
func helpExamples(_ help: String, command: String) -> [PrintedCommand] {
    var found: [PrintedCommand] = []
    var pending: String?
    for raw in help.components(separatedBy: "\n") {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if let p = pending {
            if line.hasSuffix("\\") {
                pending = p + line.dropLast().trimmingCharacters(in: .whitespaces) + " "
            } else {
                found.append(
                    PrintedCommand(
                        text: p + line, place: "sunspot help \(command)", expectedStatus: promisedStatus(line)))
                pending = nil
            }
            continue
        }
        guard line.hasPrefix("sunspot \(command) ") else { continue }
        if line.hasSuffix("\\") {
            pending = line.dropLast().trimmingCharacters(in: .whitespaces) + " "
        } else {
            found.append(
                PrintedCommand(text: line, place: "sunspot help \(command)", expectedStatus: promisedStatus(line)))
        }
    }
    return found
}

/// The lines of a help text between its overview and its usage (the command's discussion).
func discussion(_ help: String) -> [String] {
    let lines = help.components(separatedBy: "\n")
    guard let blank = lines.firstIndex(of: "") else { return [] }
    return Array(lines[(blank + 1)...].prefix { !$0.hasPrefix("USAGE:") })
}

/// `sunspot help <command>` as a terminal of `columns` columns shows it.
private func helpText(_ command: String, columns: Int) throws -> String {
    let executable = try #require(sunspotExecutable)
    let process = Process()
    process.executableURL = executable
    process.arguments = ["help", command]
    var env = ProcessInfo.processInfo.environment
    env["COLUMNS"] = String(columns)
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Runs a block's commands in order in one fresh directory holding `data/` (the sample data);
/// `sunspot` is the built one. Returns the failures, each with its output's last lines.
private func run(block: [PrintedCommand]) throws -> [String] {
    let executable = try #require(sunspotExecutable)
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("sunspot-guide-\(UUID().uuidString)")
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    try fm.createSymbolicLink(
        at: dir.appendingPathComponent("data"), withDestinationURL: repoRoot.appendingPathComponent("data"))
    var failures: [String] = []
    for command in block {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command.text]
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["PATH"] = executable.deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["COLUMNS"] = "80"
        process.environment = env
        let log = dir.appendingPathComponent(".log")
        _ = fm.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        if process.terminationStatus != command.expectedStatus {
            let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
            let tail = output.split(separator: "\n").suffix(3).joined(separator: " | ")
            failures.append(
                "\(command): exit \(process.terminationStatus), expected \(command.expectedStatus): \(tail)")
        }
    }
    return failures
}

private func guides() throws -> [(file: String, text: String)] {
    let docs = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("docs").path)
        .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    return try (["README.md"] + docs).map {
        ($0, try String(contentsOf: repoRoot.appendingPathComponent($0), encoding: .utf8))
    }
}

@Suite("guides and help run as printed", .serialized)
struct GuideCommandsEndToEndTests {
    @Test("the markdown reader joins continuations, keeps blocks apart and reads promised exits")
    func readsBlocks() {
        let text = "x\n```sh\nsunspot a \\\n  --b c\n# note\nsunspot d   # exit 65\n```\n```text\nsunspot no\n```\n"
        let blocks = shellBlocks(markdown: text, file: "t.md")
        #expect(blocks.count == 1)
        #expect(blocks.first?.map(\.text) == ["sunspot a --b c", "sunspot d   # exit 65"])
        #expect(blocks.first?.map(\.expectedStatus) == [0, 65])
    }

    @Test("every sunspot command in the README and docs/ runs on the sample data")
    func guideCommandsRun() throws {
        var failures: [String] = []
        var ran = 0
        var notRun: [String: Int] = [:]
        for (file, text) in try guides() {
            for block in shellBlocks(markdown: text, file: file) {
                let mine = block.filter { $0.text.hasPrefix("sunspot ") }
                for other in block where !other.text.hasPrefix("sunspot ") {
                    notRun[String(other.text.split(separator: " ").first ?? ""), default: 0] += 1
                }
                guard !mine.isEmpty else { continue }
                ran += mine.count
                failures += try run(block: mine)
            }
        }
        print("guide commands: \(ran) run; not run (other programs): \(notRun.sorted { $0.key < $1.key })")
        #expect(ran >= 15, "only \(ran) sunspot commands found in the guides")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("every example in `sunspot help <command>` runs, read at 80 columns")
    func helpExamplesRun() throws {
        let top = try runSunspot(["--help"])
        #expect(top.status == 0)
        // The subcommands listed under SUBCOMMANDS: (indented `name  description`).
        // A subcommand's line starts with exactly two spaces; its description's wrapped lines, with more.
        let names = top.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("SUBCOMMANDS") }.dropFirst()
            .prefix { !$0.isEmpty }
            .compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first else {
                    return nil
                }
                return String(word)
            }
        #expect(names.count >= 10, "subcommands read: \(names)")
        var failures: [String] = []
        var ran = 0
        for name in names {
            let help = try runSunspot(["help", name])
            // Hand-wrapped text is wrapped again when a line is wider than the terminal: at 80
            // columns the discussion must read exactly as it does at 1000.
            let narrow = try helpText(name, columns: 80)
            let wide = try helpText(name, columns: 1000)
            if discussion(narrow) != discussion(wide) {
                let changed = zip(discussion(wide), discussion(narrow)).first { $0 != $1 }
                failures.append(
                    "sunspot help \(name): rewrapped at 80 columns: \(changed.map { "\($0.0) → \($0.1)" } ?? "")")
            }
            let examples = helpExamples(help.stdout, command: name)
            ran += examples.count
            failures += try run(block: examples)
        }
        print("help examples: \(ran) run over \(names.count) commands")
        #expect(ran >= 8, "only \(ran) help examples found")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test("a point example stands in the open, not inside a building")
    func pointExamplesAreOutside() throws {
        var points: [PrintedCommand] = []
        for (file, text) in try guides() {
            points += shellBlocks(markdown: text, file: file).joined().filter { $0.text.hasPrefix("sunspot point ") }
        }
        points += helpExamples(try runSunspot(["help", "point"]).stdout, command: "point")
        // The README's command table names the command too.
        let readme = try String(contentsOf: repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for line in readme.components(separatedBy: "\n") where line.hasPrefix("| `sunspot point SCENE") {
            let inner = line.dropFirst(3).prefix { $0 != "`" }.replacingOccurrences(
                of: "SCENE", with: "data/sample-compound.json")
            points.append(PrintedCommand(text: inner, place: "README.md table", expectedStatus: 0))
        }
        #expect(points.count >= 3)
        for p in points {
            let args = p.text.split(separator: " ").dropFirst().map(String.init).filter {
                $0 != "--format" && $0 != "json"
            }
            let run = try runSunspot(
                args.map { $0 == "SCENE" ? "data/sample-compound.json" : $0 }.map {
                    $0.hasPrefix("data/") ? repoRoot.appendingPathComponent($0).path : $0
                } + ["--format", "json"])
            #expect(run.status == 0, "\(p): \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(
                json?["insideBuilding"] is NSNull || json?["insideBuilding"] == nil,
                "\(p): the point is inside building \(json?["insideBuilding"] ?? "?")")
        }
    }

    @Test("a guide's picture command draws the picture as shown: English pictures come from --lang en")
    func pictureCommandsNameTheirLanguage() throws {
        var failures: [String] = []
        for (file, text) in try guides() where file.hasPrefix("docs/") {
            let lines = text.components(separatedBy: "\n")
            for (i, line) in lines.enumerated() where line.hasPrefix("sunspot ") && line.contains(".png") {
                // The guides are English and show pictures drawn in English (Scripts/make-docs.sh).
                let shown = lines[i...].prefix(8).contains { $0.hasPrefix("![") || $0.hasPrefix("| ![") }
                if shown && !line.contains("--lang en") { failures.append("\(file):\(i + 1): \(line)") }
            }
        }
        #expect(failures.isEmpty, "picture commands without --lang en:\n\(failures.joined(separator: "\n"))")
    }
}
