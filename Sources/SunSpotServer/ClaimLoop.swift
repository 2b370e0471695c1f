/// How the report runners take leased work from the database (report chunks, report PDFs):
/// claim when woken or at every poll, run each claim as a child task, and keep it alive with
/// heartbeats. Shared so that chunks and PDFs follow exactly the same rules.
enum ClaimLoop {
    /// Claims and runs work until `stopping()` (or cancellation). Looks when `woken()` says
    /// something changed and at least every `pollSeconds` (the fallback for a lost wake-up),
    /// when `poll` also runs (re-queueing expired leases); claims at most `free()` at a time.
    static func run<Claim: Sendable>(
        in group: inout TaskGroup<Void>, pollSeconds: Double, stopping: () -> Bool, woken: () -> Bool,
        free: () -> Int, poll: () async -> Void, claim: (Int) async -> [Claim],
        work: @escaping @Sendable (Claim) async -> Void
    ) async {
        var lastPoll = ContinuousClock.now - .seconds(pollSeconds)
        while !stopping() && !Task.isCancelled {
            let due = ContinuousClock.now - lastPoll >= .milliseconds(Int(pollSeconds * 1000))
            if woken() || due {
                lastPoll = ContinuousClock.now
                if due { await poll() }
                let room = free()
                if room > 0 {
                    for c in await claim(room) { group.addTask { await work(c) } }
                }
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
    }

    /// Renews a claim's lease every `seconds` until cancelled. A failed renewal (database
    /// away) is retried at the next beat; only a refusal (`renew` returns false: the claim
    /// was lost) stops the work, as a cancel — it stops computing and writes nothing.
    static func heartbeat(
        every seconds: Double, flag: CancelFlag, renew: @escaping @Sendable () async throws -> Bool
    ) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                if Task.isCancelled { return }
                if let renewed = try? await renew(), !renewed {
                    flag.request()
                    return
                }
            }
        }
    }
}
