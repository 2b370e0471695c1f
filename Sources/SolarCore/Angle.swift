#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Degree-based trigonometry: SPA and the standards state every angle in degrees,
/// so the code reads like the report when it keeps them that way.
@usableFromInline let degreesPerRadian = 180.0 / Double.pi
@usableFromInline let radiansPerDegree = Double.pi / 180.0

@inlinable func sinDeg(_ x: Double) -> Double { sin(x * radiansPerDegree) }
@inlinable func cosDeg(_ x: Double) -> Double { cos(x * radiansPerDegree) }
@inlinable func tanDeg(_ x: Double) -> Double { tan(x * radiansPerDegree) }
@inlinable func asinDeg(_ x: Double) -> Double { asin(max(-1, min(1, x))) * degreesPerRadian }
@inlinable func atanDeg(_ x: Double) -> Double { atan(x) * degreesPerRadian }
@inlinable func atan2Deg(_ y: Double, _ x: Double) -> Double { atan2(y, x) * degreesPerRadian }

/// Reduces an angle to [0, 360).
@inlinable public func normalizedDegrees(_ x: Double) -> Double {
    let r = x.truncatingRemainder(dividingBy: 360)
    return r < 0 ? r + 360 : r
}

/// Reduces an angle to (−180, 180].
@inlinable public func signedDegrees(_ x: Double) -> Double {
    let r = normalizedDegrees(x)
    return r > 180 ? r - 360 : r
}

@inlinable func cosRad(_ x: Double) -> Double { cos(x) }
@inlinable func acosDeg(_ x: Double) -> Double { acos(max(-1, min(1, x))) * degreesPerRadian }
