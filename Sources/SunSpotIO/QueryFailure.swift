/// A bad input value, named by the parameter that carried it.
///
/// The CLI prints it as `--field: message`; the daemon answers it as a 400 whose
/// `path` is the query parameter. Both use the same field names (`lat`, `at`, `standard`…).
public struct QueryFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field) \(message)" }
}
