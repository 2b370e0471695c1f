/// JSON written straight into bytes in exactly the layout ``JSONOutput`` prints, for the
/// shapes served so often that Foundation's encoder dominated their cost (the flat table:
/// most of a request's CPU went into `JSONEncoder`'s boxing and key sorting).
///
/// Byte-identical to `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`:
/// two-space indent, `"key" : value`, empty containers as `[` `\n\n` indent `]`, `/` not
/// escaped, control characters as `\b \t \n \f \r` or `\u00xx`, doubles as Swift's shortest
/// round-trip `description` without a trailing `.0`. The caller writes keys in byte order (what
/// `.sortedKeys` does); tests hold each writer to the Foundation path byte for byte.
public struct PrettyJSONWriter {
    /// Foundation refuses NaN and ±∞ under `nonConformingFloatEncodingStrategy = .throw`; so does this.
    public struct NonFiniteNumber: Error, Sendable {
        public let value: Double
    }

    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = false
    /// A key was just written: the value follows on the same line.
    private var afterKey = false

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// The document with the final newline ``JSONOutput/encode(_:)`` adds.
    public consuming func document() -> [UInt8] {
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }

    public mutating func openObject() { open(UInt8(ascii: "{")) }

    public mutating func closeObject() { close(UInt8(ascii: "}")) }

    public mutating func openArray() { open(UInt8(ascii: "[")) }

    public mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// A member's key; its value is the next thing written.
    public mutating func key(_ name: StaticString) {
        member()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: " "))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(UInt8(ascii: " "))
        afterKey = true
    }

    public mutating func string(_ value: String) {
        startValue()
        var value = value
        value.withUTF8 { appendEscaped($0) }
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        startValue()
        appendASCII(value.description)
    }

    public mutating func double(_ value: Double) throws(NonFiniteNumber) {
        guard value.isFinite else { throw NonFiniteNumber(value: value) }
        startValue()
        let text = value.description
        let utf8 = text.utf8
        if utf8.count >= 2, text.hasSuffix(".0") {
            bytes.append(contentsOf: utf8.dropLast(2))
        } else {
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func double(_ value: Double?) throws(NonFiniteNumber) {
        if let value { try double(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        appendASCII(value ? "true" : "false")
    }

    public mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    public mutating func null() {
        startValue()
        appendASCII("null")
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        bytes.append(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        if empty { bytes.append(UInt8(ascii: "\n")) }
        indent()
        bytes.append(bracket)
        empty = false
    }

    /// Starts a member of the open container: `\n` (first) or `,\n`, then the indent.
    private mutating func member() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\n"))
        indent()
        empty = false
    }

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            member()
        }
    }

    /// Indents come from one run of spaces (appending a `repeatElement` went element by element).
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private mutating func indent() {
        var n = 2 * depth
        while n > 0 {
            let k = min(n, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<k])) }
            n -= k
        }
    }

    private mutating func appendASCII(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<utf8.count {
            let c = utf8[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
            runStart = i + 1
            bytes.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(c)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(UInt8(ascii: "u"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(hex.utf8Start[Int(c >> 4)])
                bytes.append(hex.utf8Start[Int(c & 0xF)])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }
}
