/// How the report runners take leased work from the database (report chunks, report PDFs):
/// claim when woken (``Wakeup``) or at every poll, run each claim as a child task, and keep it alive with
/// heartbeats. Shared so that chunks and PDFs follow exactly the same rules.
enum ClaimLoop {
    /// Claims and runs work until `stopping()` (or cancellation). Looks the moment `wakeup`
    /// is signalled (work admitted, a claim finished, a notification, a shutdown) and at least
    /// every `pollSeconds` (the fallback for a lost notification), when `poll` also runs
    /// (re-queueing expired leases); claims at most `free()` at a time.
    static func run<Claim: Sendable>(
        in group: inout TaskGroup<Void>, pollSeconds: Double, stopping: () -> Bool, wakeup: Wakeup,
        free: () -> Int, poll: () async -> Void, claim: (Int) async -> [Claim],
        work: @escaping @Sendable (Claim) async -> Void
    ) async {
        let period = Duration.milliseconds(Int(pollSeconds * 1000))
        var lastPoll = ContinuousClock.now - period
        while !stopping() && !Task.isCancelled {
            let due = ContinuousClock.now - lastPoll >= period
            if wakeup.take() || due {
                if due {
                    lastPoll = ContinuousClock.now
                    await poll()
                }
                let room = free()
                if room > 0 {
                    for c in await claim(room) { group.addTask { await work(c) } }
                }
            }
            await wakeup.wait(timeout: max(.milliseconds(1), lastPoll + period - ContinuousClock.now))
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
