import Foundation
import GRDB
import Synchronization
import Testing

// The built `sunspotd` binary as users run it: SIGTERM stops it gracefully, and SIGKILL
// under concurrent writes loses nothing that was acknowledged.

/// A `sunspotd` child process on an ephemeral port (read from its log line).
final class DaemonProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL

    /// - Parameter environment: variables added to this process's environment (SUNSPOTD_…).
    init(db: String, extra: [String] = [], shell: String? = nil, environment: [String: String] = [:]) throws {
        log = URL(fileURLWithPath: db + ".\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        let binary = try builtExecutable("sunspotd").path
        let args =
            [
                "--port", "0", "--db", db, "--web-root", "/nonexistent", "--rate-limit", "100000", "--rate-burst",
                "100000",
            ] + extra
        if let shell {  // e.g. "ulimit -n 64" before exec
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "\(shell); exec \"$0\" \"$@\"", binary] + args
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = args
        }
        process.standardOutput = handle
        process.standardError = handle
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try process.run()
        var found: Int?
        for _ in 0..<200 where found == nil {
            Thread.sleep(forTimeInterval: 0.05)
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on 127\.0\.0\.1:[0-9]+"#, options: .regularExpression) {
                found = Int(text[range].split(separator: ":").last!)
            }
        }
        guard let found else {
            process.terminate()
            throw ClientError("sunspotd did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        port = found
    }

    func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    func waitForExit(limit: Double) -> Bool {
        let start = Date()
        while process.isRunning, Date().timeIntervalSince(start) < limit { Thread.sleep(forTimeInterval: 0.02) }
        return !process.isRunning
    }

    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        timeoutSeconds: Int = 10
    ) throws -> HTTPReply {
        let c = try RawConnection(port: port, timeoutSeconds: timeoutSeconds)
        var all = headers
        if body != nil { all["Content-Type"] = "application/json" }
        try c.send(requestText(method, path, headers: all, body: body))
        return try c.readResponse(method: method)
    }
}

/// What concurrent writers acknowledged, shared between their threads.
final class Tally: Sendable {
    let state = Mutex<(acks: [(String, Int, [UInt8])], tries: Int)>(([], 0))
}

func temporaryDatabase() throws -> (dir: URL, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspotd-proc-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return (dir, dir.appendingPathComponent("scenes.sqlite").path)
}

