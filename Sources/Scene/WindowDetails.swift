/// What shades a window from its own wall: the reveal (wall thickness), a recess in the
/// facade and a slab above it. Resolved from the document's optional window fields.
///
/// The exact engine only knows vertical prisms, so the details become prisms of the
/// window's own building (``Window/surroundings(in:buildingIndex:floor:sillMeters:)``):
/// the building's footprint with the recess and reveal cut into it as a notch (the
/// calculation point sits 1 cm in front of the glass, at the back of the notch), the
/// wall above the opening as raised prisms filling the notch, and the slab as a thin
/// raised prism in front of the wall. Shadows of these prisms are then as exact as any
/// other building's, and are attributed to the window's own building.
public struct WindowDetails: Sendable, Hashable {
    /// Height of the opening above the sill, when the document gives it.
    public var openingHeightMeters: Double?
    /// Glass behind the back of the recess (or the outer wall face), metres; 0: flush.
    public var revealMeters: Double
    public var recess: Recess?
    public var overhang: Overhang?

    public struct Recess: Sendable, Hashable {
        public var depthMeters: Double
        public var widthMeters: Double
        /// Top of the recess above the floor level, when the document gives it.
        public var heightMeters: Double?
    }

    public struct Overhang: Sendable, Hashable {
        public var depthMeters: Double
        public var aboveSillMeters: Double
        public var extendMeters: Double
        public var thicknessMeters: Double
    }

    public static let plain = WindowDetails(openingHeightMeters: nil, revealMeters: 0, recess: nil, overhang: nil)

    /// No reveal, recess or slab: the point sits on the outer wall face as in DESIGN.md.
    public var isPlain: Bool { revealMeters == 0 && recess == nil && overhang == nil }

    /// How far the glass is behind the outer wall face.
    public var glassDepthMeters: Double { revealMeters + (recess?.depthMeters ?? 0) }

    /// Whether the own building's footprint needs a notch.
    var carvesWall: Bool { glassDepthMeters > 0 }
}

extension Window {
    /// The window's own building as the engine sees it from this window on `floor`: the
    /// footprint with the notch (nil when the wall is flush) and the extra prisms (wall
    /// above the opening and the recess, the slab).
    ///
    /// - Parameter sillMeters: the sill height in use (the window's, else the profile's).
    public func surroundings(
        in building: Building, buildingIndex: Int, floor: Int, sillMeters: Double
    )
        -> (footprint: [Vec2]?, extras: [Obstacle])
    {
        let d = details
        guard !d.isPlain else { return (nil, []) }
        let level = building.floorLevel(floor)
        let top = building.topMeters
        let floorHeight = building.floorHeightMeters ?? (top - level)
        let w = widthMeters / 2
        let depth = d.recess?.depthMeters ?? 0
        let half = (d.recess?.widthMeters ?? widthMeters) / 2
        let r = d.revealMeters
        var extras: [Obstacle] = []
        func prism(_ u0: Double, _ u1: Double, _ v0: Double, _ v1: Double, base: Double, top: Double) {
            guard top > base + 1e-9 else { return }
            let fp = [local(u0, v0), local(u1, v0), local(u1, v1), local(u0, v1)]
            // Counter-clockwise whatever the facade's orientation: along × outward points down.
            extras.append(
                Obstacle(
                    buildingIndex: buildingIndex,
                    footprint: Polygon.signedDoubleArea(fp) > 0 ? fp : fp.reversed(),
                    baseMeters: base, topMeters: top))
        }
        if r > 0 {
            // The wall above the opening (the reveal's head).
            let head = level + sillMeters + (d.openingHeightMeters ?? floorHeight - sillMeters)
            prism(-w, w, -depth - r, -depth, base: head, top: top)
        }
        if let recess = d.recess {
            // The wall (slab) above the recess.
            prism(-half, half, -depth, 0, base: level + (recess.heightMeters ?? floorHeight), top: top)
        }
        if let o = d.overhang {
            let base = level + sillMeters + o.aboveSillMeters
            prism(-w - o.extendMeters, w + o.extendMeters, 0, o.depthMeters, base: base, top: base + o.thicknessMeters)
        }
        return (d.carvesWall ? carvedFootprint(building.footprint) : nil, extras)
    }

    /// `footprint` with this window's recess and reveal cut into its edge as a notch.
    ///
    /// The notch is a full-height slot; the prisms of ``surroundings(in:buildingIndex:floor:sillMeters:)``
    /// close it above the opening, and rays from the sill only climb, so what lies below
    /// the sill never matters.
    public func carvedFootprint(_ footprint: [Vec2]) -> [Vec2] {
        let d = details
        let w = widthMeters / 2
        let depth = d.recess?.depthMeters ?? 0
        let half = (d.recess?.widthMeters ?? widthMeters) / 2
        let r = d.revealMeters
        let notch = [
            local(-half, 0), local(-half, -depth), local(-w, -depth), local(-w, -depth - r),
            local(w, -depth - r), local(w, -depth), local(half, -depth), local(half, 0),
        ]
        var out: [Vec2] = []
        for (i, v) in footprint.enumerated() {
            out.append(v)
            if i == edgeIndex { out += notch }
        }
        // Coincident vertices (no recess, a notch reaching a corner) would make zero-length edges.
        var clean: [Vec2] = []
        for v in out where clean.last.map({ ($0 - v).length > 1e-9 }) ?? true { clean.append(v) }
        while clean.count > 1, (clean[0] - clean[clean.count - 1]).length <= 1e-9 { clean.removeLast() }
        return clean
    }

    /// The plan point `u` along the facade (to the right seen from outside) and `v` out
    /// of the wall (negative: into it), from the window centre on the outer face.
    func local(_ u: Double, _ v: Double) -> Vec2 { centre + along * u + outward * v }
}
