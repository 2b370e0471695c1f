import Scene

/// One flat a listing website asks about (a row of a listings file).
public struct ListingRequest: Sendable, Equatable {
    public var listing: String
    /// A scene file path (relative to the listings file) for the CLI, a scene id for the daemon.
    public var scene: String
    public var flat: FlatAddress
    public var title: String?
    public var address: String?
    /// 1-based line in the listings file (0 when the request did not come from a file).
    public var line: Int

    public init(
        listing: String, scene: String, flat: FlatAddress, title: String? = nil, address: String? = nil,
        line: Int = 0
    ) {
        self.listing = listing
        self.scene = scene
        self.flat = flat
        self.title = title
        self.address = address
        self.line = line
    }
}

/// A bad row of a listings file: where, which listing and field, and what is wrong. A bad
/// header (or an empty file) is `wholeFile`: no row can be read past it.
public struct ListingsIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    /// The row's listing id, when it could be read.
    public var listing: String?
    /// The field (column) at fault, when one is.
    public var field: String?
    public var wholeFile: Bool

    public init(line: Int, message: String, listing: String? = nil, field: String? = nil, wholeFile: Bool = false) {
        self.line = line
        self.message = message
        self.listing = listing
        self.field = field
        self.wholeFile = wholeFile
    }

    public var description: String { "line \(line): \(message)" }
}
