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

    /// `sunspotd_http_requests_total{route,method,status}` and its latency histogram.
    static func recordRequest(route: String, method: String, status: Int, seconds: Double) {
        ensureBootstrapped()
        Counter(
            label: "sunspotd_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        Metrics.Timer(
            label: "sunspotd_http_request_duration_seconds", dimensions: [("route", route), ("method", method)]
        )
        .recordNanoseconds(Int64(seconds * 1e9))
    }

    static func setOpenConnections(_ n: Int) {
        ensureBootstrapped()
        Gauge(label: "sunspotd_open_connections").record(n)
    }

    static func setComputeQueue(running: Int, waiting: Int) {
        ensureBootstrapped()
        Gauge(label: "sunspotd_compute_running").record(running)
        Gauge(label: "sunspotd_compute_queue_depth").record(waiting)
    }

    static func recordCompute(route: String, seconds: Double) {
        ensureBootstrapped()
        Metrics.Timer(label: "sunspotd_compute_duration_seconds", dimensions: [("route", route)])
            .recordNanoseconds(Int64(seconds * 1e9))
    }

    static func recordCache(hit: Bool) {
        ensureBootstrapped()
        Counter(label: "sunspotd_cache_lookups_total", dimensions: [("result", hit ? "hit" : "miss")]).increment()
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
