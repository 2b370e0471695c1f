/// Per-client request budgets: one token bucket per key (the client address).
///
/// A pure value: the caller passes the time, so tests drive it with made-up clocks.
/// Each bucket holds up to `burst` tokens and refills at `ratePerSecond`; a request
/// takes one token or is refused with the wait until the next one. Buckets of
/// addresses that went quiet are dropped once full again, so memory stays bounded by
/// the number of recently active clients (a reconnecting client starts fresh then too).
public struct TokenBuckets: Sendable {
    public enum Decision: Equatable, Sendable {
        case allowed
        /// Refused; a token will be available after this many seconds.
        case limited(retryAfterSeconds: Double)
    }

    struct Bucket: Sendable {
        var tokens: Double
        var updatedAt: Double
    }

    public let ratePerSecond: Double
    public let burst: Double
    /// Above this many tracked clients, full buckets are pruned.
    public let pruneThreshold: Int
    private(set) var buckets: [String: Bucket] = [:]

    public init(ratePerSecond: Double, burst: Double, pruneThreshold: Int = 10_000) {
        precondition(ratePerSecond > 0 && burst >= 1, "a bucket needs a positive rate and room for one request")
        self.ratePerSecond = ratePerSecond
        self.burst = burst
        self.pruneThreshold = pruneThreshold
    }

    /// Number of clients currently tracked.
    public var trackedClients: Int { buckets.count }

    /// Takes one token from `key`'s bucket at time `now` (seconds, any monotonic origin).
    public mutating func take(_ key: String, now: Double) -> Decision {
        var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: now)
        bucket.tokens = min(burst, bucket.tokens + max(0, now - bucket.updatedAt) * ratePerSecond)
        bucket.updatedAt = now
        let decision: Decision
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            decision = .allowed
        } else {
            decision = .limited(retryAfterSeconds: (1 - bucket.tokens) / ratePerSecond)
        }
        buckets[key] = bucket
        if buckets.count > pruneThreshold { prune(now: now) }
        return decision
    }

    /// Drops buckets that have refilled completely (their clients are idle).
    public mutating func prune(now: Double) {
        buckets = buckets.filter { _, b in b.tokens + (now - b.updatedAt) * ratePerSecond < burst }
    }
}
