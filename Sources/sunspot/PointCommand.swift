import ArgumentParser
import Foundation
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports

struct PointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "point",
        abstract: "Is this point in the sun, and if not, what blocks it? (an instant, or a whole day)",
        discussion: """
            Examples:
              sunspot point data/sample-compound.json --x 10 --y -5 --z 1.5 --at 2026-12-22T10:00
              sunspot point data/sample-compound.json --x 10 --y -5 --z 1.5 --date 2026-12-22 --format json
              sunspot point data/sample-compound.json --x -20 --y 0 --z 10 --facing 90 --date 2026-01-20
            Coordinates are the scene's metres (x east, y north, z up). With --facing the point sits
            on a facade whose outward normal has that azimuth (degrees clockwise from north), and
            the sun must be in front of it. A time without an offset is read in the site's zone.
            """)

    @Argument(help: "Scene file (JSON, DESIGN.md scene format).")
    var scene: String

    @Option(parsing: .unconditional, help: "East coordinate, metres (negative values allowed: --x -20).") var x: Double
    @Option(parsing: .unconditional, help: "North coordinate, metres.") var y: Double
    @Option(parsing: .unconditional, help: "Height above ground, metres.") var z: Double = 1.5

    @Option(help: "An instant, ISO 8601 (e.g. 2026-12-22T10:00 or with +08:00).")
    var at: String?

    @Option(help: "A civil date (YYYY-MM-DD): the point's sunlit intervals over the whole day.")
    var date: String?

    @Option(help: "Azimuth of the facade's outward normal, degrees (the point is on a facade).")
    var facing: Double?

    @Option(help: "Rule profile for refraction, least altitude and the band: \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @OptionGroup var output: OutputOptions

    func run() throws {
        guard (at == nil) != (date == nil) else { throw ValidationError("give exactly one of --at (an instant) or --date (a day)") }
        let profile = try resolveProfile(standard, climateZone: "II", smallCity: false)
        if let facing, !(facing.isFinite && (0...360).contains(facing)) {
            throw ValidationError("--facing must be an azimuth within 0…360° (got \(facing))")
        }
        let scene = try loadScene(scene)
        let zone = try resolveZone(scene.timeZoneIdentifier, option: "site.timeZone")
        let outward = facing.map { a in Vec2(sin(a * Double.pi / 180), cos(a * Double.pi / 180)) }
        let query: PointQuery
        do {
            query = try PointQuery(scene: scene, point: Vec3(x, y, z), outward: outward,
                                   minimumSweepDegrees: profile.minimumSweepDegrees)
        } catch {
            throw ValidationError("--\(error.path.replacingOccurrences(of: "point.", with: "")) \(error.message)")
        }
        let report: PointReport
        if let at {
            let instant: Instant
            do {
                instant = try InstantParsing.parse(at, zone: zone).instant
            } catch let failure as InstantParsing.Failure {
                throw ValidationError("--at: \(failure.description)")
            }
            let (exposure, sun) = query.exposure(at: instant, refraction: profile.refractionModel)
            report = PointReport(point: [x, y, z], facing: facing, instant: instant, exposure: exposure, sun: sun, zone: zone,
                                 longitude: scene.site.longitude)
        } else {
            let day = try parsed { () throws(QueryFailure) in try Parameters.date(date!) }
            let result: PointDay
            do {
                result = try query.day(day, zone: zone, profile: profile, band: profile.informativeBand)
            } catch {
                throw ValidationError("--date \(error.message)")
            }
            report = PointReport(point: [x, y, z], facing: facing, day: result, scene: scene, zone: zone)
        }
        switch output.format.value {
        case .json: print(try JSONOutput.encode(report), terminator: "")
        case let f: print(report.table(output.lang.value).render(f), terminator: "")
        }
    }
}

/// `sunspot point --format json`: `{"point":[x,y,z], "at"?, "sun"?, "exposure"?, "blockedBy"?,
/// "distance"?, "date"?, "intervals"?, "totalMinutes"?, "band"?, "bandMinutes"?}`.
struct PointReport: Encodable {
    struct Interval: Encodable {
        var start: String
        var end: String
        var minutes: Double
        var blockedBeforeBy: String?
        var blockedAfterBy: String?
    }

