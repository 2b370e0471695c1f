/// Sun hours of one day on a grid of ground points (多点分析 / 等時間日影図's data).
///
/// `seconds[row * columns + column]` is the sunlit time of point (column, row) within
/// the band (row 0 at `origin.y`, column 0 at `origin.x`), summed over the exact
/// sunlit intervals of that point (the window engine's method per point, no time step).
/// Points inside a building standing on the plane are flagged in `insideBuilding`
/// and given 0 s (they are excluded from the map, and lie outside every contour).
public struct SunHoursGrid: Sendable {
    public let origin: Vec2
    public let spacing: Double
    public let columns: Int
    public let rows: Int
    /// Row-major; row 0 at origin.y.
    public let seconds: [Double]
    /// Row-major; true where the point lies inside a building that stands on the plane.
    public let insideBuilding: [Bool]
    /// Height of the plane above site ground, metres.
    public let planeHeight: Double
    /// The counted span as instants (seconds since 1970, UTC); the whole civil day without a band.
    public let bandStart: Double
    public let bandEnd: Double

    /// A grid of given values (e.g. one read back or built by hand).
    ///
    /// - Throws: ``SceneIssue`` when the grid is invalid (see ``GroundGrid/validate()``),
    ///   the arrays do not hold columns × rows values, a value is negative or not finite,
    ///   or the band is reversed.
    public init(
        origin: Vec2, spacing: Double, columns: Int, rows: Int, seconds: [Double], insideBuilding: [Bool],
        planeHeight: Double, bandStart: Double, bandEnd: Double
    ) throws(SceneIssue) {
        try GroundGrid(origin: origin, spacing: spacing, columns: columns, rows: rows).validate()
        guard seconds.count == columns * rows, insideBuilding.count == seconds.count else {
            throw SceneIssue(
                path: "seconds",
                message:
                    "needs \(columns) × \(rows) = \(columns * rows) values (got \(seconds.count) seconds, \(insideBuilding.count) flags)"
            )
        }
        if let k = seconds.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
            throw SceneIssue(path: "seconds[\(k)]", message: "must be a finite number ≥ 0 (got \(seconds[k]))")
        }
        guard bandStart.isFinite, bandEnd.isFinite, bandStart <= bandEnd else {
            throw SceneIssue(path: "band", message: "must have start ≤ end (got \(bandStart)…\(bandEnd))")
        }
        self.origin = origin
        self.spacing = spacing
        self.columns = columns
        self.rows = rows
        self.seconds = seconds
        self.insideBuilding = insideBuilding
        self.planeHeight = planeHeight
        self.bandStart = bandStart
        self.bandEnd = bandEnd
    }

    public var grid: GroundGrid { GroundGrid(origin: origin, spacing: spacing, columns: columns, rows: rows) }

    /// Length of the band, seconds.
    public var bandSeconds: Double { bandEnd - bandStart }

    /// Time in shadow within the band (日影時間), row-major; 0 for points inside buildings.
    public var shadowSeconds: [Double] {
        zip(seconds, insideBuilding).map { s, inside in inside ? 0 : max(0, bandSeconds - s) }
    }

    /// Plan position of point (column, row).
    public func point(column: Int, row: Int) -> Vec2 { grid.point(column: column, row: row) }

    /// Sun seconds at (column, row).
    public func seconds(column: Int, row: Int) -> Double { seconds[row * columns + column] }

    /// Equal-time lines of sun (等照时线): closed polylines around exactly the grid points with
    /// at least `hours` of sun (see ``Contours`` for the convention).
    public func contours(hours: Double) -> [[Vec2]] {
        Contours.rings(
            grid: grid, inside: seconds.indices.map { !insideBuilding[$0] && seconds[$0] >= hours * 3600 - 1e-6 },
            values: seconds, threshold: hours * 3600)
    }

    /// Equal-time lines of shadow (等時間日影線): closed polylines around exactly the grid points
    /// in shadow for at least `hours` of the band (points inside buildings excluded).
    public func shadowContours(hours: Double) -> [[Vec2]] {
        let shadow = shadowSeconds
        return Contours.rings(
            grid: grid, inside: shadow.indices.map { !insideBuilding[$0] && shadow[$0] >= hours * 3600 - 1e-6 },
            values: shadow, threshold: hours * 3600)
    }
}
