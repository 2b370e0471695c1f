import Foundation
import Hummingbird
import NIOCore

/// A JSON response from a dictionary of plain values (ids, numbers, lists).
func json(
    _ object: [String: any Sendable], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
) throws -> Response {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    var fields = headers
    fields[.contentType] = "application/json; charset=utf-8"
    if fields[.cacheControl] == nil { fields[.cacheControl] = "no-store" }
    return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
