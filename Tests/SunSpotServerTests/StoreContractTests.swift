import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Testing

@testable import SunSpotServer

/// The storage boundary (issue 12): every store test runs against both backends, the
/// embedded SQLite file and a real PostgreSQL server. The PostgreSQL server is started by
/// `Scripts/with-postgres.sh` (as `make test` does), which exports its URL in
/// SUNSPOT_TEST_POSTGRES; without it the PostgreSQL cases fail with that instruction
/// rather than pass unseen. Each case gets a fresh database (a new file, a new PostgreSQL
/// database), so counts and quotas start from zero.
@Suite struct StoreContract {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// A fresh pair of stores on one backend, and what stops it.
    struct Opened {
        let scenes: any SceneStore
        let reports: any ReportStore
        /// The PostgreSQL database behind the stores (nil on SQLite).
        var database: PostgresService? = nil
        let close: @Sendable () async -> Void
    }

    static func open(_ backend: Backend) async throws -> Opened {
        let logger = {
            var l = Logger(label: "store-contract")
            l.logLevel = .warning
            return l
        }()
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let opened = try StoreBackend.open(folder.appendingPathComponent("s.sqlite").path, logger: logger)
            return Opened(scenes: opened.scenes, reports: opened.reports) {
                try? FileManager.default.removeItem(at: folder)
            }
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["SUNSPOT_TEST_POSTGRES"] else {
                throw StoreTestError(
                    "SUNSPOT_TEST_POSTGRES is not set: run the tests under Scripts/with-postgres.sh (make test does)")
            }
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await admin(base, logger: logger, "CREATE DATABASE \(name)")
            let url = base.replacingOccurrences(of: #"/[^/]*$"#, with: "/\(name)", options: .regularExpression)
            return try open(url: url, logger: logger) {
                try? await admin(base, logger: logger, "DROP DATABASE \(name) WITH (FORCE)")
            }
        }
    }

