/// JSON written straight into bytes in exactly the layout ``JSONOutput`` prints, for the
/// shapes served so often that Foundation's encoder dominated their cost (the flat table:
/// most of a request's CPU went into `JSONEncoder`'s boxing and key sorting).
///
/// Byte-identical to `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`:
/// two-space indent, `"key" : value`, empty containers as `[` `\n\n` indent `]`, `/` not
/// escaped, control characters as `\b \t \n \f \r` or `\u00xx`, doubles as Swift's shortest
/// round-trip `description` without a trailing `.0`. The caller writes keys in byte order (what
/// `.sortedKeys` does); tests hold each writer to the Foundation path byte for byte.
public struct PrettyJSONWriter: ~Copyable {
    /// Foundation refuses NaN and ±∞ under `nonConformingFloatEncodingStrategy = .throw`; so does this.
    public struct NonFiniteNumber: Error, Sendable {
        public let value: Double
    }

    /// The bytes so far, in memory the writer owns: a token reserves its room once and is
    /// stored with plain copies (appending to an array byte by byte checked its uniqueness
    /// and capacity each time, and the flat table's keys were a quarter of its JSON cost).
    /// Non-copyable, so two writers never share it.
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var depth = 0
    /// Whether the innermost open container has no member yet.
    private var empty = false
    /// A key was just written: the value follows on the same line.
    private var afterKey = false

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The document with the final newline ``JSONOutput/encode(_:)`` adds.
    public consuming func document() -> [UInt8] {
        reserve(1)
        put(UInt8(ascii: "\n"))
        return bytes
    }

    public mutating func openObject() { open(UInt8(ascii: "{")) }

    public mutating func closeObject() { close(UInt8(ascii: "}")) }

    public mutating func openArray() { open(UInt8(ascii: "[")) }

    public mutating func closeArray() { close(UInt8(ascii: "]")) }

    /// A member's key; its value is the next thing written.
    public mutating func key(_ name: StaticString) {
        name.withUTF8Buffer { utf8 in
            reserve(utf8.count + 2 * depth + 7)
            member()
            put(UInt8(ascii: "\""))
            if let start = utf8.baseAddress { put(start, utf8.count) }
            put(UInt8(ascii: "\""))
            put(UInt8(ascii: " "))
            put(UInt8(ascii: ":"))
            put(UInt8(ascii: " "))
        }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // Escaping at most sextuples a byte (`\u00xx`).
            reserve(2 * depth + 4 + 6 * utf8.count)
            startValue()
            putEscaped(utf8)
        }
    }

    public mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    public mutating func int(_ value: Int) {
        ascii(value.description)
    }

    public mutating func double(_ value: Double) throws(NonFiniteNumber) {
        guard value.isFinite else { throw NonFiniteNumber(value: value) }
        var text = value.description
        text.withUTF8 { utf8 in
            reserve(2 * depth + 2 + utf8.count)
            startValue()
            let whole =
                utf8.count >= 2 && utf8[utf8.count - 2] == UInt8(ascii: ".")
                && utf8[utf8.count - 1] == UInt8(ascii: "0")
            put(utf8.baseAddress!, whole ? utf8.count - 2 : utf8.count)
        }
    }

    public mutating func double(_ value: Double?) throws(NonFiniteNumber) {
        if let value { try double(value) } else { null() }
    }

    public mutating func bool(_ value: Bool) {
        ascii(value ? "true" : "false")
    }

    public mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    public mutating func null() {
        ascii("null")
    }

    private mutating func open(_ bracket: UInt8) {
        reserve(2 * depth + 3)
        startValue()
        put(bracket)
        depth += 1
        empty = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        reserve(2 * depth + 3)
        put(UInt8(ascii: "\n"))
        if empty { put(UInt8(ascii: "\n")) }
        indent()
        put(bracket)
        empty = false
    }

    /// A scalar's text (ASCII, no escaping) as the next value.
    private mutating func ascii(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            reserve(2 * depth + 2 + utf8.count)
            startValue()
            put(utf8.baseAddress!, utf8.count)
        }
    }

    /// Starts a member of the open container: `\n` (first) or `,\n`, then the indent.
    /// Needs 2 + 2·depth bytes reserved.
    private mutating func member() {
        if !empty { put(UInt8(ascii: ",")) }
        put(UInt8(ascii: "\n"))
        indent()
        empty = false
    }

    /// Needs 2 + 2·depth bytes reserved.
    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            member()
        }
    }

    /// Needs 2·depth bytes reserved.
    private mutating func indent() {
        (base + count).initialize(repeating: UInt8(ascii: " "), count: 2 * depth)
        count += 2 * depth
    }

    /// Makes room for `n` more bytes; the `put`s that follow do not check.
    @inline(__always)
    private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let grown = max(2 * capacity, count + n)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func put(_ source: UnsafePointer<UInt8>, _ n: Int) {
        (base + count).update(from: source, count: n)
        count += n
    }

    /// A JSON string; needs 2 + 6·count bytes reserved.
    private mutating func putEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        var runStart = 0
        for i in 0..<utf8.count {
            let c = utf8[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            put(utf8.baseAddress! + runStart, i - runStart)
            runStart = i + 1
            put(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(c)
            case 0x08: put(UInt8(ascii: "b"))
            case 0x09: put(UInt8(ascii: "t"))
            case 0x0A: put(UInt8(ascii: "n"))
            case 0x0C: put(UInt8(ascii: "f"))
            case 0x0D: put(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                put(UInt8(ascii: "u"))
                put(UInt8(ascii: "0"))
                put(UInt8(ascii: "0"))
                put(hex.utf8Start[Int(c >> 4)])
                put(hex.utf8Start[Int(c & 0xF)])
            }
        }
        if utf8.count > runStart { put(utf8.baseAddress! + runStart, utf8.count - runStart) }
        put(UInt8(ascii: "\""))
    }
}
