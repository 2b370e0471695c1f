import Foundation
import Hummingbird
import NIOCore
import Scene
import SolarCore
import SunSpotIO
import SunSpotReports
import SunSpotResults

/// `/v1/reports…`: batch reports for listing websites as background jobs (issue 7).
///
/// A job is validated completely before it is stored (every bad row → one 422), pins the
/// current revision of each scene it names, and runs in ``ReportJobs`` off the request
/// path. Its rows are ``ListingFacts`` from SunSpotResults' ``BatchReport`` and its documents
/// are ``ReportDocument``'s, so the daemon and `sunspot report` give identical numbers.
/// Job ids are 128 random bits: knowing one is what grants reading or cancelling the job.
struct ReportsController: Sendable {
    let store: any ReportStore
    let scenes: any SceneStore
    let jobs: any ReportRunner
    let configuration: ServerConfiguration

    func register(on api: inout APIRouter) {
        api.on("/v1/reports", .post, create)
        api.on("/v1/reports/:id", .get, status)
        api.on("/v1/reports/:id", .delete, cancel)
        api.on("/v1/reports/:id/report.csv", .get, csv)
        api.on("/v1/reports/:id/report.json", .get, document)
        api.on("/v1/reports/:id/report.pdf", .get, pdf)
    }

    @Sendable func create(_ request: Request, context: ServerContext) async throws -> Response {
        let timeout = Duration.milliseconds(Int(configuration.bodyTimeoutSeconds * 1000))
        var report: ReportRequest
        switch request.mediaType {
        case "application/json":
            report = try ReportRequest.parseJSON(
                try await request.boundedBody(
                    maxBytes: configuration.maxReportBodyBytes,
                    timeout: timeout))
        case "text/csv":
            let year = try request.year(default: 2026)
            let standard = try request.query("standard") ?? "gb50180"
            let climateZone = try request.query("climateZone") ?? "II"
            let smallCity = try request.bool("smallCity")
            let pdf = try ReportRequest.languages(try request.query("pdf") ?? "", path: "pdf")
            do {
                _ = try ProfileChoice.resolve(standard, climateZone: climateZone, smallCity: smallCity)
            } catch {
                throw APIError.badRequest(
                    error.message, path: error.field == "climate-zone" ? "climateZone" : error.field)
            }
            let body = try await request.boundedBody(maxBytes: configuration.maxReportBodyBytes, timeout: timeout)
            report = try ReportRequest.parseCSV(
                body, year: year, standard: standard, climateZone: climateZone,
                smallCity: smallCity)
            report.pdf = pdf
        default:
            throw APIError(
                .unsupportedMediaType, code: "unsupported_media_type",
                message: "send the listings as application/json or text/csv", path: "Content-Type")
        }
        let definition = try await resolve(&report)
        let id = EditToken.randomHex(bytes: 16)
        let admission = try await store.admit(
            id: id, client: context.clientAddress, definition: definition,
            perClient: configuration.reportJobsPerClient,
            queueDepth: configuration.reportQueueDepth)
        switch admission {
        case .accepted: break
        case .clientQuota(let limit):
            throw APIError(
                .tooManyRequests, code: "report_quota",
                message: "this client already has \(limit) report job(s) queued or running; wait for one to finish",
                headers: [.retryAfter: "10"])
        case .queueFull(let limit):
            throw APIError.unavailable(
                "the report queue is full (\(limit) jobs queued or running); try again later",
                code: "report_queue_full", retryAfterSeconds: 30)
        }
        for language in report.pdf { try await store.requestPDF(id: id, language: language) }
        jobs.enqueue(id)
        context.logger.info("report queued", metadata: ["report": "\(id)", "listings": "\(definition.listings.count)"])
        return try json(
            ["id": id, "status": ReportStatus.queued.rawValue], status: .accepted,
            headers: [.location: "/v1/reports/\(id)"])
    }

