import Hummingbird

/// Collects the API's routes before the router is built, so the middlewares that need
/// the whole table (405 + Allow) can be installed ahead of the routes they wrap.
struct APIRouter {
    typealias Handler = @Sendable (Request, ServerContext) async throws -> Response

    private(set) var entries: [(path: String, method: HTTPRequest.Method, handler: Handler)] = []

    mutating func on(_ path: String, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
        entries.append((path, method, handler))
    }

    /// Path templates and their methods.
    var table: RouteTable {
        var table = RouteTable()
        for entry in entries { table.add(entry.path, method: entry.method.rawValue) }
        return table
    }

    /// `METHOD /path/{param}` for each route, in OpenAPI's path notation.
    var operations: [String] {
        entries.map { entry in
            let path = entry.path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            return "\(entry.method.rawValue) /" + path.joined(separator: "/")
        }
    }

    /// Adds every collected route to `router` (after its middlewares).
    func install(on router: Router<ServerContext>) {
        for entry in entries {
            router.on(RouterPath(entry.path), method: entry.method) { request, context in
                try await entry.handler(request, context)
            }
        }
    }
}
