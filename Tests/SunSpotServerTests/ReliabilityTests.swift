import Foundation
import Testing

// DESIGN.md "Reliability rules", each on the real server over loopback. 127.0.0.1 and
// 127.0.0.2 are two clients (both loopback on Linux). Figures are printed so the
// closing note can quote them.

extension DaemonTests {
    @Suite struct Reliability {
        @Test func oneAddressHammeringGets429WhileAnotherGetsNoErrors() async throws {
            try await withServer({
                $0.rateLimitPerSecond = 20
                $0.rateLimitBurst = 20
            }) { server in
                let hammer = Task {
                    try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                        for _ in 0..<200 {
                            group.addTask { try await server.get("/v1/terms?year=2026", source: "127.0.0.1") }
                        }
                        return try await group.reduce(into: [HTTPReply]()) { $0.append($1) }
                    }
                }
                var polite: [Int] = []
                for _ in 0..<10 {
                    polite.append(try await server.get("/v1/terms?year=2026", source: "127.0.0.2").status)
                    try await Task.sleep(for: .milliseconds(100))  // 10/s, under the 20/s budget
                }
                let replies = try await hammer.value
                let limited = replies.filter { $0.status == 429 }
                print(
                    "rate limit: hammering 127.0.0.1 sent 200 → \(replies.count - limited.count) × 200, \(limited.count) × 429; 127.0.0.2 statuses \(Set(polite))"
                )
                #expect(limited.count >= 100)
                #expect(replies.allSatisfy { $0.status == 200 || $0.status == 429 })
                #expect(limited.allSatisfy { Int($0.header("Retry-After") ?? "") ?? 0 >= 1 })
                #expect(try limited.first?.error()["code"] as? String == "rate_limited")
                #expect(polite == Array(repeating: 200, count: 10))
                // Health stays reachable for monitoring even from the limited address.
                #expect(try await server.get("/healthz", source: "127.0.0.1").status == 200)
            }
        }

        @Test func connectionsBeyondThePerAddressCapAreClosedOthersServed() async throws {
            try await withServer({
                $0.maxConnectionsPerAddress = 4
                $0.idleTimeoutSeconds = 5
            }) { server in
                let port = server.port
                let held = try await offloaded {
                    try (0..<4).map { _ in try RawConnection(port: port, source: "127.0.0.2") }
                }
                try await Task.sleep(for: .milliseconds(200))
                #expect(server.parts.connections.openConnections(of: "127.0.0.2") == 4)
                let closedAfter = try await offloaded { () -> Double? in
                    let extra = try RawConnection(port: port, source: "127.0.0.2")
                    try? extra.send(requestText("GET", "/healthz"))
                    return extra.secondsUntilClosed(limit: 2)
                }
                print(
                    "connection cap: 5th connection from 127.0.0.2 closed after \(closedAfter.map { String(format: "%.3f s", $0) } ?? "never")"
                )
                #expect(closedAfter != nil)
                #expect(try await server.get("/healthz", source: "127.0.0.1").status == 200)
                withExtendedLifetime(held) {}
                // The address is forgotten when its connections close: reconnecting works.
                _ = held
            }
        }

        @Test func slowlorisConnectionsAreCutWhileANormalClientIsServed() async throws {
            let slowCount = 300
            try await withServer({
                $0.idleTimeoutSeconds = 1.5
                $0.maxConnectionsPerAddress = 16
            }) { server in
                let port = server.port
                let started = Date()
                // 300 connections from 20 addresses (15 each, under the per-address cap), each sending one
                // header line every 0.5 s and never finishing the head; a normal client polls /healthz meanwhile.
                let sources = (10..<30).map { "127.0.0.\($0)" }
                let slow = Task {
                    try await onOwnThread {
                        try slowloris(port: port, count: slowCount, sources: sources, interval: 0.5, limit: 10)
                    }
                }
                let normal = Task {
                    try await onOwnThread { () -> [(Int, Double)] in
                        var results: [(Int, Double)] = []
                        Thread.sleep(forTimeInterval: 0.3)
                        while Date().timeIntervalSince(started) < 3 {
                            let t0 = Date()
                            let c = try RawConnection(port: port, source: "127.0.0.1")
                            try c.send(requestText("GET", "/healthz"))
                            results.append((try c.readResponse().status, Date().timeIntervalSince(t0)))
                            Thread.sleep(forTimeInterval: 0.05)
                        }
                        return results
                    }
                }
                let served = try await normal.value
                let statuses = served.map(\.0)
                var latencies = served.map(\.1)
                let cut = try await slow.value
                let closed = cut.compactMap { $0 }.sorted()
                latencies.sort()
                print(
                    String(
                        format:
                            "slowloris: %d slow connections from 20 addresses; %d closed, latest after %.2f s (idle timeout 1.5 s); normal client %d requests, p50 %.1f ms, max %.1f ms",
                        slowCount, closed.count, closed.last ?? -1, latencies.count,
                        latencies[latencies.count / 2] * 1000, latencies.last! * 1000))
                #expect(closed.count == slowCount)
                #expect((closed.last ?? 99) < 4)
                #expect(statuses.allSatisfy { $0 == 200 })
                #expect(latencies.last! < 1)
            }
        }