extension DaemonTests {
    @Suite struct Process {
        @Test func sigtermFinishesTheInFlightRequestRefusesNewOnesAndLosesNothing() async throws {
            let (dir, db) = try temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: dir) }
            let daemon = try DaemonProcess(db: db)
            let sample = try Repo.sample()
            let result = try await onOwnThread { () -> (Int, Bool, Bool, Double) in
                // A POST whose body is still arriving when SIGTERM comes.
                let c = try RawConnection(port: daemon.port)
                try c.send(
                    "POST /v1/scenes HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(sample.count)\r\nConnection: close\r\n\r\n"
                )
                try c.send(Array(sample.prefix(100)))
                Thread.sleep(forTimeInterval: 0.3)
                let t0 = Date()
                daemon.signal(SIGTERM)
                Thread.sleep(forTimeInterval: 0.3)
                let refused = (try? RawConnection(port: daemon.port)) == nil  // the listener is closed
                try c.send(Array(sample.dropFirst(100)))
                let reply = try c.readResponse()
                let exited = daemon.waitForExit(limit: 10)
                return (reply.status, refused, exited, Date().timeIntervalSince(t0))
            }
            print(
                String(
                    format: "SIGTERM: in-flight POST answered %d, new connections refused: %@, exited after %.2f s",
                    result.0, result.1 ? "yes" : "no", result.3))
            #expect(result.0 == 201)
            #expect(result.1)
            #expect(result.2)
            #expect(daemon.process.terminationStatus == 0)
            let pool = try DatabaseQueue(path: db)
            #expect(try await pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sceneRevision") } == 1)
        }

        @Test func sigkillUnderConcurrentWritesLosesNoAcknowledgedWrite() async throws {
            let (dir, db) = try temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: dir) }
            let sample = try Repo.sample()
            let rounds = 3
            var acknowledged: [(id: String, revision: Int, body: [UInt8])] = []
            var attempted = 0
            for round in 0..<rounds {
                let daemon = try DaemonProcess(db: db)
                // Four writers create and edit scenes as fast as they can; the process is killed mid-stream.
                let (acks, tries) = try await onOwnThread { () -> ([(String, Int, [UInt8])], Int) in
                    let tally = Tally()
                    let group = DispatchGroup()
                    for writer in 0..<4 {
                        group.enter()
                        Thread {
                            defer { group.leave() }
                            var n = 0
                            while true {
                                n += 1
                                guard let body = try? renamed(sample, to: "r\(round) w\(writer) n\(n)") else { return }
                                tally.state.withLock { $0.tries += 1 }
                                guard let reply = try? daemon.request("POST", "/v1/scenes", body: body),
                                    reply.status == 201,
                                    let o = try? reply.object(), let id = o["id"] as? String,
                                    let token = o["editToken"] as? String
                                else { return }
                                tally.state.withLock { $0.acks.append((id, 1, body)) }
                                guard let edit = try? renamed(sample, to: "r\(round) w\(writer) n\(n) edited") else {
                                    return
                                }
                                tally.state.withLock { $0.tries += 1 }
                                guard
                                    let put = try? daemon.request(
                                        "PUT", "/v1/scenes/\(id)",
                                        headers: ["Authorization": "Bearer \(token)", "If-Match": "1"], body: edit),
                                    put.status == 200
                                else { return }
                                tally.state.withLock { $0.acks.append((id, 2, edit)) }
                            }
                        }.start()
                    }
                    Thread.sleep(forTimeInterval: 0.8)
                    daemon.signal(SIGKILL)
                    group.wait()
                    return tally.state.withLock { ($0.acks, $0.tries) }
                }
                #expect(daemon.waitForExit(limit: 5))
                acknowledged += acks.map { ($0.0, $0.1, $0.2) }
                attempted += tries
            }
            // Restart on the same file: every acknowledged revision is there, byte for byte.
            let daemon = try DaemonProcess(db: db)
            defer {
                daemon.signal(SIGTERM)
                _ = daemon.waitForExit(limit: 10)
            }
            var missing = 0
            for ack in acknowledged {
                let reply = try await onOwnThread {
                    try daemon.request("GET", "/v1/scenes/\(ack.id)/revisions/\(ack.revision)")
                }
                if reply.status != 200 || reply.body != ack.body { missing += 1 }
            }
            let integrity = try await DatabaseQueue(path: db).read {
                try String.fetchOne($0, sql: "PRAGMA integrity_check")
            }
            print(
                "SIGKILL ×\(rounds) under 4 concurrent writers: \(attempted) writes attempted, \(acknowledged.count) acknowledged, \(missing) missing after restart; integrity_check: \(integrity ?? "?")"
            )
            #expect(acknowledged.count > 20)
            #expect(missing == 0)
            #expect(integrity == "ok")
        }

        @Test func theListenerSurvivesRunningOutOfFileDescriptors() async throws {
            let (dir, db) = try temporaryDatabase()
            defer { try? FileManager.default.removeItem(at: dir) }
            let daemon = try DaemonProcess(
                db: db, extra: ["--max-connections-per-address", "1000"], shell: "ulimit -n 64")
            defer {
                daemon.signal(SIGTERM)
                _ = daemon.waitForExit(limit: 10)
            }
            let (exhausted, recovered, seconds) = try await onOwnThread { () -> (Bool, Int, Double) in
                // Hold more connections than the daemon has descriptors: accepts fail with EMFILE.
                var held: [RawConnection] = []
                for _ in 0..<100 {
                    if let c = try? RawConnection(port: daemon.port, timeoutSeconds: 2) { held.append(c) }
                }
                let starved = (try? daemon.request("GET", "/healthz", timeoutSeconds: 1)) == nil
                held.removeAll()  // descriptors free up
                let t0 = Date()
                var status = 0
                while Date().timeIntervalSince(t0) < 10, status != 200 {
                    status = (try? daemon.request("GET", "/healthz", timeoutSeconds: 2).status) ?? 0
                    if status != 200 { Thread.sleep(forTimeInterval: 0.1) }
                }
                return (starved, status, Date().timeIntervalSince(t0))
            }
            print(
                String(
                    format:
                        "ulimit -n 64, 100 connections held: health while starved failed=%@; served %d again %.2f s after they closed",
                    exhausted ? "yes" : "no", recovered, seconds))
            #expect(recovered == 200)
            #expect(daemon.process.isRunning)
        }
    }
}
