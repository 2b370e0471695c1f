import Foundation
import Testing

// /metrics carries the figures issue 6 asks for; /v1/openapi.yaml documents every route
// the server actually has (checked against the router's own table, so a new route
// without documentation fails here). Response bodies are validated against the
// document by Scripts/api-conformance.sh (schemathesis + openapi-core) in `make test`.

extension DaemonTests {
    @Suite struct MetricsAndDocument {
        @Test func metricsCountRequestsByRouteAndStatusAndShowConnectionsQueueAndCompute() async throws {
            try await withServer { server in
                let (id, _, _) = try await server.create(try Repo.sample())
                _ = try await server.get("/v1/scenes/\(id)/flats/3/5/east/sunlight")
                _ = try await server.get("/v1/scenes/\(id)/flats/3/5/east/sunlight")
                _ = try await server.get("/v1/nothing")
                let metrics = try await server.get("/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.header("Content-Type")?.hasPrefix("text/plain") == true)
                let text = metrics.text
                for needle in [
                    #"sunspotd_http_requests_total{route="/v1/scenes",method="POST",status="201"}"#,
                    #"sunspotd_http_requests_total{route="/v1/scenes/{id}/flats/{building}/{floor}/{unit}/sunlight",method="GET",status="200"}"#,
                    #"status="404""#,
                    "sunspotd_http_request_duration_seconds_bucket",
                    "sunspotd_open_connections",
                    "sunspotd_compute_queue_depth",
                    "sunspotd_compute_duration_seconds",
                    #"sunspotd_cache_lookups_total{result="hit"}"#,
                ] {
                    #expect(text.contains(needle), "missing \(needle)")
                }
            }
        }

        @Test func theOpenAPIDocumentListsEveryRouteWithItsMethods() async throws {
            try await withServer { server in
                let reply = try await server.get("/v1/openapi.yaml")
                #expect(reply.status == 200)
                #expect(reply.header("Content-Type")?.hasPrefix("application/yaml") == true)
                let yaml = reply.text
                #expect(yaml.hasPrefix("openapi: 3."))
                let documented = Self.documentedOperations(yaml)
                // Every route of the router is documented, and nothing else; each documented
                // operation is really routed (a PATCH on its path is 405 and Allow names the method).
                #expect(documented == Set(server.parts.routes))
                // 24 + the scene geometry routes (issue 15 §2) + GET /v1/scenes/{id}/point (issue 13 item 4).
                #expect(documented.count == 27)
                for operation in documented {
                    let parts = operation.split(separator: " ")
                    let path = parts[1].replacingOccurrences(of: "{revision}", with: "1")
                        .replacingOccurrences(of: "{floor}", with: "1")
                        .replacingOccurrences(of: #"\{[a-zA-Z]+\}"#, with: "x", options: .regularExpression)
                    let probe = try await server.request("PATCH", path)
                    #expect(probe.status == 405, "\(operation) is documented but the server does not route it")
                    let allowed = Set((probe.header("Allow") ?? "").components(separatedBy: ", "))
                    #expect(allowed.contains(String(parts[0])), "\(operation): Allow is \(allowed)")
                }
            }
        }

        /// `METHOD /path` for each operation of the document's `paths` (a line-based reading
        /// of the hand-written file's layout: two-space path keys, four-space method keys).
        static func documentedOperations(_ yaml: String) -> Set<String> {
            var result: Set<String> = []
            var inPaths = false
            var current: String?
            for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
                if line == "paths:" {
                    inPaths = true
                    continue
                }
                if inPaths, !line.isEmpty, !line.hasPrefix(" ") { break }
                guard inPaths else { continue }
                if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                    current = String(line.dropFirst(2).dropLast())
                } else if let current, line.hasPrefix("    "), !line.hasPrefix("     ") {
                    let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                    if ["get", "put", "post", "delete", "patch"].contains(String(key)) {
                        result.insert("\(key.uppercased()) \(current)")
                    }
                }
            }
            return result
        }
    }
}
