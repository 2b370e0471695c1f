/// One broken rule of a scene document, with the JSON path of the offending value.
public struct SceneIssue: Error, Hashable, Sendable, CustomStringConvertible {
    /// e.g. `buildings[2].box.width`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path) \(message)" }
}

/// A scene that breaks one or more rules; `issues` lists each, in document order.
public struct SceneValidationError: Error, Sendable, CustomStringConvertible {
    public var issues: [SceneIssue]

    public init(issues: [SceneIssue]) { self.issues = issues }

    public var description: String {
        issues.count == 1
            ? issues[0].description
            : "\(issues.count) problems: " + issues.map(\.description).joined(separator: "; ")
    }
}

/// Documented size limits of a scene (README "Scene limits").
public enum SceneLimits {
    public static let buildings = 2_000
    public static let verticesPerFootprint = 256
    public static let unitsPerBuilding = 64
    public static let windowsPerUnit = 16
    public static let floors = 200
    /// Windows × floors over the whole scene (calculation points of a whole-scene run).
    public static let flatWindows = 200_000
    public static let coordinateMeters = 100_000.0
    public static let heightMeters = 1_000.0
    public static let nameLength = 200
}
