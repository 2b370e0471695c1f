import Scene
import SolarCore
import SunSpotIO

/// `sunspot point --format json` and `GET /v1/scenes/{id}/point`, byte for byte: `{"point":[x,y,z],
/// "facing"?, "at"?, "trueSolarTime"?, "sunAzimuth"?, "sunElevation"?, "exposure"?, "blockedBy"?,
/// "distance"?, "insideBuilding"?, "date"?, "intervals"?, "totalMinutes"?, "bandStart"?, "bandEnd"?,
/// "bandMinutes"?}`.
public struct PointReport: Encodable, Sendable {
    public struct Interval: Encodable, Sendable {
        public var start: String
        public var end: String
        public var minutes: Double
        public var blockedBeforeBy: String?
        public var blockedAfterBy: String?
    }

    public var point: [Double]
    public var facing: Double?
    public var at: String?
    public var trueSolarTime: String?
    public var sunAzimuth: Double?
    public var sunElevation: Double?
    /// sunlit, shaded, behindFacade, sunBelowHorizon or insideBuilding.
    public var exposure: String?
    public var blockedBy: String?
    public var distance: Double?
    /// The building whose solid holds the point (no sun reaches it, at any instant).
    public var insideBuilding: String?
    public var date: String?
    public var intervals: [Interval]?
    public var totalMinutes: Double?
    public var bandStart: String?
    public var bandEnd: String?
    public var bandMinutes: Double?

    /// Reads a point request the same way for the CLI and the daemon: the point and its
    /// facade, and exactly one of `at` (an instant, ISO 8601; without an offset, in the
    /// site's zone) or `date` (a civil date: the whole day).
    ///
    /// - Parameter facing: azimuth of the facade's outward normal, degrees (nil: a free point).
    /// - Throws: ``QueryFailure`` naming `x`, `y`, `z`, `facing`, `at`, `date` or `site.timeZone`.
    public static func make(
        scene: Scene, x: Double, y: Double, z: Double, facing: Double?, at: String?,
        date: String?, profile: RuleProfile
    ) throws(QueryFailure) -> PointReport {
        guard (at == nil) != (date == nil) else {
            throw QueryFailure(field: "at", message: "give exactly one of 'at' (an instant) or 'date' (a day)")
        }
        if let facing, !(facing.isFinite && (-360...360).contains(facing)) {
            throw QueryFailure(
                field: "facing",
                message:
                    "must be an azimuth within -360…360° clockwise from north, e.g. 180 or -90 for west (got \(facing))"
            )
        }
        // -90 is west: the same azimuth as 270, reported as 270.
        let facing = facing.map { ($0.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) }
        let zone = try SunQuery.zone(scene.timeZoneIdentifier, field: "site.timeZone")
        let outward = facing.map { a in Vec2(sin(a * Double.pi / 180), cos(a * Double.pi / 180)) }
        let query: PointQuery
        do {
            query = try PointQuery(
                scene: scene, point: Vec3(x, y, z), outward: outward,
                minimumSweepDegrees: profile.minimumSweepDegrees)
        } catch {
            throw QueryFailure(field: error.path.replacingOccurrences(of: "point.", with: ""), message: error.message)
        }
        if let at {
            let instant: Instant
            do {
                instant = try InstantParsing.parse(at, zone: zone).instant
            } catch {
                throw QueryFailure(field: "at", message: (error as? InstantParsing.Failure)?.description ?? "\(error)")
            }
            return PointReport(query: query, facing: facing, instant: instant, profile: profile, zone: zone)
        }
        let day = try Parameters.date(date!)
        do {
            let result = try query.day(day, zone: zone, profile: profile, band: profile.informativeBand)
            return PointReport(query: query, facing: facing, day: result, zone: zone)
        } catch {
            throw QueryFailure(field: "date", message: error.message)
        }
    }

