import Dispatch
import Synchronization

/// Runs async work (the cores' concurrent evaluations) to completion from a synchronous
/// command; the work runs on the cooperative pool while this thread waits.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
    let result = Mutex<T?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let value = await body()
        result.withLock { $0 = value }
        done.signal()
    }
    done.wait()
    return result.withLock { $0 }!
}

/// ``runBlocking(_:)`` for throwing work: the error comes back as the result.
func waitFor<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
    runBlocking {
        do {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }
}
