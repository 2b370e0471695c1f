// sunspot-bench: release-mode benchmarks, printed as plain tables.
//
//   sunspot-bench [--rounds N] [--warm-up N] [--results FILE] [--list] [SUITE ...]
//
// With no SUITE every suite runs. `--results FILE` appends machine-readable
// `key=value` lines (Scripts/bench.sh reads them to compare with the Python peers);
// suites may write side files for their peers next to it (FILE.<name>.json, …).
// To add a suite: write `let fooSuite = BenchSuite(...)` in its own file and list it below.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let allSuites: [BenchSuite] = [
    solarSuite,
    sceneSuite,
    groundSuite,
    reportSuite,
    compareSuite,
    serveSuite,
    budgetSuite,
]

struct Invocation {
    var options = BenchOptions()
    var resultsPath: String?
    var suiteNames: [String] = []
    var listOnly = false
}

func usage() -> String {
    "usage: sunspot-bench [--rounds N] [--warm-up N] [--results FILE] [--list] [SUITE ...]\n"
        + "suites: " + allSuites.map(\.name).joined(separator: ", ")
}

func fail(_ message: String) -> Never {
    let text = "sunspot-bench: \(message)\n\(usage())\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }  // fd 2: stderr
    exit(2)
}

func parse(_ args: ArraySlice<String>) -> Invocation {
    var inv = Invocation()
    var rest = args
    func count(_ flag: String) -> Int {
        guard let text = rest.popFirst(), let n = Int(text), n >= 0 else { fail("\(flag) needs a whole number") }
        return n
    }
    while let arg = rest.popFirst() {
        switch arg {
        case "--rounds": inv.options.rounds = max(1, count(arg))
        case "--warm-up": inv.options.warmUpRounds = count(arg)
        case "--results":
            guard let path = rest.popFirst() else { fail("--results needs a file path") }
            inv.resultsPath = path
            inv.options.exportPrefix = path
        case "--list": inv.listOnly = true
        case "-h", "--help":
            print(usage())
            exit(0)
        default:
            if arg.hasPrefix("-") { fail("unknown option \(arg)") }
            guard allSuites.contains(where: { $0.name == arg }) else { fail("unknown suite \(arg)") }
            inv.suiteNames.append(arg)
        }
    }
    return inv
}

func appendFacts(_ facts: [(key: String, value: String)], to path: String) {
    guard let file = fopen(path, "a") else { fail("cannot write \(path)") }
    for fact in facts { fputs("\(fact.key)=\(fact.value)\n", file) }
    fclose(file)
}

let invocation = parse(CommandLine.arguments.dropFirst())
if invocation.listOnly {
    for suite in allSuites { print("\(suite.name.padding(toWidth: 10))  \(suite.summary)") }
    exit(0)
}
let selected =
    invocation.suiteNames.isEmpty
    ? allSuites : allSuites.filter { invocation.suiteNames.contains($0.name) }

for (index, suite) in selected.enumerated() {
    if index > 0 { print("") }
    print("== \(suite.name): \(suite.summary)")
    print(
        "   (release build; \(invocation.options.warmUpRounds) warm-up + "
            + "\(invocation.options.rounds) timed rounds; positions/s from the fastest round)")
    let report = await suite.run(invocation.options)
    print(renderTable(report))
    if let path = invocation.resultsPath { appendFacts(report.facts, to: path) }
}
