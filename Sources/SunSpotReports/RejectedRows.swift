import Foundation
import SunSpotResults

/// The errors file of a batch report: every listings row that was not computed, with its
/// line, listing id, field and reason, so a pipeline can count, show and fix them. Rows are
/// never dropped silently: the good ones are computed, the bad ones land here, and the run
/// says "done with rejected rows" (exit 65) unless the caller allowed rejects.
public enum RejectedRows {
    /// The errors file's columns.
    public static let header = ["line", "listing", "field", "reason"]

    /// `report.csv` → `report.errors.csv` (any output extension, `.pdf` too).
    public static func defaultPath(forOutput output: String) -> String {
        let stem = (output as NSString).deletingPathExtension
        return stem + ".errors.csv"
    }

    /// The file's text: the header, then one RFC 4180 row per issue, in line order.
    /// - Parameter excel: start with a UTF-8 byte order mark (see ``CSVEncoding``).
    public static func csv(_ issues: [ListingsIssue], excel: Bool) -> String {
        var lines = [header.joined(separator: ",")]
        for issue in issues.sorted(by: { $0.line < $1.line }) {
            lines.append(
                [String(issue.line), issue.listing ?? "", issue.field ?? "", issue.message].map(TextTable.csvField)
                    .joined(separator: ","))
        }
        return (excel ? CSVEncoding.byteOrderMark : "") + lines.joined(separator: "\n") + "\n"
    }
}
