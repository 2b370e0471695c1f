import Metrics
import Prometheus
import Synchronization

/// The daemon's Prometheus registry, behind swift-metrics.
///
/// swift-metrics allows one bootstrap per process, and tests start many servers in one
/// process, so the registry is process-wide and bootstrapped on first use.
public enum ServerMetrics {
    /// The registry `/metrics` prints.
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// Prometheus text exposition of every metric.
    public static func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }

    static func ensureBootstrapped() { _ = registry }

    /// Handles already made, by label and dimensions. Making a handle goes through the
    /// registry's lock and a lookup by strings; a flat-table request made seven of them, which
    /// together cost more than the increments (perf: ~2 % of the request).
    private static let handles = Mutex<[HandleKey: any AnyObject & Sendable]>([:])

    private struct HandleKey: Hashable {
        var label: String
        var dimensions: [String]
    }

    private static func handle<H: AnyObject & Sendable>(
        _ label: String, _ dimensions: [(String, String)] = [],
        make: (String, [(String, String)]) -> H
    ) -> H {
        ensureBootstrapped()
        let key = HandleKey(label: label, dimensions: dimensions.flatMap { [$0.0, $0.1] })
        if let known = handles.withLock({ $0[key] }) as? H { return known }
        let made = make(label, dimensions)
        handles.withLock { $0[key] = made }
        return made
    }

    /// `sunspotd_http_requests_total{route,method,status}` and its latency histogram.
    static func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        handle(
            "sunspotd_http_requests_total", [("route", route), ("method", method), ("status", String(status))],
            make: Counter.init
        ).increment()
        handle(
            "sunspotd_http_request_duration_seconds", [("route", route), ("method", method)],
            make: { Metrics.Timer(label: $0, dimensions: $1) }
        ).recordNanoseconds(Int64(seconds * 1e9))
    }

    static func setOpenConnections(_ n: Int) {
        handle("sunspotd_open_connections", make: { Gauge(label: $0, dimensions: $1) }).record(n)
    }

    static func setComputeQueue(running: Int, waiting: Int) {
        handle("sunspotd_compute_running", make: { Gauge(label: $0, dimensions: $1) }).record(running)
        handle("sunspotd_compute_queue_depth", make: { Gauge(label: $0, dimensions: $1) }).record(waiting)
    }

    static func recordCompute(route: String, seconds: Double) {
        handle(
            "sunspotd_compute_duration_seconds", [("route", route)],
            make: { Metrics.Timer(label: $0, dimensions: $1) }
        ).recordNanoseconds(Int64(seconds * 1e9))
    }

    static func recordCache(hit: Bool) {
        handle("sunspotd_cache_lookups_total", [("result", hit ? "hit" : "miss")], make: Counter.init).increment()
    }

    static func recordRateLimited() {
        ensureBootstrapped()
        Counter(label: "sunspotd_rate_limited_total").increment()
    }

    static func recordRefusedConnection() {
        ensureBootstrapped()
        Counter(label: "sunspotd_refused_connections_total").increment()
    }
}
