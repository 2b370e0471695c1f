import SolarCore

/// Two versions of one site compared flat by flat and term by term (方案对比): what each
/// flat gains or loses, which flats a change pushes below the rule profile's requirement,
/// and which building takes the sun.
///
/// GB 50180 (clause 4.0.9 and its commentary) says a new building must not push a
/// neighbour below the requirement; ``pushedBelowStandard`` is that headline. Built by
/// ``SceneComparison/compare(before:after:zone:profile:year:workers:reuse:)``.
public struct SceneComparison: Sendable {
    /// Buildings added, removed, reshaped or edited between the versions, by id.
    public var changes: [BuildingChange]
    /// Flats present in both versions, in the after version's document order.
    public var flats: [FlatComparison]
    /// Flats only in the before version (their building or unit was removed).
    public var onlyBefore: [FlatAddress]
    /// Flats only in the after version (e.g. the new building's own flats).
    public var onlyAfter: [FlatAddress]
    /// How much per-window work was reused from the before version.
    public var reuse: ReuseStatistics

    /// Flats that met the requirement on some standard day before and fail it after.
    public var pushedBelowStandard: [FlatComparison] { flats.filter(\.pushedBelowStandard) }

    /// Flats whose sunlight changed at all on some term.
    public var changedFlats: [FlatComparison] {
        flats.filter { f in f.terms.contains { !$0.lost.isEmpty || !$0.gained.isEmpty } }
    }

    /// For each building responsible for pushing a flat below the requirement, those flats
    /// (buildings by descending count, then id).
    public var pushedBelowByBuilding: [(building: String, flats: [FlatAddress])] {
        var by: [String: [FlatAddress]] = [:]
        for f in pushedBelowStandard { for b in f.responsible { by[b, default: []].append(f.flat) } }
        return by.map { ($0.key, $0.value) }.sorted {
            $0.flats.count != $1.flats.count ? $0.flats.count > $1.flats.count : $0.building < $1.building
        }
    }
}

/// A building that differs between the two versions.
public struct BuildingChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Only in the after version.
        case added
        /// Only in the before version.
        case removed
        /// Footprint, base or height changed: its shadow changed.
        case reshaped
        /// Same solid, different flats or windows: only its own flats are affected.
        case edited
    }

    public var id: String
    public var kind: Kind
}

/// One flat in both versions.
public struct FlatComparison: Sendable {
    public var flat: FlatAddress
    /// The window whose rows are compared: the one the before version's table shows (its
    /// sunniest on the first standard day with a requirement).
    public var windowIndex: Int
    /// The 24 terms.
    public var terms: [TermComparison]
    /// Verdicts of the flat (its best window in each version) on standard days with a requirement.
    public var verdicts: [StandardVerdict]

    /// Met the requirement before, fails after, on some standard day.
    public var pushedBelowStandard: Bool { verdicts.contains { $0.before == true && $0.after == false } }
    /// Failed before, meets after, on some standard day.
    public var liftedAboveStandard: Bool { verdicts.contains { $0.before == false && $0.after == true } }

    /// Buildings that take the sun, by descending seconds taken: within the band on the
    /// standard days the flat newly fails when it is pushed below, else over every term.
    public var responsible: [String] {
        let failing = Set(verdicts.filter { $0.before == true && $0.after == false }.map(\.termLongitude))
        var seconds: [String: Double] = [:]
        for t in terms where failing.isEmpty || failing.contains(t.term.longitudeDegrees) {
            for s in failing.isEmpty ? t.lost : t.lostInBand {
                if let b = s.building { seconds[b, default: 0] += s.durationSeconds }
            }
        }
        return seconds.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Seconds of sun lost (positive) over the 24 terms, net of gains.
    public var netLostSeconds: Double { terms.reduce(0) { $0 + $1.before.totalSeconds - $1.after.totalSeconds } }
}

/// The verdict of one standard day in both versions.
public struct StandardVerdict: Sendable, Hashable {
    public var termLongitude: Int
    public var requiredMinutes: Double
    public var beforeBandSeconds: Double
    public var afterBandSeconds: Double
    public var before: Bool
    public var after: Bool
}

/// One term of one window in both versions.
public struct TermComparison: Sendable {
    public var term: SolarTerm
    public var before: TermRowResult
    public var after: TermRowResult
    /// Sunlit before, not after; `building` is what shades it after.
    public var lost: [ChangedStretch]
    /// Sunlit after, not before; `building` is what shaded it before.
    public var gained: [ChangedStretch]

    public var totalDeltaSeconds: Double { after.totalSeconds - before.totalSeconds }
    /// Change of the minutes that count (band, minimum segment, aggregation), in seconds.
    public var bandDeltaSeconds: Double { after.bandSeconds - before.bandSeconds }

    /// The lost stretches clipped to the effective band (all of them when there is no band).
    public var lostInBand: [ChangedStretch] {
        guard let band = after.band else { return lost }
        return lost.compactMap { s in
            let a = max(s.start, band.start)
            let b = min(s.end, band.end)
            return b > a ? ChangedStretch(start: a, end: b, building: s.building) : nil
        }
    }
}

/// A stretch of a day whose state differs between the versions.
public struct ChangedStretch: Sendable, Hashable {
    /// Seconds since 1970 (UTC).
    public var start: Double
    public var end: Double
    /// Id of the building whose shadow covers the stretch in the version where it is not
    /// sunlit; nil when the sun is behind the facade there (the window itself changed).
    public var building: String?

    public var durationSeconds: Double { end - start }
}

/// Work reused from the before version: a window's day is reused when no changed
/// building can reach the part of the sky the sun crosses that day in front of it, and
/// overlaid when only added buildings can.
public struct ReuseStatistics: Sendable, Hashable {
    /// Windows × floors compared.
    public var windows: Int = 0
    /// Windows whose 24 days were all reused.
    public var windowsReused: Int = 0
    /// Window-days compared, and how many of them were reused.
    public var windowDays: Int = 0
    public var windowDaysReused: Int = 0
    /// Window-days only added buildings can change, done as the before day overlaid with
    /// the added buildings' shadows (neither reused nor evaluated in full).
    public var windowDaysOverlaid: Int = 0
}
