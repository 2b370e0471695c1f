/// Zero-padded decimal fields written straight into a string's bytes.
///
/// Dates and clock readings are printed several times per interval of every flat table;
/// building them from `pad` and interpolation cost a handful of allocations each, where
/// one buffer of known width needs none (or one, past 15 bytes). Callers keep the general
/// path for values outside the fixed widths (negative years, years past 9999).
enum ASCIIFields {
    /// Writes `value` (0 ..< 10^width) as `width` digits at `offset`.
    @inline(__always)
    static func digits(_ value: Int, width: Int, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var v = value
        var i = offset + width - 1
        while i >= offset {
            text[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
            i -= 1
        }
    }

    /// `YYYY-MM-DD` at `offset` (10 bytes); the year must be 0…9999.
    @inline(__always)
    static func date(_ d: CivilDate, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        digits(d.year, width: 4, into: text, at: offset)
        text[offset + 4] = UInt8(ascii: "-")
        digits(d.month, width: 2, into: text, at: offset + 5)
        text[offset + 7] = UInt8(ascii: "-")
        digits(d.day, width: 2, into: text, at: offset + 8)
    }

    /// `HH:MM:SS` at `offset` (8 bytes); `seconds` must be 0 ..< 360000.
    @inline(__always)
    static func clock(_ seconds: Int, into text: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        digits(seconds / 3600, width: 2, into: text, at: offset)
        text[offset + 2] = UInt8(ascii: ":")
        digits(seconds / 60 % 60, width: 2, into: text, at: offset + 3)
        text[offset + 5] = UInt8(ascii: ":")
        digits(seconds % 60, width: 2, into: text, at: offset + 6)
    }
}
