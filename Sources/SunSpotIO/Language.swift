/// Language of labels and names.
public enum Language: String, CaseIterable, Sendable {
    case zh, en

    /// Picks the label for this language.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
