import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// The parts of a running daemon that tests and `sunspotd` look at.
public struct ServerParts: Sendable {
    public let store: any SceneStore
    public let queue: ComputeQueue
    public let cache: ResponseCache
    /// Each scene revision's analysis, shared by its flats' tables.
    public let analyses: SceneAnalysisCache
    public let connections: ConnectionLimiter
    /// The report job runner (tests watch it).
    public let jobs: any ReportRunner
    /// Set on SIGTERM before the listener closes (`/healthz` answers 503 meanwhile).
    public let drain: DrainState
    /// The routes served, as `METHOD /path/{param}` (tests compare them with the OpenAPI document).
    public let routes: [String]
}

/// Builds the daemon: the scene store (migrated before the listener binds), the
/// routes, the middlewares that protect them, and the HTTP/1 server with its timeouts.
/// Shared by `sunspotd` and the tests (Hummingbird's `buildApplication` pattern).
///
/// - Parameters:
///   - configuration: listen address, database, limits.
///   - logger: where structured logs go.
///   - onServerRunning: told the listening channel (tests read the ephemeral port from it).
public func buildApplication(
    _ configuration: ServerConfiguration, logger: Logger,
    onServerRunning: @escaping @Sendable (any Channel) async -> Void = { _ in }
) throws -> (application: some ApplicationProtocol, parts: ServerParts) {
    let backend = try StoreBackend.open(configuration.databasePath, logger: logger)
    let store = backend.scenes
    let queue = ComputeQueue(
        lightWorkers: configuration.computeWorkers, heavyWorkers: configuration.heavyWorkers,
        heavyPerClient: configuration.heavyPerClient, queueDepth: configuration.computeQueueDepth
    ) {
        ServerMetrics.setComputeQueue(running: $0, waiting: $1)
    }
    let cache = ResponseCache(capacity: configuration.cacheEntries)
    let analyses = SceneAnalysisCache(budgetBytes: configuration.analysisCacheBytes)
    let connections = ConnectionLimiter(maxPerAddress: configuration.maxConnectionsPerAddress) {
        ServerMetrics.setOpenConnections($0)
    }
    ServerMetrics.ensureBootstrapped()
    let reports = backend.reports
    let jobs = backend.runner(configuration, analyses: analyses, logger: logger)
    let drain = DrainState()

    var api = APIRouter()
    SystemController(store: store, drain: drain).register(on: &api)
    AstronomyController().register(on: &api)
    let scenes = DecodedScenes()
    ScenesController(store: store, configuration: configuration, scenes: scenes).register(on: &api)
    let computed = ComputedResponse(queue: queue, cache: cache, scenes: scenes, configuration: configuration)
    FlatsController(store: store, computed: computed, analyses: analyses).register(on: &api)
    MapsController(store: store, computed: computed).register(on: &api)
    PointController(store: store, computed: computed).register(on: &api)
    ReportsController(store: reports, scenes: store, jobs: jobs, configuration: configuration).register(on: &api)

    let router = Router(context: ServerContext.self)
    // Order matters: middlewares wrap only routes added after them, and the first added is outermost.
    router.add(middleware: ErrorMiddleware(routes: api.table))
    router.add(middleware: ForwardedClientMiddleware(proxies: TrustedProxies(configuration.trustedProxies)))
    router.add(
        middleware: RateLimitMiddleware(
            ratePerSecond: configuration.rateLimitPerSecond,
            burst: configuration.rateLimitBurst))
    router.add(
        middleware: FileMiddleware(
            configuration.threeRoot, urlBasePath: "/vendor/three",
            cacheControl: .init([(MediaType(type: .any), [.maxAge(86400)])]), logger: logger))
    router.add(
        middleware: FileMiddleware(
            configuration.webRoot, cacheControl: .init([(MediaType(type: .any), [.noCache])]),
            searchForIndexHtml: true, logger: logger))
    api.install(on: router)

    let idle = TimeAmount.milliseconds(Int64(configuration.idleTimeoutSeconds * 1000))
    let application = Application(
        router: router,
        server: .http1(
            configuration: .init(
                additionalChannelHandlers: [connections.makeHandler(), ParserErrorHandler()], idleTimeout: idle)),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "sunspotd",
            backlog: 256, availableConnectionsDelegate: .maximum(configuration.maxConnections, logger: logger)),
        services: backend.services + [
            ComputeQueueService(queue: queue), jobs,
            ReportRetention(
                store: reports, retentionSeconds: configuration.reportRetentionSeconds,
                logger: logger),
        ],
        onServerRunning: onServerRunning,
        logger: logger)
    return (
        application,
        ServerParts(
            store: store, queue: queue, cache: cache, analyses: analyses,
            connections: connections, jobs: jobs, drain: drain, routes: api.operations)
    )
}

/// Stops the compute threads after the server has stopped (services shut down in
/// reverse order, so the listener is gone before this runs).
struct ComputeQueueService: Service {
    let queue: ComputeQueue

    func run() async throws {
        try? await gracefulShutdown()
        await queue.shutdown()
    }
}

/// Runs the daemon until SIGTERM or SIGINT: `/healthz` answers 503 for `drainDelaySeconds`,
/// then the listener closes, in-flight
/// requests get `shutdownGraceSeconds` to finish, then the process returns.
public func runServer(_ configuration: ServerConfiguration, logger: Logger) async throws {
    let (application, parts) = try buildApplication(configuration, logger: logger) { channel in
        logger.info(
            "sunspotd listening",
            metadata: [
                "address": "\(channel.localAddress.map { "\($0)" } ?? "?")",
                "db": "\(PostgresService.redacted(configuration.databasePath))",
            ])
    }
    // The drain gate comes last so it hears the shutdown first (groups stop in reverse order).
    let gate = DrainGate(state: parts.drain, delaySeconds: configuration.drainDelaySeconds)
    var group = ServiceGroupConfiguration(
        services: [application, gate], gracefulShutdownSignals: [.sigterm, .sigint],
        logger: logger)
    group.maximumGracefulShutdownDuration = .milliseconds(Int(configuration.shutdownGraceSeconds * 1000))
    try await ServiceGroup(configuration: group).run()
}
