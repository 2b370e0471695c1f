import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request that the HTTP parser itself rejects (a control character in a header
/// value, a broken request line) with the API's JSON error, where Hummingbird would send
/// an empty 400: every 4xx carries a message (issue 6, "bad input").
///
/// It sits after the HTTP decoder, sees the parser's error, and answers only when no
/// request is in progress on the connection (otherwise that request's response is still
/// owed and Hummingbird's own handling applies); then it closes the connection, as the
/// rest of the byte stream cannot be trusted.
final class ParserErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Request heads received whose response has not been completely written.
    private var openRequests = 0
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { openRequests += 1 }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { openRequests -= 1 }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError, openRequests == 0, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let body = APIError.badRequest("the request is not valid HTTP/1.1 (\(error))", code: "malformed_http").bodyData
        let head = HTTPResponse(
            status: .badRequest,
            headerFields: [
                .contentType: "application/json; charset=utf-8", .contentLength: String(body.count),
                .connection: "close",
                .cacheControl: "no-store",
            ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
