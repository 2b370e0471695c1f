import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The shared PostgreSQL database of several `sunspotd` replicas (issue 12): one pooled
/// ``PostgresClient`` per process and the schema's own versioned migrations.
///
/// The client only hands out connections while its `run()` is running, so this is a
/// service: it runs the client and, beside it, the migrations. Stores wait for the
/// migrations (``ready()``) before their first query, so a request that arrives while a
/// fresh replica migrates waits instead of failing, and a failed migration stops the daemon.
public final class PostgresService: Service, Sendable {
    let client: PostgresClient
    let logger: Logger
    private let migration: Task<Void, any Error>
    /// Tells the migration that the client runs (a query before that only waits, with a warning).
    private let started: AsyncStream<Void>.Continuation

    /// - Parameter url: `postgres://user[:password]@host[:port]/database[?pool=N]`.
    public init(url: String, logger: Logger) throws {
        let configuration = try Self.configuration(url)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        let client = self.client
        let (runs, started) = AsyncStream<Void>.makeStream()
        self.started = started
        migration = Task {
            for await _ in runs { break }
            try await Self.waitForDatabase(configuration, url: url, logger: logger)
            try await PostgresMigrations.apply(client, logger: logger)
        }
    }

    /// Returns once one connection to the database succeeds; throws at once when the
    /// database refuses this role or does not exist, which no waiting mends.
    ///
    /// The pool would retry those forever, logging each attempt, while every request
    /// waited and got 503: a replica with a wrong password looked like a database outage.
    /// Refused connects (PostgreSQL not up yet, a restart) are waited for, with a warning
    /// every 10 s.
    static func waitForDatabase(
        _ configuration: PostgresClient.Configuration, url: String, logger: Logger
    )
        async throws
    {
        let probe = PostgresConnection.Configuration(
            host: configuration.host ?? "127.0.0.1", port: configuration.port ?? 5432,
            username: configuration.username, password: configuration.password, database: configuration.database,
            tls: .disable)
        var warned = ContinuousClock.now - .seconds(60)
        while true {
            do {
                let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
                try? await connection.close()
                return
            } catch {
                if let refusal = refusal(error) {
                    throw ValidationErrorMessage("--db '\(redacted(url))': \(refusal)")
                }
                if ContinuousClock.now - warned >= .seconds(10) {
                    warned = .now
                    logger.warning(
                        "waiting for PostgreSQL",
                        metadata: ["db": "\(redacted(url))", "error": "\(String(reflecting: error))"])
                }
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Why the database turned this client away for good (a wrong role, password or database
    /// name), or nil for an error that waiting may mend.
    static func refusal(_ error: any Error) -> String? {
        guard let error = error as? PSQLError else { return nil }
        switch error.code {
        case .authMechanismRequiresPassword:
            return "the server asks for a password and the URL has none (postgres://user:password@host/db)"
        case .unsupportedAuthMechanism, .saslError:
            return "the server's authentication method is not one this client speaks (\(error.code))"
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            // Class 28: invalid authorization; 3D000: no such database.
            guard state.hasPrefix("28") || state == "3D000" else { return nil }
            return "\(error.serverInfo?[.message] ?? "refused") (SQLSTATE \(state))"
        default:
            return nil
        }
    }

    /// The URL as it may be shown: its password replaced by `***`.
    static func redacted(_ location: String) -> String {
        guard isURL(location), var parts = URLComponents(string: location), parts.password != nil else {
            return location
        }
        parts.percentEncodedPassword = "***"
        return parts.string ?? location
    }

    /// Whether `--db` names a PostgreSQL database rather than a SQLite file.
    static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The client's configuration from a URL; a bad URL gets one line naming the part.
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        func refuse(_ what: String) -> ValidationErrorMessage {
            ValidationErrorMessage(
                "--db '\(redacted(url))': \(what) (accepted: postgres://user[:password]@host[:port]/database[?pool=N])")
        }
        guard let parts = URLComponents(string: url), isURL(url) else { throw refuse("not a postgres:// URL") }
        guard let host = parts.host, !host.isEmpty else { throw refuse("no host") }
        guard let user = parts.user, !user.isEmpty else { throw refuse("no user") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw refuse("no database name") }
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password, database: database,
            tls: .disable)
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "pool":
                guard let n = item.value.flatMap(Int.init), (1...1000).contains(n) else {
                    throw refuse("pool must be in 1...1000")
                }
                configuration.options.maximumConnections = n
            default:
                throw refuse("unknown parameter '\(item.name)'")
            }
        }
        // A replica must notice a dead database quickly: /healthz answers 503 instead of hanging.
        configuration.options.connectTimeout = .seconds(2)
        return configuration
    }