    /// Looks up every scene the request names (its current revision, pinned for the job)
    /// and checks every flat against it; all problems together make one 422.
    func resolve(_ report: inout ReportRequest) async throws -> ReportDefinition {
        var issues = report.issues
        var loaded: [String: (revision: Int, scene: Scene)] = [:]
        var missing: [String: String] = [:]
        func load(_ id: String) async throws {
            guard loaded[id] == nil, missing[id] == nil else { return }
            guard EditToken.isSceneID(id) else {
                missing[id] = "'\(id.prefix(80))' is not a scene id (32 lowercase hex digits)"
                return
            }
            do {
                let saved = try await scenes.read(id: id)
                loaded[id] = (saved.revision, try SceneLoader.load(saved.body))
            } catch StoreRefusal.noScene {
                missing[id] = "no saved scene '\(id)'"
            }
        }
        if let whole = report.wholeScene {
            try await load(whole)
            if let message = missing[whole] {
                throw ReportRequest.refusal(issues + [.init(path: "scene", message: message)])
            }
            let scene = loaded[whole]!.scene
            let flats = scene.allFlats
            if flats.isEmpty { issues.append(.init(path: "scene", message: "the scene has no flats")) }
            report.listings = flats.map { f in
                (
                    ReportDefinition.Listing(
                        listing: f.description, scene: whole, building: f.building, floor: f.floor,
                        unit: f.unit), "scene"
                )
            }
        }
        for (l, path) in report.listings {
            try await load(l.scene)
            if let message = missing[l.scene] {
                issues.append(.init(path: "\(path)\(path.hasPrefix("line") ? "" : ".scene")", message: message))
                continue
            }
            do throws(SceneIssue) {
                _ = try loaded[l.scene]!.scene.locate(FlatAddress(building: l.building, floor: l.floor, unit: l.unit))
            } catch {
                let field = ["building", "floor", "unit"].contains(error.path) ? error.path : "building"
                issues.append(.init(path: path.hasPrefix("line") ? path : "\(path).\(field)", message: error.message))
            }
        }
        if !issues.isEmpty { throw ReportRequest.refusal(issues.sorted(by: ReportRequest.Issue.inRequestOrder)) }
        return ReportDefinition(
            listings: report.listings.map(\.listing), year: report.year, standard: report.standard,
            climateZone: report.climateZone, smallCity: report.smallCity,
            revisions: loaded.mapValues(\.revision))
    }

    @Sendable func status(_ request: Request, context: ServerContext) async throws -> Response {
        let job = try await self.job(context)
        var body: [String: any Sendable] = [
            "id": job.id, "status": job.status.rawValue, "total": job.total, "done": job.done,
            "createdAt": Self.timestamp(job.createdAt),
        ]
        if let started = job.startedAt { body["startedAt"] = Self.timestamp(started) }
        if let finished = job.finishedAt { body["finishedAt"] = Self.timestamp(finished) }
        if let error = job.error { body["error"] = error }
        let pdf = try await pdfSummary(job)
        if !pdf.isEmpty { body["pdf"] = pdf }
        if job.status == .done || job.status == .cancelled {
            body["links"] = [
                "csv": "/v1/reports/\(job.id)/report.csv", "json": "/v1/reports/\(job.id)/report.json",
                "pdf": "/v1/reports/\(job.id)/report.pdf",
            ]
        }
        return try json(body)
    }

    @Sendable func cancel(_ request: Request, context: ServerContext) async throws -> Response {
        let job = try await self.job(context)
        switch try await jobs.cancel(job.id) {
        case .cancelled, .unknown:
            return try await status(request, context: context)
        case .alreadyFinal:
            throw APIError(
                .conflict, code: "report_finished",
                message: "the report is already \(job.status.rawValue); there is nothing to cancel", path: "id")
        }
    }

    @Sendable func csv(_ request: Request, context: ServerContext) async throws -> Response {
        let rows = try await finishedRows(context)
        return Self.text(ReportDocument.csv(rows), type: "text/csv; charset=utf-8")
    }

    @Sendable func document(_ request: Request, context: ServerContext) async throws -> Response {
        let rows = try await finishedRows(context)
        return Self.text(ReportDocument.json(rows), type: "application/json; charset=utf-8")
    }

    /// The rows of a done (or cancelled: its complete rows so far) job, in input order.
    func finishedRows(_ context: ServerContext) async throws -> [ListingFacts] {
        let job = try await self.job(context)
        try Self.requireFinished(job)
        let decoder = JSONDecoder()
        return try await store.rows(id: job.id).map { try decoder.decode(ListingFacts.self, from: $0) }
    }

    /// Results are served for a done job, or a cancelled one (its complete rows); 409 before.
    static func requireFinished(_ job: ReportJob) throws {
        guard job.status == .done || job.status == .cancelled else {
            throw APIError(
                .conflict, code: "report_not_ready",
                message: "the report is \(job.status.rawValue) (\(job.done) of \(job.total) rows)"
                    + (job.error.map { ": \($0)" } ?? "") + "; results are served when it is done or cancelled",
                path: "id")
        }
    }

    func job(_ context: ServerContext) async throws -> ReportJob {
        let id = try ScenesController.parameter(context, "id")
        guard EditToken.isSceneID(id) else {
            throw APIError.notFound("'\(id.prefix(80))' is not a report id (32 lowercase hex digits)", path: "id")
        }
        guard let job = try await store.job(id: id) else {
            throw APIError.notFound("no report with this id", path: "id")
        }
        return job
    }

    static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }

    static func text(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
