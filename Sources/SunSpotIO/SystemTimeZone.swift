import Foundation
import SolarCore

/// An IANA zone read from the system's time-zone database (the edge that SolarCore leaves out).
public struct SystemTimeZone: CivilTimeZone {
    private let zone: TimeZone

    /// nil when the identifier is not a zone the system knows.
    public init?(identifier: String) {
        // Foundation also accepts abbreviations such as "EST"; SunSpot wants IANA names.
        guard identifier.contains("/") || identifier == "UTC",
            let zone = TimeZone(identifier: identifier)
        else { return nil }
        self.zone = zone
    }

    public var identifier: String { zone.identifier }

    public func utcOffsetSeconds(at instant: Instant) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant.secondsSince1970))
    }

    /// ICU's next transition covers every change of offset, standard as well as daylight
    /// saving (Pyongyang's +08:30 of 2015–2018, Volgograd's 2020 return to +03:00).
    public func utcOffsetSeconds(throughout start: Instant, until end: Instant) -> Int? {
        let from = Date(timeIntervalSince1970: start.secondsSince1970)
        if let next = zone.nextDaylightSavingTimeTransition(after: from),
            next.timeIntervalSince1970 < end.secondsSince1970
        {
            return nil
        }
        return zone.secondsFromGMT(for: from)
    }
}
