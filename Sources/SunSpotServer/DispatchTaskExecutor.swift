import Dispatch
import Synchronization

/// A task executor on a serial dispatch queue, so async engine code (the ground sun-hours
/// grid uses a task group) runs on compute threads, not on Swift's cooperative threads
/// that serve HTTP requests (SE-0417 executor preference is inherited by child tasks).
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs async `work` to its end on a fresh serial executor and waits for it: called
    /// from a ``ComputeQueue`` thread, which it blocks (and so counts against the pool).
    static func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let executor = DispatchTaskExecutor(label: "sunspotd.compute")
        let result = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: executor) {
            let r: Result<T, any Error>
            do { r = .success(try await work()) } catch { r = .failure(error) }
            result.withLock { $0 = r }
            done.signal()
        }
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
