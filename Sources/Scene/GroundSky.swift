/// The band's sun cut into short pieces, each summarised by the azimuth wedge the sun
/// stays in and the lowest it gets, so that whole tiles of ground points can drop the
/// prisms that cannot shade them in a piece.
///
/// Conservative by construction: the wedge and the lowest elevation come from the
/// exact path sampled every minute, widened by the largest step between samples plus a
/// margin; a prism is dropped only if it lies wholly outside the wedge or wholly below
/// the lowest sun (as seen from anywhere in the tile). Dropping it then cannot change
/// a result, only its cost; the brute-force tests hold the whole grid to 1-s ray casting.
struct GroundSky: Sendable {
    struct Piece: Sendable {
        let start: Double
        let end: Double
        /// Unit plan vectors at the wedge's first and last azimuth (clockwise from `low` to `high`).
        let low: Vec2
        let high: Vec2
        /// The wedge spans 170° or more: no azimuth test.
        let wide: Bool
        /// tan of the lowest sun in the piece (≤ 0: no distance test).
        let tanLowest: Double
        /// The sun's direction at `start` and `end`.
        let first: Vec3
        let last: Vec3
        /// The rate of change of that direction (per second) at `start` and `end`.
        let firstRate: Vec3
        let lastRate: Vec3
    }

    let pieces: [Piece]

    /// Pieces covering `spans` (band ∩ daylight), at most 64 of them, 20 minutes long or more.
    init(day: SunDay, spans: [(start: Double, end: Double)]) {
        let total = spans.reduce(0) { $0 + $1.end - $1.start }
        let length = max(1200, total / 56)  // ≤ 56 + spans pieces: fits a 64-bit mask
        var pieces: [Piece] = []
        for span in spans {
            let count = max(1, Int(((span.end - span.start) / length).rounded(.up)))
            for k in 0..<count {
                let a = span.start + (span.end - span.start) * Double(k) / Double(count)
                let b = k == count - 1 ? span.end : span.start + (span.end - span.start) * Double(k + 1) / Double(count)
                pieces.append(GroundSky.piece(day: day, from: a, to: b))
            }
        }
        self.pieces = pieces
    }

    static func piece(day: SunDay, from a: Double, to b: Double) -> Piece {
        let steps = max(1, Int(((b - a) / 60).rounded(.up)))
        var azimuths: [Double] = []  // unwrapped along the path, degrees
        var lowest = 90.0
        var elevationStep = 0.0
        var lastElevation: Double?
        var lastRaw = 0.0
        for k in 0...steps {
            let t = a + (b - a) * Double(k) / Double(steps)
            let s = day.direction(at: t)
            let az = atan2(s.x, s.y) * 180 / Double.pi
            if let last = azimuths.last {
                var delta = az - lastRaw
                delta -= 360 * (delta / 360).rounded()
                azimuths.append(last + delta)
            } else {
                azimuths.append(az)
            }
            lastRaw = az
            let el = asin(max(-1, min(1, s.z))) * 180 / Double.pi
            lowest = min(lowest, el)
            if let last = lastElevation { elevationStep = max(elevationStep, abs(el - last)) }
            lastElevation = el
        }
        var azimuthStep = 0.0
        for (x, y) in zip(azimuths, azimuths.dropFirst()) { azimuthStep = max(azimuthStep, abs(y - x)) }
        let margin = azimuthStep + 0.5
        let lo = azimuths.min()! - margin
        let hi = azimuths.max()! + margin
        let low = (lowest - elevationStep - 0.1) * Double.pi / 180
        func unit(_ degrees: Double) -> Vec2 {
            let r = degrees * Double.pi / 180
            return Vec2(sin(r), cos(r))
        }
        return Piece(
            start: a, end: b, low: unit(lo), high: unit(hi), wide: hi - lo >= 170,
            tanLowest: low > 0 ? tan(low) : 0, first: day.direction(at: a), last: day.direction(at: b),
            firstRate: GroundSky.rate(day, a), lastRate: GroundSky.rate(day, b))
    }

    /// ds/dt at t by a central difference over ±1 s (the path is smooth to far below that).
    static func rate(_ day: SunDay, _ t: Double) -> Vec3 {
        let a = day.direction(at: t - 1)
        let b = day.direction(at: t + 1)
        return Vec3((b.x - a.x) / 2, (b.y - a.y) / 2, (b.z - a.z) / 2)
    }

    /// Pieces (bit k for piece k) in which the prism might shade some point of the square
    /// of half-size `halfSize` around `centre` on the plane z = `planeHeight`.
    func relevance(of o: Obstacle, centre c: Vec2, halfSize r: Double, planeHeight: Double) -> UInt64 {
        let rise = o.topMeters - planeHeight
        guard rise > 0 else { return 0 }
        let lo = Vec2(o.minCorner.x - r - c.x, o.minCorner.y - r - c.y)
        let hi = Vec2(o.maxCorner.x + r - c.x, o.maxCorner.y + r - c.y)
        let all: UInt64 = pieces.count >= 64 ? .max : (1 << UInt64(pieces.count)) - 1
        let dx = lo.x > 0 ? lo.x : (hi.x < 0 ? -hi.x : 0)
        let dy = lo.y > 0 ? lo.y : (hi.y < 0 ? -hi.y : 0)
        if dx == 0 && dy == 0 { return all }
        let distance = (dx * dx + dy * dy).squareRoot()
        let corners = [lo, Vec2(hi.x, lo.y), hi, Vec2(lo.x, hi.y)]
        var mask: UInt64 = 0
        for (k, piece) in pieces.enumerated() {
            if piece.tanLowest > 0 && distance * piece.tanLowest > rise { continue }
            if !piece.wide {
                if corners.allSatisfy({ piece.low.cross($0) > 0 }) { continue }
                if corners.allSatisfy({ piece.high.cross($0) < 0 }) { continue }
            }
            mask |= 1 << UInt64(k)
        }
        return mask
    }

    /// The plan area, summed over the pieces, where the prism might shade a tile of side
    /// `grow` (what ``relevance(of:centre:halfSize:planeHeight:)`` could keep): its footprint's
    /// box grown by the tile, drawn out by the shadow's reach (rise / tan(lowest sun), capped at
    /// `limit`) across the box's width and depth, plus the sector the reach sweeps in the piece's azimuth wedge; each piece's
    /// area capped at `cap` (the grid's). For estimating a grid's cost without culling it.
    func reach(of o: Obstacle, planeHeight: Double, grow: Double, limit: Double, cap: Double) -> Double {
        let rise = o.topMeters - planeHeight
        guard rise > 0 else { return 0 }
        let w = o.maxCorner.x - o.minCorner.x + grow
        let h = o.maxCorner.y - o.minCorner.y + grow
        var total = 0.0
        for piece in pieces {
            let r = piece.tanLowest > 0 ? min(limit, rise / piece.tanLowest) : limit
            let wedge = piece.wide ? 2 * Double.pi : acos(max(-1, min(1, piece.low.dot(piece.high))))
            total += min(cap, w * h + (w + h) * r + wedge * r * r / 2)
        }
        return total
    }

    /// The piece containing t (the last one for t at the very end), or nil outside all.
    func piece(at t: Double) -> Int? {
        var lo = 0
        var hi = pieces.count - 1
        guard hi >= 0, t >= pieces[0].start, t <= pieces[hi].end else { return nil }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if pieces[mid].start <= t { lo = mid } else { hi = mid - 1 }
        }
        return t <= pieces[lo].end ? lo : nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
