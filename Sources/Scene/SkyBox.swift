#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The part of the sky an obstacle can cover, seen from one point: an azimuth range
/// and the steepest elevation it reaches. Conservative: it may be larger, never smaller.
public struct SkyBox: Sendable {
    /// Azimuth range, degrees clockwise from north; `fromDegrees` may exceed `toDegrees` (wraps).
    public let fromDegrees: Double
    public let toDegrees: Double
    /// Whole horizon (the point sits in a concave corner or very close).
    public let fullCircle: Bool
    /// tan of the highest elevation any part of the obstacle reaches.
    public let maxTanElevation: Double
    /// Plan distance from the point to the nearest and the farthest part of the footprint.
    let nearest: Double
    let farthest: Double

    init(from p: Vec3, obstacle o: Obstacle) {
        let fp = o.footprint
        var nearest = Double.infinity
        for i in fp.indices {
            let a = fp[i]
            let b = fp[(i + 1) % fp.count]
            let e = b - a
            let t = max(0, min(1, (p.xy - a).dot(e) / e.dot(e)))
            nearest = min(nearest, (a + e * t - p.xy).length)
        }
        maxTanElevation = nearest < 1e-6 ? .infinity : (o.topMeters - p.z) / nearest
        self.nearest = nearest
        farthest = fp.reduce(0) { max($0, ($1 - p.xy).length) }
        // Azimuths of the corners relative to the first; the span is the range of those.
        let azimuths = fp.map { v -> Double in atan2(v.x - p.x, v.y - p.y) * 180 / Double.pi }
        let reference = azimuths[0]
        var low = 0.0
        var high = 0.0
        var turning = 0.0
        for i in fp.indices {
            var step = azimuths[(i + 1) % fp.count] - azimuths[i]
            if step > 180 { step -= 360 }
            if step < -180 { step += 360 }
            turning += step
            let rel = azimuths[(i + 1) % fp.count] - reference
            var r = rel.truncatingRemainder(dividingBy: 360)
            if r > 180 { r -= 360 }
            if r < -180 { r += 360 }
            low = min(low, r)
            high = max(high, r)
        }
        // A winding around the point, or a span near 180°, means it may surround it.
        fullCircle = abs(turning) > 180 || high - low >= 179 || nearest < 1e-6
        fromDegrees = (reference + low + 720).truncatingRemainder(dividingBy: 360)
        toDegrees = (reference + high + 720).truncatingRemainder(dividingBy: 360)
    }

    /// Azimuths covered, as a start and a clockwise width in degrees.
    var width: Double { (toDegrees - fromDegrees + 360).truncatingRemainder(dividingBy: 360) }

    /// Whether `other`'s azimuth range lies inside this one's, with a margin on both sides.
    func encloses(_ other: SkyBox, marginDegrees m: Double) -> Bool {
        guard !fullCircle, !other.fullCircle else { return false }
        let offset = (other.fromDegrees - fromDegrees + 360).truncatingRemainder(dividingBy: 360)
        return offset >= m && offset + other.width <= width - m
    }
}
