import Foundation

/// A GeoJSON property value, kept as the file wrote it: OpenStreetMap exports carry
/// numbers as strings (`"building:levels": "18"`, `"height": "54 m"`).
public enum PropertyValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    /// An object or list: never a valid height or id, kept to say so.
    case structured

    /// nil for JSON null (an absent value).
    init?(json: Any) {
        switch json {
        case is NSNull: return nil
        case let s as String: self = .string(s)
        default:
            if let n = PropertyValue.jsonNumber(json) {
                self = .number(n)
            } else if let n = json as? NSNumber {
                self = .bool(n.boolValue)
            } else {
                self = .structured
            }
        }
    }

    /// The value as text, for ids and names (whole numbers without a decimal point).
    public var text: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool, .structured: return nil
        }
    }

    /// JSON for messages: strings quoted.
    var quoted: String {
        switch self {
        case .string(let s): return "'\(s)'"
        case .number: return text ?? "?"
        case .bool(let b): return String(b)
        case .structured: return "an object or list"
        }
    }

    /// A JSON number from Foundation's parser; booleans, which Foundation also
    /// returns as NSNumber (type code "c"), are not numbers.
    static func jsonNumber(_ value: Any) -> Double? {
        guard let n = value as? NSNumber, !(value is String) else { return nil }
        if String(cString: n.objCType) == "c" { return nil }
        return n.doubleValue
    }
}
