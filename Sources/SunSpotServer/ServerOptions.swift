import ArgumentParser

/// `sunspotd`'s command line. Every option can also come from an environment variable
/// (`SUNSPOTD_` + the option's name in capitals: `--max-body-bytes` ↔ `SUNSPOTD_MAX_BODY_BYTES`);
/// an option on the command line wins over the environment, which wins over the default.
public struct ServerOptions: ParsableArguments {
    @Option(help: "Address to listen on (env SUNSPOTD_HOST; default 127.0.0.1).")
    var host: String?
    @Option(help: "TCP port; 0 picks a free one (env SUNSPOTD_PORT; default 8080).")
    var port: Int?
    @Option(help: "SQLite file for scenes, created when missing (env SUNSPOTD_DB; default sunspot.sqlite).")
    var db: String?
    @Option(help: "Folder of the web page served at / (env SUNSPOTD_WEB_ROOT; default web).")
    var webRoot: String?
    @Option(help: "three.js folder served at /vendor/three/ (env SUNSPOTD_THREE_ROOT; default /usr/share/javascript/three).")
    var threeRoot: String?
    @Option(help: "Seconds a connection may take to send a request head, or stay idle, before it is closed (env SUNSPOTD_IDLE_TIMEOUT; default 10).")
    var idleTimeout: Double?
    @Option(help: "Seconds a request body may take to arrive; later gets 408 (env SUNSPOTD_BODY_TIMEOUT; default 10).")
    var bodyTimeout: Double?
    @Option(help: "Largest request body in bytes; larger gets 413 (env SUNSPOTD_MAX_BODY_BYTES; default 1048576).")
    var maxBodyBytes: Int?
    @Option(help: "Simultaneous connections per client address; more are closed (env SUNSPOTD_MAX_CONNECTIONS_PER_ADDRESS; default 64).")
    var maxConnectionsPerAddress: Int?
    @Option(help: "Simultaneous connections in all; more wait in the backlog (env SUNSPOTD_MAX_CONNECTIONS; default 1024).")
    var maxConnections: Int?
    @Option(help: "Sustained requests per second per client address; more get 429 (env SUNSPOTD_RATE_LIMIT; default 50).")
    var rateLimit: Double?
    @Option(help: "Burst of requests per client address above the sustained rate (env SUNSPOTD_RATE_BURST; default 100).")
    var rateBurst: Double?
    @Option(help: "Threads computing flat tables (env SUNSPOTD_COMPUTE_WORKERS; default 2).")
    var computeWorkers: Int?
    @Option(help: "Compute requests that may wait; one more gets 503 + Retry-After (env SUNSPOTD_COMPUTE_QUEUE; default 16).")
    var computeQueue: Int?
    @Option(help: "Seconds a computation may take before the request gets 503 (env SUNSPOTD_COMPUTE_DEADLINE; default 30).")
    var computeDeadline: Double?
    @Option(help: "Computed responses kept in memory (env SUNSPOTD_CACHE_ENTRIES; default 256).")
    var cacheEntries: Int?
    @Option(help: "Bytes of scene analyses kept in memory, least recently used dropped; 0 keeps none (env SUNSPOTD_ANALYSIS_CACHE_BYTES; default 268435456).")
    var analysisCacheBytes: Int?
    @Option(help: "Threads a running report job uses (env SUNSPOTD_REPORT_WORKERS; default: all cores).")
    var reportWorkers: Int?
    @Option(help: "Report jobs queued or running in all; one more gets 503 (env SUNSPOTD_REPORT_QUEUE; default 32).")
    var reportQueue: Int?
    @Option(help: "Report jobs one client address may have queued or running; one more gets 429 (env SUNSPOTD_REPORT_JOBS_PER_CLIENT; default 4).")
    var reportJobsPerClient: Int?
    @Option(help: "Seconds in-flight requests get to finish after SIGTERM (env SUNSPOTD_SHUTDOWN_GRACE; default 10).")
    var shutdownGrace: Double?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env SUNSPOTD_LOG_LEVEL; default info).")
    public var logLevel: String?

    public init() {}

    /// The configuration these options describe, read together with `environment`.
    /// - Throws: `ValidationError` naming the option (or variable) whose value is unusable.
    public func configuration(environment: [String: String]) throws -> ServerConfiguration {
        var c = ServerConfiguration()
        func pick<T>(_ option: T?, _ name: String, _ parse: (String) -> T?) throws -> T? {
            if let option { return option }
            guard let text = environment["SUNSPOTD_" + name] else { return nil }
            guard let value = parse(text) else { throw ValidationError("environment SUNSPOTD_\(name)='\(text)' is not a valid value") }
            return value
        }
        c.host = try pick(host, "HOST", { $0 }) ?? c.host
        c.port = try pick(port, "PORT", { Int($0) }) ?? c.port
        c.databasePath = try pick(db, "DB", { $0 }) ?? c.databasePath
        c.webRoot = try pick(webRoot, "WEB_ROOT", { $0 }) ?? c.webRoot
        c.threeRoot = try pick(threeRoot, "THREE_ROOT", { $0 }) ?? c.threeRoot
        c.idleTimeoutSeconds = try pick(idleTimeout, "IDLE_TIMEOUT", { Double($0) }) ?? c.idleTimeoutSeconds
        c.bodyTimeoutSeconds = try pick(bodyTimeout, "BODY_TIMEOUT", { Double($0) }) ?? c.bodyTimeoutSeconds
        c.maxBodyBytes = try pick(maxBodyBytes, "MAX_BODY_BYTES", { Int($0) }) ?? c.maxBodyBytes
        c.maxConnectionsPerAddress = try pick(maxConnectionsPerAddress, "MAX_CONNECTIONS_PER_ADDRESS", { Int($0) })
            ?? c.maxConnectionsPerAddress
        c.maxConnections = try pick(maxConnections, "MAX_CONNECTIONS", { Int($0) }) ?? c.maxConnections
        c.rateLimitPerSecond = try pick(rateLimit, "RATE_LIMIT", { Double($0) }) ?? c.rateLimitPerSecond
        c.rateLimitBurst = try pick(rateBurst, "RATE_BURST", { Double($0) }) ?? c.rateLimitBurst
        c.computeWorkers = try pick(computeWorkers, "COMPUTE_WORKERS", { Int($0) }) ?? c.computeWorkers
        c.computeQueueDepth = try pick(computeQueue, "COMPUTE_QUEUE", { Int($0) }) ?? c.computeQueueDepth
        c.computeDeadlineSeconds = try pick(computeDeadline, "COMPUTE_DEADLINE", { Double($0) }) ?? c.computeDeadlineSeconds
        c.cacheEntries = try pick(cacheEntries, "CACHE_ENTRIES", { Int($0) }) ?? c.cacheEntries
        c.analysisCacheBytes = try pick(analysisCacheBytes, "ANALYSIS_CACHE_BYTES", { Int($0) }) ?? c.analysisCacheBytes
        c.reportWorkers = try pick(reportWorkers, "REPORT_WORKERS", { Int($0) }) ?? c.reportWorkers
        c.reportQueueDepth = try pick(reportQueue, "REPORT_QUEUE", { Int($0) }) ?? c.reportQueueDepth
        c.reportJobsPerClient = try pick(reportJobsPerClient, "REPORT_JOBS_PER_CLIENT", { Int($0) }) ?? c.reportJobsPerClient
        c.shutdownGraceSeconds = try pick(shutdownGrace, "SHUTDOWN_GRACE", { Double($0) }) ?? c.shutdownGraceSeconds
        // Test only, environment only (no option, not in --help): the crash tests slow a job
        // down in the real binary so it can be killed with some rows stored.
        c.reportRowDelaySeconds = try pick(Double?.none, "REPORT_ROW_DELAY_SECONDS", { Double($0) }) ?? c.reportRowDelaySeconds
        try c.check()
        return c
    }

    /// The log level from the option or SUNSPOTD_LOG_LEVEL.
    public func resolvedLogLevel(environment: [String: String]) throws -> String {
        let level = logLevel ?? environment["SUNSPOTD_LOG_LEVEL"] ?? "info"
        let known = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        guard known.contains(level) else { throw ValidationError("--log-level must be one of \(known.joined(separator: ", ")) (got '\(level)')") }
        return level
    }
}

