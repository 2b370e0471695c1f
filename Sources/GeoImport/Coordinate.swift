/// A 2-D coordinate in a CRS, in PROJ's "visualization" axis order: easting or
/// longitude first, northing or latitude second (whatever order the authority
/// defines; EPSG:4326 itself says latitude first).
public struct Coordinate: Hashable, Sendable {
    /// Easting (metres) or longitude (degrees).
    public var x: Double
    /// Northing (metres) or latitude (degrees).
    public var y: Double

    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}
