import Dispatch

/// The daemon's one task executor: async engine work (a task group over rows, a report's
/// chunks, a PDF's pages) runs on dispatch threads, not on Swift's cooperative threads that
/// serve HTTP requests (SE-0417: executor preference is inherited by child tasks).
///
/// Its queue is concurrent; how much runs at once is bounded by whoever submits the work
/// (``ComputeQueue``'s slots, a report job's worker count), not by the executor.
final class DispatchTaskExecutor: TaskExecutor, @unchecked Sendable {  // the queue is thread-safe
    let queue: DispatchQueue

    init(label: String) { queue = DispatchQueue(label: label, attributes: .concurrent) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
