import Foundation
import Logging
import NIOCore
import ServiceLifecycle
import SunSpotServer
import Synchronization
import Testing

/// The real daemon, started in this process on an ephemeral loopback port with a real
/// SQLite file in a fresh temporary folder; stopped the way SIGTERM stops it.
final class TestServer: Sendable {
    let port: Int
    let directory: URL
    let parts: ServerParts
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// Starts a server; `adjust` changes the test configuration (limits, timeouts).
    /// `directory` reuses an earlier server's folder (and database): a restart.
    static func start(
        in directory: URL? = nil, _ adjust: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws
        -> TestServer
    {
        let directory =
            directory
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("sunspotd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.databasePath = directory.appendingPathComponent("scenes.sqlite").path
        configuration.webRoot = directory.appendingPathComponent("web").path
        configuration.rateLimitPerSecond = 10_000
        configuration.rateLimitBurst = 10_000
        adjust(&configuration)
        var logger = Logger(label: "sunspotd-test")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let (application, parts) = try buildApplication(configuration, logger: logger) { channel in
            continuation.yield(channel.localAddress?.port ?? 0)
            continuation.finish()
        }
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await p in ports { port = p }
        guard port > 0 else { throw ClientError("the server did not start") }
        return TestServer(port: port, directory: directory, parts: parts, group: group, task: task)
    }

    private init(port: Int, directory: URL, parts: ServerParts, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.directory = directory
        self.parts = parts
        self.group = group
        self.task = task
    }

    /// Graceful shutdown, then the temporary folder is removed (unless it is kept for a restart).
    func stop(keepingFiles: Bool = false) async throws {
        await group.triggerGracefulShutdown()
        try await task.value
        if !keepingFiles { try? FileManager.default.removeItem(at: directory) }
    }

    /// One request on its own connection (`Connection: close`).
    func request(
        _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        source: String = "127.0.0.1"
    ) async throws -> HTTPReply {
        let port = self.port
        return try await offloaded {
            let connection = try RawConnection(port: port, source: source)
            try connection.send(requestText(method, path, headers: headers, body: body))
            return try connection.readResponse(method: method)
        }
    }

    func get(_ path: String, headers: [String: String] = [:], source: String = "127.0.0.1") async throws -> HTTPReply {
        try await request("GET", path, headers: headers, source: source)
    }

    /// POST/PUT of JSON bytes.
    func send(
        _ method: String, _ path: String, json: [UInt8], headers: [String: String] = [:]
    ) async throws -> HTTPReply {
        var all = headers
        if all["Content-Type"] == nil { all["Content-Type"] = "application/json" }
        return try await request(method, path, headers: all, body: json)
    }

    /// Saves a scene and returns its id, token and revision.
    func create(_ document: [UInt8]) async throws -> (id: String, token: String, revision: Int) {
        let reply = try await send("POST", "/v1/scenes", json: document)
        guard reply.status == 201 else { throw ClientError("create answered \(reply.status): \(reply.text)") }
        let o = try reply.object()
        return (o["id"] as! String, o["editToken"] as! String, o["revision"] as! Int)
    }
}

/// Runs `body` against a fresh server and always stops it.
func withServer(
    _ adjust: (inout ServerConfiguration) -> Void = { _ in },
    _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(adjust)
    do {
        try await body(server)
    } catch {
        try? await server.stop()
        throw error
    }
    try await server.stop()
}

/// The repository's folders, from this file's place in it.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let sampleScene = root.appendingPathComponent("data/sample-compound.json")
    static func sample() throws -> [UInt8] { Array(try Data(contentsOf: sampleScene)) }
}

/// A built executable next to the test bundle (`sunspot`, `sunspotd`).
func builtExecutable(_ name: String) throws -> URL {
    var places: [URL] = Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
    places.append(URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL)
    var candidates: [URL] = []
    for place in places {
        var dir = place
        for _ in 0..<4 {
            candidates.append(dir.appendingPathComponent(name))
            dir = dir.deletingLastPathComponent()
        }
    }
    candidates.append(Repo.root.appendingPathComponent(".build/debug/\(name)"))
    guard
        let found = candidates.first(where: { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: url.path)
        })
    else { throw ClientError("\(name) was not built next to the tests; run `swift build --build-tests`") }
    return found
}

/// Runs a built executable and returns its exit status and standard output.
func run(_ name: String, _ args: [String]) throws -> (status: Int32, stdout: [UInt8]) {
    let process = Process()
    process.executableURL = try builtExecutable(name)
    process.arguments = args
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: out) }
    let handle = try FileHandle(forWritingTo: out)
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, Array(try Data(contentsOf: out)))
}

/// The daemon's tests run one at a time: several check timing (timeouts, rate limits)
/// and must not compete with each other for the machine's two cores.
@Suite(.serialized) struct DaemonTests {}
