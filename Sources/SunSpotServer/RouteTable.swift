/// The API's path templates and the methods each one answers, so a known path with a
/// wrong method gets 405 + Allow instead of Hummingbird's 404.
struct RouteTable: Sendable {
    private(set) var routes: [(segments: [String], methods: Set<String>)] = []

    mutating func add(_ template: String, method: String) {
        let segments = Self.split(template)
        if let i = routes.firstIndex(where: { $0.segments == segments }) {
            routes[i].methods.insert(method)
        } else {
            routes.append((segments, [method]))
        }
    }

    /// The methods allowed on `path`, or nil when no template matches it.
    func allowedMethods(for path: String) -> Set<String>? {
        let parts = Self.split(path)
        var found: Set<String>?
        for route in routes where route.segments.count == parts.count {
            let matches = zip(route.segments, parts).allSatisfy { template, part in
                template.hasPrefix(":") || template == part
            }
            if matches { found = (found ?? []).union(route.methods) }
        }
        return found
    }

    static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }
}
