/// Why PROJ could not build or run a transformation; each case names the CRS
/// text the user gave, so the message can be acted on.
public enum ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// PROJ could not parse or find `crs` (e.g. `EPSG:999999`, a typo in a PROJ string).
    case unknownCRS(crs: String, reason: String)
    /// `crs` parsed but is not a coordinate reference system (e.g. a bare `+proj=merc` operation).
    case notACRS(crs: String)
    /// No operation from `source` to `target` exists.
    case noTransformation(source: String, target: String, reason: String)
    /// A point did not transform (outside the projection's domain, or not a number).
    case pointFailed(index: Int, point: Coordinate, crs: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownCRS(crs, reason): return "'\(crs)' is not a CRS that PROJ knows (\(reason))"
        case let .notACRS(crs): return "'\(crs)' is a PROJ operation, not a coordinate reference system"
        case let .noTransformation(source, target, reason):
            return "PROJ has no transformation from '\(source)' to '\(target)' (\(reason))"
        case let .pointFailed(index, point, crs, reason):
            return "point \(index) [\(point.x), \(point.y)] does not transform from '\(crs)' (\(reason))"
        }
    }
}
