import ArgumentParser
import SolarCore
import SunSpotIO
import SunSpotReports

struct TermsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "The 24 solar terms (二十四节气) of a year, to the second.",
        discussion: """
            Example:
              sunspot terms --year 2026 --tz Asia/Shanghai
            Each term is the instant the sun's apparent geocentric ecliptic longitude
            reaches k·15° (春分 0°, 冬至 270°); its date is the civil date in --tz,
            the analysis day.

            Time scale: instants are found on TT and printed in civil time, i.e. UTC
            with leap seconds (TT − 32.184 s − (TAI − UTC)), as calendar authorities
            publish them; before 1972, when UTC had no whole leap seconds, in UT1
            (TT − ΔT). The leap-second table (IERS Bulletin C) ends with the step of
            \(LeapSeconds.lastStepUTC.description.prefix(10)); no later leap second is assumed (TT − UTC = 69.184 s).
            Instants beyond the latest Bulletin C's horizon (half a year ahead of its
            issue) depend on that convention: each leap second announced would move
            them by one second (leap seconds are to stop by 2035, CGPM 2022).
            The table shows local times rounded to the nearest second; --format json
            gives the UTC `instant` to the millisecond (2026-12-22T04:50:13.123Z).
            """)

    @Option(
        parsing: .unconditional,
        help: "Calendar year (\(SolarTerms.supportedYears.lowerBound)...\(SolarTerms.supportedYears.upperBound)).",
        transform: wholeNumber("2026"))
    var year: Int

    @Option(help: "IANA time zone that dates the terms.")
    var tz: String = "Asia/Shanghai"

    @OptionGroup var output: OutputOptions

    func run() throws {
        try parsed { () throws(QueryFailure) in try Parameters.checkYear(year) }
        let zone = try resolveZone(tz)
        let rows = TermsReport.rows(year: year, zone: zone)
        switch output.format.value {
        case .json: print(try JSONOutput.encode(rows), terminator: "")
        case let f: print(TermsReport.table(rows, lang: output.lang.value).render(f), terminator: "")
        }
    }
}
