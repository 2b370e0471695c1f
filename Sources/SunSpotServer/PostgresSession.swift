import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// A pooled connection as the stores use it: every statement gets an answer, even one sent
/// in the instant the database shuts down.
///
/// postgres-nio 1.33 writes a statement to its channel without a write promise, so when the
/// channel has already closed the write's failure is dropped and the statement waits forever.
/// A request that sent a statement in the moment of a fast stop hung, holding its pool lease
/// (the cluster test's `db-storm` check saw it about once in two stops). Here a
/// statement still unanswered after its connection has been seen closed on two checks a
/// second apart is failed with ``PostgresStatementLost``. Postgres-nio fails every statement
/// it did send as soon as the connection closes, so one still waiting that long was never
/// sent: "unavailable, nothing was changed" is the truth about it.
struct PostgresSession: Sendable {
    let connection: PostgresConnection

    /// ``PostgresConnection/query(_:logger:file:line:)``, answered even when the connection is gone.
    func query(
        _ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line
    ) async throws -> PostgresRowSequence {
        let connection = self.connection
        return try await withCheckedThrowingContinuation { continuation in
            let answer = StatementAnswer(continuation)
            // The statement runs in a task of its own, so that a lost one can be left behind.
            Task {
                do {
                    answer.resume(
                        with: .success(try await connection.query(query, logger: logger, file: file, line: line)))
                } catch {
                    answer.resume(with: .failure(error))
                }
            }
            answer.watch(connection, closedBefore: false)
        }
    }

    /// BEGIN, `work`, COMMIT (ROLLBACK when `work` throws, whose error then comes out as itself).
    func transaction<T: Sendable>(logger: Logger, _ work: (PostgresSession) async throws -> sending T) async throws -> T
    {
        _ = try await query("BEGIN;", logger: logger)
        let value: T
        do {
            value = try await work(self)
        } catch {
            // A failed ROLLBACK means the connection is gone, and the transaction with it.
            _ = try? await query("ROLLBACK;", logger: logger)
            throw error
        }
        _ = try await query("COMMIT;", logger: logger)
        return value
    }
}

/// A statement lost with its connection (see ``PostgresSession``): it never reached the database.
struct PostgresStatementLost: Error, CustomStringConvertible {
    var description: String { "the database connection closed before the statement was sent" }
}

/// The one answer of one statement: its own, or ``PostgresStatementLost`` from the watch.
private final class StatementAnswer: Sendable {
    private struct State {
        var continuation: CheckedContinuation<PostgresRowSequence, any Error>?
        var watch: Scheduled<Void>?
    }
    private let state: Mutex<State>

    init(_ continuation: CheckedContinuation<PostgresRowSequence, any Error>) {
        state = Mutex(State(continuation: continuation))
    }

    func resume(with result: Result<PostgresRowSequence, any Error>) {
        let (continuation, watch) = state.withLock { s in
            defer { s = State() }
            return (s.continuation, s.watch)
        }
        watch?.cancel()
        continuation?.resume(with: result)
    }

    /// Looks at the connection every second while the statement waits.
    func watch(_ connection: PostgresConnection, closedBefore: Bool) {
        let next = connection.eventLoop.scheduleTask(in: .seconds(1)) { [self] in
            let closed = connection.isClosed
            if closed && closedBefore {
                resume(with: .failure(PostgresStatementLost()))
            } else {
                watch(connection, closedBefore: closed)
            }
        }
        let pending = state.withLock { s in
            guard s.continuation != nil else { return false }
            s.watch = next
            return true
        }
        if !pending { next.cancel() }
    }
}
