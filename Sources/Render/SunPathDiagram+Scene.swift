import Scene
import SolarCore
import SunSpotIO

/// Which days a sun-path diagram shows.
public enum SunPathDays: Sendable, Hashable {
    /// One civil date.
    case date(CivilDate)
    /// The analysis days of all 24 solar terms of a year.
    case allTerms(year: Int)
}

extension SunPathDiagram {
    /// The sun-path diagram of a scene's site: the one function the CLI and the daemon call.
    ///
    /// - Parameters:
    ///   - flat: draws that flat's window: its obstruction skyline, the sky behind its
    ///     facade, and the path cut into lit and shaded runs exactly as the engine finds them.
    ///   - windowIndex: which of the unit's windows; by default the one the flat's table shows
    ///     (the most minutes on the first standard day).
    ///   - prepared: the scene's analyzer when the caller has one (same profile and year), to reuse its sun days.
    /// - Throws: a ``SceneIssue`` naming the flat part (`building`, `floor`, `unit`, `window`) that is wrong.
    public static func make(
        scene: Scene, zone: some CivilTimeZone, profile: RuleProfile, days: SunPathDays,
        flat: FlatAddress? = nil, windowIndex: Int? = nil, language: Language,
        projection: SkyProjection.Kind = .stereographic,
        prepared: SunlightAnalyzer? = nil
    ) throws(SceneIssue) -> SunPathDiagram {
        let year: Int
        switch days {
        case .date(let d): year = d.year
        case .allTerms(let y): year = y
        }
        var view: ObstructionView?
        var facing: Double?
        var skyline: [SkylineSample] = []
        var subtitle = [String]()
        let site = scene.site
        subtitle.append(
            language.pick("纬度 ", "lat ") + fixed(site.latitude, 4) + "°  " + language.pick("经度 ", "lon ")
                + fixed(site.longitude, 4) + "°  " + zone.identifier
                + language.pick("  时刻为真太阳时", "  hours in true solar time"))
        if let flat {
            let w = try FlatWindow.locate(
                scene: scene, zone: zone, profile: profile, year: year, flat: flat,
                windowIndex: windowIndex, prepared: prepared)
            view = w.view
            facing = w.window.facingAzimuthDegrees
            skyline = w.view.skyline(
                fromDegrees: w.window.facingAzimuthDegrees - 90,
                toDegrees: w.window.facingAzimuthDegrees + 90, stepDegrees: 0.25)
            subtitle.append(w.caption(language))
        }
        var tracks: [SunPathTrack] = []
        switch days {
        case .date(let date):
            let track = SunPathTrack(
                label: date.iso8601, site: site, date: date, zone: zone,
                refraction: profile.refractionModel, view: view)
            tracks.append(track)
            var line = language.pick("日期 ", "date ") + date.iso8601
            if view != nil {
                line += language.pick("  窗全天日照 ", "  window sunlit ") + hoursMinutes(track.sunlitSeconds, language)
            }
            subtitle.append(line)
        case .allTerms(let year):
            for term in SolarTerms.terms(year: year) {
                let date = term.date(in: zone)
                let name = language.pick(term.name.chinese, term.name.english)
                tracks.append(
                    SunPathTrack(
                        label: name, termLongitudeDegrees: term.longitudeDegrees, site: site, date: date,
                        zone: zone, refraction: profile.refractionModel, view: view))
            }
            subtitle.append(language.pick("\(year) 年二十四节气", "the 24 solar terms of \(year)"))
        }
        let title = language.pick("日照轨迹图", "Sun path") + (scene.document.name.map { " · \($0)" } ?? "")
        var labels: [Int: String] = [:]
        for (i, b) in scene.buildings.enumerated() { labels[i] = b.id }
        var diagram = SunPathDiagram(
            title: title, subtitle: subtitle, tracks: tracks, skyline: skyline,
            buildingLabels: labels, facingAzimuthDegrees: facing, projection: projection,
            hourLines: { if case .allTerms = days { true } else { false } }())
        // Every building that blocks the path, longest first, also in words.
        let blockers = diagram.pathBlockers
        if view != nil, !blockers.isEmpty {
            diagram.subtitle.append(
                language.pick("遮挡：", "blocked by: ")
                    + blockers.map { blocker in
                        (labels[blocker.building] ?? "#\(blocker.building)") + " ("
                            + hoursMinutes(blocker.seconds, language) + ")"
                    }.joined(separator: language.pick("，", ", ")))
        }
        return diagram
    }
}

/// `12.3457` with `digits` decimals (no Foundation formatting in this module's pure parts).
func fixed(_ value: Double, _ digits: Int) -> String {
    var p = 1.0
    for _ in 0..<digits { p *= 10 }
    let r = (abs(value) * p).rounded()
    let whole = Int(r / p)
    let frac = Int(r - Double(whole) * p)
    var fs = String(frac)
    while fs.count < digits { fs = "0" + fs }
    return (value < 0 && r > 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + fs : "")
}

/// `4 h 12 min` / `4 小时 12 分`.
func hoursMinutes(_ seconds: Double, _ language: Language) -> String {
    let m = Int((seconds / 60).rounded())
    return language.pick("\(m / 60) 小时 \(m % 60) 分", "\(m / 60) h \(m % 60) min")
}
