/// Rows of strings printed as an aligned terminal table, CSV or Markdown.
///
/// Column widths count East Asian wide characters as two cells, so tables with
/// 冬至 or 3号楼 line up in a terminal.
public struct TextTable: Sendable {
    public var headers: [String]
    public var rows: [[String]]
    /// Columns whose text is right-aligned (numbers).
    public var rightAligned: Set<Int>

    public init(headers: [String], rows: [[String]] = [], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .csv:
            return ([headers] + rows).map { $0.map(TextTable.csvField).joined(separator: ",") }
                .joined(separator: "\n") + "\n"
        case .md:
            let escape = { (s: String) in s.replacingAll("|", with: "\\|") }
            var lines = ["| " + headers.map(escape).joined(separator: " | ") + " |"]
            lines.append("|" + headers.indices.map { rightAligned.contains($0) ? "---:|" : "---|" }.joined())
            lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
            return lines.joined(separator: "\n") + "\n"
        case .table, .json:
            let all = [headers] + rows
            let widths = headers.indices.map { c in all.map { TextTable.displayWidth($0[c]) }.max() ?? 0 }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { c, text in
                    let fill = String(repeating: " ", count: widths[c] - TextTable.displayWidth(text))
                    return rightAligned.contains(c) ? fill + text : text + fill
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
            let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
            return ([line(headers), rule] + rows.map(line)).joined(separator: "\n") + "\n"
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// Terminal cells a string takes: 2 for East Asian wide and fullwidth characters.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            let zero = (0x300...0x36F).contains(v) || v == 0x200B
            return w + (zero ? 0 : wide ? 2 : 1)
        }
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }

    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
