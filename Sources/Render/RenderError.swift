/// Why a picture could not be made; one line each, naming what is wrong.
public enum RenderError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No installed font has the CJK glyphs the labels need.
    case noCJKFont(tried: [String])
    /// A size, scale or other option is out of range.
    case badOption(String)
    /// Cairo reported a failure (out of memory, a write error).
    case cairo(String)
    /// The picture could not be written to its file.
    case write(path: String, reason: String)

    public var description: String {
        switch self {
        case let .noCJKFont(tried):
            return
                "no font with Chinese glyphs found through fontconfig (tried \(tried.joined(separator: ", "))); install fonts-noto-cjk or use --lang en"
        case let .badOption(text): return text
        case let .cairo(text): return "cairo: \(text)"
        case let .write(path, reason): return "cannot write \(path): \(reason)"
        }
    }
}
