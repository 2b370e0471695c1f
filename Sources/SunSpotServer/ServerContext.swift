import Hummingbird
import NIOCore

/// The request context of `sunspotd`: Hummingbird's core storage plus the client's
/// address, which per-client limits key on.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address (`127.0.0.2`), or `unknown`; behind a trusted proxy, the
    /// client its `X-Forwarded-For` names (``ForwardedClientMiddleware``).
    public internal(set) var clientAddress: String
    /// When the request's head arrived: its compute deadline counts from here, so time
    /// spent waiting for a slot is part of it.
    public let arrival: ContinuousClock.Instant
    /// Completes when the client's connection closes (heavy computations are cancelled then).
    public let connectionClosed: EventLoopFuture<Void>

    public init(source: ApplicationRequestContextSource) {
        arrival = .now
        connectionClosed = source.channel.closeFuture
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
