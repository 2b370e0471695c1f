/// A rectangular lattice of points on a horizontal plane: `columns` × `rows` points,
/// `spacing` metres apart, point (0, 0) at `origin` (its south-west corner).
public struct GroundGrid: Sendable, Hashable {
    public var origin: Vec2
    public var spacing: Double
    public var columns: Int
    public var rows: Int

    /// Limits (clear errors past them): spacing ≥ 0.1 m, at most 4,000,000 points.
    public static let minimumSpacing = 0.1
    public static let maximumPoints = 4_000_000

    public init(origin: Vec2, spacing: Double, columns: Int, rows: Int) {
        self.origin = origin
        self.spacing = spacing
        self.columns = columns
        self.rows = rows
    }

    /// The points spaced `spacing` apart from `southWest` that stay within `northEast`.
    public init(from southWest: Vec2, to northEast: Vec2, spacing: Double) {
        origin = southWest
        self.spacing = spacing
        let ok = spacing > 0 && spacing.isFinite
        columns = ok ? Int(((northEast.x - southWest.x) / spacing + 1e-9).rounded(.down)) + 1 : 0
        rows = ok ? Int(((northEast.y - southWest.y) / spacing + 1e-9).rounded(.down)) + 1 : 0
    }

    public var count: Int { columns * rows }

    /// Plan position of point (column, row).
    @inlinable public func point(column: Int, row: Int) -> Vec2 {
        Vec2(origin.x + Double(column) * spacing, origin.y + Double(row) * spacing)
    }

    /// Checks the grid against its limits, naming the offending field.
    public func validate() throws(SceneIssue) {
        guard origin.x.isFinite, origin.y.isFinite,
            abs(origin.x) <= SceneLimits.coordinateMeters, abs(origin.y) <= SceneLimits.coordinateMeters
        else {
            throw SceneIssue(
                path: "grid.origin", message: "must be finite and within ±\(Int(SceneLimits.coordinateMeters)) m")
        }
        guard spacing.isFinite, spacing >= GroundGrid.minimumSpacing else {
            throw SceneIssue(
                path: "grid.spacing", message: "must be at least \(GroundGrid.minimumSpacing) m (got \(spacing))")
        }
        guard columns >= 1, rows >= 1 else {
            throw SceneIssue(
                path: "grid", message: "must have at least one column and one row (got \(columns) × \(rows))")
        }
        guard columns <= GroundGrid.maximumPoints / rows else {
            throw SceneIssue(
                path: "grid",
                message:
                    "has \(columns) × \(rows) points; at most \(GroundGrid.maximumPoints) are allowed (widen the spacing)"
            )
        }
    }
}
