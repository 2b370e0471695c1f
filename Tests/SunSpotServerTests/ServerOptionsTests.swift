import Foundation
import SunSpotServer
import Testing

// `sunspotd`'s configuration: command line over environment over defaults, and every
// unusable value refused with the option's name.

@Suite struct ServerOptionsReading {
    @Test func defaultsAreTheContractsHostPortAndDatabase() throws {
        let c = try ServerOptions.parse([]).configuration(environment: [:])
        #expect(c.host == "127.0.0.1" && c.port == 8080 && c.databasePath == "sunspot.sqlite")
        #expect(c == ServerConfiguration())
    }

    @Test func environmentFillsWhatTheCommandLineLeavesOut() throws {
        let env = [
            "SUNSPOTD_PORT": "9090", "SUNSPOTD_DB": "/tmp/x.sqlite", "SUNSPOTD_RATE_LIMIT": "5",
            "SUNSPOTD_IDLE_TIMEOUT": "2.5", "SUNSPOTD_MAX_CONNECTIONS_PER_ADDRESS": "3",
        ]
        let c = try ServerOptions.parse(["--port", "7070"]).configuration(environment: env)
        #expect(c.port == 7070)  // the command line wins
        #expect(c.databasePath == "/tmp/x.sqlite")
        #expect(c.rateLimitPerSecond == 5)
        #expect(c.idleTimeoutSeconds == 2.5)
        #expect(c.maxConnectionsPerAddress == 3)
    }

    @Test func theTestOnlyReportRowDelayComesFromTheEnvironmentOnly() throws {
        #expect(ServerConfiguration().reportRowDelaySeconds == 0)
        let c = try ServerOptions.parse([]).configuration(environment: ["SUNSPOTD_REPORT_ROW_DELAY_SECONDS": "0.25"])
        #expect(c.reportRowDelaySeconds == 0.25)
        #expect(throws: (any Error).self) { try ServerOptions.parse(["--report-row-delay-seconds", "1"]) }
    }

    @Test(arguments: [
        (["--port", "70000"], [String: String](), "--port"),
        (["--idle-timeout", "0"], [:], "--idle-timeout"),
        (["--max-body-bytes", "10"], [:], "--max-body-bytes"),
        (["--compute-workers", "0"], [:], "--compute-workers"),
        ([], ["SUNSPOTD_PORT": "eighty"], "SUNSPOTD_PORT"),
        ([], ["SUNSPOTD_RATE_LIMIT": "-1"], "--rate-limit"),
        ([], ["SUNSPOTD_REPORT_ROW_DELAY_SECONDS": "-1"], "SUNSPOTD_REPORT_ROW_DELAY_SECONDS"),
        ([], ["SUNSPOTD_REPORT_ROW_DELAY_SECONDS": "soon"], "SUNSPOTD_REPORT_ROW_DELAY_SECONDS"),
    ])
    func unusableValuesAreRefusedByName(args: [String], env: [String: String], name: String) throws {
        let options = try ServerOptions.parse(args)
        do {
            _ = try options.configuration(environment: env)
            Issue.record("\(args) \(env) was accepted")
        } catch {
            #expect("\(error)".contains(name), "\(error)")
        }
    }
}

/// `--help`, the environment, `ServerConfiguration`'s defaults and the README's table say the
/// same thing: the table is read from the README, each row is found in `--help`, and the
/// environment variable is really read (its default changes nothing; a bad value is refused by
/// name or changes the configuration).
@Suite struct ServerDefaultsAgree {
    struct Row: Equatable, CustomStringConvertible {
        var option, environment, defaultValue: String
        var description: String { "\(option) \(environment) \(defaultValue)" }
    }

    static func readmeRows() throws -> [Row] {
        let readme = try String(contentsOf: Repo.root.appendingPathComponent("README.md"), encoding: .utf8)
        let header = "| option | environment | default | what |"
        let table = try #require(readme.range(of: header)).upperBound
        let lines = readme[table...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
        return lines.prefix { $0.hasPrefix("|") }.map { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let code = { (cell: String) in cell.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            return Row(option: code(cells[0]), environment: code(cells[1]), defaultValue: code(cells[2]))
        }
    }

    static func helpRows() throws -> [Row] {
        let help = ServerOptions.helpMessage(columns: 10_000)
        let pattern = try Regex(#"(--[a-z-]+) <[^>]+>\s+[^\n]*?\(env (SUNSPOTD_[A-Z_]+); default ([^)]*)\)\."#)
        return help.matches(of: pattern).map { m in
            Row(
                option: String(m.output[1].substring!), environment: String(m.output[2].substring!),
                defaultValue: String(m.output[3].substring!))
        }
    }

    @Test func theReadmeTableIsTheHelp() throws {
        let readme = try Self.readmeRows()
        let help = try Self.helpRows()
        #expect(readme.count >= 20)
        #expect(readme == help)
        let options = Set(
            ServerOptions.helpMessage(columns: 10_000).matches(of: try Regex(#"\s(--[a-z][a-z-]+) <"#))
                .map { String($0.output[1].substring!) })
        #expect(options == Set(help.map(\.option)), "an option of --help lacks its (env …; default …)")
    }

    @Test func everyVariableIsReadAndItsDefaultIsTheConfigurationsDefault() throws {
        for row in try Self.readmeRows() {
            if row.option == "--log-level" {
                #expect(try ServerOptions.parse([]).resolvedLogLevel(environment: [:]) == row.defaultValue)
                #expect(throws: (any Error).self) {
                    try ServerOptions.parse([]).resolvedLogLevel(environment: [row.environment: "loud"])
                }
                continue
            }
            let options = try ServerOptions.parse([])
            // Defaults described in words (they depend on the machine or the install) are not values to read back.
            let described = ["all cores", "none"].contains(row.defaultValue) || row.option == "--web-root"
            if !described {
                #expect(
                    try options.configuration(environment: [row.environment: row.defaultValue])
                        == ServerConfiguration(),
                    "\(row)")
            }
            do {
                let changed = try options.configuration(environment: [row.environment: "§"])
                #expect(changed != ServerConfiguration(), "\(row) is not read")
            } catch {
                #expect("\(error)".contains(row.environment) || "\(error)".contains(row.option), "\(row): \(error)")
            }
        }
    }
}
