import Foundation
import Testing

@testable import SunSpotServer

// What a replica behind a load balancer is told (issue 12): the database URL, leases,
// retention, trusted proxies and the drain delay, each refused by name when unusable.

@Suite struct ReplicaOptions {
    @Test func theNewOptionsComeFromTheCommandLineOrTheEnvironment() throws {
        let c = try ServerOptions.parse([
            "--db", "postgres://sunspot@127.0.0.1:5433/sunspot?pool=4", "--report-lease", "30",
            "--report-heartbeat", "5", "--trusted-proxy", "10.0.0.0/8",
            "--trusted-proxy", "127.0.0.1",
        ])
        .configuration(environment: [
            "SUNSPOTD_REPORT_RETENTION": "3600", "SUNSPOTD_DRAIN_DELAY": "3",
            "SUNSPOTD_REPORT_MAX_ATTEMPTS": "7", "SUNSPOTD_TRUSTED_PROXY": "192.168.0.1",
        ])
        #expect(c.databasePath == "postgres://sunspot@127.0.0.1:5433/sunspot?pool=4")
        #expect(c.reportLeaseSeconds == 30 && c.reportHeartbeatSeconds == 5 && c.reportMaxAttempts == 7)
        #expect(c.reportRetentionSeconds == 3600 && c.drainDelaySeconds == 3)
        #expect(c.trustedProxies == ["10.0.0.0/8", "127.0.0.1"])  // the command line wins
        let env = try ServerOptions.parse([]).configuration(environment: [
            "SUNSPOTD_TRUSTED_PROXY": "10.1.1.1, 10.1.1.2"
        ])
        #expect(env.trustedProxies == ["10.1.1.1", "10.1.1.2"])
        #expect(ServerConfiguration().reportRetentionSeconds == 7 * 86400)
        #expect(ServerConfiguration().trustedProxies.isEmpty && ServerConfiguration().drainDelaySeconds == 0)
    }

    @Test(arguments: [
        (["--db", "postgres://127.0.0.1/sunspot"], "no user"),
        (["--db", "postgres://u@127.0.0.1:5432/"], "no database name"),
        (["--db", "postgres://u@127.0.0.1/db?pool=0"], "pool must be in 1...1000"),
        (["--db", "postgres://u@127.0.0.1/db?sslmode=require"], "unknown parameter 'sslmode'"),
        (["--report-lease", "0"], "--report-lease"),
        (["--report-lease", "10", "--report-heartbeat", "6"], "--report-heartbeat"),
        (["--report-max-attempts", "0"], "--report-max-attempts"),
        (["--report-retention=-1"], "--report-retention"),
        (["--trusted-proxy", "10.0.0.0/33"], "--trusted-proxy '10.0.0.0/33'"),
        (["--trusted-proxy", "haproxy"], "--trusted-proxy 'haproxy'"),
        (["--drain-delay", "100"], "--drain-delay"),
    ])
    func unusableValuesAreRefusedByName(args: [String], message: String) throws {
        do {
            _ = try ServerOptions.parse(args).configuration(environment: [:])
            Issue.record("\(args) was accepted")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() {
        let proxies = TrustedProxies(["127.0.0.1", "10.0.0.0/8"])
        // Not a proxy: the header is the client's own claim and is ignored.
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        // From the proxy: the right-most address that is not a proxy of ours.
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["6.6.6.6, 198.51.100.1, 10.2.3.4"]) == "198.51.100.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["6.6.6.6", "198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
        #expect(proxies.isTrusted("10.255.0.1") && !proxies.isTrusted("11.0.0.1") && !proxies.isTrusted("127.0.0.2"))
    }
}

extension DaemonTests {
    @Suite struct BehindAProxy {
        @Test func eachForwardedClientHasItsOwnRateLimitButOnlyBehindATrustedProxy() async throws {
            try await withServer({ c in
                c.rateLimitPerSecond = 0.01
                c.rateLimitBurst = 2
                c.trustedProxies = ["127.0.0.1"]
            }) { server in
                func status(_ client: String, from source: String = "127.0.0.1") async throws -> Int {
                    try await server.get("/v1/terms?year=2026", headers: ["X-Forwarded-For": client], source: source)
                        .status
                }
                var first: [Int] = []
                for _ in 0..<3 { first.append(try await status("198.51.100.1")) }
                #expect(first == [200, 200, 429])
                #expect(try await status("198.51.100.2") == 200)  // another visitor behind the same proxy
                // Not from the proxy: the header is ignored and the peer address is counted.
                var direct: [Int] = []
                for i in 0..<3 { direct.append(try await status("198.51.100.\(10 + i)", from: "127.0.0.9")) }
                #expect(direct == [200, 200, 429])
            }
        }

        @Test func healthzAnswers503WhileDraining() async throws {
            try await withServer { server in
                #expect(try await server.get("/healthz").status == 200)
                server.parts.drain.begin()
                let reply = try await server.get("/healthz")
                #expect(reply.status == 503)
                #expect(try reply.object()["status"] as? String == "draining")
            }
        }
    }
}
