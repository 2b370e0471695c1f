import Foundation
import Testing

// End-to-end tests of `sunspot sun` and `sunspot terms`: they run the built binary
// as a subprocess and read only what a user or a program would read (exit status,
// stdout, stderr). Expected figures come from outside the code under test:
// astropy solar-term instants in ../shared/reference/standards.md §4 and the
// textbook noon-altitude relation.

// MARK: - Running the binary

/// The `sunspot` executable built next to this test bundle (or `$SUNSPOT_BIN`).
let sunspotExecutable: URL? = {
    let fm = FileManager.default
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["SUNSPOT_BIN"] {
        candidates.append(URL(fileURLWithPath: override))
    }
    // The products directory is the one that holds the .xctest bundle (macOS: a
    // directory bundle; Linux: an executable file run directly).
    var places: [URL] = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
    places.append(Bundle.main.bundleURL)
    if let exe = Bundle.main.executableURL { places.append(exe) }
    places.append(URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL)
    for place in places {
        var dir = place
        // Walk up from inside a bundle (…/Foo.xctest/Contents/MacOS/Foo) to the products directory.
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent("sunspot"))
            dir = dir.deletingLastPathComponent()
        }
    }
    // Fallback: the default scratch path of a plain `swift build`.
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/sunspot"))
    return candidates.first { url in
        var isDirectory: ObjCBool = false
        return fm.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && fm.isExecutableFile(atPath: url.path)
    }
}()

private struct BinaryNotFound: Error, CustomStringConvertible {
    var description: String {
        "the sunspot executable was not found next to the test bundle; run `swift build --build-tests`"
    }
}

