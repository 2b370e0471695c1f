#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A tiny release-mode benchmark harness: warm-up, N timed rounds, min and median.
//
// Deliberately simple (ContinuousClock, no dependencies) so `make bench` builds in
// seconds; see reference/swift-stack.md §5 for when to reach for ordo-one/benchmark.

/// Keeps a value alive so the optimizer cannot delete the work that produced it.
///
/// `@_optimize(none)` stops the call itself from being analysed away (the same trick
/// ordo-one/benchmark uses). Call it once per round on an accumulated checksum, not
/// once per item, so the call's cost stays out of the figures.
@_optimize(none)
func blackHole<T>(_ value: T) {}

/// How a case is timed.
struct BenchOptions: Sendable {
    /// Untimed runs before measuring (caches, page faults, lazy tables).
    var warmUpRounds = 1
    /// Timed runs; the report keeps the fastest and the median.
    var rounds = 5
    /// Path prefix for side files a suite writes for its peers (`--results FILE` gives FILE);
    /// nil: write none. Never written inside a timed round.
    var exportPrefix: String?
}

/// The timing of one case: `items` units of work per round.
struct BenchMeasurement: Sendable {
    var name: String
    var items: Int
    /// Wall-clock seconds of every timed round, sorted ascending.
    var roundSeconds: [Double]

    var minSeconds: Double { roundSeconds.first ?? .nan }
    var medianSeconds: Double {
        guard !roundSeconds.isEmpty else { return .nan }
        let n = roundSeconds.count
        return n % 2 == 1 ? roundSeconds[n / 2] : (roundSeconds[n / 2 - 1] + roundSeconds[n / 2]) / 2
    }
    /// Throughput from the fastest round: the least disturbed by the rest of the machine.
    var itemsPerSecond: Double { Double(items) / minSeconds }
}

/// Runs `body` `options.warmUpRounds` times untimed, then `options.rounds` times timed.
///
/// - Parameters:
///   - name: the case's row label.
///   - items: units of work one call of `body` performs (positions, rays, …).
///   - body: one round of work; fold its results into what it returns so
///     nothing can be optimized away (the result goes to ``blackHole(_:)``).
func measure<R>(_ name: String, items: Int, options: BenchOptions, _ body: () async -> R) async -> BenchMeasurement {
    for _ in 0..<options.warmUpRounds { blackHole(await body()) }
    let clock = ContinuousClock()
    var seconds: [Double] = []
    seconds.reserveCapacity(options.rounds)
    for _ in 0..<max(1, options.rounds) {
        let start = clock.now
        let result = await body()
        let elapsed = clock.now - start
        blackHole(result)
        seconds.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    return BenchMeasurement(name: name, items: items, roundSeconds: seconds.sorted())
}

/// What one suite hands back: timed cases plus any extra facts (e.g. accuracy) to print.
struct SuiteReport: Sendable {
    /// What one item is, for the table's header ("positions", "rays").
    var unit: String
    var measurements: [BenchMeasurement] = []
    /// Lines printed under the table, as (label, value) pairs.
    var notes: [(label: String, value: String)] = []
    /// Machine-readable facts: `key=value`, written with `--results FILE`.
    var facts: [(key: String, value: String)] = []
}

/// A named group of cases; `sunspot-bench <name>` runs just this one.
struct BenchSuite: Sendable {
    var name: String
    var summary: String
    var run: @Sendable (BenchOptions) async -> SuiteReport
}

// MARK: - Output

/// A plain aligned table: `case | <unit> | seconds (min) | seconds (median) | <unit>/s`.
func renderTable(_ report: SuiteReport) -> String {
    let header = ["case", report.unit, "seconds (min)", "seconds (median)", "\(report.unit)/s"]
    let rows = report.measurements.map { m in
        [m.name, "\(m.items)", fixed(m.minSeconds, 4), fixed(m.medianSeconds, 4), grouped(m.itemsPerSecond)]
    }
    var widths = header.map(\.count)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, cell in
            i == 0 ? cell.padding(toWidth: widths[i]) : cell.leftPadding(toWidth: widths[i])
        }.joined(separator: " | ")
    }
    var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "-|-")]
    out += rows.map(line)
    if !report.notes.isEmpty {
        let w = report.notes.map(\.label.count).max() ?? 0
        out.append("")
        out += report.notes.map { "\($0.label.padding(toWidth: w))  \($0.value)" }
    }
    return out.joined(separator: "\n")
}

/// `x` with `digits` decimals, without Foundation.
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return "\(x)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (abs(x) * scale).rounded()
    let whole = Int(scaled / scale)
    let frac = Int(scaled - Double(whole) * scale)
    let sign = x < 0 && scaled > 0 ? "-" : ""
    guard digits > 0 else { return "\(sign)\(whole)" }
    let fracText = String(frac)
    return "\(sign)\(whole).\(String(repeating: "0", count: digits - fracText.count))\(fracText)"
}

/// A rate rounded to a whole number with thin grouping: 12345678 → "12,345,678".
func grouped(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    let digits = String(Int(x.rounded()))
    var out = ""
    for (i, c) in digits.reversed().enumerated() {
        if i > 0, i % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return String(out.reversed())
}

/// Scientific notation with three significant digits: 1.23e-07.
func scientific(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return x == 0 ? "0" : "\(x)" }
    var exponent = 0
    var m = abs(x)
    while m >= 10 {
        m /= 10
        exponent += 1
    }
    while m < 1 {
        m *= 10
        exponent -= 1
    }
    m = (m * 100).rounded() / 100
    if m >= 10 {
        m /= 10
        exponent += 1
    }
    let e = exponent < 0 ? "-\(pad2(-exponent))" : "+\(pad2(exponent))"
    return "\(x < 0 ? "-" : "")\(fixed(m, 2))e\(e)"
}

private func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

extension String {
    func padding(toWidth width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(toWidth width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// Peak resident memory of this process so far (getrusage ru_maxrss, KiB on Linux).
func peakMemoryMiB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) / 1024
}
