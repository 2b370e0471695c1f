/// The file formats a picture can be written in; cairo gives all three from one drawing.
public enum ImageFormat: String, CaseIterable, Sendable {
    case png, pdf, svg

    /// The format a file name asks for by its extension (case-insensitive), if any.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