    /// Returns once the schema is migrated (at once after the first time).
    func ready() async throws { try await migration.value }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.client.run() }
            started.yield()
            started.finish()
            try await ready()
            logger.info("postgres schema ready", metadata: ["version": "\(PostgresMigrations.all.count)"])
            try await group.next()
        }
    }

    /// A transaction on a pooled connection, after the migrations. An error thrown by
    /// `work` (a refusal such as a stale revision) comes out as itself, after the rollback.
    func transaction<T: Sendable>(_ work: (PostgresSession) async throws -> sending T) async throws -> T {
        try await ready()
        return try await leased { [logger] connection in
            try await PostgresSession(connection: connection).transaction(logger: logger, work)
        }
    }

    /// One statement on a pooled connection, after the migrations; its rows are collected.
    func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await ready()
        return try await leased { [logger] connection in
            try await PostgresSession(connection: connection).query(query, logger: logger).collect()
        }
    }

    /// How long a request waits for a pooled connection before it is answered 503.
    ///
    /// While the database is down the pool keeps waiting requests queued and retries its
    /// connects (its own circuit breaker trips only after a minute), so without a bound a
    /// client would hang for the whole outage. Only the wait is bounded: once `work` has a
    /// connection it runs to its end, so a 503 always means nothing was sent to the database.
    static let connectionWait: Duration = .seconds(5)

    /// `work` on a pooled connection, or ``ConnectionWaitExpired`` if none came within
    /// ``connectionWait``.
    private func leased<T: Sendable>(_ work: (PostgresConnection) async throws -> T) async throws -> T {
        let started = FirstClaim()
        return try await withoutActuallyEscaping(work) { work in
            // The group does not return before both children end, so `work` never outlives this call.
            nonisolated(unsafe) let work = work
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { [client] in
                    try await client.withConnection { connection in
                        // Past this point the wait is over and the work is never cancelled by it.
                        guard started.claim() else { throw CancellationError() }
                        return try await work(connection)
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: Self.connectionWait)
                    return nil
                }
                while let next = try await group.next() {
                    if let value = next {
                        group.cancelAll()
                        return value
                    }
                    // The wait ran out: give up unless the work has already started.
                    if started.claim() {
                        group.cancelAll()
                        throw ConnectionWaitExpired(waited: Self.connectionWait)
                    }
                }
                throw CancellationError()
            }
        }
    }
}

/// Decides once between two racers: the work that got a connection and the wait that ran out.
private final class FirstClaim: Sendable {
    private let taken = Mutex(false)

    /// True for the first caller only.
    func claim() -> Bool {
        taken.withLock { taken in
            if taken { return false }
            taken = true
            return true
        }
    }
}

/// No pooled connection to PostgreSQL came free within ``PostgresService/connectionWait``:
/// nothing was sent, and the request is answered 503 (``PostgresUnavailable``).
struct ConnectionWaitExpired: Error, CustomStringConvertible {
    var waited: Duration
    var description: String { "no database connection within \(waited)" }
}

