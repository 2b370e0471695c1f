import Logging
import ServiceLifecycle

/// Finished report jobs expire (`--report-retention`, default 7 days): every minute, and
/// once at start, jobs that finished longer ago are deleted with their rows. Runs on every
/// replica; the delete is idempotent, so several replicas doing it is harmless.
struct ReportRetention: Service {
    let store: any ReportStore
    let retentionSeconds: Double
    let logger: Logger
    var intervalSeconds = 60.0

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let removed = try await store.expireFinished(olderThanSeconds: retentionSeconds)
                if removed > 0 { logger.info("expired finished reports", metadata: ["count": "\(removed)"]) }
            } catch {
                logger.warning("report retention failed; retrying", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(intervalSeconds)) }
        }
    }
}
