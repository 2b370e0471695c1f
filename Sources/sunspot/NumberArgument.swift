import ArgumentParser

/// Reads a numeric option. Text that is not a finite number is refused with what is
/// accepted, so the parser's message names the value, the option and the form:
/// `The value 'abc' is invalid for '--lat <lat>': expected a number, e.g. -33.86`.
func number(_ example: String) -> @Sendable (String) throws -> Double {
    { text in
        guard let value = Double(text), value.isFinite else {
            throw ValidationError("expected a number, e.g. \(example)")
        }
        return value
    }
}

/// The same for whole numbers (floors, years, indices, counts).
func wholeNumber(_ example: String) -> @Sendable (String) throws -> Int {
    { text in
        guard let value = Int(text) else { throw ValidationError("expected a whole number, e.g. \(example)") }
        return value
    }
}
