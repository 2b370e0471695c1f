import SunSpotServer
import Testing

// The per-client budget as a pure state machine, driven by a made-up clock; expected
// values are worked out by hand from the token-bucket rule (refill rate × elapsed, capped).

@Suite struct TokenBucketsBehaviour {
    @Test func aBurstIsAllowedThenRefusedWithTheWaitForTheNextToken() {
        var buckets = TokenBuckets(ratePerSecond: 2, burst: 3)
        #expect(buckets.take("a", now: 0) == .allowed)
        #expect(buckets.take("a", now: 0) == .allowed)
        #expect(buckets.take("a", now: 0) == .allowed)
        // Empty: one token takes 1/2 s at 2 per second.
        #expect(buckets.take("a", now: 0) == .limited(retryAfterSeconds: 0.5))
        // 0.25 s later half a token has come back: 0.25 s still to wait.
        #expect(buckets.take("a", now: 0.25) == .limited(retryAfterSeconds: 0.25))
        #expect(buckets.take("a", now: 0.5) == .allowed)
    }

    @Test func clientsDoNotShareABudget() {
        var buckets = TokenBuckets(ratePerSecond: 1, burst: 1)
        #expect(buckets.take("127.0.0.1", now: 10) == .allowed)
        #expect(buckets.take("127.0.0.1", now: 10) != .allowed)
        #expect(buckets.take("127.0.0.2", now: 10) == .allowed)
    }

    @Test func refillStopsAtTheBurst() {
        var buckets = TokenBuckets(ratePerSecond: 10, burst: 2)
        _ = buckets.take("a", now: 0)
        // An hour idle refills to 2, not 36,000.
        #expect(buckets.take("a", now: 3600) == .allowed)
        #expect(buckets.take("a", now: 3600) == .allowed)
        #expect(buckets.take("a", now: 3600) == .limited(retryAfterSeconds: 0.1))
    }

    @Test func idleClientsAreForgottenSoMemoryStaysBounded() {
        var buckets = TokenBuckets(ratePerSecond: 1, burst: 5, pruneThreshold: 100)
        for i in 0..<100 { _ = buckets.take("10.0.0.\(i)", now: 0) }
        #expect(buckets.trackedClients == 100)
        // 10 s later every bucket has refilled; the 101st client triggers pruning.
        _ = buckets.take("busy", now: 10)
        #expect(buckets.trackedClients == 1)
    }
}
