import Scene
import SolarCore
import SunSpotIO

// What the scene suite hands to its Python peer (Benchmarks/peers/raycast_numpy_sunhours.py):
// the district's scene document, and the engine's per-window sun minutes on the 24 term days.
//
// The peer rebuilds the geometry and the sun on its own from the document; the CSV is only
// compared with its counts. Everything here runs outside the timed measurements.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files and facts of one exported district.
struct SceneExport {
    /// Writes `<prefix>.district<N>.json` (the scene document) and `<prefix>.district<N>.csv`
    /// (one row per window, floor and term: the engine's whole-day sunlit minutes), and returns
    /// the facts that name them and the conventions the peer must replicate.
    ///
    /// Per-window minutes come from ``SunlightAnalyzer/termRows(points:outward:)`` at each window's
    /// calculation points, not from the flat tables, which show only one window per flat.
    static func write(
        document: SceneDocument, scene: Scene, analyzer: SunlightAnalyzer, zone: FixedOffsetZone,
        prefix: String, tag: String
    ) -> [(key: String, value: String)] {
        let jsonPath = "\(prefix).\(tag).json"
        let csvPath = "\(prefix).\(tag).csv"
        guard let json = try? JSONOutput.encode(document), writeText(json, to: jsonPath) else {
            return [("scene.\(tag).export_error", "cannot write \(jsonPath)")]
        }
        var csv = "building,floor,unit,window,term,date,x,y,z,minutes\n"
        let dates = analyzer.days.map(\.date.iso8601)
        for building in scene.buildings {
            guard let floors = building.floors else { continue }
            for floor in 1...floors {
                for unit in building.units {
                    for (wi, window) in unit.windows.enumerated() {
                        let points = analyzer.calculationPoints(building: building, window: window, floor: floor)
                        let rows = analyzer.termRows(points: points, outward: window.outward)
                        let p = points[0]
                        let head = "\(building.id),\(floor),\(unit.id),\(wi)"
                        let at = "\(fixed(p.x, 4)),\(fixed(p.y, 4)),\(fixed(p.z, 4))"
                        for (k, row) in rows.enumerated() {
                            let minutes = fixed(row.totalSeconds / 60, 4)
                            csv += "\(head),\(row.term.longitudeDegrees),\(dates[k]),\(at),\(minutes)\n"
                        }
                    }
                }
            }
        }
        guard writeText(csv, to: csvPath) else { return [("scene.\(tag).export_error", "cannot write \(csvPath)")] }
        let site = scene.site
        let profile = analyzer.profile
        return [
            ("scene.\(tag).json", jsonPath),
            ("scene.\(tag).minutes_csv", csvPath),
            ("scene.\(tag).year", "\(analyzer.year)"),
            (
                "scene.\(tag).term_dates",
                zip(analyzer.terms, dates).map { "\($0.longitudeDegrees):\($1)" }
                    .joined(separator: ",")
            ),
            ("scene.\(tag).utc_offset_s", "\(zone.offsetSeconds)"),
            ("scene.\(tag).latitude", "\(site.latitude)"),
            ("scene.\(tag).longitude", "\(site.longitude)"),
            ("scene.\(tag).height_m", "\(site.heightMeters)"),
            ("scene.\(tag).pressure_mbar", "\(site.pressureMillibars)"),
            ("scene.\(tag).temperature_c", "\(site.temperatureCelsius)"),
            ("scene.\(tag).delta_t_s", fixed(DeltaT.seconds(decimalYear: Double(analyzer.year) + 0.5), 2)),
            ("scene.\(tag).profile", profile.id),
            ("scene.\(tag).refraction", profile.refraction ? "1" : "0"),
            ("scene.\(tag).min_altitude_deg", "\(profile.minimumAltitudeDegrees)"),
            ("scene.\(tag).min_sweep_deg", "\(profile.minimumSweepDegrees)"),
            ("scene.\(tag).sill_m", "\(profile.sillHeightMeters)"),
        ]
    }

    /// Writes `text` to `path` (replacing it); false on any I/O error.
    static func writeText(_ text: String, to path: String) -> Bool {
        guard let file = fopen(path, "w") else { return false }
        let ok = fputs(text, file) >= 0
        return fclose(file) == 0 && ok
    }
}
