import ArgumentParser
import Foundation

/// `sunspotd`'s command line. Every option can also come from an environment variable
/// (`SUNSPOTD_` + the option's name in capitals: `--max-body-bytes` ↔ `SUNSPOTD_MAX_BODY_BYTES`);
/// an option on the command line wins over the environment, which wins over the default.
public struct ServerOptions: ParsableArguments {
    @Option(help: Self.host.help) var host: String?
    @Option(help: Self.port.help) var port: Int?
    @Option(help: Self.db.help) var db: String?
    @Option(help: Self.webRoot.help) var webRoot: String?
    @Option(help: Self.threeRoot.help) var threeRoot: String?
    @Option(help: Self.idleTimeout.help) var idleTimeout: Double?
    @Option(help: Self.bodyTimeout.help) var bodyTimeout: Double?
    @Option(help: Self.maxBodyBytes.help) var maxBodyBytes: Int?
    @Option(help: Self.maxConnectionsPerAddress.help) var maxConnectionsPerAddress: Int?
    @Option(help: Self.maxConnections.help) var maxConnections: Int?
    @Option(help: Self.rateLimit.help) var rateLimit: Double?
    @Option(help: Self.rateBurst.help) var rateBurst: Double?
    @Option(help: Self.computeWorkers.help) var computeWorkers: Int?
    @Option(help: Self.computeQueue.help) var computeQueue: Int?
    @Option(help: Self.computeDeadline.help) var computeDeadline: Double?
    @Option(help: Self.computeBudget.help) var computeBudget: Double?
    @Option(help: Self.heavyWorkers.help) var heavyWorkers: Int?
    @Option(help: Self.heavyPerClient.help) var heavyPerClient: Int?
    @Option(help: Self.cacheEntries.help) var cacheEntries: Int?
    @Option(help: Self.analysisCacheBytes.help) var analysisCacheBytes: Int?
    @Option(help: Self.reportWorkers.help) var reportWorkers: Int?
    @Option(help: Self.reportQueue.help) var reportQueue: Int?
    @Option(help: Self.reportJobsPerClient.help) var reportJobsPerClient: Int?
    @Option(help: Self.reportRetention.help) var reportRetention: Double?
    @Option(help: Self.reportLease.help) var reportLease: Double?
    @Option(help: Self.reportHeartbeat.help) var reportHeartbeat: Double?
    @Option(help: Self.reportMaxAttempts.help) var reportMaxAttempts: Int?
    @Option(help: Self.trustedProxy.help) var trustedProxy: [String] = []
    @Option(help: Self.drainDelay.help) var drainDelay: Double?
    @Option(help: Self.shutdownGrace.help) var shutdownGrace: Double?
    @Option(help: Self.logLevelHelp) public var logLevel: String?

    public init() {}

    /// Whether the web page's folder was given (`--web-root` or `SUNSPOTD_WEB_ROOT`); when
    /// not, the daemon finds it with ``WebRootLocator``.
    public func namesWebRoot(environment: [String: String]) -> Bool {
        webRoot != nil || environment["SUNSPOTD_WEB_ROOT"] != nil
    }

