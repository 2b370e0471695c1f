internal import CGEOS
import Foundation
import Scene

/// A courtyard block, cut into pieces without holes, so that the scene's solid prisms
/// hold it exactly.
///
/// Scene footprints are simple polygons. A footprint with inner rings (courtyards) is cut
/// along *bridges*: straight segments inside the block from a courtyard's corner to a
/// corner of the outer ring (or of a courtyard already joined to it), two per courtyard,
/// the shortest that cross nothing. The bridged linework is polygonized (GEOS) and the
/// faces inside the block are the pieces. Because bridges run corner to corner, no wall
/// is split: every outer wall and every courtyard wall is one whole edge of one piece,
/// where windows sit as on any footprint. The pieces share the bridges and together cover
/// exactly the block, so the union of their prisms is the block: the same shadows, and a
/// courtyard's ground is ground (inside no piece). A bridge is inside the block and is
/// never a facade (``bridgeEdges(of:bridges:)``).
enum CourtyardPieces {
    typealias Segment = (a: Vec2, b: Vec2)

    /// The pieces (in any orientation; ``FootprintRing`` orders them) and the bridges.
    static func pieces(
        outer: [Coordinate], holes: [[Coordinate]]
    ) -> Result<(pieces: [[Coordinate]], bridges: [Segment]), ImportError> {
        let rings = ([outer] + holes).map { $0.map { Vec2($0.x, $0.y) } }
        guard let bridges = bridges(rings) else {
            return .failure(ImportError("", "its courtyards cannot be joined to its outer wall by straight cuts"))
        }
        guard let context = GEOS_init_r() else { return .failure(ImportError("", "GEOS could not start")) }
        defer { GEOS_finish_r(context) }
        guard let polygon = makePolygon(context, rings) else {
            return .failure(ImportError("", "its rings do not make a polygon"))
        }
        defer { GEOSGeom_destroy_r(context, polygon) }
        if GEOSisValid_r(context, polygon) != 1 {
            let reason =
                GEOSisValidReason_r(context, polygon).map { r in
                    defer { GEOSFree_r(context, r) }
                    return String(cString: r)
                } ?? "invalid"
            return .failure(ImportError("", "its courtyard rings are not valid (\(reason))"))
        }
        // Polygonize wants noded linework (lines meet only at their ends): every ring edge
        // and every bridge is its own line, and bridges end at ring corners.
        var lines: [OpaquePointer?] = []
        for ring in rings {
            for i in ring.indices { lines.append(line(context, [ring[i], ring[(i + 1) % ring.count]])) }
        }
        lines += bridges.map { line(context, [$0.a, $0.b]) }
        defer { for l in lines { if let l { GEOSGeom_destroy_r(context, l) } } }
        guard !lines.contains(where: { $0 == nil }),
            let faces = lines.withUnsafeBufferPointer({
                GEOSPolygonize_r(context, $0.baseAddress, UInt32($0.count))
            })
        else {
            return .failure(ImportError("", "GEOS could not cut the courtyard block"))
        }
        defer { GEOSGeom_destroy_r(context, faces) }
        var pieces: [[Coordinate]] = []
        for g in 0..<max(0, GEOSGetNumGeometries_r(context, faces)) {
            guard let face = GEOSGetGeometryN_r(context, faces, g),
                let inside = GEOSPointOnSurface_r(context, face)
            else { continue }
            defer { GEOSGeom_destroy_r(context, inside) }
            guard GEOSContains_r(context, polygon, inside) == 1 else { continue }  // a courtyard's own face
            guard GEOSGetNumInteriorRings_r(context, face) == 0, let ring = GEOSGetExteriorRing_r(context, face) else {
                return .failure(ImportError("", "a piece of the courtyard block still has a courtyard"))
            }
            let points = GEOSCoordinates.of(context, ring)
            if points.count >= 4 { pieces.append(Array(points.dropLast())) }
        }
        return .success((pieces, bridges))
    }

    /// Two bridges for each courtyard, from two of its corners to two corners of rings
    /// already joined to the outer ring (at first, the outer ring alone); each the
    /// shortest segment that lies inside the block and touches no ring and no earlier
    /// bridge except at its own two corners. Nil if some courtyard cannot be joined.
    static func bridges(_ rings: [[Vec2]]) -> [Segment]? {
        var joined: Set<Int> = [0]
        var bridges: [Segment] = []
        var usedCorners: Set<[Double]> = []
        while joined.count < rings.count {
            // The courtyard nearest to the joined rings goes next.
            var best: (hole: Int, first: Segment, second: Segment)?
            var bestLength = Double.infinity
            for h in rings.indices where !joined.contains(h) {
                guard
                    let first = shortestBridge(
                        from: h, to: joined, rings: rings, bridges: bridges, avoiding: usedCorners)
                else { continue }
                let firstLength = centimetres(first)
                guard firstLength < bestLength else { continue }
                let taken = usedCorners.union([key(first.a), key(first.b)])
                guard
                    let second = shortestBridge(
                        from: h, to: joined, rings: rings, bridges: bridges + [first], avoiding: taken)
                else { continue }
                best = (h, first, second)
                bestLength = firstLength
            }
            guard let best else { return nil }
            bridges += [best.first, best.second]
            for p in [best.first.a, best.first.b, best.second.a, best.second.b] { usedCorners.insert(key(p)) }
            joined.insert(best.hole)
        }
        return bridges
    }

