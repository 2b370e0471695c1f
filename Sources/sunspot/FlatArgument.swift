import ArgumentParser
import Scene

/// Parses a flat given as `3/5/east` or with --building/--floor/--unit (both forms in one place).
func resolveFlat(text: String?, building: String?, floor: Int?, unit: String?, option: String) throws -> FlatAddress? {
    if let text {
        guard building == nil, floor == nil, unit == nil else {
            throw ValidationError(
                "give the flat either as \(option) building/floor/unit or with --building/--floor/--unit, not both")
        }
        guard let address = FlatAddress(text) else {
            throw ValidationError("\(option) '\(text)' is not building/floor/unit, e.g. 3/5/east")
        }
        return address
    }
    if building == nil && floor == nil && unit == nil { return nil }
    guard let building else { throw ValidationError("missing --building (or \(option) like 3/5/east)") }
    guard let floor else {
        throw ValidationError("missing --floor: give the floor, 1-based, e.g. --floor 5 (or \(option) like 3/5/east)")
    }
    guard let unit else {
        throw ValidationError("missing --unit: give the unit id, e.g. --unit east (or \(option) like 3/5/east)")
    }
    return FlatAddress(building: building, floor: floor, unit: unit)
}