    /// The configuration these options describe, read together with `environment`.
    /// - Throws: `ValidationError` naming the option (or variable) whose value is unusable.
    public func configuration(environment: [String: String]) throws -> ServerConfiguration {
        var c = ServerConfiguration()
        try Self.host.apply(host, environment, to: &c)
        try Self.port.apply(port, environment, to: &c)
        try Self.db.apply(db, environment, to: &c)
        try Self.webRoot.apply(webRoot, environment, to: &c)
        try Self.threeRoot.apply(threeRoot, environment, to: &c)
        try Self.idleTimeout.apply(idleTimeout, environment, to: &c)
        try Self.bodyTimeout.apply(bodyTimeout, environment, to: &c)
        try Self.maxBodyBytes.apply(maxBodyBytes, environment, to: &c)
        try Self.maxConnectionsPerAddress.apply(maxConnectionsPerAddress, environment, to: &c)
        try Self.maxConnections.apply(maxConnections, environment, to: &c)
        try Self.rateLimit.apply(rateLimit, environment, to: &c)
        try Self.rateBurst.apply(rateBurst, environment, to: &c)
        try Self.computeWorkers.apply(computeWorkers, environment, to: &c)
        try Self.computeQueue.apply(computeQueue, environment, to: &c)
        try Self.computeDeadline.apply(computeDeadline, environment, to: &c)
        try Self.computeBudget.apply(computeBudget, environment, to: &c)
        try Self.heavyWorkers.apply(heavyWorkers, environment, to: &c)
        try Self.heavyPerClient.apply(heavyPerClient, environment, to: &c)
        try Self.cacheEntries.apply(cacheEntries, environment, to: &c)
        try Self.analysisCacheBytes.apply(analysisCacheBytes, environment, to: &c)
        try Self.reportWorkers.apply(reportWorkers, environment, to: &c)
        try Self.reportQueue.apply(reportQueue, environment, to: &c)
        try Self.reportJobsPerClient.apply(reportJobsPerClient, environment, to: &c)
        try Self.reportRetention.apply(reportRetention, environment, to: &c)
        try Self.reportLease.apply(reportLease, environment, to: &c)
        try Self.reportHeartbeat.apply(reportHeartbeat, environment, to: &c)
        try Self.reportMaxAttempts.apply(reportMaxAttempts, environment, to: &c)
        try Self.trustedProxy.apply(
            trustedProxy.isEmpty ? nil : trustedProxy.joined(separator: ","), environment, to: &c)
        try Self.drainDelay.apply(drainDelay, environment, to: &c)
        try Self.shutdownGrace.apply(shutdownGrace, environment, to: &c)
        // Test only, environment only (no option, not in --help): the crash tests slow a job
        // down in the real binary so it can be killed with some rows stored.
        try Self.reportRowDelay.apply(nil, environment, to: &c)
        try c.check()
        return c
    }

    /// The log level from the option or SUNSPOTD_LOG_LEVEL.
    public func resolvedLogLevel(environment: [String: String]) throws -> String {
        let level = logLevel ?? environment[ServerSetting<String>.prefix + "LOG_LEVEL"] ?? Self.defaultLogLevel
        guard Self.logLevels.contains(level) else {
            throw ValidationError(
                "--log-level must be one of \(Self.logLevels.joined(separator: ", ")) (got '\(level)')")
        }
        return level
    }

    static let defaultLogLevel = "info"
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    static var logLevelHelp: ArgumentHelp {
        "Log level: \(logLevels.joined(separator: ", ")) (env SUNSPOTD_LOG_LEVEL; default \(defaultLogLevel))."
    }
}

