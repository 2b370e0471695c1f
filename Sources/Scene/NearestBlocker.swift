/// The building a ray from a point toward the sun enters first, and how far along the ray.
///
/// The one nearest-blocker scan of the engine: windows, facade and ground points, point
/// queries and the comparison's order check all feed their candidate prisms to it, so they
/// agree on the blocker to the bit. On a tie the prism considered first wins.
struct NearestBlocker {
    let point: Vec3
    let towardSun: Vec3
    private(set) var distanceMeters = Double.infinity
    /// Index into the scene of the building entered first (-1: none yet).
    private(set) var building = -1

    @inline(__always)
    init(from p: Vec3, toward s: Vec3) {
        point = p
        towardSun = s
    }

    @inline(__always)
    mutating func consider(_ o: Obstacle) {
        if let l = o.entryDistance(from: point, toward: towardSun), l < distanceMeters {
            distanceMeters = l
            building = o.buildingIndex
        }
    }

    /// Shaded by the building found, or sunlit when the ray entered none.
    var exposure: Exposure { building >= 0 ? .shaded(by: building) : .sunlit }
}

extension Array where Element == Obstacle {
    /// The building the ray from p toward s enters first among the prisms at `indices`, and
    /// how far along the ray (``NearestBlocker``); nil when it enters none of them.
    @inline(__always)
    func nearestBlocker(
        from p: Vec3, toward s: Vec3, among indices: some Sequence<Int>
    )
        -> (building: Int, distanceMeters: Double)?
    {
        var nearest = NearestBlocker(from: p, toward: s)
        for i in indices { nearest.consider(self[i]) }
        return nearest.building >= 0 ? (nearest.building, nearest.distanceMeters) : nil
    }

    /// ``nearestBlocker(from:toward:among:)`` among every prism.
    @inline(__always)
    func nearestBlocker(from p: Vec3, toward s: Vec3) -> (building: Int, distanceMeters: Double)? {
        nearestBlocker(from: p, toward: s, among: indices)
    }
}
