import HTTPTypes
import Hummingbird
import NIOCore

/// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`). Behind HAProxy
/// every connection comes from the proxy's address, so without this one abusive visitor
/// would spend everybody's rate limit; believing the header from anyone else would let
/// any client pick the address it is counted under.
struct TrustedProxies: Sendable {
    /// One exact address (IPv4 or IPv6, compared as text) or an IPv4 range `a.b.c.d/n`.
    struct Range: Sendable {
        let exact: String?
        let network: UInt32, mask: UInt32

        init?(_ text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 1 {
                guard (try? SocketAddress(ipAddress: text, port: 0)) != nil else { return nil }
                exact = text
                network = 0
                mask = 0
                return
            }
            guard parts.count == 2, let bits = Int(parts[1]), (0...32).contains(bits),
                let base = Self.ipv4(String(parts[0]))
            else { return nil }
            exact = nil
            mask = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
            network = base & mask
        }

        func contains(_ address: String) -> Bool {
            if let exact { return exact == address }
            guard let value = Self.ipv4(address) else { return false }
            return value & mask == network
        }

        static func ipv4(_ text: String) -> UInt32? {
            let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
            guard octets.count == 4, text.split(separator: ".").count == 4 else { return nil }
            return octets.reduce(0) { $0 << 8 | UInt32($1) }
        }
    }

    let ranges: [Range]

    init(_ list: [String]) { ranges = list.compactMap(Range.init) }

    func isTrusted(_ address: String) -> Bool { ranges.contains { $0.contains(address) } }

    /// The client a request comes from: the peer, unless the peer is a trusted proxy; then
    /// the right-most `X-Forwarded-For` entry that is not itself a trusted proxy (entries
    /// further left were written by the client and prove nothing).
    func client(peer: String, forwardedFor: [String]) -> String {
        guard isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() where !hop.isEmpty {
            if !isTrusted(hop) { return hop }
        }
        return hops.first(where: { !$0.isEmpty }) ?? peer
    }
}

/// Replaces the request context's client address with the one ``TrustedProxies`` finds,
/// before any per-address limit reads it.
struct ForwardedClientMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let proxies: TrustedProxies

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    )
        async throws -> Response
    {
        guard !proxies.ranges.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = proxies.client(
            peer: context.clientAddress,
            forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
