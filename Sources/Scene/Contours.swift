/// Equal-time lines on a grid by marching squares, with a convention that makes
/// "the N-hour line encloses exactly the points with ≥ N hours" true by construction.
///
/// Convention:
/// - Each grid point is *in* (it has ≥ N hours; points inside buildings never are) or
///   *out*. The grid is padded with a ring of virtual *out* points, so every line closes.
/// - A line crosses each lattice edge between an in and an out point once, at the
///   linear interpolation of the threshold between the two values, clamped to 5 %…95 %
///   of the edge so that no grid point lies on a line; next to a virtual point the line
///   runs 1 % of the spacing outside the last grid line.
/// - A saddle cell (in and out points alternating) joins its two in corners when the
///   mean of its four values reaches the threshold, and separates them otherwise.
/// - Rings are closed (the last vertex joins the first, not repeated) and oriented with
///   the in region on their left: counter-clockwise around in regions, clockwise around
///   out islands inside them. So a point is inside the N-hour line exactly when the
///   winding number of all rings around it is positive (or, equally, by the even–odd rule).
enum Contours {
    static func rings(grid: GroundGrid, inside: [Bool], values: [Double], threshold: Double) -> [[Vec2]] {
        let w = grid.columns + 2  // padded lattice: index (i + 1, j + 1) for grid point (i, j)
        func isIn(_ i: Int, _ j: Int) -> Bool {
            i >= 0 && j >= 0 && i < grid.columns && j < grid.rows && inside[j * grid.columns + i]
        }
        func value(_ i: Int, _ j: Int) -> Double { values[j * grid.columns + i] }
        func real(_ i: Int, _ j: Int) -> Bool { i >= 0 && j >= 0 && i < grid.columns && j < grid.rows }

        /// Where the line crosses the edge from (i0, j0) to (i1, j1) (one in, one out).
        func crossing(_ i0: Int, _ j0: Int, _ i1: Int, _ j1: Int) -> Vec2 {
            let (ai, aj, bi, bj) = isIn(i0, j0) ? (i0, j0, i1, j1) : (i1, j1, i0, j0)
            var f: Double
            if real(bi, bj) {
                let va = value(ai, aj)
                let vb = value(bi, bj)
                f = va - vb > 0 ? (va - threshold) / (va - vb) : 0.5
                f = min(0.95, max(0.05, f.isFinite ? f : 0.5))
            } else {
                f = 0.01
            }
            let a = grid.point(column: ai, row: aj)
            let b = grid.point(column: bi, row: bj)
            return a + (b - a) * f
        }

        // Edge keys on the padded lattice: horizontal edge from (i, j) east, vertical from (i, j) north.
        func hKey(_ i: Int, _ j: Int) -> Int { 2 * ((j + 1) * w + (i + 1)) }
        func vKey(_ i: Int, _ j: Int) -> Int { 2 * ((j + 1) * w + (i + 1)) + 1 }

        var next: [Int: Int] = [:]  // segment start edge → end edge
        var position: [Int: Vec2] = [:]
        for j in -1..<(grid.rows) {
            for i in -1..<(grid.columns) {
                // Corners counter-clockwise from the south-west, and the edge after each.
                let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
                let state = corners.map { isIn($0.0, $0.1) }
                let count = state.filter { $0 }.count
                if count == 0 || count == 4 { continue }
                let edges = [hKey(i, j), vKey(i + 1, j), hKey(i, j + 1), vKey(i, j)]
                // Walk the cell counter-clockwise; a crossing on edge k is an exit (in → out)
                // or an entry (out → in).
                var walk: [(key: Int, exit: Bool)] = []
                for k in 0..<4 where state[k] != state[(k + 1) % 4] {
                    let a = corners[k]
                    let b = corners[(k + 1) % 4]
                    walk.append((edges[k], state[k]))
                    if position[edges[k]] == nil { position[edges[k]] = crossing(a.0, a.1, b.0, b.1) }
                }
                var joined = false
                if walk.count == 4 {
                    let mean = corners.map { real($0.0, $0.1) ? value($0.0, $0.1) : -Double.infinity }.reduce(0, +) / 4
                    joined = mean >= threshold
                }
                let n = walk.count
                for (k, c) in walk.enumerated() where c.exit {
                    // Separate: back to the entry that began this run of in corners; joined: on to the next entry.
                    let partner = joined ? walk[(k + 1) % n] : walk[(k + n - 1) % n]
                    next[c.key] = partner.key
                }
            }
        }
        var rings: [[Vec2]] = []
        var done = Set<Int>()
        for start in next.keys.sorted() where !done.contains(start) {
            var ring: [Vec2] = []
            var key = start
            while !done.contains(key), let to = next[key] {
                done.insert(key)
                ring.append(position[key]!)
                key = to
            }
            if ring.count >= 3 { rings.append(ring) }
        }
        return rings
    }
}
