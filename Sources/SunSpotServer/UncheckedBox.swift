/// A non-Sendable value handed to a database closure that runs exactly once, while the
/// handler awaits it (JSON objects from `JSONSerialization`).
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
