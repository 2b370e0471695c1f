/// Whether direct sun reaches a point, and if not, why: the one answer of the engine for
/// windows, facade and ground points (per stretch of a day) and point queries (per instant).
public enum Exposure: Hashable, Sendable {
    case sunlit
    /// The ray toward the sun enters this building first (index into the scene).
    case shaded(by: Int)
    /// The sun is behind the facade plane (or within the sweep-angle limit of it).
    case behindFacade
    /// The sun is on or below the horizon (apparent elevation when refraction is on); only
    /// an instant's answer, a day's stretches cover daylight only.
    case sunBelowHorizon
    /// The point is inside this building's solid (index into the scene): no sun reaches it
    /// at any instant. Only point queries answer this (``PointQuery/insideBuilding``); the
    /// engine's calculation points are never inside.
    case insideBuilding(Int)
}

extension Exposure {
    /// The building index when shaded by one.
    public var blocker: Int? {
        if case .shaded(let b) = self { return b }
        return nil
    }
}
