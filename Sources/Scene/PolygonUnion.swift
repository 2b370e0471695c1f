/// Union of plane polygons, written here so the pure core needs no geometry library.
///
/// Method (an edge arrangement, not a clipping sweep): every input edge is cut at
/// every point where another edge crosses or touches it; nearby points are merged
/// (tolerance ~1e-10 of the drawing's extent), so shared and overlapping edges become
/// identical pieces and are kept once. A piece lies on the union's outline exactly
/// when the region is covered on one side of it and not on the other; each side is
/// probed with the winding number of all input rings just off the piece's midpoint.
/// Outline pieces are oriented with the covered side on the left and linked into
/// rings, taking the leftmost turn where rings touch at a vertex so that touching
/// regions stay separate rings.
///
/// Input rings follow the nonzero rule with positive (counter-clockwise) outlines and
/// clockwise holes; the output uses the same convention: counter-clockwise rings
/// are outlines, clockwise rings are holes, none crossing another. Cost is about
/// O(E²) in the number of edges E, which is small for shadows (a few hundred).
enum PolygonUnion {
    static func union(_ input: [[Vec2]]) -> [[Vec2]] {
        let rings = input.map(cleaned).filter { $0.count >= 3 && abs(Polygon.signedDoubleArea($0)) > 0 }
        guard !rings.isEmpty else { return [] }
        var extent = 1.0
        for r in rings { for v in r { extent = max(extent, abs(v.x), abs(v.y)) } }
        let tol = extent * 1e-10
        let arrangement = Arrangement(rings: rings, tolerance: tol)
        let pieces = arrangement.outlinePieces(probe: extent * 1e-7)
        return link(pieces, vertices: arrangement.vertices)
            .map { simplified($0, tolerance: tol) }
            .filter { $0.count >= 3 && abs(Polygon.signedDoubleArea($0)) > tol * tol * 1e4 }
    }

    /// Drops repeated consecutive vertices (and a closing repeat of the first).
    static func cleaned(_ ring: [Vec2]) -> [Vec2] {
        var out: [Vec2] = []
        for v in ring where out.last != v { out.append(v) }
        while out.count > 1 && out.first == out.last { out.removeLast() }
        return out
    }

    /// Removes vertices where the outline goes straight on.
    static func simplified(_ ring: [Vec2], tolerance: Double) -> [Vec2] {
        var r = ring
        var changed = true
        while changed && r.count >= 3 {
            changed = false
            var out: [Vec2] = []
            let n = r.count
            for i in 0..<n {
                let prev = out.last ?? r[(i + n - 1) % n]
                let next = r[(i + 1) % n]
                let d1 = r[i] - prev
                let d2 = next - r[i]
                let straight = abs(d1.cross(d2)) <= 1e-9 * d1.length * d2.length && d1.dot(d2) > 0
                if straight || d1.length <= tolerance { changed = true } else { out.append(r[i]) }
            }
            r = out
        }
        return r
    }

    /// Links directed outline pieces (vertex ids) into closed rings.
    static func link(_ pieces: [(Int, Int)], vertices: [Vec2]) -> [[Vec2]] {
        var outgoing: [Int: [Int]] = [:]
        for (k, p) in pieces.enumerated() { outgoing[p.0, default: []].append(k) }
        var used = [Bool](repeating: false, count: pieces.count)
        var rings: [[Vec2]] = []
        for first in pieces.indices where !used[first] {
            used[first] = true
            let origin = pieces[first].0
            var ring = [vertices[origin]]
            var current = first
            var closed = false
            while true {
                let (a, b) = pieces[current]
                if b == origin {
                    closed = true
                    break
                }
                ring.append(vertices[b])
                let incoming = vertices[b] - vertices[a]
                var best: Int?
                var bestTurn = -Double.infinity
                for k in outgoing[b] ?? [] where !used[k] {
                    let out = vertices[pieces[k].1] - vertices[b]
                    let turn = atan2(incoming.cross(out), incoming.dot(out))
                    if turn > bestTurn {
                        bestTurn = turn
                        best = k
                    }
                }
                guard let next = best else { break }  // unbalanced vertex: numerical debris, drop
                used[next] = true
                current = next
            }
            if closed { rings.append(ring) }
        }
        return rings
    }
}

/// The input edges cut at all their mutual intersections, over merged vertices.
struct Arrangement {
    struct Edge {
        let a: Vec2
        let b: Vec2
        var cuts: [Vec2] = []
        var minX: Double { min(a.x, b.x) }
        var maxX: Double { max(a.x, b.x) }
    }

    let rings: [[Vec2]]
    let ringBoxes: [(min: Vec2, max: Vec2)]
    private(set) var vertices: [Vec2] = []
    /// Undirected pieces as vertex-id pairs (lower id first), each once.
    private(set) var pieces: [(Int, Int)] = []
    private var snap: [Cell: [Int]] = [:]
    private let tolerance: Double

    struct Cell: Hashable {
        let x: Int64
        let y: Int64
    }

