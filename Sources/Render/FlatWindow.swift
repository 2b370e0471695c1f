import Scene
import SolarCore
import SunSpotIO

/// A flat's window resolved in a scene: where its calculation point is and what it sees.
struct FlatWindow {
    var flat: FlatAddress
    var building: Building
    var unit: UnitColumn
    var window: Window
    var index: Int
    /// The sill-centre calculation point (1 cm off the wall).
    var point: Vec3
    var view: ObstructionView

    /// Finds the window, by default the one the flat's table shows (most minutes on the
    /// first standard day), and names what is wrong otherwise.
    /// - Parameter prepared: an analyzer already built for this scene, profile and year (a batch
    ///   report has one per scene), so its 24 sun days are not computed again.
    static func locate(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, year: Int, flat: FlatAddress,
        windowIndex: Int?, prepared: SunlightAnalyzer? = nil
    ) throws(SceneIssue) -> FlatWindow {
        let analyzer =
            prepared.flatMap { $0.year == year && $0.profile == profile ? $0 : nil }
            ?? SunlightAnalyzer(scene: scene, zone: zone, profile: profile, year: year)
        let (building, unit) = try analyzer.locate(flat)
        let index: Int
        if let windowIndex { index = windowIndex } else { index = try analyzer.table(for: flat).windowIndex }
        guard unit.windows.indices.contains(index) else {
            throw SceneIssue(
                path: "window",
                message:
                    "\(index) is out of range 0..<\(unit.windows.count) for unit '\(unit.id)' of building '\(building.id)'"
            )
        }
        let window = unit.windows[index]
        let point = analyzer.calculationPoints(building: building, window: window, floor: flat.floor)[0]
        let view = ObstructionView(
            point: point, outward: window.outward, minimumSweepDegrees: profile.minimumSweepDegrees,
            obstacles: analyzer.obstacles)
        return FlatWindow(
            flat: flat, building: building, unit: unit, window: window, index: index, point: point, view: view)
    }

    /// `住宅 3号楼 · 5 层 · 东户（窗 0，朝向 180.0°，窗台高 15.40 m）`.
    func caption(_ language: Language) -> String {
        language.pick("住宅 ", "flat ") + "\(building.name ?? building.id) · "
            + language.pick("\(flat.floor) 层 · ", "floor \(flat.floor) · ") + (unit.name ?? unit.id)
            + language.pick("（窗 \(index)，朝向 ", " (window \(index), facing ") + fixed(window.facingAzimuthDegrees, 1)
            + language.pick("°，窗台高 ", "°, sill at ") + fixed(point.z, 2) + language.pick(" m）", " m)")
    }

    /// Short label for a plan marker: `3/5/east`.
    var shortLabel: String { flat.description }

    /// "window at 12.5 m" / "窗高 12.5 m": the height its state is computed at (the sill point).
    func heightLabel(_ language: Language) -> String {
        language.pick("窗高 \(fixed(point.z, 1)) m", "window at \(fixed(point.z, 1)) m")
    }
}
