import ServiceLifecycle
import Synchronization

/// Whether this replica is on its way out. On SIGTERM ``DrainGate`` sets it first, so
/// `/healthz` answers 503 while the listener still serves, and the load balancer's health
/// check takes the replica out of rotation before any connection is refused.
public final class DrainState: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public var isDraining: Bool { flag.load(ordering: .relaxed) }
    func begin() { flag.store(true, ordering: .relaxed) }
}

/// The first service to hear a graceful shutdown (it runs after the application in the
/// daemon's group, and groups stop in reverse order): it marks the replica draining, waits
/// `delaySeconds`, and only then lets the application close its listener.
struct DrainGate: Service {
    let state: DrainState
    let delaySeconds: Double

    func run() async throws {
        try? await gracefulShutdown()
        state.begin()
        if delaySeconds > 0 { try? await Task.sleep(for: .milliseconds(Int(delaySeconds * 1000))) }
    }
}
