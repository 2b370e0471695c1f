import Foundation

/// One saved revision of a scene document.
public struct SceneRevision: Sendable, Equatable {
    public var sceneID: String
    public var revision: Int
    /// The scene document's JSON, as accepted.
    public var body: Data
    /// What made this revision: `create`, `replace`, `putBuilding`, `deleteBuilding` or `restore`.
    public var action: String
    public var createdAt: Date
}

/// One line of a scene's history (no body).
public struct SceneHistoryEntry: Sendable, Equatable {
    public var revision: Int
    public var action: String
    public var createdAt: Date
    public var bytes: Int
}

/// A change to a scene was refused by the store; the controller turns it into a 4xx.
enum StoreRefusal: Error, Equatable {
    case noScene
    case noRevision(Int)
    case wrongToken
    case staleRevision(current: Int)
}

/// Where saved scenes live, in the words of the service: every revision is kept, and a
/// change is saved only under the scene's edit token and only if the editor saw the
/// current revision (DESIGN.md "HTTP API contract"). Two backends answer it the same way:
/// ``SQLiteSceneStore`` (the embedded default) and ``PostgresSceneStore`` (several
/// replicas on one database), so any replica answers any request (issue 12).
public protocol SceneStore: Sendable {
    /// Saves a new scene as revision 1 under a fresh id and token; returns both (the
    /// token is never stored in clear, so this is the only time it can be read).
    func create(body: Data) async throws -> (id: String, token: String, revision: Int)

    /// The current revision (or a given one) of a scene.
    func read(id: String, revision: Int?) async throws -> SceneRevision

    /// Every revision of a scene, oldest first, without bodies.
    func history(id: String) async throws -> (current: Int, revisions: [SceneHistoryEntry])

    /// Saves the next revision if `token` is the scene's and `expectedRevision` is still its
    /// current revision. The checks and the write are one transaction, so two editors (on
    /// any replicas) can never both succeed from the same revision.
    ///
    /// - Parameter makeBody: builds the new document from the current one (building-level
    ///   edits); it may throw to refuse the change, and then nothing is written.
    func update(
        id: String, token: String, expectedRevision: Int, action: String,
        makeBody: @escaping @Sendable (_ current: Data, _ currentRevision: Int) throws -> Data
    ) async throws -> Int

    /// Deletes a scene and all its revisions, under the same token and revision checks.
    func delete(id: String, token: String, expectedRevision: Int) async throws

    /// Number of scenes (health and metrics).
    func sceneCount() async throws -> Int

    /// The backend's own consistency check: `ok` when healthy (SQLite's integrity check,
    /// a round trip to PostgreSQL).
    func integrityCheck() async throws -> String
}

extension SceneStore {
    func read(id: String) async throws -> SceneRevision { try await read(id: id, revision: nil) }

    /// Saves an old revision's document as the next revision. Stored revisions never
    /// change, so the old body is read first; the token and revision checks still come
    /// first in the answer (a missing revision is reported only to the token's holder).
    func restore(id: String, token: String, expectedRevision: Int, from old: Int) async throws -> Int {
        let body: Data? = try? await read(id: id, revision: old).body
        return try await update(id: id, token: token, expectedRevision: expectedRevision, action: "restore:\(old)") {
            _, _ in
            guard let body else { throw StoreRefusal.noRevision(old) }
            return body
        }
    }
}
