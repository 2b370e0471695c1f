import NIOConcurrencyHelpers
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// A task executor with threads of its own: the jobs of one compute lane, and the engine
/// parallelism inside them, run here and nowhere else.
///
/// Why not a dispatch queue: on Linux, Swift's global executor and every dispatch queue
/// that is not serial share libdispatch's one pool of about one thread per core, which
/// grows only when a thread blocks. Two CPU-bound heat maps on a concurrent queue held
/// that pool's two threads on a 2-core machine, and a cheap table waited for a thread
/// as well as for a slot. Here each lane owns its threads (NIO's ``NIOThreadPool``), so
/// the kernel time-slices a cheap job against a heavy one instead of queueing it.
///
/// A lane may also run at a lower CPU priority (`niceness`, Linux's per-thread nice): the
/// heavy lane's threads at nice 10 weigh a tenth of a light thread's with the kernel's fair
/// scheduler, so a table that arrives while every core draws heat maps still gets most of a
/// core (measured through the cluster's front: the victim's p99 87 ms at equal weight).
final class LaneExecutor: TaskExecutor, Sendable {
    let threads: Int
    let niceness: Int32
    private let pool: NIOThreadPool

    /// The lane the current job runs on (set by ``ComputeQueue``), for the engine's own
    /// parallelism; nil outside a compute job (reports bring their own workers).
    @TaskLocal static var current: LaneExecutor?

    init(threads: Int, niceness: Int32 = 0) {
        self.threads = threads
        self.niceness = niceness
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { _ in
            self.lowerPriority()
            job.runSynchronously(on: self.asUnownedTaskExecutor())
        }
    }

    /// Sets the calling pool thread's nice value (a syscall of about a microsecond a job; the
    /// pool has no hook for its threads' start). Raising one's own nice needs no privilege.
    private func lowerPriority() {
        #if os(Linux)
        guard niceness != 0 else { return }
        // Linux keeps nice per thread: PRIO_PROCESS with `who` 0 is the calling thread.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
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
                    self.lowerPriority()
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