// Each setting declared once: its variable, the configuration field it sets (whose initial
// value is the default) and its help summary. `--help`, the environment and the README
// table all follow from these (ServerOptionsTests checks the README against `--help`).
extension ServerOptions {
    static var host: ServerSetting<String> { .init("HOST", \.host, "Address to listen on") }
    static var port: ServerSetting<Int> { .init("PORT", \.port, "TCP port; 0 picks a free one") }
    static var db: ServerSetting<String> {
        .init(
            "DB", \.databasePath,
            "SQLite file for scenes and reports, created when missing, or a postgres://user@host:port/db URL shared by several replicas"
        )
    }
    static var webRoot: ServerSetting<String> {
        .init(
            "WEB_ROOT", \.webRoot, "Folder of the web page served at /",
            defaultText:
                "PREFIX/share/sunspot/web for PREFIX/bin/sunspotd, else web next to or above the executable, else ./web"
        )
    }
    static var threeRoot: ServerSetting<String> {
        .init("THREE_ROOT", \.threeRoot, "three.js folder served at /vendor/three/")
    }
    static var idleTimeout: ServerSetting<Double> {
        .init(
            "IDLE_TIMEOUT", \.idleTimeoutSeconds,
            "Seconds a connection may take to send a request head, or stay idle, before it is closed")
    }
    static var bodyTimeout: ServerSetting<Double> {
        .init("BODY_TIMEOUT", \.bodyTimeoutSeconds, "Seconds a request body may take to arrive; later gets 408")
    }
    static var maxBodyBytes: ServerSetting<Int> {
        .init("MAX_BODY_BYTES", \.maxBodyBytes, "Largest request body in bytes; larger gets 413")
    }
    static var maxConnectionsPerAddress: ServerSetting<Int> {
        .init(
            "MAX_CONNECTIONS_PER_ADDRESS", \.maxConnectionsPerAddress,
            "Simultaneous connections per client address; more are closed")
    }
    static var maxConnections: ServerSetting<Int> {
        .init("MAX_CONNECTIONS", \.maxConnections, "Simultaneous connections in all; more wait in the backlog")
    }
    static var rateLimit: ServerSetting<Double> {
        .init("RATE_LIMIT", \.rateLimitPerSecond, "Sustained requests per second per client address; more get 429")
    }
    static var rateBurst: ServerSetting<Double> {
        .init("RATE_BURST", \.rateLimitBurst, "Burst of requests per client address above the sustained rate")
    }
    static var computeWorkers: ServerSetting<Int> {
        .init("COMPUTE_WORKERS", \.computeWorkers, "Threads of the light lane (tables, cheap pictures)")
    }
    static var heavyWorkers: ServerSetting<Int> {
        .init(
            "HEAVY_WORKERS", \.heavyWorkers, "Threads of the heavy lane (heat maps, big scenes)",
            defaultText: "all cores")
    }
    static var heavyPerClient: ServerSetting<Int> {
        .init("HEAVY_PER_CLIENT", \.heavyPerClient, "Heavy computations one client address runs at once")
    }
    static var computeBudget: ServerSetting<Double> {
        .init(
            "COMPUTE_BUDGET", \.computeBudgetSeconds,
            "Estimated seconds of one core a request may need; more gets 422 naming what to change")
    }
    static var computeQueue: ServerSetting<Int> {
        .init("COMPUTE_QUEUE", \.computeQueueDepth, "Compute requests that may wait; one more gets 503 + Retry-After")
    }
    static var computeDeadline: ServerSetting<Double> {
        .init(
            "COMPUTE_DEADLINE", \.computeDeadlineSeconds,
            "Seconds from a request's arrival before its computation gets 503")
    }
    static var cacheEntries: ServerSetting<Int> {
        .init("CACHE_ENTRIES", \.cacheEntries, "Computed responses kept in memory")
    }
    static var reportWorkers: ServerSetting<Int> {
        .init("REPORT_WORKERS", \.reportWorkers, "Threads a running report job uses", defaultText: "all cores")
    }
    static var reportQueue: ServerSetting<Int> {
        .init("REPORT_QUEUE", \.reportQueueDepth, "Report jobs queued or running in all; one more gets 503")
    }
    static var reportJobsPerClient: ServerSetting<Int> {
        .init(
            "REPORT_JOBS_PER_CLIENT", \.reportJobsPerClient,
            "Report jobs one client address may have queued or running; one more gets 429")
    }
    static var analysisCacheBytes: ServerSetting<Int> {
        .init(
            "ANALYSIS_CACHE_BYTES", \.analysisCacheBytes,
            "Bytes of scene analyses (sun days, obstacles) kept per replica for the flat tables; 0 keeps none")
    }
    static var reportRetention: ServerSetting<Double> {
        .init(
            "REPORT_RETENTION", \.reportRetentionSeconds,
            "Seconds a finished report job is kept before it is deleted (604800 is 7 days)")
    }
    static var reportLease: ServerSetting<Double> {
        .init(
            "REPORT_LEASE", \.reportLeaseSeconds,
            "PostgreSQL: seconds a replica's claim on a report chunk lasts without renewal")
    }
    static var reportHeartbeat: ServerSetting<Double> {
        .init(
            "REPORT_HEARTBEAT", \.reportHeartbeatSeconds,
            "PostgreSQL: seconds between renewals of a running chunk's lease")
    }
    static var reportMaxAttempts: ServerSetting<Int> {
        .init(
            "REPORT_MAX_ATTEMPTS", \.reportMaxAttempts,
            "PostgreSQL: failed or expired runs of a report chunk before its report fails")
    }
    static var trustedProxy: ServerSetting<String> {
        .init(
            "TRUSTED_PROXY", \.trustedProxiesText,
            "A proxy (address or IPv4 a.b.c.d/n range) whose X-Forwarded-For names the client; repeatable, comma-separated in the environment",
            defaultText: "none")
    }
    static var drainDelay: ServerSetting<Double> {
        .init(
            "DRAIN_DELAY", \.drainDelaySeconds, "Seconds /healthz answers 503 after SIGTERM before the listener closes")
    }
    static var shutdownGrace: ServerSetting<Double> {
        .init("SHUTDOWN_GRACE", \.shutdownGraceSeconds, "Seconds in-flight requests get to finish after SIGTERM")
    }
    static var reportRowDelay: ServerSetting<Double> {
        .init("REPORT_ROW_DELAY_SECONDS", \.reportRowDelaySeconds, "test only: a pause after each report row")
    }
}

