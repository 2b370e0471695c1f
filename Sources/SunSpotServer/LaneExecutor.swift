import NIOConcurrencyHelpers
import NIOPosix

/// A task executor with threads of its own: the jobs of one compute lane, and the engine
/// parallelism inside them, run here and nowhere else.
///
/// Why not a dispatch queue: on Linux, Swift's global executor and every dispatch queue
/// that is not serial share libdispatch's one pool of about one thread per core, which
/// grows only when a thread blocks. Two CPU-bound heat maps on a concurrent queue held
/// that pool's two threads on a 2-core machine, and a cheap table waited for a thread
/// as well as for a slot. Here each lane owns its threads (NIO's ``NIOThreadPool``), so
/// the kernel time-slices a cheap job against a heavy one instead of queueing it.
final class LaneExecutor: TaskExecutor, Sendable {
    let threads: Int
    private let pool: NIOThreadPool

    /// The lane the current job runs on (set by ``ComputeQueue``), for the engine's own
    /// parallelism; nil outside a compute job (reports bring their own workers).
    @TaskLocal static var current: LaneExecutor?

    init(threads: Int) {
        self.threads = threads
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body(0..<count)` on the calling thread and on whichever of this lane's threads
    /// are free, and returns when every index has run.
    ///
    /// The caller takes indices itself, so the loop finishes even when every other thread
    /// is busy; a helper that starts after the last index was taken leaves at once, and the
    /// caller waits only for helpers still running an index (never for queued ones). `body`
    /// does not escape: helpers reach it through a slot that is emptied before returning.
    func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1, threads > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // The condition lock's value mirrors the number of helpers running an index; the
            // counts and the slot change only under it, so a helper's first claim and its
            // registration are one step (ConditionLock's `value` getter takes the lock: it is
            // never read here).
            let helping = ConditionLock(value: 0)
            let shared = SharedLoop(body)
            let claim: @Sendable (_ delta: Int) -> Int? = { delta in
                helping.lock()
                let claimed = shared.claim(count: count, delta: delta)
                helping.unlock(withValue: shared.helping)
                return claimed
            }
            for _ in 0..<min(count - 1, threads - 1) {
                pool.submit { _ in
                    // No copy of `body` outlives an index: a helper that unregisters holds none.
                    var next = claim(+1)
                    while let i = next {
                        shared.run(i)
                        next = claim(-1)
                    }
                }
            }
            while let i = claim(0) { shared.run(i) }
            // Every index is taken; wait for the helpers still running one, then let go of `body`.
            helping.lock(whenValue: 0)
            shared.body = nil
            helping.unlock()
        }
    }

    /// The state of one ``forEach(_:_:)``, touched only under its condition lock.
    private final class SharedLoop: @unchecked Sendable {
        var body: ((Int) -> Void)?
        var next = 0
        var helping = 0

        init(_ body: @escaping (Int) -> Void) { self.body = body }

        /// The next index; `delta` +1 registers a helper with its first index, -1
        /// unregisters one when nothing is left.
        func claim(count: Int, delta: Int) -> Int? {
            guard next < count else {
                helping += min(0, delta)
                return nil
            }
            next += 1
            helping += max(0, delta)
            return next - 1
        }

        /// Runs index `i` (claimed: `body` stays set until every claimed index has run).
        func run(_ i: Int) { body?(i) }
    }

    func shutdown() async {
        try? await pool.shutdownGracefully()
    }
}
