/// Union of plane polygons, written here so the pure core needs no geometry library.
///
/// Method (an edge arrangement, not a clipping sweep): every input edge is cut at
/// every point where another edge crosses or touches it; nearby points are merged
/// (tolerance ~1e-10 of the drawing's extent), so shared and overlapping edges become
/// identical pieces, kept once with the net count of input edges running along them
/// (+1 per edge one way, −1 per edge the other way; pieces whose count cancels to zero
/// are dropped). The pieces then form a planar graph whose faces are traced, and each
/// face's winding number is propagated exactly across pieces (crossing a piece from its
/// right to its left adds its count) from one face per connected part whose winding is
/// found by ray casting against the other parts. No probe point is placed at a guessed
/// distance off a piece, so slivers far thinner than any probe (a sun a hair off due
/// south sweeps a wall into a triangle nanometres wide) cannot confuse the outline.
/// A piece lies on the union's outline exactly when the face on one side has positive
/// winding and the face on the other side does not. Outline pieces are oriented with
/// the covered side on the left and linked into rings, taking the leftmost turn where
/// rings touch at a vertex so that touching regions stay separate rings.
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
        let pieces = arrangement.outlinePieces()
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

    private(set) var vertices: [Vec2] = []
    /// Undirected pieces as vertex-id pairs (lower id first), each once.
    private(set) var pieces: [(Int, Int)] = []
    /// Per piece: input edges running from its first to its second vertex minus those
    /// running back — how much the winding number rises crossing it from right to left.
    private(set) var counts: [Int] = []
    private var snap: [Cell: [Int]] = [:]
    private let tolerance: Double

    struct Cell: Hashable {
        let x: Int64
        let y: Int64
    }

    init(rings: [[Vec2]], tolerance: Double) {
        self.tolerance = tolerance
        var edges: [Edge] = []
        for r in rings { for i in r.indices { edges.append(Edge(a: r[i], b: r[(i + 1) % r.count])) } }
        edges.sort { $0.minX < $1.minX }
        for i in edges.indices {
            // O(E²) at worst (long winter shadows of many towers): a cancelled task stops
            // here, every 256 edges, and its caller discards the incomplete union.
            if i & 255 == 0 && Task.isCancelled { break }
            let limit = edges[i].maxX + tolerance
            var j = i + 1
            while j < edges.count && edges[j].minX <= limit {
                Arrangement.intersect(&edges, i, j, tolerance)
                j += 1
            }
        }
        var index: [Cell: Int] = [:]  // (lower id, higher id) -> piece
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
                let k: Int
                if let found = index[key] {
                    k = found
                } else {
                    k = pieces.count
                    index[key] = k
                    pieces.append((min(u, v), max(u, v)))
                    counts.append(0)
                }
                counts[k] += u < v ? 1 : -1
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

    /// The pieces between covered (positive winding) and uncovered ground, covered side
    /// on the left, found by tracing the faces of the planar graph of pieces and
    /// propagating winding numbers across them.
    func outlinePieces() -> [(Int, Int)] {
        let live = pieces.indices.filter { counts[$0] != 0 }
        guard !live.isEmpty else { return [] }
        // Half-edges 2k (first → second vertex of live piece k) and 2k + 1 (back).
        let m = live.count
        var tail = [Int](repeating: 0, count: 2 * m)
        var delta = [Int](repeating: 0, count: 2 * m)
        for (k, p) in live.enumerated() {
            tail[2 * k] = pieces[p].0
            tail[2 * k + 1] = pieces[p].1
            delta[2 * k] = counts[p]
            delta[2 * k + 1] = -counts[p]
        }
        func head(_ h: Int) -> Int { tail[h ^ 1] }
        func angle(_ h: Int) -> Double {
            let d = vertices[head(h)] - vertices[tail[h]]
            return atan2(d.y, d.x)
        }
        // Outgoing half-edges of each vertex in counter-clockwise order.
        var around: [Int: [Int]] = [:]
        for h in 0..<(2 * m) { around[tail[h], default: []].append(h) }
        var slot = [Int](repeating: 0, count: 2 * m)
        for (v, list) in around {
            let sorted = list.map { ($0, angle($0)) }.sorted { $0.1 < $1.1 }.map(\.0)
            around[v] = sorted
            for (i, h) in sorted.enumerated() { slot[h] = i }
        }
        // The face left of h continues, at h's head, with the next edge clockwise from h's twin.
        func next(_ h: Int) -> Int {
            let list = around[head(h)]!
            return list[(slot[h ^ 1] + list.count - 1) % list.count]
        }
        var face = [Int](repeating: -1, count: 2 * m)
        var faceEdges: [[Int]] = []
        for h0 in 0..<(2 * m) where face[h0] < 0 {
            var cycle: [Int] = []
            var h = h0
            while face[h] < 0 {
                face[h] = faceEdges.count
                cycle.append(h)
                h = next(h)
            }
            faceEdges.append(cycle)
        }
        // Connected parts (union-find over vertices).
        var parent: [Int: Int] = [:]
        func find(_ v: Int) -> Int {
            var r = v
            while let p = parent[r], p != r { r = p }
            var x = v
            while let p = parent[x], p != r {
                parent[x] = r
                x = p
            }
            return r
        }
        for h in stride(from: 0, to: 2 * m, by: 2) {
            let a = find(tail[h]), b = find(tail[h + 1])
            if parent[a] == nil { parent[a] = a }
            if parent[b] == nil { parent[b] = b }
            if a != b { parent[a] = b }
        }
        // Per part, its leftmost (then lowest) vertex: the steepest edge leaving it has
        // the part's outer face on its left.
        var lowest: [Int: Int] = [:]
        for v in around.keys {
            let r = find(v)
            if let w = lowest[r] {
                let p = vertices[v], q = vertices[w]
                if p.x < q.x || (p.x == q.x && p.y < q.y) { lowest[r] = v }
            } else {
                lowest[r] = v
            }
        }
        var winding = [Int?](repeating: nil, count: faceEdges.count)
        for (part, v) in lowest {
            let start = around[v]!.last!
            // The outer face's winding is that of the other parts at v: each part's counts
            // are whole input rings, so a part adds nothing outside itself.
            let q = vertices[v]
            var w = 0
            for h in stride(from: 0, to: 2 * m, by: 2) where find(tail[h]) != part {
                let a = vertices[tail[h]], b = vertices[tail[h + 1]]
                if a.y <= q.y {
                    if b.y > q.y && (b - a).cross(q - a) > 0 { w += delta[h] }
                } else if b.y <= q.y && (b - a).cross(q - a) < 0 {
                    w -= delta[h]
                }
            }
            var queue = [face[start]]
            winding[face[start]] = w
            while let f = queue.popLast() {
                for h in faceEdges[f] {
                    let g = face[h ^ 1]
                    if winding[g] == nil {
                        winding[g] = winding[f]! - delta[h]
                        queue.append(g)
                    }
                }
            }
        }
        var out: [(Int, Int)] = []
        for h in 0..<(2 * m) {
            let left = (winding[face[h]] ?? 0) > 0
            let right = (winding[face[h ^ 1]] ?? 0) > 0
            if left && !right { out.append((tail[h], head(h))) }
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
