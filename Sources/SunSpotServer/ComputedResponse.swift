import Crypto
import Foundation
import Hummingbird
import NIOCore
import Scene
import SunSpotIO

/// The daemon's one path for computed bodies (flat tables, pictures): budget → compute
/// queue → cache → metrics → ETag response, written once and used by every computed route.
///
/// A client whose If-None-Match already names the body's ETag gets 304 without any work;
/// otherwise the body comes from the ``ResponseCache`` or, on a miss, from `compute` run
/// on the bounded ``ComputeQueue`` — in the lane its estimate picks, under a deadline
/// counted from the request's arrival (identical requests in flight share that one
/// computation) — and the time it took is recorded per route.
struct ComputedResponse: Sendable {
    let queue: ComputeQueue
    let cache: ResponseCache
    let deadline: Duration
    let budget: ComputeBudget
    /// Decoded scene revisions, shared by every computed route.
    let scenes: DecodedScenes

    init(queue: ComputeQueue, cache: ResponseCache, scenes: DecodedScenes, configuration: ServerConfiguration) {
        self.queue = queue
        self.cache = cache
        self.scenes = scenes
        deadline = .milliseconds(Int(configuration.computeDeadlineSeconds * 1000))
        budget = ComputeBudget(seconds: configuration.computeBudgetSeconds)
    }

    /// - Parameters:
    ///   - route: the metrics label (`sunlight`, `shadow`, …).
    ///   - key: everything the body depends on (scene id, revision, parameters); the ETag is its hash.
    ///   - sceneRevision: sent as `Scene-Revision` for scene-derived bodies (the body does not say).
    ///   - estimate: seconds of one core the computation is estimated to need (already
    ///     checked against the budget by the route); picks the lane.
    ///   - compute: the body's bytes; runs on a compute slot, so it may be slow, but must be
    ///     pure, and it should stop early when its task is cancelled (its answer is then discarded).
    func respond(
        to request: Request, context: ServerContext, route: String, key: String, contentType: String,
        sceneRevision: Int? = nil, estimate: Double = 0,
        compute: @escaping @Sendable () async throws -> [UInt8]
    ) async throws -> Response {
        var extra: HTTPFields = [:]
        if let sceneRevision { extra[.sceneRevision] = String(sceneRevision) }
        if Self.clientHas(key: key, request: request) {
            return Self.notModified(key: key, contentType: contentType, cacheControl: "no-cache", extra: extra)
        }
        let lane = budget.lane(estimate)
        let (client, due) = (context.clientAddress, context.arrival + deadline)
        let compute: @Sendable () async throws -> (body: [UInt8], hit: Bool) = { [cache, queue] in
            try await cache.value(for: key) {
                let started = ContinuousClock.now
                let body = try await queue.run(lane: lane, client: client, deadline: due) {
                    let body = try await compute()
                    // An engine loop that saw the cancellation returned early: its result is incomplete.
                    try Task.checkCancellation()
                    return body
                }
                let elapsed = ContinuousClock.now - started
                ServerMetrics.recordCompute(
                    route: route,
                    seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                return body
            }
        }
        let (body, hit) = try await lane == .heavy ? Self.abandonable(context, compute) : compute()
        ServerMetrics.recordCache(hit: hit)
        var response = Self.make(
            body: body, key: key, contentType: contentType, cacheControl: "no-cache", request: request)
        response.headers.append(contentsOf: extra)
        return response
    }

    /// What a computation will cost, worked out before it starts (``ComputeBudget``): `plan`
    /// reads the decoded scene and estimates, on the light lane (never on the threads that
    /// serve requests); nil when the body for `key` is cached or the client holds it already.
    /// `plan` throws the 422 naming what to change when the estimate is over the budget.
    func plan<T: Sendable>(
        key: String, request: Request, context: ServerContext, saved: SceneRevision,
        _ plan: @escaping @Sendable (Scene, SystemTimeZone) throws -> T
    ) async throws -> T? {
        guard !isAnswered(key: key, request: request) else { return nil }
        return try await queue.run(lane: .light, client: context.clientAddress, deadline: context.arrival + deadline) {
            [scenes] in
            let (scene, zone) = try scenes.load(saved)
            return try plan(scene, zone)
        }
    }

    /// Runs `work` so that it is cancelled when the request's connection closes: a heavy
    /// computation nobody waits for any more stops (with the response cache's other waiters,
    /// if any, it goes on). Hummingbird does not cancel a handler whose client went away, so
    /// the connection's close is watched; only heavy requests register (a callback each, kept
    /// until the connection closes), light ones end within 50 ms anyway.
    static func abandonable<T: Sendable>(
        _ context: ServerContext, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let task = Task { try await work() }
        context.connectionClosed.whenComplete { _ in task.cancel() }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// Whether `key`'s body is cached or the client already holds it: no work, no estimate needed.
    func isAnswered(key: String, request: Request) -> Bool {
        cache.contains(key) || Self.clientHas(key: key, request: request)
    }

    /// - Parameters:
    ///   - key: everything the body depends on; the ETag is its hash.
    ///   - cacheControl: `no-cache` for scene-derived bodies (the URL's revision moves), a
    ///     max-age for pure functions of the query (`/v1/sun`, `/v1/terms`).
    static func make(
        body: [UInt8], key: String, contentType: String, cacheControl: String, request: Request
    ) -> Response {
        // One hash per response: the tag both answers If-None-Match and goes out as ETag.
        let tag = etag(key)
        if clientHas(etag: tag, request: request) {
            return notModified(etag: tag, contentType: contentType, cacheControl: cacheControl)
        }
        let headers: HTTPFields = [.contentType: contentType, .eTag: tag, .cacheControl: cacheControl]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func notModified(
        key: String, contentType: String, cacheControl: String, extra: HTTPFields = [:]
    )
        -> Response
    {
        notModified(etag: etag(key), contentType: contentType, cacheControl: cacheControl, extra: extra)
    }

    static func notModified(
        etag: String, contentType: String, cacheControl: String, extra: HTTPFields = [:]
    )
        -> Response
    {
        var headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: cacheControl]
        headers.append(contentsOf: extra)
        return Response(status: .notModified, headers: headers)
    }

    /// Whether the request's If-None-Match names this key's ETag (or `*`): the client's copy
    /// is current, so an expensive body need not even be computed.
    static func clientHas(key: String, request: Request) -> Bool {
        // Most requests carry no If-None-Match: no hash for them here.
        guard request.headers[.ifNoneMatch] != nil else { return false }
        return clientHas(etag: etag(key), request: request)
    }

    /// Whether the request's If-None-Match names `etag` (or `*`).
    static func clientHas(etag: String, request: Request) -> Bool {
        guard let match = request.headers[.ifNoneMatch] else { return false }
        return match.split(separator: ",").contains {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }
    }

    /// A strong ETag: 128 bits of SHA-256 of the cache key.
    static func etag(_ key: String) -> String {
        var key = key
        let digest = key.withUTF8 { SHA256.hash(data: UnsafeRawBufferPointer($0)) }
        return digest.withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 34) { text in
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                text[0] = UInt8(ascii: "\"")
                for i in 0..<16 {
                    text[1 + 2 * i] = digits[Int(bytes[i] >> 4)]
                    text[2 + 2 * i] = digits[Int(bytes[i] & 0xF)]
                }
                text[33] = UInt8(ascii: "\"")
                return 34
            }
        }
    }
}
