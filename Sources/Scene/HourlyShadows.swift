import SolarCore

/// The shadows at one hour of a 時刻日影図 (hourly shadow outlines / 阴影轮廓).
public struct HourlyShadow: Sendable {
    /// Hours after true-solar midnight (8 = 8:00 TST).
    public let trueSolarHour: Double
    /// The civil instant of that true solar time, seconds since 1970 (UTC).
    public let instant: Double
    /// Unit vector toward the sun then (x east, y north, z up).
    public let towardSun: Vec3
    /// Every building's shadow on the plane; empty while the sun is below the horizon.
    public let shadows: [BuildingShadow]

    /// The outline of all of them (the line a 時刻日影図 draws for this hour).
    public var outline: [[Vec2]] { shadowUnion(shadows) }
}

/// Shadow outlines on the plane z = `planeHeight` at every `stepMinutes` of true solar
/// time from `fromHour`:00 to `toHour`:00 inclusive, on the civil `date` (the true-solar
/// day whose noon falls on it). Japanese practice draws them hourly 8–16 (9–15 in
/// Hokkaido) on the 日影規制 plane; the sun is geometric unless `refraction` says otherwise.
///
/// - Throws: ``SceneIssue`` for hours outside 0…24 or reversed, a step outside 1…240
///   minutes, a plane height outside 0…1000 m, or an invalid date.
public func hourlyShadows(
    of scene: Scene, on date: CivilDate, zone: some CivilTimeZone, planeHeight: Double,
    fromHour: Int, toHour: Int, stepMinutes: Int = 60,
    refraction: Refraction = .none
) throws(SceneIssue) -> [HourlyShadow] {
    guard date.isValid else { throw SceneIssue(path: "date", message: "\(date) is not a calendar date") }
    guard (0...24).contains(fromHour), (0...24).contains(toHour), fromHour <= toHour else {
        throw SceneIssue(
            path: "fromHour", message: "hours must satisfy 0 ≤ fromHour ≤ toHour ≤ 24 (got \(fromHour)…\(toHour))")
    }
    guard (1...240).contains(stepMinutes) else {
        throw SceneIssue(path: "stepMinutes", message: "must be within 1…240 (got \(stepMinutes))")
    }
    guard planeHeight.isFinite, (0...SceneLimits.heightMeters).contains(planeHeight) else {
        throw SceneIssue(
            path: "planeHeight", message: "must be within 0...\(Int(SceneLimits.heightMeters)) m (got \(planeHeight))")
    }
    let day = SunDay(site: scene.site, date: date, zone: zone, refraction: refraction)
    var out: [HourlyShadow] = []
    var minutes = fromHour * 60
    while minutes <= toHour * 60 {
        let t = day.solar.instant(trueSolarDate: day.trueSolarDate, secondsOfDay: Double(minutes) * 60).secondsSince1970
        let s = day.direction(at: t)
        out.append(
            HourlyShadow(
                trueSolarHour: Double(minutes) / 60, instant: t, towardSun: s,
                shadows: groundShadows(of: scene, towardSun: s, planeHeight: planeHeight)))
        minutes += stepMinutes
    }
    return out
}
