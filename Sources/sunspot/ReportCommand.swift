import ArgumentParser
import Dispatch
import Foundation
import Render
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults
import Synchronization

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Batch report: the facts a listing shows, for thousands of flats (CSV, JSON, JSON Lines, PDF).",
        discussion: """
            Examples:
              sunspot report data/sample-listings.csv -o report.csv
              sunspot report data/sample-listings.csv -o report.csv --resume  # go on
              sunspot report data/sample-compound.json -o flats.json  # every flat
              sunspot report data/sample-listings.csv -o report.pdf --lang en

            LISTINGS is CSV with the header listing,scene,building,floor,unit and optional
            title,address columns (or JSON Lines with those fields); scene paths are
            relative to the listings file. Every bad row is reported with its line number
            and written to the errors file (line, listing, field, reason; default
            OUTPUT.errors.csv); the good rows are computed, and the run exits 65 ("done
            with rejected rows") unless --allow-rejects. A listings file may be UTF-8
            (with or without a BOM) or GB18030/GBK, as Excel saves it on Chinese Windows.
            CSV written has no BOM unless --excel: programs read the first column's name
            with it.

            Per listing: 冬至 and 大寒 band minutes, the verdict and required minutes, the
            total sun minutes of all 24 terms, the best and worst term, the building that
            blocks most on 冬至, the scene's content hash and the software version. Ctrl-C
            leaves complete rows only; --resume skips the listings already in the output.

            PDF: a cover with a summary table, then one A4 page per listing (title,
            address, the verdict in one sentence, the 冬至 sun path with the window's
            skyline, the 冬至 shadows at true solar noon, the 24-term table with sunlit
            intervals, the parameters), in --lang zh (default) or en. A PDF is always a
            whole document: it is written to a temporary file and renamed at the end, so
            Ctrl-C or an error leaves no PDF (and --resume does not apply to PDF).
            """)

    @Argument(help: "A listings file (.csv, .jsonl) or one scene (.json) for all of its flats.")
    var input: String

    @Option(name: [.short, .customLong("output")], help: "Output: .csv, .json, .jsonl or .pdf.")
    var output: String

    @Flag(help: "Keep the rows already in the output and compute only the rest (CSV, JSON, JSON Lines; not PDF).")
    var resume = false

    @Flag(help: "Exit 0 when rows were rejected (they are still in the errors file); default: exit 65.")
    var allowRejects = false

    @Option(help: "Where rejected rows go (CSV: line,listing,field,reason); default: the output's name + .errors.csv.")
    var errors: String?

    @Flag(help: "Start CSV files with a UTF-8 byte order mark, so that Excel reads the Chinese as UTF-8.")
    var excel = false

    @OptionGroup var rules: ProfileOptions

    @Option(parsing: .unconditional, help: "Concurrent workers (default: all cores).", transform: wholeNumber("4"))
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Language of the PDF pages: zh or en.")
    var lang: LanguageArgument = .init(.zh)

    @Option(help: "Progress on stderr: auto (a bar on a terminal, lines otherwise), bar, lines or none.")
    var progress: String = "auto"

    func run() async throws {
        guard ["auto", "bar", "lines", "none"].contains(progress) else {
            throw ValidationError("--progress must be auto, bar, lines or none (got '\(progress)')")
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1 (got \(workers))") }
        let pdf = ImageFormat(fileName: output) == .pdf
        guard pdf || ReportOutput.kind(ofPath: output) != nil else {
            throw ValidationError("-o \(output): the extension must be .csv, .json, .jsonl or .pdf")
        }
        if pdf && resume {
            throw ValidationError(
                "--resume does not apply to a PDF (it is always written whole); run again without --resume")
        }
        let profile = try rules.profile()
        let (requests, sources, issues) = try plan()
        for issue in issues {
            FileHandle.standardError.write(Data("sunspot: \(input):\(issue.line): \(issue.message)\n".utf8))
        }
        // A bad header leaves no row to read: the file is refused whole.
        if issues.contains(where: \.wholeFile) {
            throw ValidationError("\(input): the header is wrong (listed above); nothing was computed")
        }
        // Bad rows never vanish: they go to the errors file (once the output could be opened),
        // the good ones are computed, and the run ends "done with rejected rows" (65) unless
        // --allow-rejects.
        let errorsPath = errors ?? RejectedRows.defaultPath(forOutput: output)
        let invalidLines = Set(issues.map(\.line))
        let valid = requests.filter { !invalidLines.contains($0.line) }
        let report = BatchReport(
            requests: valid, sources: sources, profile: profile, standardName: rules.standard, year: rules.year)
        if pdf {
            try await writePDF(report)
            try record(rejected: issues, at: errorsPath)
            return try finish(rejected: issues.count, errorsPath: errorsPath)
        }
        let out: ReportOutput
        do {
            out = try ReportOutput(path: output, resume: resume, expect: (rules.standard, rules.year), excel: excel)
        } catch {
            throw ValidationError(error.description)
        }
        try record(rejected: issues, at: errorsPath)
        let skipped = valid.filter { out.done.contains($0.listing) }.count
        let bar = ReportProgress(total: valid.count - skipped, mode: progress)
        let interrupted = InterruptFlag()
        let workers = self.workers
        var failure: (any Error)?
        do {
            _ = try await report.run(workers: workers, skipping: out.done, isCancelled: { interrupted.isSet }) { row in
                try out.append(row)
                bar.advance()
            }
        } catch {
            failure = error
        }
        do {
            try out.close()
        } catch {
            throw ValidationError(error.description)
        }
        bar.finish(interrupted: interrupted.isSet, skipped: skipped)
        if let failure { throw ValidationError("\(failure)") }
        if interrupted.isSet { throw ExitCode(130) }
        try finish(rejected: issues.count, errorsPath: errorsPath)
    }

    /// Writes the errors file when rows were rejected; a clean run removes one left at that
    /// path by an earlier run, so the file never describes another run.
    func record(rejected issues: [ListingsIssue], at path: String) throws {
        guard !issues.isEmpty else {
            if FileManager.default.fileExists(atPath: path) { try? FileManager.default.removeItem(atPath: path) }
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(RejectedRows.csv(issues, excel: excel).utf8))
        else {
            throw ValidationError("--errors \(path): cannot write the file (the rejected rows are listed above)")
        }
    }

    /// Says how many rows were rejected and where they are; exit 65 for them unless allowed.
    func finish(rejected: Int, errorsPath: String) throws {
        guard rejected > 0 else { return }
        FileHandle.standardError.write(
            Data("sunspot: report: \(rejected) row(s) rejected, written to \(errorsPath)\n".utf8))
        if !allowRejects { throw ExitCode(65) }
    }

    /// The requests, the scenes they use (each loaded and validated once) and every bad row.
    func plan() throws -> ([ListingRequest], [String: BatchReport.Source], [ListingsIssue]) {
        let url = URL(fileURLWithPath: input)
        guard let data = FileManager.default.contents(atPath: input) else {
            throw ValidationError("\(input): cannot read the file")
        }
        if (input as NSString).pathExtension.lowercased() == "json" {
            // One scene: every flat of it, listed as building/floor/unit.
            let source = try loadSource(path: input, data: data)
            let requests = source.scene.allFlats.map { ListingRequest(listing: $0.description, scene: input, flat: $0) }
            return (requests, [input: source], [])
        }
        guard let format = ListingsFile.format(ofPath: input) else {
            throw ValidationError("\(input): expected a listings file (.csv, .jsonl) or a scene (.json)")
        }
        let text: String
        do {
            let decoded = try CSVEncoding.decode([UInt8](data))
            text = decoded.text
            if decoded.source == .gb18030 {
                FileHandle.standardError.write(Data("sunspot: \(input): read as GB18030 (it is not UTF-8)\n".utf8))
            }
        } catch {
            throw ValidationError("\(input) \(error.description)")
        }
        var (requests, issues) = ListingsFile.parse(text, format: format)
        var sources: [String: BatchReport.Source] = [:]
        var unloadable: [String: String] = [:]
        let base = url.deletingLastPathComponent()
        for name in Set(requests.map(\.scene)).sorted() {
            let path = name.hasPrefix("/") ? name : base.appendingPathComponent(name).path
            do {
                guard let bytes = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("cannot read \(path)")
                }
                sources[name] = try loadSource(path: path, data: bytes)
            } catch {
                unloadable[name] = "\(error)"
            }
        }
        for r in requests where unloadable[r.scene] != nil {
            issues.append(
                ListingsIssue(
                    line: r.line, message: "scene \(r.scene): \(unloadable[r.scene]!)", listing: r.listing,
                    field: "scene"))
        }
        requests = requests.filter { unloadable[$0.scene] == nil }
        let report = BatchReport(
            requests: requests, sources: sources, profile: .none, standardName: rules.standard, year: rules.year)
        issues += report.issues()
        return (requests, sources, issues.sorted { $0.line < $1.line })
    }

    func loadSource(path: String, data: Data) throws -> BatchReport.Source {
        let scene: Scene
        do {
            scene = try SceneLoader.load(data)
        } catch {
            throw ValidationError("\(path): \(error.description)")
        }
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "\(path): site.timeZone")
        return BatchReport.Source(scene: scene, zone: zone, revision: ContentHash.fnv1a64(data))
    }
}

/// Set by SIGINT/SIGTERM: the report stops scheduling work and keeps the complete rows.
// @unchecked: the flag is atomic and the signal sources are never touched after init.
final class InterruptFlag: @unchecked Sendable {
    private let flag = Atomic<Bool>(false)
    private let sources: [any DispatchSourceSignal]

    init() {
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: sig, queue: .global()))
        }
        self.sources = sources
        for source in sources {
            source.setEventHandler { [weak self] in self?.flag.store(true, ordering: .relaxed) }
            source.resume()
        }
    }

    var isSet: Bool { flag.load(ordering: .relaxed) }
}
