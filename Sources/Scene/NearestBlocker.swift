extension Array where Element == Obstacle {
    /// The building the ray from p toward s enters first, among the prisms at `indices`,
    /// and how far along the ray; nil when the ray enters none of them.
    ///
    /// The one nearest-blocker scan of the engine: windows, facade and ground points, point
    /// queries and the comparison's order check all use it, so they agree on the blocker to
    /// the bit. On a tie the prism scanned first wins.
    @inline(__always)
    func nearestBlocker(from p: Vec3, toward s: Vec3, among indices: some Sequence<Int>)
        -> (building: Int, distanceMeters: Double)?
    {
        var best = Double.infinity
        var blocker = -1
        for i in indices {
            if let l = self[i].entryDistance(from: p, toward: s), l < best {
                best = l
                blocker = self[i].buildingIndex
            }
        }
        return blocker >= 0 ? (blocker, best) : nil
    }

    /// ``nearestBlocker(from:toward:among:)`` among every prism.
    @inline(__always)
    func nearestBlocker(from p: Vec3, toward s: Vec3) -> (building: Int, distanceMeters: Double)? {
        nearestBlocker(from: p, toward: s, among: indices)
    }
}
