import SolarCore
import SunSpotIO

/// What `sunspot sun` and `GET /v1/sun` answer: the sun for one site and instant,
/// with the day's events, in civil and true solar time.
public struct SunReport: Codable, Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public var timeZone: String
    /// The instant in UTC, ISO 8601.
    public var instant: String
    /// The same instant on the site's civil clock.
    public var civilTime: String
    /// Degrees clockwise from north.
    public var azimuth: Double
    /// Geometric elevation of the sun's centre (no refraction), degrees.
    public var elevation: Double
    /// Elevation with SPA's standard refraction (1010 mbar, 10 °C).
    public var apparentElevation: Double
    public var declination: Double
    public var hourAngle: Double
    /// `HH:MM:SS` true solar time (真太阳时).
    public var trueSolarTime: String
    public var equationOfTimeMinutes: Double
    public var dayKind: String
    public var sunrise: String?
    public var solarNoon: String
    public var sunset: String?
    public var deltaTSeconds: Double

    public init(site: GeoSite, instant: Instant, zone: some CivilTimeZone) {
        let geometric = SolarPosition(at: instant, site: site, refraction: .none)
        let apparent = SolarPosition(at: instant, site: site, refraction: .standard)
        let civil = zone.civil(instant)
        let events = SunEvents(date: civil.date, site: site, zone: zone)
        latitude = site.latitude
        longitude = site.longitude
        timeZone = zone.identifier
        self.instant = instant.description
        civilTime = civil.iso8601
        azimuth = geometric.azimuthDegrees.rounded(places: 6)
        elevation = geometric.elevationDegrees.rounded(places: 6)
        apparentElevation = apparent.elevationDegrees.rounded(places: 6)
        declination = geometric.declinationDegrees.rounded(places: 6)
        hourAngle = geometric.hourAngleDegrees.rounded(places: 6)
        trueSolarTime = clockString(TrueSolarTime.seconds(at: instant, longitude: site.longitude))
        equationOfTimeMinutes = (TrueSolarTime.equationOfTimeSeconds(at: instant) / 60).rounded(places: 4)
        dayKind = events.kind.rawValue
        sunrise = events.sunrise.map { zone.civil($0).iso8601 }
        solarNoon = zone.civil(events.transit).iso8601
        sunset = events.sunset.map { zone.civil($0).iso8601 }
        deltaTSeconds = DeltaT.seconds(atJulianDayUT: instant.julianDayUT).rounded(places: 2)
    }

    /// Two columns, quantity and value, for people.
    public func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        let none = l("无", "none")
        return TextTable(
            headers: [l("项目", "quantity"), l("数值", "value")],
            rows: [
                [l("位置", "site"), "\(latitude), \(longitude)"],
                [l("时区", "time zone"), timeZone],
                [l("民用时", "civil time"), civilTime],
                [l("真太阳时", "true solar time"), trueSolarTime],
                [l("时差（分）", "equation of time (min)"), String(equationOfTimeMinutes)],
                [l("方位角（北起顺时针）", "azimuth (from north, clockwise)"), "\(azimuth)°"],
                [l("高度角（几何）", "elevation (geometric)"), "\(elevation)°"],
                [l("高度角（含大气折射）", "elevation (refracted)"), "\(apparentElevation)°"],
                [l("赤纬", "declination"), "\(declination)°"],
                [l("时角", "hour angle"), "\(hourAngle)°"],
                [
                    l("日出", "sunrise"),
                    sunrise
                        ?? (dayKind == "polarDay"
                            ? l("极昼", "polar day") : dayKind == "polarNight" ? l("极夜", "polar night") : none),
                ],
                [l("正午（真太阳时 12:00）", "solar noon (TST 12:00)"), solarNoon],
                [
                    l("日落", "sunset"),
                    sunset
                        ?? (dayKind == "polarDay"
                            ? l("极昼", "polar day") : dayKind == "polarNight" ? l("极夜", "polar night") : none),
                ],
                ["ΔT (s)", String(deltaTSeconds)],
            ])
    }
}
