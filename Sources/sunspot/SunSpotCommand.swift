import ArgumentParser
import SolarCore
import SunSpotKit

/// `sunspot`: sunlight on windows, from the terminal.
struct SunSpotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunspot",
        abstract: "Sun position, solar terms and exact sunlight on the windows of a scene.",
        version: "0.1.0",
        subcommands: [SunCommand.self, TermsCommand.self, TableCommand.self, SunpathCommand.self, ShadowCommand.self,
                      HeatmapCommand.self, CompareCommand.self, FacadeCommand.self, ReportCommand.self,
                      PointCommand.self, ImportCommand.self, ValidateCommand.self])
}

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

/// Resolves an IANA zone name or fails with a message that names it.
func resolveZone(_ identifier: String, option: String = "--tz") throws -> SystemTimeZone {
    guard let zone = SystemTimeZone(identifier: identifier) else {
        throw ValidationError("\(option): unknown time zone '\(identifier)' (use an IANA name such as Asia/Shanghai)")
    }
    return zone
}
