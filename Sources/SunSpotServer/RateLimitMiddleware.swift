import Hummingbird
import Synchronization

/// Answers 429 + Retry-After to a client address that spends its token bucket
/// (``TokenBuckets``); other addresses are untouched. `/healthz` and `/metrics` are
/// exempt so monitoring still sees an overloaded client's server.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let limiter: RateLimiter

    init(ratePerSecond: Double, burst: Double) {
        limiter = RateLimiter(TokenBuckets(ratePerSecond: ratePerSecond, burst: burst))
    }

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    )
        async throws -> Response
    {
        let path = request.uri.path
        if path == "/healthz" || path == "/metrics" { return try await next(request, context) }
        let decision = limiter.take(context.clientAddress)
        if case let .limited(wait) = decision {
            ServerMetrics.recordRateLimited()
            let seconds = max(1, Int(wait.rounded(.up)))
            throw APIError(
                .tooManyRequests, code: "rate_limited",
                message: "too many requests from \(context.clientAddress); retry after \(seconds) s",
                headers: [.retryAfter: String(seconds)])
        }
        return try await next(request, context)
    }
}

/// ``TokenBuckets`` shared by all connections, on the monotonic clock.
final class RateLimiter: Sendable {
    private let buckets: Mutex<TokenBuckets>
    private let origin = ContinuousClock.now

    init(_ buckets: TokenBuckets) { self.buckets = Mutex(buckets) }

    func take(_ client: String) -> TokenBuckets.Decision {
        let elapsed = ContinuousClock.now - origin
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return buckets.withLock { $0.take(client, now: now) }
    }
}
