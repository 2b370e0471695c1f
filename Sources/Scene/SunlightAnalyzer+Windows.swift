extension SunlightAnalyzer {
    /// The prisms one window sees on one floor: the scene's buildings, with the window's
    /// own building carved by its recess and reveal and joined by the prisms of its
    /// reveal head, recess and slab (``Window/surroundings(in:buildingIndex:floor:sillMeters:)``).
    /// A plain window sees the scene's buildings unchanged.
    public func obstacles(seenFrom window: Window, in building: Building, floor: Int) -> [Obstacle] {
        guard !window.details.isPlain, let index = scene.buildingIndex(id: building.id) else { return obstacles }
        let (carved, extras) = window.surroundings(
            in: building, buildingIndex: index, floor: floor,
            sillMeters: window.sillMeters ?? profile.sillHeightMeters)
        var out = obstacles
        if let carved {
            out[index] = Obstacle(
                buildingIndex: index, footprint: carved, baseMeters: building.baseMeters,
                topMeters: building.topMeters)
        }
        return out + extras
    }
}
