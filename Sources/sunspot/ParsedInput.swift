import ArgumentParser
import SunSpotIO

/// Runs one of SunSpotIO's shared parsers (``Parameters``, ``ProfileChoice``) and turns its
/// failure into the CLI's one-line error, `--field: message` (the daemon answers the same
/// failure as a 400 whose `path` is the field).
func parsed<T>(_ parse: () throws(QueryFailure) -> T) throws -> T {
    do {
        return try parse()
    } catch {
        throw ValidationError("--\(error.field): \(error.message)")
    }
}

/// Resolves an IANA zone name or fails with a message that names it.
func resolveZone(_ identifier: String, option: String = "--tz") throws -> SystemTimeZone {
    guard let zone = SystemTimeZone(identifier: identifier) else {
        throw ValidationError("\(option): unknown time zone '\(identifier)' (use an IANA name such as Asia/Shanghai)")
    }
    return zone
}
