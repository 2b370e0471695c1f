import Foundation
import Hummingbird
import NIOCore

/// Reading what an API request carries: a bounded JSON body, the edit token, the
/// revision an edit is based on, and typed query parameters — each failure an
/// ``APIError`` that names the header or parameter at fault.
extension Request {
    /// The body, checked for type and size, read within `timeout` (a slow upload cannot
    /// hold a connection forever: Hummingbird's idle timer is reset by every body part).
    func jsonBody(maxBytes: Int, timeout: Duration) async throws -> Data {
        let type = headers[.contentType]?.lowercased() ?? ""
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" else {
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: type.isEmpty
                    ? "the body must be sent as Content-Type: application/json"
                    : "Content-Type \(type) is not accepted; send application/json",
                path: "Content-Type")
        }
        return try await boundedBody(maxBytes: maxBytes, timeout: timeout)
    }

    /// The media type of Content-Type, lowercased, without parameters ("" when absent).
    var mediaType: String {
        let type = headers[.contentType]?.lowercased() ?? ""
        return type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    }

    /// The body, at most `maxBytes` (413), arriving within `timeout` (408); any type.
    func boundedBody(maxBytes: Int, timeout: Duration) async throws -> Data {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > maxBytes {
            throw Self.tooLarge(maxBytes)
        }
        let body = self.body
        let buffer: ByteBuffer
        do {
            buffer = try await withDeadline(timeout) { try await body.collect(upTo: maxBytes) }
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(maxBytes)
        }
        return Data(buffer.readableBytesView)
    }

    static func tooLarge(_ maxBytes: Int) -> APIError {
        APIError(.contentTooLarge, code: "body_too_large", message: "the request body is larger than \(maxBytes) bytes")
    }

    /// The bearer token of `Authorization: Bearer …` (401 when missing or malformed).
    func editToken() throws -> String {
        guard let value = headers[.authorization] else {
            throw APIError(
                .unauthorized, code: "missing_token",
                message: "changing a scene needs its edit token: Authorization: Bearer <editToken>",
                path: "Authorization", headers: [.wwwAuthenticate: "Bearer"])
        }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty, parts[1].utf8.count <= 256 else {
            throw APIError(
                .unauthorized, code: "malformed_token",
                message: "the Authorization header must be 'Bearer <editToken>'",
                path: "Authorization", headers: [.wwwAuthenticate: "Bearer"])
        }
        return String(parts[1])
    }

    /// The revision of `If-Match: 3` (or `"3"`): 428 when absent, 400 when not a revision.
    func expectedRevision() throws -> Int {
        guard let value = headers[.ifMatch] else {
            throw APIError(
                .preconditionRequired, code: "missing_if_match",
                message: "changing a scene needs If-Match: <revision> (the revision you edited; see the ETag of GET)",
                path: "If-Match")
        }
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        if text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") { text = String(text.dropFirst().dropLast()) }
        guard let revision = Int(text), revision >= 1 else {
            throw APIError.badRequest(
                "If-Match must be a revision number such as 3 (got '\(value)')", path: "If-Match",
                code: "bad_if_match")
        }
        return revision
    }
}

/// Runs `body`, or throws 408 when it takes longer than `limit`.
func withDeadline<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw APIError(
                .requestTimeout, code: "request_timeout", message: "the request body did not arrive within \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
