import HTTPTypes

extension HTTPField.Name {
    /// The revision a scene-derived response was computed from (the body does not say).
    static let sceneRevision = HTTPField.Name("Scene-Revision")!
}