    var point: [Double]
    var facing: Double?
    var at: String?
    var trueSolarTime: String?
    var sunAzimuth: Double?
    var sunElevation: Double?
    /// sunlit, shaded, behindFacade or sunBelowHorizon.
    var exposure: String?
    var blockedBy: String?
    var distance: Double?
    var date: String?
    var intervals: [Interval]?
    var totalMinutes: Double?
    var bandStart: String?
    var bandEnd: String?
    var bandMinutes: Double?

    init(point: [Double], facing: Double?, instant: Instant, exposure: PointExposure, sun: SolarPosition,
         zone: some CivilTimeZone, longitude: Double)
    {
        self.point = point
        self.facing = facing
        at = zone.civil(instant).iso8601
        trueSolarTime = clockString(TrueSolarTime.seconds(at: instant, longitude: longitude))
        sunAzimuth = sun.azimuthDegrees.rounded(places: 3)
        sunElevation = sun.elevationDegrees.rounded(places: 3)
        switch exposure {
        case .sunlit: self.exposure = "sunlit"
        case .sunBelowHorizon: self.exposure = "sunBelowHorizon"
        case .behindFacade: self.exposure = "behindFacade"
        case let .shaded(_, id, d):
            self.exposure = "shaded"
            blockedBy = id
            distance = d.rounded(places: 2)
        }
    }

    init(point: [Double], facing: Double?, day: PointDay, scene: Scene, zone: some CivilTimeZone) {
        self.point = point
        self.facing = facing
        let civil = { (t: Double) in zone.civil(Instant(secondsSince1970: t)).iso8601 }
        let name = { (i: Int?) in i.map { scene.buildings[$0].id } }
        date = day.date.iso8601
        intervals = day.intervals.map {
            Interval(start: civil($0.start), end: civil($0.end), minutes: (($0.end - $0.start) / 60).rounded(places: 2),
                     blockedBeforeBy: name($0.blockedBeforeBy), blockedAfterBy: name($0.blockedAfterBy))
        }
        totalMinutes = (day.totalSeconds / 60).rounded(places: 2)
        bandStart = day.bandStart.map(civil)
        bandEnd = day.bandEnd.map(civil)
        bandMinutes = day.bandStart == nil ? nil : (day.bandSeconds / 60).rounded(places: 2)
    }

    func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        if let exposure {
            let what: String
            switch exposure {
            case "sunlit": what = l("有日照", "in the sun")
            case "shaded": what = l("被 \(blockedBy ?? "") 遮挡（距 \(distance ?? 0) 米）", "shaded by \(blockedBy ?? "") (\(distance ?? 0) m away)")
            case "behindFacade": what = l("太阳在立面背后", "sun behind the facade")
            default: what = l("太阳在地平线下", "sun below the horizon")
            }
            return TextTable(headers: [l("时刻", "instant"), l("真太阳时", "true solar time"), l("方位角", "azimuth"),
                                       l("高度角", "elevation"), l("结果", "result")],
                             rows: [[at ?? "", trueSolarTime ?? "", "\(sunAzimuth ?? 0)°", "\(sunElevation ?? 0)°", what]],
                             rightAligned: [2, 3])
        }
        var rows = (intervals ?? []).map { iv in
            [iv.start, iv.end, String(iv.minutes), iv.blockedBeforeBy ?? "", iv.blockedAfterBy ?? ""]
        }
        rows.append([l("合计", "total"), "", String(totalMinutes ?? 0), "", ""])
        if let bandMinutes { rows.append([l("时段内", "in band"), "\(bandStart ?? "")–\(bandEnd ?? "")", String(bandMinutes), "", ""]) }
        return TextTable(headers: [l("开始", "start"), l("结束", "end"), l("分钟", "minutes"), l("此前遮挡", "shaded before by"),
                                   l("此后遮挡", "shaded after by")], rows: rows, rightAligned: [2])
    }
}
