import Foundation
import SunSpotIO

extension ImportResult {
    /// The scene as JSON text: the program's usual stable encoding (sorted keys),
    /// with each `[x, y]` vertex kept on one line so a footprint reads as a list.
    public func jsonText() throws -> String {
        let text = try JSONOutput.encode(document)
        let pair = try NSRegularExpression(pattern: #"\[\s*(-?[0-9.eE+-]+),\s*(-?[0-9.eE+-]+)\s*\]"#)
        return pair.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "[$1, $2]")
    }
}

extension ImportReport {
    /// The report as JSON for `--report`: the counts first, then every building.
    private struct Shape: Encodable {
        var read: Int
        var outsideArea: Int
        var imported: Int
        var skippedCount: Int
        var heightsBySource: [String: Int]
        var skippedByReason: [String: Int]
        var summary: String
        var buildings: [ImportReport.Building]
        var skipped: [ImportReport.Skipped]
        var replacedByParts: [ImportReport.Outline]
    }

    public func jsonText() throws -> String {
        let shape = Shape(
            read: read, outsideArea: outsideArea, imported: buildings.count, skippedCount: skipped.count,
            heightsBySource: Dictionary(
                uniqueKeysWithValues: HeightSource.allCases.map { ($0.rawValue, heightsBySource[$0] ?? 0) }),
            skippedByReason: skippedByReason, summary: summary, buildings: buildings, skipped: skipped,
            replacedByParts: replacedByParts)
        return try JSONOutput.encode(shape)
    }
}
