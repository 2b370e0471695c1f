import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore

/// Makes every failure an `{"error":{…}}` body with the right status (DESIGN.md: a 5xx
/// is always a bug), turns a route-less method into 405, and records request metrics.
///
/// It is the outermost middleware, so it also sees Hummingbird's own errors (404 for an
/// unknown path, 413 from a body over the cap) and anything unexpected (logged, 500).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let routes: RouteTable

    func handle(
        _ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response
    )
        async throws -> Response
    {
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
            if response.status == .notFound, context.endpointPath == nil || context.endpointPath == "NotFound" {
                response = try notFound(request).response(from: request, context: context)
            }
        } catch {
            response = try apiError(for: error, request: request, context: context).response(
                from: request, context: context)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        ServerMetrics.recordRequest(
            route: route, method: request.method.rawValue, status: response.status.code,
            seconds: seconds)
        return response
    }

    func apiError(for error: any Error, request: Request, context: ServerContext) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError where error.status == .notFound:
            return notFound(request)
        case let error as HTTPError:
            return APIError(
                error.status, code: Self.code(for: error.status),
                message: error.body ?? error.status.reasonPhrase)
        case let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode):
            // Another process held the database past the busy timeout: nothing was written.
            return .unavailable(
                "the database is busy; nothing was changed, try again", code: "database_busy",
                retryAfterSeconds: 1)
        case let error where PostgresUnavailable.matches(error):
            context.logger.warning("database unavailable", metadata: ["error": "\(String(reflecting: error))"])
            return .unavailable(
                "the database is unavailable; nothing was changed, try again", code: "database_unavailable",
                retryAfterSeconds: 1)
        case is NIOTooManyBytesError:
            return APIError(
                .contentTooLarge, code: "body_too_large", message: "the request body is larger than the server accepts")
        case let error as any HTTPResponseError where error.status.code < 500:
            return APIError(error.status, code: Self.code(for: error.status), message: error.status.reasonPhrase)
        default:
            context.logger.error(
                "unexpected error",
                metadata: [
                    "error": "\(String(reflecting: error))",
                    "path": "\(request.uri.path)",
                ])
            return APIError(
                .internalServerError, code: "internal", message: "the server failed to answer; this is a bug")
        }
    }

    /// 405 when the path exists with other methods, else 404.
    func notFound(_ request: Request) -> APIError {
        if let allowed = routes.allowedMethods(for: request.uri.path), !allowed.contains(request.method.rawValue) {
            let list = allowed.sorted().joined(separator: ", ")
            return APIError(
                .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.method.rawValue) is not allowed on \(request.uri.path) (allowed: \(list))",
                headers: [.allow: list])
        }
        return .notFound("no such resource: \(request.uri.path)")
    }

    static func code(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: return "bad_request"
        case 404: return "not_found"
        case 405: return "method_not_allowed"
        case 408: return "request_timeout"
        case 413: return "body_too_large"
        case 415: return "unsupported_media_type"
        case 429: return "rate_limited"
        default: return "http_\(status.code)"
        }
    }
}
