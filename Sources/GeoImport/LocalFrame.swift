/// The scene's local metric frame around a reference point: x east, y north, metres.
///
/// It is PROJ's azimuthal equidistant projection centred on the point, on WGS84.
/// Distances and azimuths from the centre are exact; at the centre +y is true
/// north, and a kilometre away grid and true north differ by about
/// (distance / Earth radius) · tan(latitude) radians (0.008° at 1 km east of a
/// site at 40° N), and lengths by under 1 part in 10⁸ — far below what a building
/// footprint carries. So the document keeps `northAngle` at 0.
public struct LocalFrame: Sendable, Equatable {
    /// Latitude of the origin, degrees north.
    public let latitude: Double
    /// Longitude of the origin, degrees east.
    public let longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// The frame as a PROJ CRS string (`+type=crs` so PROJ can transform into it).
    ///
    /// The numbers print in their shortest round-trip form, as Python's `repr` does,
    /// so the reference fixture (Tests/GeoImportTests/Fixtures/make_proj_fixture.py)
    /// builds the very same string.
    public var projString: String {
        "+proj=aeqd +lat_0=\(latitude) +lon_0=\(longitude) +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"
    }

    /// A projector from WGS84 longitude/latitude (EPSG:4326, lon first) into this frame.
    public func projectorFromWGS84() throws(ProjectionError) -> Projector {
        try Projector(from: "EPSG:4326", to: projString)
    }
}
