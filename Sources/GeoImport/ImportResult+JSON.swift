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
