import Foundation

/// The part of a larger extract to import (`--bbox W,S,E,N` or `--around LAT,LON
/// --radius M`). A building is in when the mean of its outer ring's vertices is: a
/// building on the edge is taken whole or not at all, never cut.
public enum AreaFilter: Sendable, Equatable {
    /// West, south, east, north in degrees (WGS84).
    case bbox(west: Double, south: Double, east: Double, north: Double)
    /// A circle on the ground: centre and radius in metres (haversine, mean Earth radius).
    case around(latitude: Double, longitude: Double, radiusMeters: Double)

    /// Mean Earth radius (IUGG), metres; the haversine distance is within 0.5 % of the
    /// ellipsoid's, far below how well "around here" is meant.
    static let earthRadiusMeters = 6_371_008.8

    public func contains(_ ring: [Coordinate]) -> Bool {
        guard !ring.isEmpty else { return false }
        let lon = ring.reduce(0) { $0 + $1.x } / Double(ring.count)
        let lat = ring.reduce(0) { $0 + $1.y } / Double(ring.count)
        switch self {
        case let .bbox(west, south, east, north):
            return (west...east).contains(lon) && (south...north).contains(lat)
        case let .around(latitude, longitude, radius):
            return Self.distanceMeters(latitude, longitude, lat, lon) <= radius
        }
    }

    static func distanceMeters(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let r = Double.pi / 180
        let dLat = (lat2 - lat1) * r, dLon = (lon2 - lon1) * r
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * r) * cos(lat2 * r) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusMeters * asin(min(1, h.squareRoot()))
    }

    /// Reads `--bbox W,S,E,N`.
    public static func parseBBox(_ text: String) throws(ImportError) -> AreaFilter {
        let n = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard n.count == 4, let w = n[0], let s = n[1], let e = n[2], let no = n[3],
            [w, s, e, no].allSatisfy(\.isFinite)
        else {
            throw ImportError("--bbox", "'\(text)' must be four numbers WEST,SOUTH,EAST,NORTH in degrees")
        }
        guard (-180...180).contains(w), (-180...180).contains(e), (-90...90).contains(s), (-90...90).contains(no)
        else {
            throw ImportError("--bbox", "'\(text)': longitudes must be within ±180°, latitudes within ±90°")
        }
        guard w < e, s < no else {
            throw ImportError("--bbox", "'\(text)': WEST must be below EAST and SOUTH below NORTH")
        }
        return .bbox(west: w, south: s, east: e, north: no)
    }

    /// Reads `--around LAT,LON` with `--radius M`.
    public static func parseAround(_ text: String, radiusMeters: Double?) throws(ImportError) -> AreaFilter {
        let n = text.split(separator: ",", omittingEmptySubsequences: false).map {
            Double($0.trimmingCharacters(in: .whitespaces))
        }
        guard n.count == 2, let lat = n[0], let lon = n[1], (-90...90).contains(lat), (-180...180).contains(lon)
        else {
            throw ImportError("--around", "'\(text)' must be LAT,LON in degrees, e.g. 60.1699,24.9384")
        }
        guard let radiusMeters else {
            throw ImportError("--around", "needs --radius METRES, e.g. --radius 300")
        }
        guard radiusMeters.isFinite, radiusMeters > 0, radiusMeters <= 50_000 else {
            throw ImportError("--radius", "must be within 0...50000 m (got \(radiusMeters))")
        }
        return .around(latitude: lat, longitude: lon, radiusMeters: radiusMeters)
    }
}
