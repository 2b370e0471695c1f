import ArgumentParser
import SunSpotIO
import SunSpotReports

/// Options every data-printing command shares.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv, json or md.")
    var format: OutputFormatArgument = .init(.table)

    @Option(help: "Label language: zh or en.")
    var lang: LanguageArgument = .init(.zh)
}

/// An option whose values are the raw values of a `CaseIterable` enum (`--format`, `--lang`),
/// listed in `--help` and refused with the list when unknown.
struct EnumArgument<Value: RawRepresentable & CaseIterable>: ExpressibleByArgument where Value.RawValue == String {
    var value: Value
    init(_ value: Value) { self.value = value }
    init?(argument: String) {
        guard let v = Value(rawValue: argument) else { return nil }
        value = v
    }
    static var allValueStrings: [String] { Value.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

typealias OutputFormatArgument = EnumArgument<OutputFormat>
typealias LanguageArgument = EnumArgument<Language>
