import Scene

/// The geometry the engine derives from a scene document, in the document's own frame
/// (x = east, y = the document's +y, metres): each building's prism and each window's
/// frame on its facade. The daemon serves it (`/v1/scenes/{id}/geometry`,
/// `POST /v1/geometry`) so the web page draws exactly what the engine computes instead of
/// re-deriving box corners and facades in JavaScript (issue 15 §2).
public struct SceneGeometryReport: Codable, Sendable, Equatable {
    /// A building as the shadow engine sees it: footprint × [base, top].
    public struct Prism: Codable, Sendable, Equatable {
        public var id: String
        /// Counter-clockwise; for a box, edges 0…3 are its south, east, north and west faces.
        public var footprint: [[Double]]
        public var base: Double
        public var top: Double
        public var floors: Int?
        public var floorHeight: Double?
        public var units: [UnitFrames]
    }

    public struct UnitFrames: Codable, Sendable, Equatable {
        public var id: String
        public var windows: [WindowFrame]
    }

    /// Where a window is and which way it looks: `centre` on the outer wall face, `along`
    /// the facade (to the right seen from outside), `outward` its normal; unit vectors.
    public struct WindowFrame: Codable, Sendable, Equatable {
        public var edge: Int
        public var centre: [Double]
        public var along: [Double]
        public var outward: [Double]
        public var width: Double
        /// The document's sill override (the profile's sill height applies without it).
        public var sill: Double?
        /// Azimuth the window faces, degrees clockwise from true north.
        public var facing: Double
    }

    /// The document's north angle: its frame turned by this many degrees is true north.
    public var northAngle: Double
    public var buildings: [Prism]

    /// The geometry of a validated scene, turned back from the engine's true-north frame
    /// into the document's.
    public init(scene: Scene) {
        let north = scene.document.site.northAngle ?? 0
        let back = { (v: Vec2) -> [Double] in
            let p = north == 0 ? v : v.rotated(degrees: north)
            return [p.x, p.y]
        }
        northAngle = north
        buildings = scene.buildings.map { b in
            Prism(
                id: b.id, footprint: b.footprint.map(back), base: b.baseMeters, top: b.topMeters, floors: b.floors,
                floorHeight: b.floorHeightMeters,
                units: b.units.map { u in
                    UnitFrames(
                        id: u.id,
                        windows: u.windows.map { w in
                            WindowFrame(
                                edge: w.edgeIndex, centre: back(w.centre), along: back(w.along),
                                outward: back(w.outward), width: w.widthMeters, sill: w.sillMeters,
                                facing: w.facingAzimuthDegrees)
                        })
                })
        }
    }
}
