import ArgumentParser
import Scene
import SolarCore
import SunSpotIO

/// The options that choose the rules and the year (`table`, `compare`, `facade`, `report`).
struct ProfileOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Year of the 24 terms.", transform: wholeNumber("2026"))
    var year: Int = 2026

    @Option(help: "Rule profile: \(RuleProfile.names.joined(separator: ", ")).")
    var standard: String = "gb50180"

    @Option(help: "GB 50180 climate zone I–VII (gb50180 only).")
    var climateZone: String = "II"

    @Flag(help: "City with under 500,000 residents (gb50180 only).")
    var smallCity = false

    /// The profile, after checking that the year is one SolarCore supports.
    func profile() throws -> RuleProfile {
        try parsed { () throws(QueryFailure) in try Parameters.checkYear(year) }
        return try resolveProfile(standard, climateZone: climateZone, smallCity: smallCity)
    }
}

/// A rule profile by name, with GB 50180's climate zone and city size (shared with the daemon).
func resolveProfile(_ name: String, climateZone: String, smallCity: Bool) throws -> RuleProfile {
    try parsed { () throws(QueryFailure) in
        try ProfileChoice.resolve(name, climateZone: climateZone, smallCity: smallCity)
    }
}
