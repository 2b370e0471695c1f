import Hummingbird
import Scene
import SolarCore
import SunSpotIO

/// Reading query parameters: each at most once, and the shared values (year, date, band)
/// through SunSpotIO's ``Parameters``, so the daemon refuses what the CLI refuses, in the
/// same words, with `path` naming the parameter.
extension Request {
    /// A query parameter as text (nil when absent); 400 when repeated.
    func query(_ name: String) throws -> String? {
        let values = uri.queryParameters.getAll(name)
        guard values.count <= 1 else {
            throw APIError.badRequest("query parameter '\(name)' is given more than once", path: name)
        }
        return values.first.map { String($0) }
    }

    func requiredDouble(_ name: String) throws -> Double {
        guard let text = try query(name) else {
            throw APIError.badRequest("query parameter '\(name)' is required", path: name)
        }
        guard let x = Double(text), x.isFinite else {
            throw APIError.badRequest("must be a finite number (got '\(text)')", path: name)
        }
        return x
    }

    func bool(_ name: String) throws -> Bool {
        guard let text = try query(name) else { return false }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.badRequest("must be true or false (got '\(text)')", path: name)
        }
    }

    /// The `year` parameter (default `value`), within the years SolarCore supports.
    func year(_ name: String = "year", default value: Int) throws -> Int {
        guard let text = try query(name) else { return value }
        return try Self.parsed { () throws(QueryFailure) in try Parameters.year(text, field: name) }
    }

    /// A `YYYY-MM-DD` date parameter; nil when absent and not `required`.
    func date(_ name: String = "date", required: Bool) throws -> CivilDate? {
        guard let text = try query(name) else {
            if required { throw APIError.badRequest("query parameter '\(name)' is required (YYYY-MM-DD)", path: name) }
            return nil
        }
        return try Self.parsed { () throws(QueryFailure) in try Parameters.date(text, field: name) }
    }

    /// A `START-END` band of hours; nil when absent.
    func band(_ name: String = "band") throws -> RuleProfile.Band? {
        guard let text = try query(name) else { return nil }
        return try Self.parsed { () throws(QueryFailure) in try Parameters.band(text, field: name) }
    }

    /// A shared parser's failure as a 400 naming the parameter.
    static func parsed<T>(_ parse: () throws(QueryFailure) -> T) throws -> T {
        do {
            return try parse()
        } catch {
            throw APIError.badRequest(error.message, path: error.field)
        }
    }
}
