import SunSpotServer
import Synchronization
import Testing

// The bounded compute pool on its own: async jobs, at most `workers` at once, the rest
// waiting in order, refusal past the queue, and a shutdown that refuses the waiting jobs
// but lets the running ones finish.
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

    @Test func atMostWorkersJobsRunAtOnceAndEveryAdmittedJobFinishes() async throws {
        let queue = ComputeQueue(workers: 2, queueDepth: 10)
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
        let queue = ComputeQueue(workers: 1, queueDepth: 1)
        let release = AsyncStream<Void>.makeStream()
        let running = Task {
            try await queue.run(deadline: .seconds(30)) {
                for await _ in release.stream { break }
                return 1
            }
        }
        while queue.inFlight < 1 { await Task.yield() }
        let waiting = Task { try await queue.run(deadline: .seconds(30)) { 2 } }
        while queue.inFlight < 2 { await Task.yield() }
        await #expect(throws: APIError.self) { try await queue.run(deadline: .seconds(30)) { 3 } }
        do {
            _ = try await queue.run(deadline: .seconds(30)) { 3 }
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
        release.continuation.yield()
        #expect(try await running.value == 1)  // the running job finished
        await stopped.value
        #expect(queue.inFlight == 0)
    }

    @Test func aJobPastItsDeadlineIsAnswered503WhileItKeepsItsSlot() async throws {
        let queue = ComputeQueue(workers: 1, queueDepth: 0)
        let release = AsyncStream<Void>.makeStream()
        do {
            _ = try await queue.run(deadline: .milliseconds(50)) {
                for await _ in release.stream { break }
                return 1
            }
            Issue.record("answered after the deadline")
        } catch let error as APIError {
            #expect(error.code == "deadline_exceeded")
        }
        #expect(queue.inFlight == 1)  // still running: the bound on admitted work holds
        await #expect(throws: APIError.self) { try await queue.run(deadline: .seconds(1)) { 2 } }
        release.continuation.yield()
        while queue.inFlight > 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(try await queue.run(deadline: .seconds(1)) { 3 } == 3)
        await queue.shutdown()
    }
}
