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
        let env = ["SUNSPOTD_PORT": "9090", "SUNSPOTD_DB": "/tmp/x.sqlite", "SUNSPOTD_RATE_LIMIT": "5",
                   "SUNSPOTD_IDLE_TIMEOUT": "2.5", "SUNSPOTD_MAX_CONNECTIONS_PER_ADDRESS": "3"]
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
