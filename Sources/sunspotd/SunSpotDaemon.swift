import ArgumentParser
import Foundation
import Logging
import SunSpotServer

/// `sunspotd`: the SunSpot web API. Parsing only; the daemon lives in SunSpotServer.
@main
struct SunSpotDaemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sunspotd",
        abstract: "SunSpot's HTTP daemon: saved scenes (SQLite), flat sunlight tables, sun and solar terms as JSON.",
        discussion: """
            Example:
              sunspotd --host 127.0.0.1 --port 8080 --db sunspot.sqlite
            API: /v1/openapi.yaml describes every route. SIGTERM or SIGINT stops it gracefully:
            the listener closes, in-flight requests finish (up to --shutdown-grace), no write is lost.
            """,
        version: "0.1.0")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try options.configuration(environment: environment)
        if !options.namesWebRoot(environment: environment) {
            // Started from anywhere: the installed page, or the checkout's, not only ./web.
            configuration.webRoot = WebRootLocator.locateForThisProcess()
        }
        let level = try options.resolvedLogLevel(environment: environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = Logger.Level(rawValue: level) ?? .info
            return handler
        }
        var logger = Logger(label: "sunspotd")
        logger.logLevel = Logger.Level(rawValue: level) ?? .info
        try await runServer(configuration, logger: logger)
    }
}
