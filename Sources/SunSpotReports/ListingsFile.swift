import Foundation
import Scene
import SunSpotResults

/// Listings files: CSV with the header `listing,scene,building,floor,unit[,title,address]`
/// (any column order, RFC 4180 quoting), or JSON Lines with the same field names.
///
/// Parsing never stops at the first bad row: a website uploading 10,000 rows wants every
/// problem at once, with its line number, before any work starts.
public enum ListingsFile {
    public static var requiredColumns: [String] { ListingRow.requiredFields }
    public static var optionalColumns: [String] { ListingRow.optionalFields }

    public enum Format: Sendable { case csv, jsonLines }

    /// The format a path's extension names (`.csv`, `.jsonl`/`.ndjson`), or nil.
    public static func format(ofPath path: String) -> Format? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonLines
        default: return nil
        }
    }

    public static func parse(_ text: String, format: Format) -> (requests: [ListingRequest], issues: [ListingsIssue]) {
        var (requests, issues) = format == .csv ? parseCSV(text) : parseJSONLines(text)
        // Listing ids key the output and `--resume`: they must be unique.
        var firstLine: [String: Int] = [:]
        requests = requests.filter { r in
            if let earlier = firstLine[r.listing] {
                issues.append(
                    ListingsIssue(
                        line: r.line, message: "listing '\(r.listing)' repeats line \(earlier)", listing: r.listing,
                        field: "listing"))
                return false
            }
            firstLine[r.listing] = r.line
            return true
        }
        issues.sort { $0.line < $1.line }
        return (requests, issues)
    }

    // MARK: - CSV

    static func parseCSV(_ text: String) -> ([ListingRequest], [ListingsIssue]) {
        let records = CSVRecords.parse(text)
        guard let header = records.first else {
            return (
                [],
                [
                    ListingsIssue(
                        line: 1, message: "empty file: expected the header \(requiredColumns.joined(separator: ","))",
                        wholeFile: true)
                ]
            )
        }
        var issues: [ListingsIssue] = []
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            if !(requiredColumns + optionalColumns).contains(name) {
                issues.append(
                    ListingsIssue(
                        line: header.line,
                        message:
                            "unknown column '\(name)' (allowed: \((requiredColumns + optionalColumns).joined(separator: ", ")))",
                        field: name, wholeFile: true))
            } else if column[name] != nil {
                issues.append(
                    ListingsIssue(
                        line: header.line, message: "column '\(name)' appears twice", field: name, wholeFile: true))
            } else {
                column[name] = i
            }
        }
        let missing = requiredColumns.filter { column[$0] == nil }
        if !missing.isEmpty {
            issues.append(
                ListingsIssue(
                    line: header.line, message: "missing column(s) \(missing.joined(separator: ", ")) in the header",
                    field: missing.first, wholeFile: true))
            return ([], issues)
        }
        var requests: [ListingRequest] = []
        for record in records.dropFirst() {
            // The listing id, when the row has that column, names the row in the errors file.
            let id = column["listing"].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }
                .map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            if let problem = record.problem {
                issues.append(ListingsIssue(line: record.line, message: problem, listing: id))
                continue
            }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard record.fields.count == names.count else {
                issues.append(
                    ListingsIssue(
                        line: record.line, message: "\(record.fields.count) fields, the header has \(names.count)",
                        listing: id))
                continue
            }
            let field = { (name: String) in column[name].map { record.fields[$0] } }
            switch request(line: record.line, field: field) {
            case .success(let r): requests.append(r)
            case .failure(let issue): issues.append(issue)
            }
        }
        return (requests, issues)
    }

    // MARK: - JSON Lines

    static func parseJSONLines(_ text: String) -> ([ListingRequest], [ListingsIssue]) {
        var requests: [ListingRequest] = []
        var issues: [ListingsIssue] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                issues.append(ListingsIssue(line: line, message: "not a JSON object"))
                continue
            }
            if let unknown = object.keys.sorted().first(where: { !(requiredColumns + optionalColumns).contains($0) }) {
                issues.append(
                    ListingsIssue(
                        line: line, message: "unknown field '\(unknown)'", listing: object["listing"] as? String,
                        field: unknown))
                continue
            }
            let field = { (name: String) -> String? in
                switch object[name] {
                case let s as String: return s
                case let n as NSNumber: return n.stringValue
                default: return nil
                }
            }
            switch request(line: line, field: field) {
            case .success(let r): requests.append(r)
            case .failure(let issue): issues.append(issue)
            }
        }
        return (requests, issues)
    }

    /// One row through the shared ``ListingRow`` reading, its problem placed on `line`.
    static func request(line: Int, field: (String) -> String?) -> Result<ListingRequest, ListingsIssue> {
        ListingRow.parse(line: line) { field($0).map(ListingRow.Field.text) ?? .absent }
            .mapError { issue in
                let id = field("listing")?.trimmingCharacters(in: .whitespaces)
                return ListingsIssue(
                    line: line, message: "\(issue.field) \(issue.message)", listing: id?.isEmpty == false ? id : nil,
                    field: issue.field)
            }
    }
}

/// RFC 4180 records with the line each starts on (quoted fields may span lines).
enum CSVRecords {
    struct Record {
        var fields: [String]
        var line: Int
        /// Set when the record is malformed (e.g. a quote left open).
        var problem: String?
    }

    static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var problem: String?
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }  // a BOM from spreadsheet exports
        var i = 0
        func endRecord() {
            fields.append(field)
            records.append(Record(fields: fields, line: recordLine, problem: problem))
            fields = []
            field = ""
            problem = nil
            quotedField = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else {
                switch c {
                case "\"":
                    if field.isEmpty && !quotedField {
                        inQuotes = true
                        quotedField = true
                    } else {
                        problem =
                            problem
                            ?? "a quote inside an unquoted field (quote the whole field and double inner quotes)"
                        field.unicodeScalars.append(c)
                    }
                case ",":
                    fields.append(field)
                    field = ""
                    quotedField = false
                case "\r":
                    break
                case "\n":
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.unicodeScalars.append(c)
                }
            }
            i += 1
        }
        if inQuotes { problem = "a quoted field is never closed" }
        if !field.isEmpty || !fields.isEmpty || inQuotes { endRecord() }
        return records
    }
}
