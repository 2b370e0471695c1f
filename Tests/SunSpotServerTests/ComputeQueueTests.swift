import SunSpotServer
import Synchronization
import Testing

// The bounded compute pool on its own: two lanes with threads of their own, at most
// `workers` jobs at once in each, heavy jobs served client by client, refusal past the
// queue, deadlines that cancel the job, and a shutdown that refuses the waiting jobs but
// lets the running ones finish.
@Suite struct ComputeQueueSlots {
    /// Counts jobs running at once and remembers the most seen.
    final class Gauge: Sendable {
        let state = Mutex((now: 0, most: 0))
        func enter() {
            state.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
        }
        func leave() { state.withLock { $0.now -= 1 } }
        var most: Int { state.withLock { $0.most } }
    }

    /// Things that happened, in order.
    final class Log: Sendable {
        let state = Mutex<[String]>([])
        func add(_ s: String) { state.withLock { $0.append(s) } }
        var entries: [String] { state.withLock { $0 } }
    }

    /// Waits (polling) until `condition` holds, for at most 10 s.
    func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<1000 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func atMostWorkersJobsRunAtOnceAndEveryAdmittedJobFinishes() async throws {
        let queue = ComputeQueue(lightWorkers: 2, heavyWorkers: 1, queueDepth: 10)
        let gauge = Gauge()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<8 {
                group.addTask {
                    try await queue.run(deadline: .seconds(30)) {
                        gauge.enter()
                        defer { gauge.leave() }
                        try await Task.sleep(for: .milliseconds(40))  // async work holds its slot
                        return k
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<8))
        #expect(gauge.most == 2)
        #expect(queue.inFlight == 0)
        await queue.shutdown()
    }

    @Test func pastTheQueueAJobIsRefusedAtOnceAndShutdownRefusesTheWaitingOnes() async throws {
        let queue = ComputeQueue(lightWorkers: 1, heavyWorkers: 1, queueDepth: 1)
        let release = AsyncStream<Void>.makeStream()
        let running = Task {
            try await queue.run(deadline: .seconds(30)) {
                for await _ in release.stream { break }
                return 1
            }
        }
        let heavy = Task {
            try await queue.run(lane: .heavy, client: "a", deadline: .now + .seconds(30)) {
                for await _ in release.stream { break }
                return 4
            }
        }
        try await eventually { queue.inFlight == 2 }
        let waiting = Task { try await queue.run(deadline: .seconds(30)) { 2 } }
        try await eventually { queue.inFlight == 3 }
        do {
            _ = try await queue.run(deadline: .seconds(30)) { 3 }
            Issue.record("a job past the queue's bound was admitted")
        } catch let error as APIError {
            #expect(error.code == "queue_full" && error.status == .serviceUnavailable)
        }

        let stopped = Task { await queue.shutdown() }
        do {
            _ = try await waiting.value
            Issue.record("a job still waiting at shutdown ran")
        } catch let error as APIError {
            #expect(error.code == "shutting_down")
        }
        release.continuation.finish()
        #expect(try await running.value == 1)  // the running jobs finished
        #expect(try await heavy.value == 4)
        await stopped.value
        #expect(queue.inFlight == 0)
    }

    @Test func aRunningJobPastItsDeadlineIsAnswered503AndCancelledAndItsSlotIsFreed() async throws {
        let queue = ComputeQueue(lightWorkers: 1, heavyWorkers: 1, queueDepth: 0)
        let sawCancellation = Mutex(false)
        do {
            _ = try await queue.run(deadline: .milliseconds(50)) {
                // Pure CPU work that checks for cancellation, as the engine's loops do.
                var spins = 0
                while !Task.isCancelled { spins &+= 1 }
                sawCancellation.withLock { $0 = true }
                return spins
            }
            Issue.record("answered after the deadline")
        } catch let error as APIError {
            #expect(error.code == "deadline_exceeded" && error.status == .serviceUnavailable)
            #expect(error.headers[.retryAfter] != nil)
        }
        try await eventually { queue.inFlight == 0 }
        #expect(queue.inFlight == 0)
        #expect(sawCancellation.withLock { $0 })
        #expect(try await queue.run(deadline: .seconds(5)) { 3 } == 3)
        await queue.shutdown()
    }

    @Test func aWaitingJobPastItsDeadlineLeavesItsLineWithoutRunning() async throws {
        let queue = ComputeQueue(lightWorkers: 1, heavyWorkers: 1, queueDepth: 1)
        let release = AsyncStream<Void>.makeStream()
        let ran = Mutex(false)
        let holder = Task {
            try await queue.run(deadline: .seconds(30)) {
                for await _ in release.stream { break }
                return 0
            }
        }
        try await eventually { queue.inFlight == 1 }
        // The deadline counts from the arrival: waiting for the slot uses it up.
        await #expect(throws: APIError.self) {
            try await queue.run(lane: .light, client: "b", deadline: .now + .milliseconds(100)) {
                ran.withLock { $0 = true }
                return 1
            }
        }
        try await eventually { queue.inFlight == 1 }
        #expect(queue.inFlight == 1)  // it left the line without waiting for the slot
        release.continuation.finish()
        _ = try await holder.value
        #expect(!ran.withLock { $0 })
        await queue.shutdown()
    }

    @Test func aClientRunsOneHeavyJobAtATimeAndOthersGoFirst() async throws {
        let queue = ComputeQueue(lightWorkers: 1, heavyWorkers: 2, heavyPerClient: 1, queueDepth: 10)
        let log = Log()
        let gates = (0..<4).map { _ in AsyncStream<Void>.makeStream() }
        func heavy(_ client: String, _ k: Int) -> Task<Int, any Error> {
            Task {
                try await queue.run(lane: .heavy, client: client, deadline: .now + .seconds(30)) {
                    log.add("start \(client)\(k)")
                    for await _ in gates[k].stream { break }
                    return k
                }
            }
        }
        let a0 = heavy("a", 0)
        try await eventually { log.entries == ["start a0"] }
        let a1 = heavy("a", 1)  // a's second: waits in a's own line though a slot is free
        try await eventually { queue.inFlight == 2 }
        let b2 = heavy("b", 2)  // b takes the free slot at once
        try await eventually { log.entries.count == 2 }
        #expect(log.entries == ["start a0", "start b2"])
        // Cheap work is not behind any of it.
        #expect(try await queue.run(deadline: .seconds(5)) { 7 } == 7)
        gates[0].continuation.finish()
        try await eventually { log.entries.count == 3 }
        #expect(log.entries.last == "start a1")
        gates[1].continuation.finish()
        gates[2].continuation.finish()
        #expect(try await [a0.value, a1.value, b2.value] == [0, 1, 2])
        await queue.shutdown()
    }

    @Test func aJobNobodyWaitsForIsCancelled() async throws {
        let queue = ComputeQueue(lightWorkers: 1, heavyWorkers: 1, queueDepth: 0)
        let started = Mutex(false)
        let stopped = Mutex(false)
        let caller = Task {
            try await queue.run(lane: .heavy, client: "c", deadline: .now + .seconds(30)) {
                started.withLock { $0 = true }
                while !Task.isCancelled { await Task.yield() }
                stopped.withLock { $0 = true }
                return 0
            }
        }
        try await eventually { started.withLock { $0 } }
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        try await eventually { queue.inFlight == 0 }
        #expect(stopped.withLock { $0 })
        #expect(queue.inFlight == 0)
        await queue.shutdown()
    }
}
