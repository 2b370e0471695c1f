import Crypto
import Foundation
import Hummingbird
import NIOCore

/// Responses for computed things: an ETag naming exactly what was computed (scene id,
/// revision, parameters), Cache-Control, and 304 when the client already has it.
enum ComputedResponse {
    /// - Parameters:
    ///   - key: everything the body depends on; the ETag is its hash.
    ///   - cacheControl: `no-cache` for scene-derived bodies (the URL's revision moves), a
    ///     max-age for pure functions of the query (`/v1/sun`, `/v1/terms`).
    static func make(body: [UInt8], key: String, contentType: String, cacheControl: String, request: Request) -> Response {
        let etag = self.etag(key)
        let headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: cacheControl]
        if clientHas(key: key, request: request) { return Response(status: .notModified, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// Whether the request's If-None-Match names this key's ETag (or `*`): the client's copy
    /// is current, so an expensive body need not even be computed.
    static func clientHas(key: String, request: Request) -> Bool {
        let etag = self.etag(key)
        guard let match = request.headers[.ifNoneMatch] else { return false }
        return match.split(separator: ",").contains {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }
    }

    /// A strong ETag: 128 bits of SHA-256 of the cache key.
    static func etag(_ key: String) -> String {
        let digest = SHA256.hash(data: Data(key.utf8))
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
