#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A stretch of sky, at one azimuth, that one building covers as seen from a point.
public struct SkyCover: Hashable, Sendable {
    /// Lowest and highest covered elevations, degrees (≥ 0; the sun below the horizon is not asked about).
    public var lowDegrees: Double
    public var highDegrees: Double
    /// Index of the building (into the scene) whose prism covers it.
    public var building: Int
}

/// What blocks the sky at one azimuth, seen from a calculation point: the sun-path
/// diagram's obstruction skyline (遮挡天际线).
public struct SkylineSample: Hashable, Sendable {
    /// Degrees clockwise from north.
    public var azimuthDegrees: Double
    /// Every covered stretch, lowest first (raised volumes leave gaps below them).
    public var covers: [SkyCover]

    /// Top of the obstruction (0: open to the horizon).
    public var topElevationDegrees: Double { covers.map(\.highDegrees).max() ?? 0 }
    /// The building whose top edge is the skyline here.
    public var topBuilding: Int? { covers.max { $0.highDegrees < $1.highDegrees }?.building }

    /// Whether the sun at this azimuth and `elevationDegrees` is behind a building.
    public func isCovered(elevationDegrees e: Double) -> Bool {
        covers.contains { e >= $0.lowDegrees && e <= $0.highDegrees }
    }
}

extension ObstructionView {
    /// The obstruction at one azimuth, exactly from the prisms.
    ///
    /// A ray leaving the point at azimuth α and elevation e is at height z + t·tan e
    /// after t metres of plan distance. Where the plan ray is inside a footprint for
    /// t ∈ [t₀, t₁], it meets that prism (base b, top h) iff t₀·tan e ≤ h − z and
    /// t₁·tan e ≥ b − z: the covered elevations are [atan((b − z)/t₁), atan((h − z)/t₀)].
    /// The plan intervals come from the footprint edges the ray crosses (even–odd,
    /// half-open at vertices, so a ray through a corner is counted once).
    public func skyline(azimuthDegrees: Double) -> SkylineSample {
        let a = azimuthDegrees * Double.pi / 180
        let d = Vec2(sin(a), cos(a))
        let p = point.xy
        var covers: [SkyCover] = []
        for o in obstacles {
            let fp = o.footprint
            var ahead: [Double] = []
            var behind = 0
            var j = fp.count - 1
            for i in fp.indices {
                let u = fp[j] - p
                let v = fp[i] - p
                let su = d.cross(u)
                let sv = d.cross(v)
                if (su > 0) != (sv > 0) {
                    // Where segment u→v meets the ray's line: the parameter along d.
                    let w = su / (su - sv)
                    let t = (u + (v - u) * w).dot(d)
                    if t > 0 { ahead.append(t) } else { behind += 1 }
                }
                j = i
            }
            ahead.sort()
            if behind % 2 == 1 { ahead.insert(0, at: 0) }
            var k = 0
            while k + 1 < ahead.count {
                let t0 = ahead[k]
                let t1 = ahead[k + 1]
                k += 2
                let high = t0 > 0 ? atan2(o.topMeters - point.z, t0) * 180 / Double.pi : 90
                let low = o.baseMeters > point.z ? atan2(o.baseMeters - point.z, t1) * 180 / Double.pi : 0
                if high > max(0, low) {
                    covers.append(SkyCover(lowDegrees: max(0, low), highDegrees: high, building: o.buildingIndex))
                }
            }
        }
        covers.sort { ($0.lowDegrees, $0.highDegrees) < ($1.lowDegrees, $1.highDegrees) }
        return SkylineSample(azimuthDegrees: azimuthDegrees, covers: covers)
    }

    /// The skyline over an azimuth range (wrapping through north when `from > to`), sampled
    /// every `stepDegrees` and at every footprint corner's azimuth, where its slope changes.
    public func skyline(fromDegrees: Double = 0, toDegrees: Double = 360, stepDegrees: Double = 0.5) -> [SkylineSample]
    {
        var span = toDegrees - fromDegrees
        if span <= 0 { span += 360 }
        let step = max(0.01, stepDegrees)
        var azimuths: [Double] = stride(from: 0.0, through: span, by: step).map { $0 }
        if azimuths.last.map({ span - $0 > 1e-9 }) ?? true { azimuths.append(span) }
        for o in obstacles {
            for v in o.footprint {
                let az = atan2(v.x - point.x, v.y - point.y) * 180 / Double.pi
                var rel = (az - fromDegrees).truncatingRemainder(dividingBy: 360)
                if rel < 0 { rel += 360 }
                // Just either side of the corner: the skyline's kinks and jumps.
                for e in [-1e-7, 1e-7] where rel + e > 0 && rel + e < span { azimuths.append(rel + e) }
            }
        }
        azimuths.sort()
        return azimuths.map { rel in
            var az = (fromDegrees + rel).truncatingRemainder(dividingBy: 360)
            if az < 0 { az += 360 }
            return skyline(azimuthDegrees: az)
        }
    }
}
