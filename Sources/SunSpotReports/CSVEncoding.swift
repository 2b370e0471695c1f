import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text encodings of the CSV files people hand to `sunspot report`, and of the ones it writes.
///
/// In: UTF-8 with or without a byte order mark, or GB18030 — what Excel on Chinese Windows
/// saves as "CSV (逗号分隔)"; GBK and GB2312 are subsets of it, so they read the same. Anything
/// else is refused with the offset of the first byte that is not UTF-8, never read as U+FFFD.
///
/// Out: CSV for programs has no BOM by default: Python's csv and pandas, `cut` and most
/// loaders would take the BOM as part of the first column's name ("\u{FEFF}listing"), and a
/// `--resume` appends to the file. `--excel` writes the UTF-8 BOM, the only sign by which
/// Excel opens a CSV as UTF-8 instead of the system code page (Chinese shows as garbage).
public enum CSVEncoding {
    /// U+FEFF, written first by `--excel`.
    public static let byteOrderMark = "\u{FEFF}"

    /// How the input was read.
    public enum Source: String, Sendable {
        case utf8 = "UTF-8"
        case utf8WithBOM = "UTF-8 with BOM"
        case gb18030 = "GB18030"
    }

    /// Why a file was not read.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The file's text and how it was read; a BOM is left out of the text.
    public static func decode(_ bytes: [UInt8]) throws(Refusal) -> (text: String, source: Source) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            guard let text = String(validating: body, as: UTF8.self) else {
                throw Refusal(
                    description:
                        "starts with a UTF-8 byte order mark, but byte \(firstInvalidUTF8(body).map { $0 + 3 } ?? 0) is not UTF-8"
                )
            }
            return (text, .utf8WithBOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Refusal(
                description: "is UTF-16 (a spreadsheet's \"Unicode text\"); save it as \"CSV UTF-8\" or plain CSV")
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (text, .utf8) }
        if let text = convert(bytes, from: "GB18030") { return (text, .gb18030) }
        let offset = firstInvalidUTF8(bytes) ?? 0
        throw Refusal(
            description:
                "is neither UTF-8 nor GB18030/GBK (byte \(offset), 0x\(String(bytes[offset], radix: 16, uppercase: true)), is not UTF-8); save it as \"CSV UTF-8\""
        )
    }

    /// The offset of the first byte where `bytes` stops being UTF-8, or nil when it all is.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// `bytes` in `encoding` as text, through iconv; nil when they are not valid in it.
    static func convert(_ bytes: [UInt8], from encoding: String) -> String? {
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        var inputLeft = input.count
        var outputLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                return iconv(converter, &inPointer, &inputLeft, &outPointer, &outputLeft) != -1
            }
        }
        guard converted, inputLeft == 0 else { return nil }
        return String(validating: output[0..<(output.count - outputLeft)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
