import Scene
import SolarCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ground-map workload: the 30-building synthetic district (99 m slabs), a
/// 300 m × 300 m grid at 1 m (90,000 points) among them, 冬至 2026, 8:00–16:00 true
/// solar time, plane at ground level. Scripts/bench.sh runs pybdshadow on the same
/// buildings, date and grid from the facts written here.
enum GroundWorkload {
    static let date = CivilDate(year: 2026, month: 12, day: 22)
    /// `SUNSPOT_BENCH_GROUND_SPACING` (metres, default 1) coarsens the same 300 m square, so an
    /// instruction count under callgrind covers the whole district in minutes, not hours.
    static let grid: GroundGrid = {
        let text = getenv("SUNSPOT_BENCH_GROUND_SPACING").map { String(cString: $0) }
        let spacing = text.flatMap(Double.init).flatMap { $0 > 0 && $0 <= 300 ? $0 : nil } ?? 1
        if let text, spacing != Double(text) {
            fail("SUNSPOT_BENCH_GROUND_SPACING=\(text): a number of metres in (0, 300]")
        }
        let n = Int((300 / spacing).rounded())
        return GroundGrid(origin: Vec2(10, 80), spacing: spacing, columns: n, rows: n)
    }()
    static let planeHeight = 0.0
    static let band = RuleProfile.Band(hours: 8, 16)
    static var profile: RuleProfile {
        var p = RuleProfile.none
        p.refraction = false
        return p
    }
}

let groundSuite = BenchSuite(name: "ground", summary: "ground sun-hour grid (exact per point) and shadow polygons") {
    options in
    var report = SuiteReport(unit: "points")
    let zone = FixedOffsetZone(hours: 8)
    let scene = try! syntheticDistrict(buildings: 30).validated(isKnownTimeZone: { _ in true })
    let g = GroundWorkload.grid
    var result: SunHoursGrid?
    let whole = await measure(
        "30 bldgs, \(g.columns)×\(g.rows) grid at \(fixed(g.spacing, 1)) m, 8–16 TST, 2 cores",
        items: g.count, options: BenchOptions(warmUpRounds: 1, rounds: 3)
    ) {
        let r = try! await groundSunHours(
            of: scene, on: GroundWorkload.date, zone: zone, profile: GroundWorkload.profile,
            band: GroundWorkload.band, grid: g, planeHeight: GroundWorkload.planeHeight,
            workers: 2)
        result = r
        return r.seconds.reduce(0, +)
    }
    report.measurements.append(whole)
    let single = await measure("same grid, 1 core", items: g.count, options: BenchOptions(warmUpRounds: 0, rounds: 1)) {
        try! await groundSunHours(
            of: scene, on: GroundWorkload.date, zone: zone, profile: GroundWorkload.profile,
            band: GroundWorkload.band, grid: g, planeHeight: GroundWorkload.planeHeight,
            workers: 1
        ).seconds.reduce(0, +)
    }
    report.measurements.append(single)
    report.facts.append(("ground.seconds_1core", fixed(single.minSeconds, 4)))
    let r = result!
    // For the peer's per-cell comparison (Scripts/bench.sh sets the path): one line per
    // point, row-major, sun seconds or "inside".
    if let path = getenv("SUNSPOT_GROUND_GRID").map({ String(cString: $0) }), let file = fopen(path, "w") {
        for (s, inside) in zip(r.seconds, r.insideBuilding) { fputs(inside ? "inside\n" : "\(fixed(s, 3))\n", file) }
        fclose(file)
    }
    let counted = zip(r.seconds, r.insideBuilding).filter { !$0.1 }.map(\.0)
    let mean = counted.reduce(0, +) / Double(max(1, counted.count)) / 3600
    let contours = await measure("contours 1…8 h on that grid", items: g.count * 8, options: options) {
        (1...8).reduce(0) { $0 + r.contours(hours: Double($1)).count }
    }
    report.measurements.append(contours)
    let day = SunDay(site: scene.site, date: GroundWorkload.date, zone: zone, refraction: .none)
    let noon = day.direction(at: day.transit.secondsSince1970)
    let shadows = await measure("shadow polygons + union, 30 bldgs", items: 30, options: options) {
        shadowUnion(groundShadows(of: scene, towardSun: noon)).count
    }
    report.measurements.append(shadows)
    // The worst footprint the scene limits allow: a 256-vertex star (128 notches).
    let star = (0..<256).map { k -> [Double] in
        let a = 2 * Double.pi * Double(k) / 256
        let r = k % 2 == 0 ? 30.0 : 12.0
        return [r * cos(a), r * sin(a)]
    }
    let starScene = try! SceneDocument(
        site: scene.document.site,
        buildings: [BuildingSpec(id: "star", footprint: star, height: 50)]
    )
    .validated(isKnownTimeZone: { _ in true })
    let concave = await measure("shadow polygon, 256-vertex concave footprint", items: 1, options: options) {
        groundShadows(of: starScene, towardSun: noon)[0].rings.count
    }
    report.measurements.append(concave)
    report.notes.append(
        (
            "90,000-point grid",
            "\(fixed(whole.minSeconds, 3)) s on 2 cores (target < 2 s); \(r.insideBuilding.filter { $0 }.count) points inside buildings; mean \(fixed(mean, 2)) h of sun"
        ))
    report.facts.append(("ground.seconds", fixed(whole.minSeconds, 4)))
    report.facts.append(("ground.points", "\(g.count)"))
    report.facts.append(("ground.mean_hours", fixed(mean, 4)))
    report.facts.append(("ground.origin_x", fixed(g.origin.x, 3)))
    report.facts.append(("ground.origin_y", fixed(g.origin.y, 3)))
    report.facts.append(("ground.spacing", fixed(g.spacing, 3)))
    report.facts.append(("ground.columns", "\(g.columns)"))
    report.facts.append(("ground.rows", "\(g.rows)"))
    report.facts.append(("ground.latitude", fixed(scene.site.latitude, 6)))
    report.facts.append(("ground.longitude", fixed(scene.site.longitude, 6)))
    report.facts.append(("ground.band_start_unix", fixed(r.bandStart, 3)))
    report.facts.append(("ground.band_end_unix", fixed(r.bandEnd, 3)))
    // The buildings as plan polygons with heights: `id;base;top;x1,y1 x2,y2 …`.
    report.facts.append(
        (
            "ground.buildings",
            scene.buildings.map { b in
                "\(b.id);\(fixed(b.baseMeters, 3));\(fixed(b.topMeters, 3));"
                    + b.footprint.map { "\(fixed($0.x, 4)),\(fixed($0.y, 4))" }.joined(separator: " ")
            }.joined(separator: "|")
        ))
    return report
}
