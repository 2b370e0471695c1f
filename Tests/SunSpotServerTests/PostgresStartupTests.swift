import Foundation
import Logging
import PostgresNIO
import Testing

@testable import SunSpotServer

/// A replica started against PostgreSQL: a database that is not up yet is waited for, one that
/// turns the replica away (no such database, a wrong role or password) stops it with the
/// reason, and the password never reaches a log line or an error message.
@Suite struct PostgresStartup {
    static let logger = {
        var l = Logger(label: "postgres-startup")
        l.logLevel = .critical
        return l
    }()

    @Test func aPasswordIsNeverShown() {
        #expect(
            PostgresService.redacted("postgres://sunspot:s3cret@db.example:5432/sunspot?pool=8")
                == "postgres://sunspot:***@db.example:5432/sunspot?pool=8")
        #expect(
            PostgresService.redacted("postgres://sunspot@127.0.0.1/sunspot") == "postgres://sunspot@127.0.0.1/sunspot")
        #expect(PostgresService.redacted("scenes.sqlite") == "scenes.sqlite")
        // A URL refused for another reason names itself without the password too.
        #expect(throws: ValidationErrorMessage.self) {
            try PostgresService.configuration("postgres://sunspot:s3cret@127.0.0.1/sunspot?pool=0")
        }
        do {
            _ = try PostgresService.configuration("postgres://sunspot:s3cret@127.0.0.1/sunspot?pool=0")
        } catch {
            #expect("\(error)".contains("postgres://sunspot:***@127.0.0.1/sunspot?pool=0"))
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    @Test func aMissingDatabaseStopsTheReplicaWithItsName() async throws {
        guard let base = ProcessInfo.processInfo.environment["SUNSPOT_TEST_POSTGRES"] else {
            Issue.record(
                "SUNSPOT_TEST_POSTGRES is not set: run the tests under Scripts/with-postgres.sh (make test does)")
            return
        }
        let url = base.replacingOccurrences(of: #"/[^/]*$"#, with: "/no_such_db", options: .regularExpression)
        // Thrown at all is the point: a pool would retry such a refusal for ever. (No wall-clock
        // bound: the parallel test run can starve this task for many seconds.)
        do {
            try await PostgresService.waitForDatabase(
                try PostgresService.configuration(url), url: url, logger: Self.logger)
            Issue.record("a database that does not exist was accepted")
        } catch {
            #expect("\(error)".contains(#"database "no_such_db" does not exist (SQLSTATE 3D000)"#), "\(error)")
            #expect("\(error)".contains("--db '\(url)'"))
        }
    }

    @Test func aDatabaseNotUpYetIsWaitedFor() async throws {
        // A loopback port nobody listens on: connects are refused, as while PostgreSQL starts.
        let socket = try ServerSocketPort()
        let url = "postgres://sunspot@127.0.0.1:\(socket.port)/sunspot"
        let refused: any Error
        do {
            let probe = PostgresConnection.Configuration(
                host: "127.0.0.1", port: socket.port, username: "sunspot", password: nil, database: "sunspot",
                tls: .disable)
            _ = try await PostgresConnection.connect(configuration: probe, id: 0, logger: Self.logger)
            Issue.record("a connect to a closed port succeeded")
            return
        } catch {
            refused = error
        }
        #expect(PostgresService.refusal(refused) == nil, "a refused connect is waited for, not fatal")
        let waiting = Task {
            try await PostgresService.waitForDatabase(
                try PostgresService.configuration(url), url: url, logger: Self.logger)
        }
        try await Task.sleep(for: .milliseconds(1500))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}

/// A free loopback port with nothing listening on it (bound, read, released).
private struct ServerSocketPort {
    let port: Int
    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw CocoaError(.fileNoSuchFile) }
        port = Int(UInt16(bigEndian: address.sin_port))
    }
}