/// An error whose description is the one line shown to the operator.
struct ValidationErrorMessage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The PostgreSQL schema, one numbered step at a time. Each step runs once, in one
/// transaction with its row in `schema_migrations`, under an advisory lock, so replicas
/// started together migrate one after the other and never twice. Steps are only ever
/// appended (a released step never changes).
enum PostgresMigrations {
    static let all: [[String]] = [
        // 1: scenes, every revision kept.
        [
            """
            CREATE TABLE scene (
              id text PRIMARY KEY, token_hash bytea NOT NULL, revision integer NOT NULL,
              created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE scene_revision (
              scene_id text NOT NULL REFERENCES scene (id) ON DELETE CASCADE, revision integer NOT NULL,
              body bytea NOT NULL, action text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (scene_id, revision))
            """,
        ],
        // 2: report jobs and their rows, one per (job, listing).
        [
            """
            CREATE TABLE report_job (
              id text PRIMARY KEY, client text NOT NULL, status text NOT NULL, total integer NOT NULL,
              definition bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
              started_at timestamptz, finished_at timestamptz, error text)
            """,
            "CREATE INDEX report_job_active ON report_job (status, client)",
            """
            CREATE TABLE report_row (
              job_id text NOT NULL REFERENCES report_job (id) ON DELETE CASCADE, seq integer NOT NULL,
              listing text NOT NULL, facts bytea NOT NULL,
              PRIMARY KEY (job_id, seq), UNIQUE (job_id, listing))
            """,
        ],
        // 3: chunk jobs spread over replicas (PostgresReportChunks): one row per ~50 listings of a
        // report, claimed under a lease; `attempt` counts claims and fences every write.
        [
            """
            CREATE TABLE report_chunk (
              job_id text NOT NULL REFERENCES report_job (id) ON DELETE CASCADE, chunk integer NOT NULL,
              first_seq integer NOT NULL, end_seq integer NOT NULL, state text NOT NULL DEFAULT 'queued',
              attempt integer NOT NULL DEFAULT 0, failures integer NOT NULL DEFAULT 0, owner text,
              lease_until timestamptz, not_before timestamptz NOT NULL DEFAULT clock_timestamp(), last_error text,
              PRIMARY KEY (job_id, chunk))
            """,
            "CREATE INDEX report_chunk_ready ON report_chunk (state, not_before)",
        ],
        // 4: report PDFs drawn as job steps (PostgresReportStore+PDF): a claimable task per
        // (job, language), its 1 MiB parts (stored uncompressed: a PDF is compressed already),
        // and the digests of the rows each PDF was drawn from.
        [
            """
            CREATE TABLE report_pdf (
              job_id text NOT NULL REFERENCES report_job (id) ON DELETE CASCADE, lang text NOT NULL,
              state text NOT NULL DEFAULT 'queued', attempt integer NOT NULL DEFAULT 0,
              failures integer NOT NULL DEFAULT 0, owner text, lease_until timestamptz,
              not_before timestamptz NOT NULL DEFAULT clock_timestamp(), error_code text, error text,
              bytes bigint, parts integer, sha256 text, PRIMARY KEY (job_id, lang))
            """,
            "CREATE INDEX report_pdf_ready ON report_pdf (state, not_before)",
            """
            CREATE TABLE report_pdf_part (
              job_id text NOT NULL REFERENCES report_job (id) ON DELETE CASCADE, lang text NOT NULL,
              attempt integer NOT NULL, part integer NOT NULL, bytes bytea NOT NULL,
              PRIMARY KEY (job_id, lang, attempt, part))
            """,
            "ALTER TABLE report_pdf_part ALTER COLUMN bytes SET STORAGE EXTERNAL",
            """
            CREATE TABLE report_pdf_row (
              job_id text NOT NULL REFERENCES report_job (id) ON DELETE CASCADE, lang text NOT NULL,
              seq integer NOT NULL, listing text NOT NULL, digest bytea NOT NULL,
              PRIMARY KEY (job_id, lang, seq))
            """,
        ],
        // 5: a chunk's listings as their positions (ReportChunkPlan groups a flat's listings),
        // no longer one consecutive range; chunks admitted before keep their range.
        [
            "ALTER TABLE report_chunk ADD COLUMN seqs integer[]",
            "UPDATE report_chunk SET seqs = ARRAY(SELECT generate_series(first_seq, end_seq - 1))",
            "ALTER TABLE report_chunk ALTER COLUMN seqs SET NOT NULL",
        ],
    ]

    /// Any number that names this schema's lock among the database's advisory locks.
    static let lockKey = 0x5375_6e53_706f_7401

    /// - Parameter version: the last step to apply (tests stop at an older schema to check that
    ///   an upgrade carries its rows over).
    static func apply(_ client: PostgresClient, logger: Logger, through version: Int = all.count) async throws {
        try await client.withTransaction(logger: logger) { connection in
            _ = try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            _ = try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                logger: logger)
            var applied = 0
            for try await version in try await connection.query(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                logger: logger
            ).decode(Int.self) {
                applied = version
            }
            for (index, statements) in all.enumerated() where index + 1 > applied && index + 1 <= version {
                for sql in statements { _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) }
                _ = try await connection.query(
                    "INSERT INTO schema_migrations (version) VALUES (\(index + 1))", logger: logger)
                logger.info("postgres migration applied", metadata: ["version": "\(index + 1)"])
            }
        }
    }
}