    init(rings: [[Vec2]], tolerance: Double) {
        self.rings = rings
        self.tolerance = tolerance
        ringBoxes = rings.map { r in
            (Vec2(r.map(\.x).min()!, r.map(\.y).min()!), Vec2(r.map(\.x).max()!, r.map(\.y).max()!))
        }
        var edges: [Edge] = []
        for r in rings { for i in r.indices { edges.append(Edge(a: r[i], b: r[(i + 1) % r.count])) } }
        edges.sort { $0.minX < $1.minX }
        for i in edges.indices {
            let limit = edges[i].maxX + tolerance
            var j = i + 1
            while j < edges.count && edges[j].minX <= limit {
                Arrangement.intersect(&edges, i, j, tolerance)
                j += 1
            }
        }
        var seen = Set<Cell>()  // reused as an (i, j) pair key
        for e in edges {
            let d = e.b - e.a
            let len2 = d.dot(d)
            let points = ([e.a, e.b] + e.cuts).map { ($0, (($0 - e.a).dot(d)) / len2) }.sorted { $0.1 < $1.1 }
            var ids: [Int] = []
            for (p, _) in points {
                let id = vertexID(p)
                if ids.last != id { ids.append(id) }
            }
            for (u, v) in zip(ids, ids.dropFirst()) where u != v {
                let key = Cell(x: Int64(min(u, v)), y: Int64(max(u, v)))
                if seen.insert(key).inserted { pieces.append((min(u, v), max(u, v))) }
            }
        }
    }

    /// Id of the merged vertex at p (an existing one within the tolerance, or a new one).
    private mutating func vertexID(_ p: Vec2) -> Int {
        let size = tolerance * 4
        let cx = Int64((p.x / size).rounded(.down))
        let cy = Int64((p.y / size).rounded(.down))
        for dx in -1...1 {
            for dy in -1...1 {
                for id in snap[Cell(x: cx + Int64(dx), y: cy + Int64(dy))] ?? []
                where (vertices[id] - p).length <= tolerance {
                    return id
                }
            }
        }
        vertices.append(p)
        snap[Cell(x: cx, y: cy), default: []].append(vertices.count - 1)
        return vertices.count - 1
    }

    /// Records where edges i and j cross or touch, as cut points on each.
    private static func intersect(_ edges: inout [Edge], _ i: Int, _ j: Int, _ tol: Double) {
        let p = edges[i].a
        let r = edges[i].b - p
        let q = edges[j].a
        let s = edges[j].b - q
        if min(p.y, p.y + r.y) > max(q.y, q.y + s.y) + tol || max(p.y, p.y + r.y) < min(q.y, q.y + s.y) - tol {
            return
        }
        let rl = r.length
        let sl = s.length
        guard rl > tol, sl > tol else { return }
        let denom = r.cross(s)
        let qp = q - p
        if abs(denom) <= 1e-12 * rl * sl {
            // Parallel: only collinear overlaps matter; each edge is cut at the other's ends.
            guard abs(qp.cross(r)) / rl <= tol else { return }
            for x in [q, q + s] {
                let t = (x - p).dot(r) / (rl * rl)
                if t * rl > tol && (1 - t) * rl > tol { edges[i].cuts.append(x) }
            }
            for x in [p, p + r] {
                let u = (x - q).dot(s) / (sl * sl)
                if u * sl > tol && (1 - u) * sl > tol { edges[j].cuts.append(x) }
            }
            return
        }
        let t = qp.cross(s) / denom
        let u = qp.cross(r) / denom
        let dt = tol / rl
        let du = tol / sl
        guard t >= -dt && t <= 1 + dt && u >= -du && u <= 1 + du else { return }
        let tInside = t > dt && t < 1 - dt
        let uInside = u > du && u < 1 - du
        switch (tInside, uInside) {
        case (true, true):
            let x = p + r * t
            edges[i].cuts.append(x)
            edges[j].cuts.append(x)
        case (true, false):
            edges[i].cuts.append(u < 0.5 ? q : q + s)  // an end of j touches i's interior
        case (false, true):
            edges[j].cuts.append(t < 0.5 ? p : p + r)
        case (false, false):
            break  // ends meet: merged as vertices
        }
    }

    /// Winding number of all rings around q (positive: counter-clockwise coverage).
    func winding(_ q: Vec2) -> Int {
        var w = 0
        for (k, ring) in rings.enumerated() {
            let box = ringBoxes[k]
            guard q.x >= box.min.x && q.x <= box.max.x && q.y >= box.min.y && q.y <= box.max.y else { continue }
            var j = ring.count - 1
            for i in ring.indices {
                let a = ring[j]
                let b = ring[i]
                if a.y <= q.y {
                    if b.y > q.y && (b - a).cross(q - a) > 0 { w += 1 }
                } else if b.y <= q.y && (b - a).cross(q - a) < 0 {
                    w -= 1
                }
                j = i
            }
        }
        return w
    }

    /// The pieces between covered and uncovered ground, covered side on the left.
    func outlinePieces(probe: Double) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for (u, v) in pieces {
            let a = vertices[u]
            let b = vertices[v]
            let d = b - a
            let len = d.length
            guard len > 0 else { continue }
            let delta = min(probe, 0.1 * len)
            let m = (a + b) * 0.5
            let n = Vec2(-d.y / len, d.x / len)
            let left = winding(m + n * delta) > 0
            let right = winding(m - n * delta) > 0
            if left != right { out.append(left ? (u, v) : (v, u)) }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