        @Test func aSlowBodyGets408WithinTheBodyTimeout() async throws {
            try await withServer({
                $0.bodyTimeoutSeconds = 1
                $0.idleTimeoutSeconds = 5
            }) { server in
                let port = server.port
                let (status, seconds) = try await offloaded { () -> (Int, Double) in
                    let c = try RawConnection(port: port)
                    let t0 = Date()
                    try c.send(
                        "POST /v1/scenes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{"
                    )
                    var tv = timeval(tv_sec: 0, tv_usec: 300_000)
                    setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    var received: [UInt8] = []
                    for _ in 0..<20 {
                        _ = try? c.send(" ")  // one byte every 0.3 s: each resets an idle timer, not the body deadline
                        guard let chunk = c.readSome() else { break }
                        received += chunk
                        if RawConnection.find([13, 10, 13, 10], in: received) != nil { break }
                    }
                    let line = String(decoding: received.prefix(20), as: UTF8.self)
                    return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0, Date().timeIntervalSince(t0))
                }
                print(String(format: "slow body: %d after %.2f s (body timeout 1 s)", status, seconds))
                #expect(status == 408)
                #expect(seconds < 3)
                #expect(try await server.get("/healthz").object()["scenes"] as? Int == 0)
            }
        }

        @Test func aFullComputeQueueAnswers503WhileCheapRoutesKeepAnswering() async throws {
            try await withServer({
                $0.computeWorkers = 1
                $0.computeQueueDepth = 1
                $0.cacheEntries = 0
            }) { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                // Distinct years: nothing can come from a cache.
                let heavy = Task {
                    try await withThrowingTaskGroup(of: HTTPReply.self) { group in
                        for year in 2030..<2038 {
                            group.addTask {
                                try await server.get("/v1/scenes/\(id)/flats/3/5/east/sunlight?year=\(year)")
                            }
                        }
                        return try await group.reduce(into: [HTTPReply]()) { $0.append($1) }
                    }
                }
                try await Task.sleep(for: .milliseconds(100))
                let t0 = Date()
                let health = try await server.get("/healthz")
                let healthSeconds = Date().timeIntervalSince(t0)
                let replies = try await heavy.value
                let refused = replies.filter { $0.status == 503 }
                print(
                    String(
                        format:
                            "compute queue (1 worker, 1 waiting): 8 tables → %d × 200, %d × 503; /healthz meanwhile in %.1f ms",
                        replies.count - refused.count, refused.count, healthSeconds * 1000))
                #expect(health.status == 200)
                #expect(refused.count >= 1)
                #expect(replies.count - refused.count >= 2)
                #expect(refused.allSatisfy { $0.header("Retry-After") != nil })
                #expect(try refused.first?.error()["code"] as? String == "queue_full")
                #expect(replies.allSatisfy { $0.status == 200 || $0.status == 503 })
            }
        }

        @Test func aComputationPastItsDeadlineAnswers503AndTheQueueStaysBounded() async throws {
            try await withServer({
                $0.computeDeadlineSeconds = 0.001
                $0.computeWorkers = 1
                $0.computeQueueDepth = 0
            }) { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                let reply = try await server.get("/v1/scenes/\(id)/flats/3/5/east/sunlight")
                #expect(reply.status == 503)
                #expect(try reply.error()["code"] as? String == "deadline_exceeded")
                #expect(reply.header("Retry-After") != nil)
                // The abandoned job still holds its worker until it ends, then frees it.
                for _ in 0..<100 where server.parts.queue.inFlight > 0 { try await Task.sleep(for: .milliseconds(50)) }
                #expect(server.parts.queue.inFlight == 0)
            }
        }
    }
}
