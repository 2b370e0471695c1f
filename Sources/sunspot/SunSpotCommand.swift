import ArgumentParser
import SolarCore

/// `sunspot`: sunlight on windows, from the terminal.
struct SunSpotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunspot",
        abstract: "Sun position, solar terms and exact sunlight on the windows of a scene.",
        version: "0.1.0",
        subcommands: [
            SunCommand.self, TermsCommand.self, TableCommand.self, SunpathCommand.self, ShadowCommand.self,
            HeatmapCommand.self, CompareCommand.self, FacadeCommand.self, ReportCommand.self,
            PointCommand.self, NichieiCommand.self, ImportCommand.self, ValidateCommand.self,
        ])
}