    private static func key(_ p: Vec2) -> [Double] { [p.x, p.y] }

    /// Lengths compared in whole centimetres, so that near-equal bridges (a symmetric
    /// block) are chosen by ring order, the same for the same building in any CRS.
    private static func centimetres(_ s: Segment) -> Double { ((s.b - s.a).length * 100).rounded() }

    private static func shortestBridge(
        from hole: Int, to targets: Set<Int>, rings: [[Vec2]], bridges: [Segment], avoiding: Set<[Double]>
    ) -> Segment? {
        var best: Segment?
        var bestLength = Double.infinity
        for a in rings[hole] where !avoiding.contains(key(a)) {
            for t in targets {
                for b in rings[t] where !avoiding.contains(key(b)) {
                    let length = centimetres((a, b))
                    guard length < bestLength, length >= 1,
                        isClear((a, b), rings: rings, bridges: bridges)
                    else { continue }
                    best = (a, b)
                    bestLength = length
                }
            }
        }
        return best
    }

    /// Inside the block (its midpoint is) and crossing or touching no ring edge and no
    /// bridge, except at the segment's own ends.
    private static func isClear(_ s: Segment, rings: [[Vec2]], bridges: [Segment]) -> Bool {
        let mid = Vec2((s.a.x + s.b.x) / 2, (s.a.y + s.b.y) / 2)
        guard contains(rings[0], mid), !rings.dropFirst().contains(where: { contains($0, mid) }) else { return false }
        var edges: [Segment] = bridges
        for ring in rings { for i in ring.indices { edges.append((ring[i], ring[(i + 1) % ring.count])) } }
        for e in edges where touches(s, e) { return false }
        return true
    }

    /// Whether two segments meet anywhere other than at a shared end.
    private static func touches(_ s: Segment, _ e: Segment) -> Bool {
        func cross(_ o: Vec2, _ p: Vec2, _ q: Vec2) -> Double { (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x) }
        func onSegment(_ p: Vec2, _ e: Segment) -> Bool {
            abs(cross(e.a, e.b, p)) <= 1e-12 * max(1, (e.b - e.a).length)
                && min(e.a.x, e.b.x) - 1e-12 <= p.x && p.x <= max(e.a.x, e.b.x) + 1e-12
                && min(e.a.y, e.b.y) - 1e-12 <= p.y && p.y <= max(e.a.y, e.b.y) + 1e-12
        }
        let shared = [s.a, s.b].filter { $0 == e.a || $0 == e.b }
        if shared.count == 2 { return true }  // the same segment
        let d1 = cross(s.a, s.b, e.a), d2 = cross(s.a, s.b, e.b)
        let d3 = cross(e.a, e.b, s.a), d4 = cross(e.a, e.b, s.b)
        if shared.count == 1 {
            // Meeting at the shared end is fine; running along each other from it is not.
            let o = shared[0]
            let u = (s.a == o ? s.b : s.a) - o, v = (e.a == o ? e.b : e.a) - o
            return u.x * v.y - u.y * v.x == 0 && u.x * v.x + u.y * v.y > 0
        }
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return onSegment(e.a, s) || onSegment(e.b, s) || onSegment(s.a, e) || onSegment(s.b, e)
    }

    private static func contains(_ ring: [Vec2], _ p: Vec2) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a.y > p.y) != (b.y > p.y), p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) { odd.toggle() }
        }
        return odd
    }

    /// Edges of a piece that are bridges (both ends within 1 mm of a bridge's): inside the
    /// block, never a facade. Edge i runs from vertex i to vertex i+1.
    static func bridgeEdges(of footprint: [[Double]], bridges: [Segment]) -> Set<Int> {
        func near(_ p: [Double], _ q: Vec2) -> Bool { abs(p[0] - q.x) <= 0.001 && abs(p[1] - q.y) <= 0.001 }
        var result = Set<Int>()
        for i in footprint.indices {
            let a = footprint[i], b = footprint[(i + 1) % footprint.count]
            if bridges.contains(where: { (near(a, $0.a) && near(b, $0.b)) || (near(a, $0.b) && near(b, $0.a)) }) {
                result.insert(i)
            }
        }
        return result
    }

    private static func line(_ context: GEOSContextHandle_t, _ points: [Vec2]) -> OpaquePointer? {
        var flat: [Double] = []
        flat.reserveCapacity(points.count * 2)
        for p in points { flat += [p.x, p.y] }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context, flat, UInt32(points.count), 0, 0) else {
            return nil
        }
        return GEOSGeom_createLineString_r(context, sequence)
    }

    private static func makePolygon(_ context: GEOSContextHandle_t, _ rings: [[Vec2]]) -> OpaquePointer? {
        func ring(_ points: [Vec2]) -> OpaquePointer? {
            var flat: [Double] = []
            for p in points + [points[0]] { flat += [p.x, p.y] }
            guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context, flat, UInt32(points.count + 1), 0, 0) else {
                return nil
            }
            return GEOSGeom_createLinearRing_r(context, sequence)
        }
        guard let shell = ring(rings[0]) else { return nil }
        var inner: [OpaquePointer?] = rings.dropFirst().map(ring)
        guard !inner.contains(where: { $0 == nil }) else {
            GEOSGeom_destroy_r(context, shell)
            for r in inner { if let r { GEOSGeom_destroy_r(context, r) } }
            return nil
        }
        return GEOSGeom_createPolygon_r(context, shell, &inner, UInt32(inner.count))
    }
}
