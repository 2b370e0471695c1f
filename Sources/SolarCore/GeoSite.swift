/// Where the sun is seen from: a point on the WGS84 ellipsoid and the air above it.
public struct GeoSite: Hashable, Sendable, Codable {
    /// Geodetic latitude, degrees, north positive.
    public var latitude: Double
    /// Longitude, degrees, east positive.
    public var longitude: Double
    /// Height above the ellipsoid in metres (SPA's "elevation").
    public var heightMeters: Double
    /// Annual mean pressure and temperature for the refraction model (SPA defaults).
    public var pressureMillibars: Double
    public var temperatureCelsius: Double

    public init(
        latitude: Double, longitude: Double, heightMeters: Double = 0,
        pressureMillibars: Double = 1010, temperatureCelsius: Double = 10
    ) {
        self.latitude = latitude
        self.longitude = longitude
        self.heightMeters = heightMeters
        self.pressureMillibars = pressureMillibars
        self.temperatureCelsius = temperatureCelsius
    }

    /// Reasons the site cannot be used, each naming the field; empty when valid.
    public var problems: [(field: String, message: String)] {
        var out: [(String, String)] = []
        if !latitude.isFinite || abs(latitude) > 90 { out.append(("latitude", "must be within -90...90 degrees")) }
        if !longitude.isFinite || abs(longitude) > 180 {
            out.append(("longitude", "must be within -180...180 degrees"))
        }
        if !heightMeters.isFinite || heightMeters < -500 || heightMeters > 9000 {
            out.append(("heightMeters", "must be within -500...9000 m"))
        }
        if !pressureMillibars.isFinite || pressureMillibars <= 0 || pressureMillibars > 5000 {
            out.append(("pressureMillibars", "must be within 0...5000 mbar"))
        }
        if !temperatureCelsius.isFinite || temperatureCelsius < -273 || temperatureCelsius > 100 {
            out.append(("temperatureCelsius", "must be within -273...100 °C"))
        }
        return out
    }
}
