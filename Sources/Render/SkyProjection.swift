#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Maps the sky (azimuth, elevation) onto a disc: zenith at the centre, horizon on the
/// rim, north up and east to the right, like the site plan under it (the convention of
/// architects' sun-path charts).
public struct SkyProjection: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// r = R·tan((90° − e)/2): angles are true, circles stay circles (the usual sun-path chart).
        case stereographic
        /// r = R·(90° − e)/90°: elevation rings equally spaced.
        case equidistant
    }

    public var kind: Kind
    public var centre: Point
    /// Radius of the horizon circle.
    public var radius: Double

    public init(kind: Kind, centre: Point, radius: Double) {
        self.kind = kind
        self.centre = centre
        self.radius = radius
    }

    /// Distance from the centre of the circle of elevation `e` degrees (clamped to the horizon).
    public func ringRadius(elevationDegrees e: Double) -> Double {
        let z = (90 - max(0, min(90, e))) * Double.pi / 180
        switch kind {
        case .stereographic: return radius * tan(z / 2)
        case .equidistant: return radius * z / (Double.pi / 2)
        }
    }

    /// The picture point of a sky direction (azimuth clockwise from north).
    public func point(azimuthDegrees a: Double, elevationDegrees e: Double) -> Point {
        let r = ringRadius(elevationDegrees: e)
        let t = a * Double.pi / 180
        return Point(centre.x + r * sin(t), centre.y - r * cos(t))
    }
}
