/// A problem with the input of an import, with where it is: a JSON path in the
/// GeoJSON file (`features[3].properties.height`), an option (`--crs`), or empty
/// for the file as a whole. Importing stops at the first one and writes nothing.
public struct ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public var location: String
    public var message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
