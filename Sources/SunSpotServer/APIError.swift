import Foundation
import Hummingbird
import NIOCore

/// An error the API answers with: its status, a stable machine code, a sentence for
/// people, and where the problem is (a JSON path, a header or a query parameter).
///
/// Rendered as `{"error":{"code","message","path"}}` (DESIGN.md "HTTP API contract").
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var path: String?
    /// Extra headers (Retry-After on 429/503, Allow on 405, WWW-Authenticate on 401).
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status, code: String, message: String, path: String? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.path = path
        self.headers = headers
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var path: String?

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(message, forKey: .message)
                try c.encode(path, forKey: .path)  // always present, null when there is no place to point at
            }
            enum CodingKeys: String, CodingKey { case code, message, path }
        }
        var error: Detail
    }

    /// The JSON bytes of the error body.
    public var bodyData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Body(error: .init(code: code, message: message, path: path)))) ?? Data()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        fields[.cacheControl] = "no-store"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bodyData)))
    }
}

extension APIError {
    static func badRequest(_ message: String, path: String? = nil, code: String = "bad_request") -> APIError {
        APIError(.badRequest, code: code, message: message, path: path)
    }

    static func notFound(_ message: String, path: String? = nil) -> APIError {
        APIError(.notFound, code: "not_found", message: message, path: path)
    }

    static func invalidScene(_ message: String, path: String) -> APIError {
        APIError(.unprocessableContent, code: "invalid_scene", message: message, path: path)
    }

    static func unavailable(_ message: String, code: String, retryAfterSeconds: Int) -> APIError {
        APIError(.serviceUnavailable, code: code, message: message, headers: [.retryAfter: String(retryAfterSeconds)])
    }
}