/// Runs `sunspot args…` and returns its exit status and both output streams.
///
/// The streams go to temporary files, so a chatty process can never block on a full pipe.
func runSunspot(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    guard let executable = sunspotExecutable else { throw BinaryNotFound() }
    let fm = FileManager.default
    let dir = fm.temporaryDirectory.appendingPathComponent("sunspot-e2e-\(UUID().uuidString)")
    try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)

    let process = Process()
    process.executableURL = executable
    process.arguments = args
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = outHandle
    process.standardError = errHandle
    try process.run()
    process.waitUntilExit()
    try outHandle.close()
    try errHandle.close()
    let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    return (process.terminationStatus, stdout, stderr)
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ`, or with milliseconds `…:SS.mmmZ` (the terms' `instant`).
private func utcDate(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

/// Terminal cells a string takes, computed here independently of the program:
/// East Asian Wide / Fullwidth characters (UAX #11) take two cells, combining marks none.
private func terminalWidth(_ text: some StringProtocol) -> Int {
    terminalCells(text).count
}

/// The cells of a line: each character's first cell holds it, a wide character's second cell holds nil.
private func terminalCells(_ text: some StringProtocol) -> [Character?] {
    var cells: [Character?] = []
    for ch in text {
        guard let first = ch.unicodeScalars.first else { continue }
        let v = first.value
        if (0x0300...0x036F).contains(v) || v == 0x200B { continue }
        let wide =
            (0x1100...0x115F).contains(v)  // Hangul Jamo initials
            || (0x2E80...0x303E).contains(v)  // CJK radicals, Kangxi, CJK symbols and punctuation
            || (0x3041...0x33FF).contains(v)  // kana, bopomofo, CJK compatibility
            || (0x3400...0x4DBF).contains(v)  // CJK extension A
            || (0x4E00...0x9FFF).contains(v)  // CJK unified ideographs
            || (0xA000...0xA4CF).contains(v)  // Yi
            || (0xAC00...0xD7A3).contains(v)  // Hangul syllables
            || (0xF900...0xFAFF).contains(v)  // CJK compatibility ideographs
            || (0xFE30...0xFE4F).contains(v)  // CJK compatibility forms
            || (0xFF00...0xFF60).contains(v)  // fullwidth forms
            || (0xFFE0...0xFFE6).contains(v)
            || (0x20000...0x3FFFD).contains(v)  // CJK extensions B…
        cells.append(ch)
        if wide { cells.append(nil) }
    }
    return cells
}

/// A line of stdout or stderr, without the trailing empty piece.
private func lines(_ text: String) -> [Substring] {
    var all = text.split(separator: "\n", omittingEmptySubsequences: false)
    if all.last == "" { all.removeLast() }
    return all
}

private let beijingSun = ["sun", "--lat", "39.9042", "--lon", "116.4074", "--at", "2026-12-21T12:00:00+08:00"]

// MARK: - sun

@Suite("sunspot sun and sunspot terms, end to end", .serialized)
struct SunTermsEndToEndTests {

    @Test(
        "sun --format json for Beijing at noon of the 2026 winter solstice gives azimuth, elevation, TST, sunrise and sunset"
    )
    func sunJSONForBeijingWinterSolsticeNoon() throws {
        print("SunTermsEndToEnd: running \(sunspotExecutable?.path ?? "no binary")")
        let run = try runSunspot(beijingSun + ["--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let json = try #require(object, "stdout is not a JSON object: \(run.stdout)")
        for key in ["azimuth", "elevation", "trueSolarTime", "sunrise", "sunset"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        let azimuth = try #require(json["azimuth"] as? Double)
        let elevation = try #require(json["elevation"] as? Double)
        #expect((0..<360).contains(azimuth))
        // Just before solar noon the sun is a little east of south.
        #expect((170..<180).contains(azimuth), "azimuth \(azimuth)")
        // Independent check: at solar noon e = 90° − |φ − δ| = 90 − (39.9042 + 23.44) ≈ 26.66°;
        // 12:00 BJT is ~12 min before TST noon at 116.4°E, which costs a few hundredths of a degree.
        #expect((26.3...26.7).contains(elevation), "elevation \(elevation)")
        let tst = try #require(json["trueSolarTime"] as? String)
        #expect(tst.wholeMatch(of: /\d\d:\d\d:\d\d/) != nil, "trueSolarTime \(tst)")
        // 12:00 BJT = 12:00 − (120° − 116.4074°)/15 h + EoT(≈ +1.7 min) ≈ 11:47:20 TST.
        #expect(tst.hasPrefix("11:4"), "trueSolarTime \(tst)")
        let sunrise = try #require(json["sunrise"] as? String)
        let sunset = try #require(json["sunset"] as? String)
        // Beijing winter-solstice sunrise ≈ 07:33 and sunset ≈ 16:53, Beijing time.
        #expect(sunrise.hasPrefix("2026-12-21T07:3"), "sunrise \(sunrise)")
        #expect(sunset.hasPrefix("2026-12-21T16:5"), "sunset \(sunset)")
    }

    @Test("sun prints a table by default, in Chinese, and in English with --lang en")
    func sunTableInBothLanguages() throws {
        let zh = try runSunspot(beijingSun)
        #expect(zh.status == 0)
        #expect(zh.stdout.contains("真太阳时"))
        let en = try runSunspot(beijingSun + ["--lang", "en"])
        #expect(en.status == 0)
        #expect(en.stdout.contains("true solar time"))
        #expect(!en.stdout.contains("真太阳时"))
    }

    // MARK: - terms

    @Test("terms --year 2026 --format json lists 24 terms; 冬至 and 大寒 fall within a minute of astropy")
    func termsJSONFor2026() throws {
        let run = try runSunspot(["terms", "--year", "2026", "--format", "json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.isEmpty)
        let array = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]]
        let rows = try #require(array, "stdout is not a JSON array of objects: \(run.stdout)")
        try #require(rows.count == 24)
        #expect(rows.compactMap { $0["index"] as? Int } == Array(0..<24))
        for row in rows {
            for key in ["name", "nameEn", "longitude", "instant", "date"] {
                #expect(row[key] != nil, "row \(row["index"] ?? "?") lacks \(key)")
            }
        }
        // Instants are in time order.
        let instants = rows.compactMap { ($0["instant"] as? String).flatMap(utcDate) }
        #expect(instants.count == 24)
        #expect(zip(instants, instants.dropFirst()).allSatisfy { $0 < $1 })

        // standards.md §4 (astropy): 冬至 2026-12-22 04:50:13 UTC+8, 大寒 2026-01-20 09:44:55 UTC+8.
        let winterSolstice = try #require(rows.first { $0["name"] as? String == "冬至" })
        #expect(winterSolstice["date"] as? String == "2026-12-22")
        #expect(winterSolstice["longitude"] as? Int == 270)
        #expect(winterSolstice["nameEn"] as? String == "Winter Solstice")
        let solsticeInstant = try #require((winterSolstice["instant"] as? String).flatMap(utcDate))
        let solsticeReference = try #require(utcDate("2026-12-21T20:50:13Z"))
        #expect(
            abs(solsticeInstant.timeIntervalSince(solsticeReference)) <= 60,
            "冬至 at \(winterSolstice["instant"] ?? "?")")

        let majorCold = try #require(rows.first { $0["name"] as? String == "大寒" })
        #expect(majorCold["date"] as? String == "2026-01-20")
        #expect(majorCold["longitude"] as? Int == 300)
        let coldInstant = try #require((majorCold["instant"] as? String).flatMap(utcDate))
        let coldReference = try #require(utcDate("2026-01-20T01:44:55Z"))
        #expect(abs(coldInstant.timeIntervalSince(coldReference)) <= 60, "大寒 at \(majorCold["instant"] ?? "?")")
    }

    /// Issue 26: the JSON instant has milliseconds; the table's local time is that instant
    /// rounded to the nearest second, and its column says so; --help states the time scale.
    @Test("terms: JSON instants to the millisecond, the table rounded to the nearest second")
    func termsMillisecondsAndRounding() throws {
        let json = try runSunspot(["terms", "--year", "2026", "--tz", "Asia/Shanghai", "--format", "json"])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        try #require(rows.count == 24)
        let csv = try runSunspot([
            "terms", "--year", "2026", "--tz", "Asia/Shanghai", "--format", "csv", "--lang", "en",
        ])
        #expect(csv.status == 0)
        let table = lines(csv.stdout)
        try #require(table.count == 25)
        #expect(table[0].contains("nearest second"), "\(table[0])")
        let pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
        var fractions = Set<String>()
        for (row, line) in zip(rows, table.dropFirst()) {
            let instant = try #require(row["instant"] as? String)
            #expect(instant.wholeMatch(of: pattern) != nil, "\(instant)")
            fractions.insert(String(instant.suffix(4).prefix(3)))
            let exact = try #require(utcDate(instant))
            let nearest = Date(timeIntervalSince1970: exact.timeIntervalSince1970.rounded())
            let civil = try #require(row["civilTime"] as? String)
            #expect(utcDate(civil) == nearest, "\(instant) rounds to \(civil)?")
            #expect(line.contains(civil), "\(line) lacks \(civil)")
        }
        #expect(fractions.count > 12, "milliseconds look constant: \(fractions)")
        let help = try runSunspot(["terms", "--help"])
        #expect(help.status == 0)
        for phrase in ["leap", "UTC", "UT1", "69.184", "2017-01-01", "nearest second", "millisecond"] {
            #expect(help.stdout.contains(phrase), "--help lacks \(phrase)")
        }
    }

    @Test("terms --format csv prints a header and 24 data lines")
    func termsCSV() throws {
        let run = try runSunspot(["terms", "--year", "2026", "--format", "csv"])
        #expect(run.status == 0)
        let csv = lines(run.stdout)
        #expect(csv.count == 25)
        let header = try #require(csv.first)
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).count
        #expect(columns >= 3)
        for line in csv.dropFirst() {
            #expect(line.split(separator: ",", omittingEmptySubsequences: false).count == columns, "\(line)")
        }
        #expect(csv.contains { $0.contains("冬至") && $0.contains("2026-12-22") })
    }

    @Test("terms --format md prints a Markdown table with a |--- separator line")
    func termsMarkdown() throws {
        let run = try runSunspot(["terms", "--year", "2026", "--format", "md"])
        #expect(run.status == 0)
        let md = lines(run.stdout)
        #expect(md.count == 26)
        #expect(md.contains { $0.hasPrefix("|---") })
        #expect(md.allSatisfy { $0.hasPrefix("|") && $0.hasSuffix("|") })
    }

    @Test("terms table output lines up when CJK characters count as two cells", arguments: ["zh", "en"])
    func termsTableLinesUp(lang: String) throws {
        let run = try runSunspot(["terms", "--year", "2026", "--lang", lang])
        #expect(run.status == 0)
        let table = lines(run.stdout)
        try #require(table.count == 26, "header, rule and 24 rows expected:\n\(run.stdout)")
        let rule = table[1]
        #expect(rule.allSatisfy { $0 == "─" || $0 == " " }, "second line is the rule: \(rule)")
        let width = terminalWidth(rule)
        // Every data row fills the table exactly (the last column, the date, is always 10 wide).
        for row in table.dropFirst(2) {
            #expect(terminalWidth(row) == width, "row width \(terminalWidth(row)) ≠ \(width): \(row)")
        }
        // The header may only lack trailing blanks.
        #expect(terminalWidth(table[0]) <= width)
        // Column gaps: wherever the rule has a blank, every line has a blank (or has ended) there,
        // so no cell, and no half of a wide character, spills into the next column.
        let ruleCells = terminalCells(rule)
        let gaps = ruleCells.indices.filter { ruleCells[$0] == " " }
        #expect(gaps.count == 2 * 4, "five columns, four two-cell gaps")
        for line in table {
            let cells = terminalCells(line)
            for g in gaps where g < cells.count {
                #expect(cells[g] == " ", "cell \(g) of '\(line)' is not blank")
            }
        }
    }

    @Test("--lang en gives English term names")
    func englishTermNames() throws {
        let run = try runSunspot(["terms", "--year", "2026", "--lang", "en"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Winter Solstice"))
        #expect(run.stdout.contains("Major Cold"))
        let csv = try runSunspot(["terms", "--year", "2026", "--lang", "en", "--format", "csv"])
        #expect(csv.stdout.contains("Winter Solstice"))
    }

    // MARK: - bad input

    @Test(
        "bad input exits non-zero with one stderr line naming the option, and nothing on stdout",
        arguments: [
            (["sun", "--lat", "95", "--lon", "116.4074", "--at", "2026-12-21T12:00:00+08:00"], "--lat"),
            (["sun", "--lat", "39.9", "--lon", "200", "--at", "2026-12-21T12:00:00+08:00"], "--lon"),
            (["terms", "--year", "2026", "--tz", "Mars/Base"], "--tz"),
            (["sun", "--lat", "39.9", "--lon", "116.4", "--at", "2026-12-21T12:00", "--tz", "Mars/Base"], "--tz"),
            (["sun", "--lat", "39.9042", "--lon", "116.4074", "--at", "2026-13-01T00:00"], "--at"),
            (["sun", "--lat", "39.9042", "--lon", "116.4074", "--at", "noon"], "--at"),
            (["terms", "--year", "1700"], "--year"),
            (["sun", "--lat", "39.9042", "--lon", "116.4074"], "--at"),
            (["terms"], "--year"),
            (["terms", "--year", "2026", "--format", "xml"], "--format"),
            (["terms", "--year", "2026", "--lang", "fr"], "--lang"),
        ])
    func badInput(args: [String], option: String) throws {
        let run = try runSunspot(args)
        #expect(run.status != 0, "\(args) exited 0")
        #expect(run.stdout.isEmpty, "\(args) printed to stdout: \(run.stdout)")
        let errorLines = lines(run.stderr)
        #expect(errorLines.count == 1, "\(args) printed \(errorLines.count) stderr lines:\n\(run.stderr)")
        #expect(run.stderr.contains(option), "\(args): stderr does not name \(option): \(run.stderr)")
    }
}
