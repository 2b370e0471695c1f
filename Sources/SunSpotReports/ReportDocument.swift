import SunSpotResults

/// Whole report documents from rows, in the exact bytes `sunspot report -o x.csv|x.json`
/// writes, so the daemon's `/v1/reports/{id}/report.csv|json` and the CLI agree byte for byte.
public enum ReportDocument {
    /// The CSV header line and one line per row, each ending in a newline.
    public static func csv(_ rows: [ListingFacts]) -> String {
        ([ReportOutput.csvHeaderLine] + rows.map(\.csvLine)).map { $0 + "\n" }.joined()
    }

    /// A JSON array with one compact row per line.
    public static func json(_ rows: [ListingFacts]) -> String {
        rows.isEmpty ? "[]\n" : "[\n" + rows.map(row).joined(separator: ",\n") + "\n]\n"
    }

    /// One row as compact JSON with sorted keys (a JSON Lines line, a stored row).
    public static func row(_ row: ListingFacts) -> String { ReportOutput.compactJSON(row) }
}
