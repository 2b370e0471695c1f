import Scene

/// Picks a rule profile by name, with GB 50180's climate zone and city size: the one
/// reading of `--standard/--climate-zone/--small-city` (CLI) and `standard/climateZone/smallCity` (HTTP).
public enum ProfileChoice {
    /// - Parameters:
    ///   - name: a name from ``RuleProfile/names``.
    ///   - climateZone: GB 50180 climate zone `I`…`VII` (used by `gb50180` only).
    ///   - smallCity: a city under 500,000 residents (used by `gb50180` only).
    public static func resolve(
        _ name: String, climateZone: String = "II", smallCity: Bool = false
    )
        throws(QueryFailure) -> RuleProfile
    {
        guard var profile = RuleProfile.named(name) else {
            throw QueryFailure(
                field: "standard",
                message: "unknown profile '\(name)' (have: \(RuleProfile.names.joined(separator: ", ")))")
        }
        guard let zone = GB50180Options.ClimateZone(rawValue: climateZone) else {
            throw QueryFailure(
                field: "climate-zone", message: "must be one of I, II, III, IV, V, VI, VII (got '\(climateZone)')")
        }
        if name == "gb50180" { profile = .gb50180(GB50180Options(climateZone: zone, largeCity: !smallCity)) }
        return profile
    }
}
