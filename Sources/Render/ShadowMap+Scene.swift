import Scene
import SolarCore
import SunSpotIO

extension ShadowMap {
    /// The site's shadows at one instant: the one function the CLI and the daemon call.
    ///
    /// The sun is SolarCore's full SPA position (refracted if the profile says so); the
    /// shadows are the Scene core's ground polygons; the flat's marker takes the state
    /// the engine's exact ray test gives for the window's calculation point. `prepared`: the
    /// scene's analyzer when the caller has one (same profile and year), to reuse its sun days.
    public static func instant(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, at instant: Instant,
        flat: FlatAddress? = nil, windowIndex: Int? = nil,
        language: Language, prepared: SunlightAnalyzer? = nil
    ) throws(SceneIssue) -> ShadowMap {
        let sun = SolarPosition(at: instant, site: scene.site, refraction: profile.refractionModel)
        let d = sun.direction
        let toward = Vec3(d.x, d.y, d.z)
        // Every building's rings in one nonzero fill: the rasterizer unions them (holes stay
        // holes unless another shadow covers them), so no polygon union is needed here.
        let shadow = groundShadows(of: scene, towardSun: toward).flatMap(\.rings)
        let civil = zone.civil(instant)
        let tst = TrueSolarTime.seconds(at: instant, longitude: scene.site.longitude)
        var subtitle = [
            language.pick("民用时 ", "civil ") + "\(civil.date.iso8601) \(civil.timeOfDay) (\(zone.identifier))"
                + language.pick("  真太阳时 ", "  true solar ") + clockString(tst),
            language.pick("太阳方位角 ", "sun azimuth ") + fixed(sun.azimuthDegrees, 1) + "°"
                + language.pick("  高度角 ", "  elevation ") + fixed(sun.elevationDegrees, 1) + "°"
                + (sun.elevationDegrees <= 0 ? language.pick("（日落后，无阴影）", " (below the horizon: no shadows)") : ""),
        ]
        var marker: Marker?
        if let flat {
            let w = try FlatWindow.locate(
                scene: scene, zone: zone, profile: profile, year: civil.date.year, flat: flat,
                windowIndex: windowIndex, prepared: prepared)
            let exposure =
                sun.elevationDegrees > profile.minimumAltitudeDegrees ? w.view.state(toward: toward) : .behindFacade
            let state = stateWords(exposure, scene: scene, language: language)
            // The grey is shadow on the ground; the window is tested at its own height, and
            // its label says so, so a lit window drawn over ground shadow does not read as shaded.
            marker = Marker(
                position: w.point.xy, outward: w.window.outward, exposure: exposure,
                label: w.shortLabel + " · " + w.heightLabel(language) + language.pick("：", ": ") + state)
            subtitle.append(w.caption(language) + "：" + state)
        }
        subtitle.append(
            language.pick(
                "灰色为地面（0 m）上的阴影；窗的日照按窗台高度计算",
                "grey: shadows on the ground (0 m); the window is tested at its sill height"))
        let title = language.pick("阴影图", "Shadows") + (scene.document.name.map { " · \($0)" } ?? "")
        return ShadowMap(
            title: title, subtitle: subtitle, buildings: scene.planBuildings, shadow: shadow, marker: marker)
    }

    /// Hourly shadow outlines of a day (時刻日影図), at whole hours of true solar time
    /// with the sun at least `minimumElevationDegrees` high (lower suns throw shadows off the map).
    public static func hourly(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, date: CivilDate,
        flat: FlatAddress? = nil, windowIndex: Int? = nil, language: Language,
        minimumElevationDegrees: Double = 5
    ) throws(SceneIssue) -> ShadowMap {
        let track = SunPathTrack(
            label: date.iso8601, site: scene.site, date: date, zone: zone,
            refraction: profile.refractionModel)
        var outlines: [Outline] = []
        // Each hour's union can take a second among thousands of towers: a cancelled task stops
        // between hours (and inside a union), and its caller discards the incomplete outlines.
        for mark in track.hourMarks where mark.sky.elevationDegrees >= minimumElevationDegrees && !Task.isCancelled {
            let p = SolarPosition(at: mark.instant, site: scene.site, refraction: profile.refractionModel).direction
            let shadows = groundShadows(of: scene, towardSun: Vec3(p.x, p.y, p.z))
            let rings = shadowUnion(shadows)
            outlines.append(Outline(label: "\(mark.trueSolarHour)", rings: rings, away: Vec2(-p.x, -p.y)))
        }
        var subtitle = [
            language.pick("日期 ", "date ") + date.iso8601 + language.pick("  整点为真太阳时", "  hours in true solar time")
        ]
        var marker: Marker?
        if let flat {
            let w = try FlatWindow.locate(
                scene: scene, zone: zone, profile: profile, year: date.year, flat: flat,
                windowIndex: windowIndex)
            // Shown in the state at true noon.
            let noon = track.hourMarks.first { $0.trueSolarHour == 12 }
            let exposure: Exposure
            if let noon {
                let p = SolarPosition(at: noon.instant, site: scene.site, refraction: profile.refractionModel).direction
                exposure = w.view.state(toward: Vec3(p.x, p.y, p.z))
            } else {
                exposure = .behindFacade
            }
            marker = Marker(
                position: w.point.xy, outward: w.window.outward, exposure: exposure,
                label: w.shortLabel + " · " + w.heightLabel(language) + language.pick("：正午", ": at noon ")
                    + stateWords(exposure, scene: scene, language: language))
            subtitle.append(w.caption(language) + language.pick("（标记为正午状态）", " (marker: state at noon)"))
            subtitle.append(language.pick("阴影线为地面（0 m）上的阴影", "outlines: shadows on the ground (0 m)"))
        }
        let title = language.pick("时刻日影图", "Hourly shadows") + (scene.document.name.map { " · \($0)" } ?? "")
        return ShadowMap(
            title: title, subtitle: subtitle, buildings: scene.planBuildings, outlines: outlines, marker: marker)
    }

    /// The window's state in words ("in sun", "shaded by T1").
    static func stateWords(_ exposure: Exposure, scene: Scene, language: Language) -> String {
        switch exposure {
        case .sunlit: return language.pick("有日照", "in sun")
        case .shaded(let b):
            return language.pick("被 \(scene.buildings[b].id) 遮挡", "shaded by \(scene.buildings[b].id)")
        case .behindFacade: return language.pick("太阳在窗后", "sun behind the facade")
        case .sunBelowHorizon: return language.pick("太阳在地平线下", "sun below the horizon")
        case .insideBuilding(let b):
            return language.pick("在 \(scene.buildings[b].id) 楼内", "inside \(scene.buildings[b].id)")
        }
    }
}
