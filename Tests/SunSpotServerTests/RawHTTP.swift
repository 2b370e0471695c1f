import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

// A deliberately small HTTP/1.1 client on plain POSIX sockets: the tests need to choose
// the source address (127.0.0.1 vs 127.0.0.2 are two clients on Linux loopback), send
// a request head one line at a time, and see exactly when the server closes — things a
// full client hides. Blocking calls run on a thread pool, never on Swift's cooperative
// threads, so a waiting test cannot starve the server it talks to.

struct HTTPReply: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var text: String { String(decoding: body, as: UTF8.self) }
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(body)) }
    func object() throws -> [String: Any] {
        guard let o = try json() as? [String: Any] else {
            throw ClientError("body is not a JSON object: \(text.prefix(200))")
        }
        return o
    }
    /// The `error` object of an error body.
    func error() throws -> [String: Any] {
        guard let e = try object()["error"] as? [String: Any] else {
            throw ClientError("no error object in \(text.prefix(200))")
        }
        return e
    }
}

struct ClientError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// One TCP connection to the server under test.
final class RawConnection: @unchecked Sendable {
    let fd: Int32

    /// Connects to 127.0.0.1:`port` from `source` (any loopback address), with receive/send timeouts.
    init(port: Int, source: String = "127.0.0.1", timeoutSeconds: Int = 15) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ClientError("socket: errno \(errno)") }
        var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_port = 0
        inet_pton(AF_INET, source, &local.sin_addr)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            close(fd)
            throw ClientError("bind \(source): errno \(errno)")
        }
        var remote = sockaddr_in()
        remote.sin_family = sa_family_t(AF_INET)
        remote.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr)
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let e = errno
            close(fd)
            throw ClientError("connect: errno \(e)")
        }
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ClientError("send: errno \(errno)") }
            offset += n
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Reads once; nil when the peer closed (or reset) the connection, empty on timeout.
    func readSome() -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { return Array(buffer[0..<n]) }
        if n == 0 { return nil }
        return (errno == EAGAIN || errno == EWOULDBLOCK) ? [] : nil
    }

    /// Waits until the server closes the connection; returns the seconds it took, or nil
    /// if it was still open after `limit` seconds.
    func secondsUntilClosed(limit: Double) -> Double? {
        let start = Date()
        var tv = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        while Date().timeIntervalSince(start) < limit {
            if readSome() == nil { return Date().timeIntervalSince(start) }
        }
        return nil
    }

    /// Reads one response (Content-Length or chunked body).
    func readResponse(method: String = "GET") throws -> HTTPReply {
        var data: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            guard let chunk = readSome() else { throw ClientError("connection closed before a response head") }
            if chunk.isEmpty { throw ClientError("timed out waiting for a response head") }
            data += chunk
            headEnd = Self.find([13, 10, 13, 10], in: data)
        }
        let head = String(decoding: data[0..<headEnd!], as: UTF8.self)
        var rest = Array(data[(headEnd! + 4)...])
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw ClientError("bad status line \(lines[0])")
        }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var reply = HTTPReply(status: status, headers: headers, body: [])
        if method == "HEAD" || status == 204 || status == 304 { return reply }
        if let length = reply.header("content-length").flatMap(Int.init) {
            while rest.count < length {
                guard let chunk = readSome(), !chunk.isEmpty else { throw ClientError("body cut short") }
                rest += chunk
            }
            reply.body = Array(rest[0..<length])
        } else if reply.header("transfer-encoding")?.lowercased() == "chunked" {
            var body: [UInt8] = []
            while true {
                while Self.find([13, 10], in: rest) == nil {
                    guard let chunk = readSome(), !chunk.isEmpty else { throw ClientError("chunk cut short") }
                    rest += chunk
                }
                let lineEnd = Self.find([13, 10], in: rest)!
                let sizeText = String(decoding: rest[0..<lineEnd], as: UTF8.self).split(separator: ";")[0]
                guard let size = Int(sizeText, radix: 16) else { throw ClientError("bad chunk size") }
                rest.removeFirst(lineEnd + 2)
                while rest.count < size + 2 {
                    guard let chunk = readSome(), !chunk.isEmpty else { throw ClientError("chunk cut short") }
                    rest += chunk
                }
                if size == 0 { break }
                body += rest[0..<size]
                rest.removeFirst(size + 2)
            }
            reply.body = body
        } else {
            while let chunk = readSome(), !chunk.isEmpty { rest += chunk }
            reply.body = rest
        }
        return reply
    }

    static func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }
}

/// Threads for the blocking client calls.
let clientThreads: NIOThreadPool = {
    let pool = NIOThreadPool(numberOfThreads: 48)
    pool.start()
    return pool
}()

/// Runs blocking client code off Swift's cooperative threads.
func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await clientThreads.runIfActive(body)
}

/// The text of a request.
func requestText(
    _ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
    keepAlive: Bool = false
) -> [UInt8] {
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    for (k, v) in headers.sorted(by: { $0.key < $1.key }) { head += "\(k): \(v)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    if !keepAlive { head += "Connection: close\r\n" }
    head += "\r\n"
    return Array(head.utf8) + (body ?? [])
}

/// Runs blocking client code on a thread of its own (for a client that must not wait
/// behind other test traffic in the shared pool).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.start()
    }
}

/// A slowloris attacker on one thread: `count` connections from `sources`, each sending
/// a request head one header line every `interval` seconds and never finishing it.
/// Returns, per connection, the seconds until the server closed it (nil: still open at `limit`).
func slowloris(port: Int, count: Int, sources: [String], interval: Double, limit: Double) throws -> [Double?] {
    let connections = try (0..<count).map { try RawConnection(port: port, source: sources[$0 % sources.count]) }
    let opened = Date()
    var closedAt = [Double?](repeating: nil, count: count)
    for c in connections { try? c.send("GET /healthz HTTP/1.1\r\nHost: x\r\n") }
    var lastSend = Date()
    var line = 0
    var scratch = [UInt8](repeating: 0, count: 4096)
    while Date().timeIntervalSince(opened) < limit, closedAt.contains(where: { $0 == nil }) {
        let now = Date().timeIntervalSince(opened)
        let sendNow = Date().timeIntervalSince(lastSend) >= interval
        for (i, c) in connections.enumerated() where closedAt[i] == nil {
            let n = scratch.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                closedAt[i] = now
            } else if sendNow, (try? c.send("X-Slow-\(line): y\r\n")) == nil {
                closedAt[i] = now
            }
        }
        if sendNow {
            lastSend = Date()
            line += 1
        }
        usleep(20_000)
    }
    return closedAt
}
