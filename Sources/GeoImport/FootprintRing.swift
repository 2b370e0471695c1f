import Scene

/// Turns a projected outer ring into a footprint the scene format accepts.
///
/// In order: coordinates are rounded to the millimetre (what the document keeps);
/// the closing vertex GeoJSON repeats and any vertex within 1 cm of the one
/// before it are dropped (Scene validation wants edges of at least 1 cm);
/// self-intersecting rings are rejected; clockwise rings are reversed, since
/// GeoJSON files come in both orientations and the scene wants counter-clockwise.
public enum FootprintRing {
    /// Shortest edge the scene accepts (Scene+Validation: "edges must be at least 1 cm long").
    public static let minimumEdgeMeters = 0.01

    /// The cleaned, counter-clockwise footprint as `[[x, y], …]`, or a message saying
    /// what is wrong with the ring (vertex numbers are the file's, 0-based).
    public static func footprint(from ring: [Coordinate]) -> Result<[[Double]], ImportError> {
        // Keep the file's index of each kept vertex, so messages can point into the file.
        var kept: [(source: Int, point: Vec2)] = []
        for (i, c) in ring.enumerated() {
            let p = Vec2(millimetres(c.x), millimetres(c.y))
            if let last = kept.last, (p - last.point).length < minimumEdgeMeters { continue }
            kept.append((i, p))
        }
        while kept.count > 1, (kept[kept.count - 1].point - kept[0].point).length < minimumEdgeMeters {
            kept.removeLast()  // the closing vertex, or a last one on top of the first
        }
        guard kept.count >= 3 else {
            return .failure(ImportError("", "has \(kept.count) distinct vertices; a footprint needs at least 3"))
        }
        guard kept.count <= SceneLimits.verticesPerFootprint else {
            return .failure(
                ImportError("", "has \(kept.count) vertices; the limit is \(SceneLimits.verticesPerFootprint)"))
        }
        let points = kept.map(\.point)
        if let (i, j) = Polygon.selfIntersection(points) {
            let edge = { (k: Int) in "\(kept[k].source)–\(kept[(k + 1) % kept.count].source)" }
            return .failure(
                ImportError(
                    "",
                    "is self-intersecting: edge \(edge(i)) crosses edge \(edge(j)) (vertex numbers of the file's ring)")
            )
        }
        let doubleArea = Polygon.signedDoubleArea(points)
        guard abs(doubleArea) / 2 >= 0.01 else {
            return .failure(ImportError("", "has no area (its vertices are collinear)"))
        }
        let ccw = doubleArea > 0 ? points : points.reversed()
        return .success(ccw.map { [$0.x, $0.y] })
    }

    private static func millimetres(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
}
