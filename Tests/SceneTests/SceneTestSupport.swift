import SolarCore

@testable import Scene

/// Scenes and helpers shared by the Scene suites.
enum Beijing {
    static let site = SiteSpec(latitude: 39.9042, longitude: 116.4074, timeZone: "Asia/Shanghai")
    static let zone = FixedOffsetZone(hours: 8)

    /// BJT seconds of day → instant on a date.
    static func at(_ date: CivilDate, _ h: Int, _ m: Int, _ s: Double) -> Double {
        zone.instant(date: date, secondsOfDay: Double(h * 3600 + m * 60) + s).secondsSince1970
    }
}

extension SceneDocument {
    func scene() throws -> Scene { try validated(isKnownTimeZone: { _ in true }) }
}

/// A one-floor box with one window on `face`, whose sill is 0.9 m above ground.
func windowBox(_ id: String = "H", face: String, x: Double = 0, y: Double = 0) -> BuildingSpec {
    BuildingSpec(
        id: id, box: BoxSpec(x: x, y: y, width: 20, depth: 10), floors: 1, floorHeight: 3,
        units: [UnitSpec(id: "u", windows: [WindowSpec(face: face, offset: 0, width: 1.5)])])
}

func analyzer(
    _ buildings: [BuildingSpec], profile: RuleProfile = .gb50180(), year: Int = 2025
) throws -> SunlightAnalyzer {
    let scene = try SceneDocument(site: Beijing.site, buildings: buildings).scene()
    return SunlightAnalyzer(scene: scene, zone: Beijing.zone, profile: profile, year: year)
}

extension FlatTable {
    func row(_ chinese: String) -> TermRowResult { rows.first { $0.term.name.chinese == chinese }! }
}