extension ServerConfiguration {
    /// Refuses values that would make the server useless or unsafe, naming the option.
    func check() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw ValidationError(message) } }
        try require((0...65535).contains(port), "--port must be in 0...65535 (got \(port))")
        try require(!host.isEmpty, "--host must not be empty")
        try require(!databasePath.isEmpty, "--db must not be empty")
        if PostgresService.isURL(databasePath) {
            do { _ = try PostgresService.configuration(databasePath) } catch { throw ValidationError("\(error)") }
        }
        try require(idleTimeoutSeconds > 0 && idleTimeoutSeconds.isFinite, "--idle-timeout must be > 0 seconds")
        try require(bodyTimeoutSeconds > 0 && bodyTimeoutSeconds.isFinite, "--body-timeout must be > 0 seconds")
        try require(maxBodyBytes >= 1024, "--max-body-bytes must be at least 1024")
        try require(maxConnectionsPerAddress >= 1, "--max-connections-per-address must be at least 1")
        try require(maxConnections >= 1, "--max-connections must be at least 1")
        try require(rateLimitPerSecond > 0 && rateLimitPerSecond.isFinite, "--rate-limit must be > 0")
        try require(rateLimitBurst >= 1 && rateLimitBurst.isFinite, "--rate-burst must be at least 1")
        try require((1...256).contains(computeWorkers), "--compute-workers must be in 1...256")
        try require(computeQueueDepth >= 0, "--compute-queue must be >= 0")
        try require((1...256).contains(heavyWorkers), "--heavy-workers must be in 1...256")
        try require(heavyPerClient >= 1, "--heavy-per-client must be at least 1")
        try require(
            computeBudgetSeconds > 0 && computeBudgetSeconds.isFinite, "--compute-budget must be > 0 seconds")
        try require(
            computeDeadlineSeconds > 0 && computeDeadlineSeconds.isFinite, "--compute-deadline must be > 0 seconds")
        try require(cacheEntries >= 0, "--cache-entries must be >= 0")
        try require(analysisCacheBytes >= 0, "--analysis-cache-bytes must be >= 0 (got \(analysisCacheBytes))")
        try require((1...256).contains(reportWorkers), "--report-workers must be in 1...256")
        try require(reportQueueDepth >= 1, "--report-queue must be at least 1")
        try require(reportJobsPerClient >= 1, "--report-jobs-per-client must be at least 1")
        try require(
            reportRowDelaySeconds >= 0 && reportRowDelaySeconds <= 60,
            "SUNSPOTD_REPORT_ROW_DELAY_SECONDS must be in 0...60 seconds (a test-only setting)")
        try require(shutdownGraceSeconds >= 0 && shutdownGraceSeconds.isFinite, "--shutdown-grace must be >= 0 seconds")
        try require(
            reportRetentionSeconds >= 0 && reportRetentionSeconds.isFinite, "--report-retention must be >= 0 seconds")
        try require(
            reportLeaseSeconds >= 1 && reportLeaseSeconds <= 86400,
            "--report-lease must be in 1...86400 seconds (got \(reportLeaseSeconds))")
        try require(
            reportHeartbeatSeconds > 0 && reportHeartbeatSeconds * 2 <= reportLeaseSeconds,
            "--report-heartbeat must be > 0 and at most half of --report-lease (got \(reportHeartbeatSeconds) for a lease of \(reportLeaseSeconds))"
        )
        try require(
            (1...100).contains(reportMaxAttempts), "--report-max-attempts must be in 1...100 (got \(reportMaxAttempts))"
        )
        for proxy in trustedProxies {
            try require(
                TrustedProxies.Range(proxy) != nil,
                "--trusted-proxy '\(proxy)' is not an IP address or an IPv4 a.b.c.d/n range")
        }
        try require(drainDelaySeconds >= 0 && drainDelaySeconds <= 60, "--drain-delay must be in 0...60 seconds")
    }
}