    /// The answer at one instant (full SPA, the profile's refraction).
    public init(query: PointQuery, facing: Double?, instant: Instant, profile: RuleProfile, zone: some CivilTimeZone) {
        let scene = query.scene
        point = [query.point.x, query.point.y, query.point.z]
        self.facing = facing
        let (exposure, sun) = query.exposure(at: instant, refraction: profile.refractionModel)
        at = zone.civil(instant).iso8601
        trueSolarTime = clockString(TrueSolarTime.seconds(at: instant, longitude: scene.site.longitude))
        sunAzimuth = sun.azimuthDegrees.rounded(places: 3)
        sunElevation = sun.elevationDegrees.rounded(places: 3)
        insideBuilding = query.insideBuilding.map { scene.buildings[$0].id }
        switch exposure {
        case .sunlit: self.exposure = "sunlit"
        case .sunBelowHorizon: self.exposure = "sunBelowHorizon"
        case .behindFacade: self.exposure = "behindFacade"
        case .insideBuilding: self.exposure = "insideBuilding"
        case let .shaded(b):
            self.exposure = "shaded"
            blockedBy = scene.buildings[b].id
            let d = sun.direction
            distance = query.blockerDistanceMeters(towardSun: Vec3(d.x, d.y, d.z))?.rounded(places: 2)
        }
    }

    /// The answer for a whole day.
    public init(query: PointQuery, facing: Double?, day: PointDay, zone: some CivilTimeZone) {
        let scene = query.scene
        point = [query.point.x, query.point.y, query.point.z]
        self.facing = facing
        let civil = { (t: Double) in zone.civil(Instant(secondsSince1970: t)).iso8601 }
        let name = { (i: Int?) in i.map { scene.buildings[$0].id } }
        insideBuilding = name(query.insideBuilding)
        date = day.date.iso8601
        intervals = day.intervals.map {
            Interval(
                start: civil($0.start), end: civil($0.end), minutes: (($0.end - $0.start) / 60).rounded(places: 2),
                blockedBeforeBy: name($0.blockedBeforeBy), blockedAfterBy: name($0.blockedAfterBy))
        }
        totalMinutes = (day.totalSeconds / 60).rounded(places: 2)
        bandStart = day.bandStart.map(civil)
        bandEnd = day.bandEnd.map(civil)
        bandMinutes = day.bandStart == nil ? nil : (day.bandSeconds / 60).rounded(places: 2)
    }

    public func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        let inside = insideBuilding.map { l("点在 \($0) 楼内", "inside building \($0)") }
        if let exposure {
            let what: String
            switch exposure {
            case "sunlit": what = l("有日照", "in the sun")
            case "shaded":
                what = l(
                    "被 \(blockedBy ?? "") 遮挡（距 \(distance ?? 0) 米）",
                    "shaded by \(blockedBy ?? "") (\(distance ?? 0) m away)")
            case "behindFacade": what = l("太阳在立面背后", "sun behind the facade")
            case "insideBuilding": what = inside ?? ""
            default: what = l("太阳在地平线下", "sun below the horizon")
            }
            return TextTable(
                headers: [
                    l("时刻", "instant"), l("真太阳时", "true solar time"), l("方位角", "azimuth"),
                    l("高度角", "elevation"), l("结果", "result"),
                ],
                rows: [[at ?? "", trueSolarTime ?? "", "\(sunAzimuth ?? 0)°", "\(sunElevation ?? 0)°", what]],
                rightAligned: [2, 3])
        }
        var rows = (intervals ?? []).map { iv in
            [iv.start, iv.end, String(iv.minutes), iv.blockedBeforeBy ?? "", iv.blockedAfterBy ?? ""]
        }
        if let inside { rows.append([inside, "", "", "", ""]) }
        rows.append([l("合计", "total"), "", String(totalMinutes ?? 0), "", ""])
        if let bandMinutes {
            rows.append([l("时段内", "in band"), "\(bandStart ?? "")–\(bandEnd ?? "")", String(bandMinutes), "", ""])
        }
        return TextTable(
            headers: [
                l("开始", "start"), l("结束", "end"), l("分钟", "minutes"), l("此前遮挡", "shaded before by"),
                l("此后遮挡", "shaded after by"),
            ], rows: rows, rightAligned: [2])
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
