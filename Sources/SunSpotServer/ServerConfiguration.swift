import Foundation

/// Everything `sunspotd` can be told: where it listens, where scenes live, and the
/// limits that keep one slow or abusive client from hurting the others
/// (DESIGN.md "Reliability rules"). Built from options and environment variables by
/// ``ServerOptions``; tests build it directly.
public struct ServerConfiguration: Sendable, Equatable {
    /// Address to bind; loopback by default so a fresh install is not exposed.
    public var host = "127.0.0.1"
    /// TCP port; 0 picks a free one (tests).
    public var port = 8080
    /// SQLite file holding the scenes (created with its WAL files when missing), or the
    /// `postgres://` URL of the database several replicas share (``StoreBackend``).
    public var databasePath = "sunspot.sqlite"
    /// Folder of the web page served at `/`; missing is fine (the API still runs).
    public var webRoot = "web"
    /// Debian's libjs-three folder, served under `/vendor/three/`.
    public var threeRoot = "/usr/share/javascript/three"

    /// A connection that completes no request head (or stays idle between requests) for
    /// this long is closed, at the layer that parses HTTP (slowloris).
    public var idleTimeoutSeconds = 10.0
    /// A request body must arrive completely within this time (slow uploads).
    public var bodyTimeoutSeconds = 10.0
    /// Request bodies larger than this get 413.
    public var maxBodyBytes = 1 << 20
    /// Simultaneous connections one client address may hold; more are closed at once.
    public var maxConnectionsPerAddress = 64
    /// Simultaneous connections in all; past it, new ones wait in the listen backlog.
    public var maxConnections = 1024
    /// Sustained requests per second one address may make (token bucket refill rate).
    public var rateLimitPerSecond = 50.0
    /// Requests one address may make in a burst above the sustained rate.
    public var rateLimitBurst = 100.0

    /// Threads of the light compute lane: flat tables and pictures estimated cheap
    /// (CPU-bound work runs off the event loops and off the threads serving requests).
    public var computeWorkers = 2
    /// Threads of the heavy compute lane (heat maps, big scenes): a separate pool, so a
    /// cheap answer never waits behind a heavy one.
    public var heavyWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Heavy computations one client (address) runs at once; its others wait in its own line.
    public var heavyPerClient = 1
    /// Compute requests allowed to wait for a worker; one more gets 503 + Retry-After.
    public var computeQueueDepth = 16
    /// A compute request not answered within this time of its arrival (waiting included)
    /// gets 503 + Retry-After, and its computation is cancelled.
    public var computeDeadlineSeconds = 30.0
    /// Seconds of one core a request may be estimated to need; past it, 422 at once, naming
    /// the parameter to change (``ComputeBudget``).
    public var computeBudgetSeconds = 10.0
    /// Computed responses kept in memory (least recently used are dropped).
    public var cacheEntries = 256
    /// Bytes of scene analyses (sun days, obstacles: a ``SceneAnalysisCache``) kept per
    /// replica so another flat of an analysed scene revision skips rebuilding them.
    public var analysisCacheBytes = 256 << 20

    /// Threads a running report job spreads its flats over (one job runs at a time); on
    /// PostgreSQL, the report chunks this replica computes at once (one thread each).
    public var reportWorkers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Report jobs queued or running in all; one more gets 503 + Retry-After.
    public var reportQueueDepth = 32
    /// Report jobs one client address may have queued or running; one more gets 429.
    public var reportJobsPerClient = 4
    /// Largest `POST /v1/reports` body (a listings upload is larger than a scene).
    public var maxReportBodyBytes = 16 << 20
    /// Test hook: a pause after each report row, so a job runs long enough to be
    /// cancelled or interrupted. Always 0 in production: no option sets it, only the
    /// test-only environment variable `SUNSPOTD_REPORT_ROW_DELAY_SECONDS` (crash tests of the binary).
    public var reportRowDelaySeconds = 0.0

    /// Finished report jobs (done, failed, cancelled) are deleted this long after they finished.
    public var reportRetentionSeconds = 7 * 86400.0
    /// PostgreSQL only: a claimed report chunk's lease; a replica that stops renewing it
    /// (dead, hung, cut off) loses the chunk to another replica when it runs out.
    public var reportLeaseSeconds = 60.0
    /// PostgreSQL only: how often a running chunk renews its lease.
    public var reportHeartbeatSeconds = 15.0
    /// PostgreSQL only: failed or expired runs of one chunk before it fails its report.
    public var reportMaxAttempts = 5

    /// Proxies (exact addresses, or IPv4 `a.b.c.d/n` ranges) whose `X-Forwarded-For` names
    /// the client that per-address limits count; from anyone else the header is ignored.
    public var trustedProxies: [String] = []
    /// `trustedProxies` as `--trusted-proxy` and `SUNSPOTD_TRUSTED_PROXY` write it: comma-separated.
    var trustedProxiesText: String {
        get { trustedProxies.joined(separator: ",") }
        set { trustedProxies = newValue.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }
    /// On SIGTERM, `/healthz` answers 503 for this long before the listener closes, so a
    /// load balancer takes the replica out of rotation first (0: close at once).
    public var drainDelaySeconds = 0.0
    /// On SIGTERM, in-flight requests get this long to finish before they are cancelled.
    public var shutdownGraceSeconds = 10.0

    public init() {}
}
