import SolarCore

/// Where to sample sun hours on one facade (线上日照 along a line at one height, or a
/// grid over the whole facade), so that floors and units can be compared at a glance.
///
/// Points sit 1 cm in front of the wall, like window points; a facade point has no sill
/// of its own, so the profile's whole-sill option does not apply (one point each).
public struct FacadeGrid: Sendable, Hashable {
    /// Building id.
    public var building: String
    /// Footprint edge of the facade (a box's south, east, north, west faces are 0, 1, 2, 3).
    public var edge: Int
    /// Distances from the facade's midpoint, positive to the right as seen from outside.
    public var offsetsMeters: [Double]
    /// Heights above ground.
    public var heightsMeters: [Double]

    public init(building: String, edge: Int, offsetsMeters: [Double], heightsMeters: [Double]) {
        self.building = building
        self.edge = edge
        self.offsetsMeters = offsetsMeters
        self.heightsMeters = heightsMeters
    }

    /// Points are at most this many.
    public static let pointLimit = 100_000

    /// Edge index of a box face name.
    public static func edge(face: String) -> Int? { ["south": 0, "east": 1, "north": 2, "west": 3][face] }

    /// Centres of equal cells no wider than `spacingMeters` along a facade `lengthMeters` long.
    public static func offsets(lengthMeters: Double, spacingMeters: Double) -> [Double] {
        let n = max(1, Int((lengthMeters / spacingMeters - 1e-9).rounded(.up)))
        let cell = lengthMeters / Double(n)
        return (0..<n).map { -lengthMeters / 2 + (Double($0) + 0.5) * cell }
    }
}

/// Sun on one point of a facade on one term day.
public struct FacadeSample: Sendable {
    public var offsetMeters: Double
    public var heightMeters: Double
    public var point: Vec3
    /// The term's row for this point: intervals, total, band minutes, verdict.
    public var row: TermRowResult
}

/// Sun hours over a facade for one term: `samples` row by row, lowest height first,
/// offsets left to right within a row.
public struct FacadeMap: Sendable {
    public var grid: FacadeGrid
    /// Azimuth the facade faces, degrees clockwise from north.
    public var facingAzimuthDegrees: Double
    public var termIndex: Int
    public var samples: [FacadeSample]

    public func sample(row: Int, column: Int) -> FacadeSample { samples[row * grid.offsetsMeters.count + column] }
}

extension SunlightAnalyzer {
    /// Checks a facade request against the scene, naming the field at fault.
    public func facadePoints(_ grid: FacadeGrid) throws(SceneIssue) -> (outward: Vec2, points: [(Double, Double, Vec3)])
    {
        guard let bi = scene.buildingIndex(id: grid.building) else {
            throw SceneIssue(
                path: "building",
                message:
                    "'\(grid.building)' is not a building of this scene (have: \(scene.buildings.map(\.id).joined(separator: ", ")))"
            )
        }
        let b = scene.buildings[bi]
        let fp = b.footprint
        guard (0..<fp.count).contains(grid.edge) else {
            throw SceneIssue(
                path: "edge",
                message: "must be a footprint edge index 0...\(fp.count - 1) of building '\(b.id)' (got \(grid.edge))")
        }
        guard !grid.offsetsMeters.isEmpty, !grid.heightsMeters.isEmpty else {
            throw SceneIssue(
                path: grid.offsetsMeters.isEmpty ? "offsets" : "heights", message: "must list at least one value")
        }
        guard grid.offsetsMeters.count * grid.heightsMeters.count <= FacadeGrid.pointLimit else {
            throw SceneIssue(
                path: "spacing",
                message:
                    "gives \(grid.offsetsMeters.count * grid.heightsMeters.count) points; the limit is \(FacadeGrid.pointLimit)"
            )
        }
        let a = fp[grid.edge]
        let e = fp[(grid.edge + 1) % fp.count] - a
        let length = e.length
        let along = e * (1 / length)
        let outward = Vec2(along.y, -along.x)
        for o in grid.offsetsMeters where !(o.isFinite && abs(o) <= length / 2) {
            throw SceneIssue(
                path: "offsets",
                message:
                    "\(o) is off the facade (it is \((length * 100).rounded() / 100) m long; offsets run ±half that)")
        }
        for h in grid.heightsMeters where !(h.isFinite && h >= b.baseMeters && h <= b.topMeters) {
            throw SceneIssue(
                path: "heights",
                message: "\(h) is off the facade (building '\(b.id)' spans \(b.baseMeters)...\(b.topMeters) m)")
        }
        let mid = a + e * 0.5
        var points: [(Double, Double, Vec3)] = []
        for h in grid.heightsMeters {
            for o in grid.offsetsMeters {
                let xy = mid + along * o + outward * 0.01
                points.append((o, h, Vec3(xy.x, xy.y, h)))
            }
        }
        return (outward, points)
    }

    /// Sun on every point of a facade grid for term `termIndex`, on `workers` concurrent
    /// tasks; the order is the grid's whatever the scheduling.
    public func facadeMap(_ grid: FacadeGrid, termIndex: Int, workers: Int) async throws(SceneIssue) -> FacadeMap {
        guard terms.indices.contains(termIndex) else {
            throw SceneIssue(path: "term", message: "must be a term index 0...\(terms.count - 1) (got \(termIndex))")
        }
        let (outward, points) = try facadePoints(grid)
        let count = max(1, min(workers, points.count))
        let rows = await withTaskGroup(of: [(Int, TermRowResult)].self) { group in
            for w in 0..<count {
                group.addTask {
                    stride(from: w, to: points.count, by: count).map { i in
                        let view = ObstructionView(
                            point: points[i].2, outward: outward,
                            minimumSweepDegrees: profile.minimumSweepDegrees, obstacles: obstacles)
                        return (i, row(term: termIndex, stretches: view.stretches(on: days[termIndex])))
                    }
                }
            }
            var out = [TermRowResult?](repeating: nil, count: points.count)
            for await part in group { for (i, r) in part { out[i] = r } }
            return out.map { $0! }
        }
        let samples = points.indices.map { i in
            FacadeSample(offsetMeters: points[i].0, heightMeters: points[i].1, point: points[i].2, row: rows[i])
        }
        return FacadeMap(
            grid: grid, facingAzimuthDegrees: normalizedDegrees(atan2Degrees(outward.x, outward.y)),
            termIndex: termIndex, samples: samples)
    }

    /// Heights of the sill (calculation point) of every floor of a building.
    public func floorSillHeights(building: Building) -> [Double] {
        guard let floors = building.floors else { return [] }
        return (1...floors).map { building.floorLevel($0) + profile.sillHeightMeters }
    }
}
