import Scene
import SolarCore
import SunSpotIO

extension SunHoursMap {
    /// The map's ground grid when no extent is given: the buildings' extent with a quarter
    /// of its larger side (20 m at least) as margin on each side, `spacingMeters` apart (nil:
    /// about 160 points across, never closer than 0.5 m). The daemon estimates a map's cost on
    /// this same grid before drawing it.
    public static func grid(for scene: Scene, spacingMeters: Double?) -> GroundGrid {
        let (lo, hi) = ground(of: scene)
        return GroundGrid(from: lo, to: hi, spacing: spacingMeters ?? defaultSpacing(lo, hi))
    }

    /// The default spacing of ``grid(for:spacingMeters:)``.
    public static func defaultSpacing(for scene: Scene) -> Double {
        let (lo, hi) = ground(of: scene)
        return defaultSpacing(lo, hi)
    }

    /// About 160 points across the ground from `lo` to `hi`, never closer than 0.5 m.
    static func defaultSpacing(_ lo: Vec2, _ hi: Vec2) -> Double { max(0.5, max(hi.x - lo.x, hi.y - lo.y) / 160) }

    /// The buildings' plan bounds grown by a quarter of their larger side (20 m at least).
    private static func ground(of scene: Scene) -> (lo: Vec2, hi: Vec2) {
        let all = scene.buildings.flatMap(\.footprint)
        let lo = Vec2(all.map(\.x).min() ?? -50, all.map(\.y).min() ?? -50)
        let hi = Vec2(all.map(\.x).max() ?? 50, all.map(\.y).max() ?? 50)
        let margin = 0.25 * max(hi.x - lo.x, hi.y - lo.y, 20)
        return (lo - Vec2(margin, margin), hi + Vec2(margin, margin))
    }

    /// The sun-hours map of a scene's ground for a day: the one function the CLI and the daemon call.
    ///
    /// - Parameters:
    ///   - band: hours counted (on the profile's clock); nil counts the whole day.
    ///   - spacingMeters: grid spacing; nil picks one giving about 160 points across the ground.
    ///   - extent: the ground mapped, two opposite corners in scene metres; nil: the buildings
    ///     and a quarter of their span around. Two schemes drawn with one extent (and spacing)
    ///     share their frame and grid, so before and after can be laid side by side.
    public static func make(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, date: CivilDate,
        band: RuleProfile.Band?, spacingMeters: Double? = nil, planeHeight: Double = 0,
        extent: (Vec2, Vec2)? = nil, language: Language, workers: Int = 2
    ) async throws(SceneIssue) -> SunHoursMap {
        let grid: GroundGrid
        if let (a, b) = extent {
            guard a.x != b.x && a.y != b.y else {
                throw SceneIssue(path: "extent", message: "must be a rectangle with two opposite corners (got a line)")
            }
            let (lo, hi) = (Vec2(min(a.x, b.x), min(a.y, b.y)), Vec2(max(a.x, b.x), max(a.y, b.y)))
            grid = GroundGrid(from: lo, to: hi, spacing: spacingMeters ?? Self.defaultSpacing(lo, hi))
        } else {
            grid = Self.grid(for: scene, spacingMeters: spacingMeters)
        }
        let spacing = grid.spacing
        let hours = try await groundSunHours(
            of: scene, on: date, zone: zone, profile: profile, band: band, grid: grid,
            planeHeight: planeHeight, workers: workers)
        // The hours the sun can give that day: the profile's daylight inside the band.
        let day = SunDay(
            site: scene.site, date: date, zone: zone, refraction: profile.refractionModel,
            minimumAltitudeDegrees: profile.minimumAltitudeDegrees)
        let possibleSeconds = day.daylight.reduce(0.0) { sum, d in
            sum + max(0, min(d.end, hours.bandEnd) - max(d.start, hours.bandStart))
        }
        let possibleHours = possibleSeconds / 3600
        // Lines below the possible hours only (a minute's tolerance: 9–15 is 6 h, not 6 h 0.01 s).
        let contourHours = stride(from: 1.0, to: possibleHours - 1.0 / 60, by: possibleHours > 9 ? 2 : 1).map { $0 }
        let bandText =
            band.map {
                language.pick("计时段 ", "band ") + $0.label
                    + (profile.clock == .trueSolar
                        ? language.pick("（真太阳时）", " (true solar)") : "")
            } ?? language.pick("全天", "whole day")
        let subtitle = [
            language.pick("日期 ", "date ") + date.iso8601 + "  " + bandText,
            language.pick("网格 ", "grid ") + fixed(spacing, 1) + " m" + language.pick("，地面高 ", ", plane at ")
                + fixed(planeHeight, 1) + " m",
        ]
        let title = language.pick("日照时数图", "Sun hours") + (scene.document.name.map { " · \($0)" } ?? "")
        return SunHoursMap(
            title: title, subtitle: subtitle, buildings: scene.planBuildings, grid: hours,
            contourHours: contourHours, possibleHours: possibleHours)
    }
}
