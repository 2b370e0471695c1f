import NIOCore
import Synchronization

/// Counts open connections per client address and closes a new connection at once when
/// its address already holds `maxPerAddress` (DESIGN.md: limits are per client, never
/// global). Installed in every HTTP/1 channel's pipeline, so it acts before any request
/// is parsed; it also closes a connection whose client closed its side.
public final class ConnectionLimiter: Sendable {
    public let maxPerAddress: Int
    private let counts = Mutex<[String: Int]>([:])
    private let onChange: @Sendable (_ open: Int) -> Void

    /// - Parameter onChange: told the total number of open connections after each change (metrics).
    public init(maxPerAddress: Int, onChange: @escaping @Sendable (Int) -> Void = { _ in }) {
        self.maxPerAddress = maxPerAddress
        self.onChange = onChange
    }

    /// Open connections of one address.
    public func openConnections(of address: String) -> Int { counts.withLock { $0[address] ?? 0 } }

    /// Registers a connection; false when the address is at its cap (the caller closes it).
    func admit(_ address: String) -> Bool {
        let (admitted, total) = counts.withLock { counts -> (Bool, Int) in
            let current = counts[address] ?? 0
            guard current < maxPerAddress else { return (false, counts.values.reduce(0, +)) }
            counts[address] = current + 1
            return (true, counts.values.reduce(0, +))
        }
        onChange(total)
        return admitted
    }

    func release(_ address: String) {
        let total = counts.withLock { counts -> Int in
            let left = (counts[address] ?? 1) - 1
            counts[address] = left > 0 ? left : nil  // forget the address: a reconnecting client starts clean
            return counts.values.reduce(0, +)
        }
        onChange(total)
    }

    /// A handler for one connection's pipeline.
    func makeHandler() -> Handler { Handler(limiter: self) }

    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let limiter: ConnectionLimiter
        private var address: String?

        init(limiter: ConnectionLimiter) { self.limiter = limiter }

        func handlerAdded(context: ChannelHandlerContext) {
            let key = context.channel.remoteAddress?.ipAddress ?? "unknown"
            if limiter.admit(key) {
                address = key
            } else {
                ServerMetrics.recordRefusedConnection()
                context.close(promise: nil)
            }
        }

        func handlerRemoved(context: ChannelHandlerContext) { releaseOnce() }

        func channelInactive(context: ChannelHandlerContext) {
            releaseOnce()
            context.fireChannelInactive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.fireChannelRead(data)
        }

        /// A client that closes its side has gone: the connection is closed, so a heavy
        /// computation still running for it is cancelled (``ComputedResponse`` watches the
        /// close). Hummingbird allows remote half-closure, which left such a connection open
        /// and its heat map running to the deadline; HTTP clients (browsers, curl, HAProxy
        /// forwarding a client's close) do not half-close and then wait for an answer.
        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent {
                context.close(promise: nil)
                return
            }
            context.fireUserInboundEventTriggered(event)
        }

        private func releaseOnce() {
            if let address {
                limiter.release(address)
                self.address = nil
            }
        }
    }
}
