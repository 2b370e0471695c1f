/// The JSON shape a `Decodable` type reads: its objects' fields, which are optional, and
/// what each holds — found by decoding the type once from a probe that answers every
/// request and writes down what was asked.
///
/// It exists so that a format's rules live in one place, the Codable types: the scene
/// loader rejects unknown keys with it and a test checks `openapi.yaml` against it, so
/// neither can drift from `SceneDocument` (issue 15 §2).
public indirect enum DecodableShape: Equatable, Sendable {
    case number
    case integer
    case string
    case boolean
    case list(DecodableShape)
    /// Fields in the order the type decodes them.
    case object([Field])
    /// A type this probe cannot see into (a custom `init(from:)` that rejected the probe's values).
    case opaque

    public struct Field: Equatable, Sendable {
        public let name: String
        public let isOptional: Bool
        public let shape: DecodableShape

        public init(name: String, isOptional: Bool, shape: DecodableShape) {
            self.name = name
            self.isOptional = isOptional
            self.shape = shape
        }
    }

    /// The shape `T` decodes.
    public static func of<T: Decodable>(_ type: T.Type) -> DecodableShape {
        if let scalar = scalar(type) { return scalar }
        let probe = ShapeProbe()
        _ = try? T(from: probe)
        return probe.shape
    }

    /// The fields of an object shape (empty for any other).
    public var fields: [Field] {
        if case let .object(fields) = self { return fields }
        return []
    }

    /// The field called `name` of an object shape.
    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }

    static func scalar(_ type: Any.Type) -> DecodableShape? {
        switch type {
        case is Double.Type, is Float.Type: return .number
        case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
            is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type:
            return .integer
        case is String.Type: return .string
        case is Bool.Type: return .boolean
        default: return nil
        }
    }
}

/// A `Decoder` that hands out containers recording what the decoded type asks for.
private final class ShapeProbe: Decoder {
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]
    var shape = DecodableShape.opaque
    var fields: [DecodableShape.Field] = []
    var element: DecodableShape?

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        shape = .object([])
        return KeyedDecodingContainer(KeyedProbe<Key>(probe: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        shape = .list(.opaque)
        return UnkeyedProbe(probe: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleProbe(probe: self) }

    func record(_ key: String, optional: Bool, _ shape: DecodableShape) {
        if let i = fields.firstIndex(where: { $0.name == key }) {
            fields[i] = .init(name: key, isOptional: fields[i].isOptional && optional, shape: shape)
        } else {
            fields.append(.init(name: key, isOptional: optional, shape: shape))
        }
        self.shape = .object(fields)
    }

    /// A value of `T` for the decoding type to carry on with, and the shape `T` reads.
    static func sample<T: Decodable>(_ type: T.Type) throws -> (T, DecodableShape) {
        if let shape = DecodableShape.scalar(type), let zero = zeros.lazy.compactMap({ $0 as? T }).first {
            return (zero, shape)
        }
        let probe = ShapeProbe()
        let value = try T(from: probe)
        return (value, probe.shape)
    }

    static let zeros: [any Sendable] = [
        false, "", 0.0, Float(0), 0, Int8(0), Int16(0), Int32(0), Int64(0), UInt(0),
        UInt8(0), UInt16(0), UInt32(0), UInt64(0),
    ]
}

private struct KeyedProbe<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let probe: ShapeProbe
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeAny(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try decodeAnyIfPresent(type, key)
    }

    // The synthesized Codable calls the concrete overloads for standard types.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeAny(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeAny(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeAny(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeAny(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeAny(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeAny(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeAny(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeAny(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeAny(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeAny(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeAny(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeAny(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeAny(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeAny(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try decodeAnyIfPresent(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try decodeAnyIfPresent(type, key) }

    private func decodeAny<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let (value, shape) = try ShapeProbe.sample(type)
        probe.record(key.stringValue, optional: false, shape)
        return value
    }

    private func decodeAnyIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        let (value, shape) = try ShapeProbe.sample(type)
        probe.record(key.stringValue, optional: true, shape)
        return value
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: self, debugDescription: "the shape probe does not follow nested containers")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorruptedError(
            forKey: key, in: self, debugDescription: "the shape probe does not follow nested containers")
    }

    func superDecoder() throws -> any Decoder { probe }
    func superDecoder(forKey key: Key) throws -> any Decoder { probe }
}

/// Holds one element, so a list's element type is decoded (and recorded) exactly once.
private struct UnkeyedProbe: UnkeyedDecodingContainer {
    let probe: ShapeProbe
    var codingPath: [any CodingKey] { [] }
    var count: Int? { 1 }
    var currentIndex = 0
    var isAtEnd: Bool { currentIndex >= 1 }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeAny(type) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeAny(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeAny(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeAny(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeAny(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeAny(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeAny(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeAny(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeAny(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeAny(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeAny(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeAny(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeAny(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeAny(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeAny(type) }

    private mutating func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try ShapeProbe.sample(type)
        probe.shape = .list(shape)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "the shape probe does not follow nested containers"))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.dataCorrupted(
            .init(codingPath: [], debugDescription: "the shape probe does not follow nested containers"))
    }

    mutating func superDecoder() throws -> any Decoder { probe }
}

private struct SingleProbe: SingleValueDecodingContainer {
    let probe: ShapeProbe
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeAny(type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeAny(type) }
    func decode(_ type: String.Type) throws -> String { try decodeAny(type) }
    func decode(_ type: Double.Type) throws -> Double { try decodeAny(type) }
    func decode(_ type: Float.Type) throws -> Float { try decodeAny(type) }
    func decode(_ type: Int.Type) throws -> Int { try decodeAny(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeAny(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeAny(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeAny(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeAny(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeAny(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeAny(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeAny(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeAny(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeAny(type) }

    private func decodeAny<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, shape) = try ShapeProbe.sample(type)
        probe.shape = shape
        return value
    }
}
