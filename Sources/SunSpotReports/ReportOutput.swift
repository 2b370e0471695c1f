import Foundation
import SunSpotResults

/// Where a report's rows go, chosen by the output's extension.
///
/// CSV and JSON Lines are streamed: each row is one `write(2)` of a whole line, so an
/// interrupted run leaves only complete rows, and `--resume` continues after them. A JSON
/// array is written at the end (or on interruption) to a temporary file and renamed over
/// the output, so it is always a whole document.
public final class ReportOutput: @unchecked Sendable {  // used by one task at a time
    public enum Kind: String, Sendable { case csv, jsonLines = "jsonl", json }

    public let path: String
    public let kind: Kind
    /// Listings already in the output when resuming.
    public private(set) var done: Set<String> = []
    private var handle: FileHandle?
    private var jsonRows: [ListingFacts] = []

    public static func kind(ofPath path: String) -> Kind? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonLines
        case "json": return .json
        default: return nil
        }
    }

    /// Opens the output. With `resume`, an existing output is kept and its complete rows
    /// are read; a row cut off mid-line is dropped. Rows made with other settings (standard,
    /// year, software) are refused rather than mixed.
    /// - Parameter excel: a new CSV starts with the UTF-8 byte order mark (``CSVEncoding``).
    public init(
        path: String, resume: Bool, expect settings: (standard: String, year: Int), excel: Bool = false
    ) throws(ReportOutputError) {
        guard let kind = ReportOutput.kind(ofPath: path) else {
            throw ReportOutputError("-o \(path): the extension must be .csv, .json or .jsonl")
        }
        self.path = path
        self.kind = kind
        let exists = FileManager.default.fileExists(atPath: path)
        if resume && exists {
            let existing = try ReportOutput.readRows(path: path, kind: kind)
            if let other = existing.rows.first(where: { $0.standard != settings.standard || $0.year != settings.year })
            {
                throw ReportOutputError(
                    "--resume: \(path) was made with --standard \(other.standard) --year \(other.year); use the same settings or a new output"
                )
            }
            done = Set(existing.rows.map(\.listing))
            if kind == .json { jsonRows = existing.rows }
            if kind != .json {
                try ReportOutput.truncate(path: path, to: existing.completeBytes)
                handle = try ReportOutput.open(path: path, append: true)
            }
            if kind == .csv && existing.completeBytes == 0 {
                try write(line: (excel ? CSVEncoding.byteOrderMark : "") + ReportOutput.csvHeaderLine)
            }
        } else if kind != .json {
            handle = try ReportOutput.open(path: path, append: false)
            if kind == .csv { try write(line: (excel ? CSVEncoding.byteOrderMark : "") + ReportOutput.csvHeaderLine) }
        }
    }

    static var csvHeaderLine: String { ListingFacts.csvHeader.map(TextTable.csvField).joined(separator: ",") }

    public func append(_ row: ListingFacts) throws(ReportOutputError) {
        switch kind {
        case .csv: try write(line: row.csvLine)
        case .jsonLines: try write(line: ReportOutput.compactJSON(row))
        case .json: jsonRows.append(row)
        }
    }

    /// Finishes the output (a JSON array is written now) and closes it.
    public func close() throws(ReportOutputError) {
        if kind == .json {
            let text = ReportDocument.json(jsonRows)
            let temporary = path + ".partial-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
                throw ReportOutputError("-o \(path): cannot write \(temporary)")
            }
            if rename(temporary, path) != 0 {
                unlink(temporary)
                throw ReportOutputError("-o \(path): cannot replace the output (\(String(cString: strerror(errno))))")
            }
        }
        try? handle?.close()
        handle = nil
    }

    private func write(line: String) throws(ReportOutputError) {
        do {
            try handle?.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            throw ReportOutputError("-o \(path): write failed (\(error.localizedDescription))")
        }
    }

    static func compactJSON(_ row: ListingFacts) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(row)) ?? Data(), as: UTF8.self)
    }

    // MARK: - Reading an existing output

    struct Existing {
        var rows: [ListingFacts]
        /// Bytes up to the end of the last complete line (streamed kinds).
        var completeBytes: Int
    }

    static func readRows(path: String, kind: Kind) throws(ReportOutputError) -> Existing {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportOutputError("--resume: cannot read \(path)")
        }
        let bytes = [UInt8](data)
        let complete = (bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
        let text = String(decoding: bytes[0..<complete], as: UTF8.self)
        switch kind {
        case .json:
            if bytes.isEmpty { return Existing(rows: [], completeBytes: 0) }
            guard let rows = try? JSONDecoder().decode([ListingFacts].self, from: data) else {
                throw ReportOutputError("--resume: \(path) is not a report JSON array")
            }
            return Existing(rows: rows, completeBytes: bytes.count)
        case .jsonLines:
            var rows: [ListingFacts] = []
            for (i, line) in text.split(separator: "\n").enumerated() {
                guard let row = try? JSONDecoder().decode(ListingFacts.self, from: Data(line.utf8)) else {
                    throw ReportOutputError("--resume: \(path) line \(i + 1) is not a report row")
                }
                rows.append(row)
            }
            return Existing(rows: rows, completeBytes: complete)
        case .csv:
            let records = CSVRecords.parse(text)
            guard let header = records.first else { return Existing(rows: [], completeBytes: 0) }
            guard header.fields == ListingFacts.csvHeader else {
                throw ReportOutputError("--resume: \(path) has another header than this version's report")
            }
            var rows: [ListingFacts] = []
            for record in records.dropFirst() {
                guard let row = ListingFacts(csvFields: record.fields) else {
                    throw ReportOutputError("--resume: \(path) line \(record.line) is not a report row")
                }
                rows.append(row)
            }
            return Existing(rows: rows, completeBytes: complete)
        }
    }

    static func truncate(path: String, to length: Int) throws(ReportOutputError) {
        if Foundation.truncate(path, off_t(length)) != 0 {
            throw ReportOutputError("--resume: cannot truncate \(path) (\(String(cString: strerror(errno))))")
        }
    }

    static func open(path: String, append: Bool) throws(ReportOutputError) -> FileHandle {
        if !append || !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ReportOutputError("-o \(path): cannot create the file")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ReportOutputError("-o \(path): cannot open for writing")
        }
        if append { _ = try? handle.seekToEnd() }
        return handle
    }
}

public struct ReportOutputError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension ListingFacts {
    /// Reads back a CSV row written by ``csvFields`` (for `--resume`).
    init?(csvFields f: [String]) {
        guard f.count == ListingFacts.csvHeader.count, let year = Int(f[7]), let floor = Int(f[9]),
            let window = Int(f[11]), let winter = Double(f[12]), let cold = Double(f[13])
        else { return nil }
        let totals = f[20...].compactMap(Double.init)
        guard totals.count == 24 else { return nil }
        let optional = { (s: String) in s.isEmpty ? nil : s }
        self.init(
            listing: f[0], title: optional(f[1]), address: optional(f[2]), scene: f[3], sceneRevision: f[4],
            software: f[5], standard: f[6], year: year, building: f[8], floor: floor, unit: f[10], window: window,
            winterSolsticeBandMinutes: winter, greatColdBandMinutes: cold, standardDay: optional(f[14]),
            requiredMinutes: Double(f[15]), meetsStandard: f[16] == "true" ? true : f[16] == "false" ? false : nil,
            termTotalMinutes: totals, bestTerm: f[17], worstTerm: f[18], winterSolsticeMainBlocker: optional(f[19]))
    }
}
