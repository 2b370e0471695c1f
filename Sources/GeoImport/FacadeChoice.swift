import Foundation
import Scene

/// Which footprint edge is "the south facade": the longest edge whose outward normal is
/// within ±``toleranceDegrees`` of the asked azimuth.
///
/// Real footprints have many short edges (a 0.9 m jog, a bevelled corner) whose normals
/// may point nearer to due south than the long wall does; a person asking for "the
/// south facade" means the long wall. So among the edges facing within ±45° of the
/// direction, the longest wins (ties: the closer normal, then the lower index); with
/// none, there is no such facade.
///
/// Edge i runs from vertex i to vertex i+1 of a counter-clockwise footprint (the scene
/// format's rule), so its outward normal is the edge direction turned right by 90°.
/// Azimuths are clockwise from true north; in the document's frame (x east, y north)
/// a grid direction's true azimuth is its grid azimuth plus the site's `northAngle`
/// (0 for imported scenes, whose +y is true north).
public enum FacadeChoice {
    /// Two lengths closer than this (metres) count as equal; the closer normal wins.
    public static let tieMeters = 1e-6
    /// How far (degrees) an edge's outward normal may turn from the asked direction.
    public static let toleranceDegrees = 45.0

    /// The outward normal's azimuth of every edge, degrees in [0, 360).
    public static func outwardAzimuths(of footprint: [[Double]], northAngle: Double = 0) -> [Double] {
        footprint.indices.map { i in
            let a = footprint[i], b = footprint[(i + 1) % footprint.count]
            let dx = b[0] - a[0], dy = b[1] - a[1]
            // Outward (right of a counter-clockwise edge) = (dy, -dx); azimuth = atan2(east, north).
            let grid = atan2(dy, -dx) * 180 / .pi
            return normalized(grid + northAngle)
        }
    }

    /// The smallest angle between two azimuths, degrees in [0, 180].
    public static func separation(_ a: Double, _ b: Double) -> Double {
        abs(normalized(a - b + 180) - 180)
    }

    /// The index of the longest edge facing within ±``toleranceDegrees`` of `azimuth`
    /// (ties → the closer normal, then the lower index), leaving out `excluded` edges (the
    /// cut edges inside a courtyard block); nil when no edge faces that way.
    public static func edge(
        facing azimuth: Double, footprint: [[Double]], northAngle: Double = 0, excluding excluded: Set<Int> = []
    ) -> Int? {
        let normals = outwardAzimuths(of: footprint, northAngle: northAngle)
        var best: (index: Int, separation: Double, length: Double)?
        for (i, normal) in normals.enumerated() where !excluded.contains(i) {
            let s = separation(normal, azimuth)
            guard s <= toleranceDegrees + 1e-9 else { continue }
            let l = length(of: i, in: footprint)
            if let b = best {
                if l > b.length + tieMeters || (abs(l - b.length) <= tieMeters && s < b.separation) {
                    best = (i, s, l)
                }
            } else {
                best = (i, s, l)
            }
        }
        return best?.index
    }

    public static func length(of edge: Int, in footprint: [[Double]]) -> Double {
        let a = footprint[edge], b = footprint[(edge + 1) % footprint.count]
        return hypot(b[0] - a[0], b[1] - a[1])
    }

    static func normalized(_ degrees: Double) -> Double {
        let r = degrees.truncatingRemainder(dividingBy: 360)
        return r < 0 ? r + 360 : (r >= 360 ? 0 : r)
    }
}
