import PostgresNIO

/// Whether a PostgreSQL error means "the database is not there right now" rather than "this
/// request is wrong" or "our code is wrong".
///
/// During a restart or failover the pool's connections are closed under it (`57P01
/// admin_shutdown` on a fast stop, then refused connects until it is back). Nothing was
/// written by such a request — a transaction that never committed rolls back — so the
/// honest answer is 503 with Retry-After, which a client or the front may retry, not a 500
/// that says "bug".
enum PostgresUnavailable {
    static func matches(_ error: any Error) -> Bool {
        if error is ConnectionWaitExpired || error is PostgresStatementLost { return true }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return true
        case .server:
            // Class 57P (operator intervention: shutdown, crash, cannot connect now) and class 08
            // (connection exception).
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default:
            return false
        }
    }
}