    /// The stores on an existing PostgreSQL database (migrated to the current schema as they open).
    static func open(
        url: String, logger: Logger, afterClose: @escaping @Sendable () async -> Void = {}
    ) throws -> Opened {
        let opened = try StoreBackend.open(url, logger: logger)
        let group = ServiceGroup(
            services: opened.services, gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let task = Task { try await group.run() }
        return Opened(scenes: opened.scenes, reports: opened.reports, database: opened.database) {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
            await afterClose()
        }
    }

    /// ``with(_:_:)`` on an existing PostgreSQL database.
    static func with(url: String, _ body: (Opened) async throws -> Void) async throws {
        var logger = Logger(label: "store-contract")
        logger.logLevel = .warning
        let opened = try open(url: url, logger: logger)
        do { try await body(opened) } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    /// One statement on the harness's database, on a client of its own.
    static func admin(_ url: String, logger: Logger, _ sql: String) async throws {
        let client = PostgresClient(configuration: try PostgresService.configuration(url))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            _ = try await client.query(.init(unsafeSQL: sql), logger: logger).collect()
            group.cancelAll()
        }
    }

    static func with(_ backend: Backend, _ body: (Opened) async throws -> Void) async throws {
        let opened = try await open(backend)
        do { try await body(opened) } catch {
            await opened.close()
            throw error
        }
        await opened.close()
    }

    static func refusal(_ work: () async throws -> Void) async -> StoreRefusal? {
        do { try await work() } catch let r as StoreRefusal { return r } catch { return nil }
        return nil
    }

    @Test(arguments: Backend.allCases)
    func savedSceneReadsBackAsRevisionOne(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let body = Data(#"{"name":"A"}"#.utf8)
            let (id, token, revision) = try await s.scenes.create(body: body)
            #expect(revision == 1 && EditToken.isSceneID(id) && token.count == 64)
            let saved = try await s.scenes.read(id: id)
            #expect(saved.body == body && saved.revision == 1 && saved.action == "create" && saved.sceneID == id)
            #expect(try await s.scenes.sceneCount() == 1)
            #expect(try await s.scenes.integrityCheck() == "ok")
        }
    }

    @Test(arguments: Backend.allCases)
    func changeIsSavedOnlyWithTokenAndCurrentRevision(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let (id, token, _) = try await s.scenes.create(body: Data("1".utf8))
            let next = try await s.scenes.update(id: id, token: token, expectedRevision: 1, action: "replace") {
                current, rev in
                #expect(current == Data("1".utf8) && rev == 1)
                return Data("2".utf8)
            }
            #expect(next == 2)
            #expect(
                await Self.refusal {
                    _ = try await s.scenes.update(id: id, token: token, expectedRevision: 1, action: "replace") {
                        _, _ in Data()
                    }
                }
                    == .staleRevision(current: 2))
            #expect(
                await Self.refusal {
                    _ = try await s.scenes.update(
                        id: id, token: String(repeating: "0", count: 64), expectedRevision: 2, action: "replace"
                    ) { _, _ in Data() }
                }
                    == .wrongToken)
            #expect(
                await Self.refusal {
                    _ = try await s.scenes.update(
                        id: EditToken.newSceneID(), token: token, expectedRevision: 2, action: "replace"
                    ) { _, _ in Data() }
                }
                    == .noScene)
            // A refusal from the body builder writes nothing.
            #expect(
                await Self.refusal {
                    _ = try await s.scenes.update(id: id, token: token, expectedRevision: 2, action: "putBuilding") {
                        _, _ in throw StoreRefusal.noRevision(9)
                    }
                }
                    == .noRevision(9))
            let current = try await s.scenes.read(id: id)
            #expect(current.revision == 2 && current.body == Data("2".utf8))
        }
    }

    @Test(arguments: Backend.allCases)
    func concurrentEditorsFromOneRevisionExactlyOneWins(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let (id, token, _) = try await s.scenes.create(body: Data("0".utf8))
            let scenes = s.scenes
            let outcomes = await withTaskGroup(of: Int?.self) { group in
                for i in 0..<20 {
                    group.addTask {
                        try? await scenes.update(id: id, token: token, expectedRevision: 1, action: "replace") { _, _ in
                            Data("\(i)".utf8)
                        }
                    }
                }
                return await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            #expect(outcomes.compactMap { $0 } == [2])
            #expect(try await s.scenes.read(id: id).revision == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func historyListsEveryRevisionAndRestoreCopiesAnOldOne(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let first = Data(#"{"v":1}"#.utf8), second = Data(#"{"v":22}"#.utf8)
            let (id, token, _) = try await s.scenes.create(body: first)
            _ = try await s.scenes.update(id: id, token: token, expectedRevision: 1, action: "replace") { _, _ in second
            }
            #expect(try await s.scenes.restore(id: id, token: token, expectedRevision: 2, from: 1) == 3)
            #expect(try await s.scenes.read(id: id).body == first)
            #expect(try await s.scenes.read(id: id, revision: 2).body == second)
            let (current, entries) = try await s.scenes.history(id: id)
            #expect(current == 3)
            #expect(entries.map(\.revision) == [1, 2, 3])
            #expect(entries.map(\.action) == ["create", "replace", "restore:1"])
            #expect(entries.map(\.bytes) == [first.count, second.count, first.count])
            #expect(
                await Self.refusal {
                    _ = try await s.scenes.restore(id: id, token: token, expectedRevision: 3, from: 7)
                } == .noRevision(7))
            #expect(await Self.refusal { _ = try await s.scenes.read(id: id, revision: 7) } == .noRevision(7))
        }
    }

    @Test(arguments: Backend.allCases)
    func deleteRemovesEveryRevisionUnderTheSameChecks(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let (id, token, _) = try await s.scenes.create(body: Data("x".utf8))
            #expect(
                await Self.refusal { try await s.scenes.delete(id: id, token: token, expectedRevision: 2) }
                    == .staleRevision(current: 1))
            try await s.scenes.delete(id: id, token: token, expectedRevision: 1)
            #expect(await Self.refusal { _ = try await s.scenes.read(id: id) } == .noScene)
            #expect(await Self.refusal { _ = try await s.scenes.read(id: id, revision: 1) } == .noScene)
            #expect(await Self.refusal { _ = try await s.scenes.history(id: id) } == .noScene)
            #expect(try await s.scenes.sceneCount() == 0)
        }
    }

    static func definition(_ n: Int) -> ReportDefinition {
        ReportDefinition(
            listings: (0..<n).map { .init(listing: "L\($0)", scene: "s", building: "1", floor: 1, unit: "east") },
            year: 2026, standard: "gb50180", climateZone: "II", smallCity: false, revisions: ["s": 1])
    }

    @Test(arguments: Backend.allCases)
    func admissionHoldsTheClientQuotaAndTheQueueDepth(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let ids = (0..<4).map { _ in EditToken.randomHex(bytes: 16) }
            #expect(
                try await s.reports.admit(
                    id: ids[0], client: "a", definition: Self.definition(2), perClient: 2, queueDepth: 3) == .accepted)
            #expect(
                try await s.reports.admit(
                    id: ids[1], client: "a", definition: Self.definition(2), perClient: 2, queueDepth: 3) == .accepted)
            #expect(
                try await s.reports.admit(
                    id: ids[2], client: "a", definition: Self.definition(2), perClient: 2, queueDepth: 3)
                    == .clientQuota(limit: 2))
            #expect(
                try await s.reports.admit(
                    id: ids[2], client: "b", definition: Self.definition(2), perClient: 2, queueDepth: 3) == .accepted)
            #expect(
                try await s.reports.admit(
                    id: ids[3], client: "c", definition: Self.definition(2), perClient: 2, queueDepth: 3)
                    == .queueFull(limit: 3))
            #expect(try await s.reports.unfinished() == Array(ids[0..<3]))
            #expect(try await s.reports.definition(id: ids[0]) == Self.definition(2))
            // A finished job no longer counts.
            try await s.reports.transition(id: ids[0], from: [.queued], to: .cancelled)
            #expect(
                try await s.reports.admit(
                    id: ids[3], client: "a", definition: Self.definition(2), perClient: 2, queueDepth: 3) == .accepted)
        }
    }

    @Test(arguments: Backend.allCases)
    func rowsAreRecordedOnceAndReadInInputOrder(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let id = EditToken.randomHex(bytes: 16)
            _ = try await s.reports.admit(
                id: id, client: "a", definition: Self.definition(3), perClient: 9, queueDepth: 9)
            #expect(try await s.reports.transition(id: id, from: [.queued], to: .running))
            #expect(try await !s.reports.transition(id: id, from: [.queued], to: .running))
            try await s.reports.record(
                id: id,
                rows: [
                    ReportRow(seq: 2, listing: "L2", facts: Data("c".utf8)),
                    ReportRow(seq: 0, listing: "L0", facts: Data("a".utf8)),
                ])
            // The same listing twice is refused, and nothing of that batch is stored.
            await #expect(throws: (any Error).self) {
                try await s.reports.record(
                    id: id,
                    rows: [
                        ReportRow(seq: 1, listing: "L1", facts: Data("b".utf8)),
                        ReportRow(seq: 5, listing: "L0", facts: Data("a".utf8)),
                    ])
            }
            try await s.reports.record(id: id, rows: [ReportRow(seq: 1, listing: "L1", facts: Data("b".utf8))])
            #expect(try await s.reports.rows(id: id) == ["a", "b", "c"].map { Data($0.utf8) })
            #expect(try await s.reports.storedListings(id: id) == ["L0", "L1", "L2"])
            #expect(try await s.reports.transition(id: id, from: [.running], to: .done, error: nil))
            let job = try #require(try await s.reports.job(id: id))
            #expect(job.status == .done && job.total == 3 && job.done == 3 && job.error == nil)
            let started = try #require(job.startedAt), finished = try #require(job.finishedAt)
            #expect(job.createdAt <= started && started <= finished)
            #expect(try await s.reports.unfinished().isEmpty)
            #expect(try await s.reports.job(id: EditToken.randomHex(bytes: 16)) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func aFailedJobKeepsItsReason(_ backend: Backend) async throws {
        try await Self.with(backend) { s in
            let id = EditToken.randomHex(bytes: 16)
            _ = try await s.reports.admit(
                id: id, client: "a", definition: Self.definition(1), perClient: 9, queueDepth: 9)
            #expect(
                try await s.reports.transition(id: id, from: [.queued, .running], to: .failed, error: "scene gone"))
            let job = try #require(try await s.reports.job(id: id))
            #expect(job.status == .failed && job.error == "scene gone" && job.startedAt == nil && job.finishedAt != nil)
        }
    }
}

struct StoreTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
