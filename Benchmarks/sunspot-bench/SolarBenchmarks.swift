// Solar suite: throughput of the full SPA against the fast per-day path (SolarDay),
// and how far the fast path strays from the full series on the same instants.
//
// The instants are a plain arithmetic series (start, step, count) so the Python peer
// (Benchmarks/peers/pvlib_spa_bench.py) can rebuild exactly the same timestamps;
// Scripts/bench.sh reads the definition back from the results file and passes it on.
import SolarCore

/// The instants and site every solar case uses.
struct SolarWorkload: Sendable {
    /// 2026-01-01T00:00:00Z.
    var startUnixSeconds = 1_767_225_600.0
    var stepSeconds = 60.0
    /// 200,000 minutes ≈ 138.9 days.
    var count = 200_000
    /// Beijing; refraction on, so elevation is apparent like pvlib's `apparent_elevation`.
    var site = GeoSite(latitude: 39.9042, longitude: 116.4074)
    var refraction = Refraction.standard
    /// Days one SolarDay table covers in the same-instants case (a week, as a weekly report asks).
    var daysPerTable = 7

    func instant(_ i: Int) -> Instant { Instant(secondsSince1970: startUnixSeconds + Double(i) * stepSeconds) }
}

let solarSuite = BenchSuite(
    name: "solar",
    summary: "full SPA vs the fast SolarDay path, positions/s on one core, and fast-path accuracy",
    run: { options in await runSolarSuite(SolarWorkload(), options: options) })

func runSolarSuite(_ w: SolarWorkload, options: BenchOptions) async -> SuiteReport {
    var report = SuiteReport(unit: "positions")

    // (a) Full SPA: the VSOP87 and nutation series for every instant.
    let full = await measure("full SPA  SolarPosition(at:site:)", items: w.count, options: options) {
        var checksum = 0.0
        for i in 0..<w.count {
            let p = SolarPosition(at: w.instant(i), site: w.site, refraction: w.refraction)
            checksum += p.elevationDegrees + p.azimuthDegrees
        }
        return checksum
    }

    // (b1) Fast path over one whole day, every second; building the SolarDay is timed too.
    let daySeconds = 86_400
    let oneDay = await measure("fast SolarDay  1 day, every 1 s", items: daySeconds, options: options) {
        let dayStart = w.startUnixSeconds
        let day = SolarDay(
            site: w.site, from: Instant(secondsSince1970: dayStart),
            to: Instant(secondsSince1970: dayStart + Double(daySeconds - 1)), refraction: w.refraction)
        var checksum = 0.0
        for s in 0..<daySeconds {
            let p = day.position(at: Instant(secondsSince1970: dayStart + Double(s)))
            checksum += p.elevationDegrees + p.azimuthDegrees
        }
        return checksum
    }

    // (b2) Fast path on exactly the instants of (a): one SolarDay per week, construction timed.
    let sameInstants = await measure("fast SolarDay  same instants as full", items: w.count, options: options) {
        var checksum = 0.0
        forEachDay(of: w) { day, range in
            for i in range {
                let p = day.position(at: w.instant(i))
                checksum += p.elevationDegrees + p.azimuthDegrees
            }
        }
        return checksum
    }
    report.measurements = [full, oneDay, sameInstants]

    // (d) The 24 terms of a year with the full VSOP87D solver (what `sunspot terms` computes).
    let terms = await measure("SolarTerms.terms(year: 2026)", items: 24, options: options) {
        SolarTerms.terms(year: 2026).count
    }
    let termsMilliseconds = terms.minSeconds * 1000

    // (c) Accuracy of the fast path against the full series, on the same instants (untimed).
    var maxElevation = 0.0
    var maxAzimuth = 0.0
    forEachDay(of: w) { day, range in
        for i in range {
            let exact = SolarPosition(at: w.instant(i), site: w.site, refraction: w.refraction)
            let fast = day.position(at: w.instant(i))
            maxElevation = max(maxElevation, abs(fast.elevationDegrees - exact.elevationDegrees))
            maxAzimuth = max(maxAzimuth, abs(signedDegrees(fast.azimuthDegrees - exact.azimuthDegrees)))
        }
    }

    let endUnix = w.startUnixSeconds + Double(w.count - 1) * w.stepSeconds
    report.notes = [
        (
            "instants",
            "\(w.count) from \(Instant(secondsSince1970: w.startUnixSeconds)) every \(fixed(w.stepSeconds, 0)) s"
                + " to \(Instant(secondsSince1970: endUnix)), one SolarDay per \(w.daysPerTable) days"
        ),
        (
            "site",
            "lat \(w.site.latitude), lon \(w.site.longitude), \(fixed(w.site.heightMeters, 0)) m;"
                + " refraction \(w.refraction)"
        ),
        (
            "fast / full speed-up",
            "\(fixed(sameInstants.itemsPerSecond / full.itemsPerSecond, 1))× on the same instants"
        ),
        ("max |fast − full| elevation", "\(scientific(maxElevation))°"),
        ("max |fast − full| azimuth", "\(scientific(maxAzimuth))°"),
        ("accuracy budget", "SPA class ≤ 1e-03° (DESIGN.md); the fast path is held to ≤ 1e-06° of full SPA"),
        (
            "terms of one year",
            "\(fixed(termsMilliseconds, 2)) ms for SolarTerms.terms(year:), full VSOP87D"
                + " (budget: `sunspot terms` < 50 ms)"
        ),
    ]
    report.facts = [
        ("solar.start_unix", fixed(w.startUnixSeconds, 0)),
        ("solar.step_s", fixed(w.stepSeconds, 0)),
        ("solar.count", "\(w.count)"),
        ("solar.latitude", "\(w.site.latitude)"),
        ("solar.longitude", "\(w.site.longitude)"),
        ("solar.height_m", "\(w.site.heightMeters)"),
        ("solar.full.per_s", fixed(full.itemsPerSecond, 1)),
        ("solar.fast_day.per_s", fixed(oneDay.itemsPerSecond, 1)),
        ("solar.fast_same.per_s", fixed(sameInstants.itemsPerSecond, 1)),
        ("solar.accuracy.max_elevation_deg", scientific(maxElevation)),
        ("solar.accuracy.max_azimuth_deg", scientific(maxAzimuth)),
        ("solar.terms_year_ms", fixed(termsMilliseconds, 3)),
    ]
    return report
}

/// Splits the workload's instants into runs of `daysPerTable` days (counted from its start) and
/// hands each run of indices to `body` with a SolarDay spanning exactly that run.
@inline(__always)
private func forEachDay(of w: SolarWorkload, _ body: (SolarDay, Range<Int>) -> Void) {
    let perDay = max(1, Int((Double(86_400 * w.daysPerTable) / w.stepSeconds).rounded(.down)))
    var first = 0
    while first < w.count {
        let end = min(w.count, first + perDay)
        let day = SolarDay(site: w.site, from: w.instant(first), to: w.instant(end - 1), refraction: w.refraction)
        body(day, first..<end)
        first = end
    }
}
