import Foundation

/// Reads a CSV written by Fixtures/make_fixtures.py (skyfield + JPL DE421/DE440).
struct Fixture {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Rows as dictionaries from column name to text.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}

extension Dictionary where Key == String, Value == String {
    func double(_ key: String) -> Double { Double(self[key]!)! }
    func optionalDouble(_ key: String) -> Double? { self[key].flatMap { Double($0) } }
    func int(_ key: String) -> Int { Int(self[key]!)! }
}