extension ServerConfiguration {
    /// Refuses values that would make the server useless or unsafe, naming the option.
    func check() throws {
        func require(_ ok: Bool, _ message: String) throws { if !ok { throw ValidationError(message) } }
        try require((0...65535).contains(port), "--port must be in 0...65535 (got \(port))")
        try require(!host.isEmpty, "--host must not be empty")
        try require(!databasePath.isEmpty, "--db must not be empty")
        try require(idleTimeoutSeconds > 0 && idleTimeoutSeconds.isFinite, "--idle-timeout must be > 0 seconds")
        try require(bodyTimeoutSeconds > 0 && bodyTimeoutSeconds.isFinite, "--body-timeout must be > 0 seconds")
        try require(maxBodyBytes >= 1024, "--max-body-bytes must be at least 1024")
        try require(maxConnectionsPerAddress >= 1, "--max-connections-per-address must be at least 1")
        try require(maxConnections >= 1, "--max-connections must be at least 1")
        try require(rateLimitPerSecond > 0 && rateLimitPerSecond.isFinite, "--rate-limit must be > 0")
        try require(rateLimitBurst >= 1 && rateLimitBurst.isFinite, "--rate-burst must be at least 1")
        try require((1...256).contains(computeWorkers), "--compute-workers must be in 1...256")
        try require(computeQueueDepth >= 0, "--compute-queue must be >= 0")
        try require(computeDeadlineSeconds > 0 && computeDeadlineSeconds.isFinite, "--compute-deadline must be > 0 seconds")
        try require(cacheEntries >= 0, "--cache-entries must be >= 0")
        try require(analysisCacheBytes >= 0, "--analysis-cache-bytes must be >= 0 (got \(analysisCacheBytes))")
        try require((1...256).contains(reportWorkers), "--report-workers must be in 1...256")
        try require(reportQueueDepth >= 1, "--report-queue must be at least 1")
        try require(reportJobsPerClient >= 1, "--report-jobs-per-client must be at least 1")
        try require(reportRowDelaySeconds >= 0 && reportRowDelaySeconds <= 60,
                    "SUNSPOTD_REPORT_ROW_DELAY_SECONDS must be in 0...60 seconds (a test-only setting)")
        try require(shutdownGraceSeconds >= 0 && shutdownGraceSeconds.isFinite, "--shutdown-grace must be >= 0 seconds")
    }
}
