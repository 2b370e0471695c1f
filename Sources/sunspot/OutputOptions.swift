import ArgumentParser
import SunSpotKit

/// Options every data-printing command shares.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv, json or md.")
    var format: OutputFormatArgument = .init(.table)

    @Option(help: "Label language: zh or en.")
    var lang: LanguageArgument = .init(.zh)
}

struct OutputFormatArgument: ExpressibleByArgument {
    var value: OutputFormat
    init(_ value: OutputFormat) { self.value = value }
    init?(argument: String) {
        guard let v = OutputFormat(rawValue: argument) else { return nil }
        value = v
    }
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}

struct LanguageArgument: ExpressibleByArgument {
    var value: Language
    init(_ value: Language) { self.value = value }
    init?(argument: String) {
        guard let v = Language(rawValue: argument) else { return nil }
        value = v
    }
    static var allValueStrings: [String] { Language.allCases.map(\.rawValue) }
    var defaultValueDescription: String { value.rawValue }
}
