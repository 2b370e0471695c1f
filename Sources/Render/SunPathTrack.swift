import Scene
import SolarCore

/// A direction in the sky, degrees (azimuth clockwise from north).
public struct SkyPoint: Hashable, Sendable {
    public var azimuthDegrees: Double
    public var elevationDegrees: Double

    public init(azimuthDegrees: Double, elevationDegrees: Double) {
        self.azimuthDegrees = azimuthDegrees
        self.elevationDegrees = elevationDegrees
    }
}

/// The sun's path across one day's sky, cut where a window's state changes.
public struct SunPathTrack: Sendable {
    /// A stretch of the path with one state of the window (nil: no window chosen).
    public struct Run: Sendable {
        public var start: Instant
        public var end: Instant
        public var exposure: Exposure?
        public var points: [SkyPoint]
    }

    /// The sun at a whole hour of true solar time (真太阳时).
    public struct HourMark: Sendable {
        public var trueSolarHour: Int
        public var instant: Instant
        public var sky: SkyPoint
    }

    public var label: String
    /// The solar term this is the analysis day of, if any (ecliptic longitude, degrees).
    public var termLongitudeDegrees: Int?
    public var date: CivilDate
    public var runs: [Run]
    public var hourMarks: [HourMark]

    /// Total time the window is lit on this day (0 without a window).
    public var sunlitSeconds: Double {
        runs.filter { $0.exposure == .sunlit }.reduce(0) { $0 + $1.end.seconds(since: $1.start) }
    }

    /// The path of `date` at `site`, sampled every `stepSeconds` and at every state change.
    ///
    /// - Parameters:
    ///   - refraction: as the rule profile says, so the path is the one the engine uses.
    ///   - view: the window's obstruction view; its exact stretches (``ObstructionView/stretches(on:)``)
    ///     cut the path into lit and shaded runs.
    public init(
        label: String, termLongitudeDegrees: Int? = nil, site: GeoSite, date: CivilDate, zone: some CivilTimeZone,
        refraction: Refraction,
        view: ObstructionView? = nil, stepSeconds: Double = 120
    ) {
        let day = SunDay(site: site, date: date, zone: zone, refraction: refraction)
        self.label = label
        self.termLongitudeDegrees = termLongitudeDegrees
        self.date = date
        let spans: [(Double, Double, Exposure?)]
        if let view {
            spans = view.stretches(on: day).map { ($0.start, $0.end, $0.state) }
        } else {
            spans = day.daylight.map { ($0.start, $0.end, nil) }
        }
        let solar = day.solar
        func sky(_ t: Double) -> SkyPoint {
            let p = solar.position(at: Instant(secondsSince1970: t))
            return SkyPoint(azimuthDegrees: p.azimuthDegrees, elevationDegrees: p.elevationDegrees)
        }
        runs = spans.map { start, end, state in
            var times = Array(stride(from: start, to: end, by: stepSeconds))
            times.append(end)
            return Run(
                start: Instant(secondsSince1970: start), end: Instant(secondsSince1970: end), exposure: state,
                points: times.map(sky))
        }
        // The true-solar date whose noon is this civil day's transit (TST = LMT + EoT, within 20 min of LMT).
        let tstDate = CivilDate(
            daysSince1970: Int(
                ((day.transit.secondsSince1970 + site.longitude * 240 - 43_200)
                    / 86_400).rounded()))
        hourMarks = (0..<24).compactMap { h in
            let t = solar.instant(trueSolarDate: tstDate, secondsOfDay: Double(h) * 3600)
            let s = sky(t.secondsSince1970)
            guard s.elevationDegrees > 0 else { return nil }
            return HourMark(trueSolarHour: h, instant: t, sky: s)
        }
    }
}
