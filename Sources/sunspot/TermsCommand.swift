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
            reaches k·15° (春分 0°, 冬至 270°); its date is the civil date in --tz, the
            analysis day.
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
