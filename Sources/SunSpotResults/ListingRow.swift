import Scene

/// One listing row read from its named fields — the one reading of a row that the CLI's
/// listings files (CSV, JSON Lines) and the daemon's `POST /v1/reports` (JSON, CSV) share.
///
/// The caller says how its format carries a field (``Field``); this decides what a valid row
/// is and says what is wrong with an invalid one, by field, so the CLI can print
/// `line 4: floor 'five' is not a whole number ≥ 1` and the daemon answer
/// `listings[3].floor`.
public enum ListingRow {
    public static let requiredFields = ["listing", "scene", "building", "floor", "unit"]
    public static let optionalFields = ["title", "address"]
    public static var fields: [String] { requiredFields + optionalFields }

    /// A field as its format carries it.
    public enum Field: Sendable, Equatable {
        case absent
        case text(String)
        /// Present but of a type the format does not allow here (e.g. a JSON object).
        case wrongType
    }

    /// What is wrong with a row: the field, and a message that reads after the field's name.
    public struct Issue: Error, Sendable, Equatable {
        public var field: String
        public var message: String
    }

    /// The request the fields describe, or the first problem in field order.
    /// - Parameter line: the row's line in its file (0 when it came from elsewhere).
    public static func parse(line: Int = 0, _ field: (String) -> Field) -> Result<ListingRequest, Issue> {
        var values: [String: String] = [:]
        for name in fields {
            switch field(name) {
            case .absent:
                if requiredFields.contains(name) { return .failure(Issue(field: name, message: "is required")) }
            case .wrongType:
                let expected = name == "floor" ? "must be a whole number ≥ 1" : "must be text"
                return .failure(Issue(field: name, message: expected))
            case .text(let raw):
                let value = raw.trimmingCharacters(in: .whitespaces)
                if value.isEmpty {
                    if requiredFields.contains(name) { return .failure(Issue(field: name, message: "is empty")) }
                } else {
                    values[name] = value
                }
            }
        }
        let floorText = values["floor"]!
        guard let floor = Int(floorText), floor >= 1 else {
            return .failure(Issue(field: "floor", message: "'\(floorText.prefix(40))' is not a whole number ≥ 1"))
        }
        return .success(
            ListingRequest(
                listing: values["listing"]!, scene: values["scene"]!,
                flat: FlatAddress(building: values["building"]!, floor: floor, unit: values["unit"]!),
                title: values["title"], address: values["address"], line: line))
    }
}
