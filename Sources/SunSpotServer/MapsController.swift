import Foundation
import Hummingbird
import Render
import Scene
import SolarCore
import SunSpotIO

/// `GET /v1/scenes/{id}/shadow.png`, `/heatmap.png`, `/sunpath.png`: the pictures of
/// `sunspot shadow|heatmap|sunpath`, drawn by the same Render functions
/// (``ShadowMap``, ``SunHoursMap``, ``SunPathDiagram``), on the bounded compute queue
/// under its deadline, cached per scene revision and parameters.
struct MapsController: Sendable {
    let store: any SceneStore
    let computed: ComputedResponse

    /// Largest picture side served (the CLI allows more; a PNG of 3000² is ~36 MB of pixels to draw).
    static let maximumSide = 3000

    func register(on api: inout APIRouter) {
        api.on("/v1/scenes/:id/shadow.png", .get, shadow)
        api.on("/v1/scenes/:id/heatmap.png", .get, heatmap)
        api.on("/v1/scenes/:id/sunpath.png", .get, sunpath)
    }

    /// What every picture request shares: the saved scene, the drawing options, the profile.
    struct Common: Sendable {
        var id: String
        var saved: SceneRevision
        var options: PictureOptions
        var profile: RuleProfile
        var standard: String
        var keyPrefix: String {
            "\(id)|\(saved.revision)|\(options.width)x\(options.height)@\(options.scale)|\(options.language.rawValue)|\(standard)"
        }
    }

    func common(_ request: Request, _ context: ServerContext) async throws -> Common {
        let id = try ScenesController.sceneID(context)
        let sizeText = try request.query("size") ?? "1080x1080"
        guard let size = PictureOptions.parseSize(sizeText) else {
            throw APIError.badRequest(
                "must be WxH in pixels, e.g. 1080x1080 (got '\(sizeText.prefix(40))')", path: "size")
        }
        let langText = try request.query("lang") ?? "zh"
        guard let language = Language(rawValue: langText) else {
            throw APIError.badRequest("must be zh or en (got '\(langText.prefix(40))')", path: "lang")
        }
        guard Self.maximumSide >= max(size.width, size.height) else {
            throw APIError.badRequest(
                "each side must be at most \(Self.maximumSide) pixels over HTTP (got \(sizeText))", path: "size")
        }
        let options = PictureOptions(width: size.width, height: size.height, scale: 1, language: language)
        do {
            try options.validate()
        } catch {
            throw APIError.badRequest("\(error)", path: "size")
        }
        let standard = try request.query("standard") ?? "gb50180"
        let profile: RuleProfile
        do {
            profile = try ProfileChoice.resolve(standard)
        } catch {
            throw APIError.badRequest(error.message, path: error.field)
        }
        let revision = try request.query("revision").map { text -> Int in
            guard let n = Int(text), n >= 1 else {
                throw APIError.badRequest("must be a positive integer", path: "revision")
            }
            return n
        }
        let saved = try await ScenesController.mapped { try await store.read(id: id, revision: revision) }
        return Common(id: id, saved: saved, options: options, profile: profile, standard: standard)
    }

    func flat(_ request: Request, name: String) throws -> FlatAddress? {
        guard let text = try request.query(name) else { return nil }
        guard let address = FlatAddress(text) else {
            throw APIError.badRequest(
                "must be building/floor/unit, e.g. 3/5/east (got '\(text.prefix(60))')", path: name)
        }
        return address
    }

    @Sendable func shadow(_ request: Request, context: ServerContext) async throws -> Response {
        let c = try await common(request, context)
        let flat = try flat(request, name: "flat")
        let at = try request.query("at")
        let day = try request.date(required: false)
        guard (at == nil) != (day == nil) else {
            throw APIError.badRequest(
                "give either 'at' (an instant) or 'date' (hourly outlines), not both or neither", path: "at")
        }
        let budget = computed.budget
        let cost: @Sendable (Scene, SystemTimeZone) throws -> Double = { scene, zone in
            let instant = ComputeBudget.shadowSeconds(scene)
            guard let day else {
                guard budget.fits(instant) else {
                    throw budget.refusal(
                        estimate: instant, parameter: "id",
                        advice: "this scene has too many buildings to draw its shadows")
                }
                return instant
            }
            let hours = SunPathTrack(
                label: day.iso8601, site: scene.site, date: day, zone: zone, refraction: c.profile.refractionModel
            ).hourMarks.filter { $0.sky.elevationDegrees >= 5 }.count
            let seconds = instant * Double(max(1, hours))
            guard budget.fits(seconds) else {
                throw budget.refusal(
                    estimate: seconds, parameter: "date",
                    advice: budget.fits(instant)
                        ? "ask for one instant with 'at' instead of the day's \(hours) hourly outlines"
                        : "this scene has too many buildings to draw its shadows")
            }
            return seconds
        }
        return try await picture(
            request, context, c, key: "shadow|\(at ?? "")|\(day?.iso8601 ?? "")|\(flat?.description ?? "")", cost: cost
        ) { scene, zone in
            if let at {
                let instant: Instant
                do {
                    instant = try InstantParsing.parse(at, zone: zone).instant
                } catch {
                    throw APIError.badRequest((error as? InstantParsing.Failure)?.description ?? "\(error)", path: "at")
                }
                let year = zone.civil(instant).date.year
                try Request.parsed { () throws(QueryFailure) in try Parameters.checkYear(year, field: "at") }
                let map = try Self.mapIssue { () throws(SceneIssue) -> ShadowMap in
                    try ShadowMap.instant(
                        scene: scene, zone: zone, profile: c.profile, at: instant, flat: flat,
                        language: c.options.language)
                }
                return map.picture(c.options)
            }
            let map = try Self.mapIssue { () throws(SceneIssue) -> ShadowMap in
                try ShadowMap.hourly(
                    scene: scene, zone: zone, profile: c.profile, date: day!, flat: flat,
                    language: c.options.language)
            }
            return map.picture(c.options)
        }
    }

    @Sendable func heatmap(_ request: Request, context: ServerContext) async throws -> Response {
        let c = try await common(request, context)
        let day = try request.date(required: true)!
        let band = try request.band()
        let spacing = try request.query("spacing").map { text -> Double in
            guard let s = Double(text), s.isFinite, s >= max(GroundGrid.minimumSpacing, 0.5) else {
                throw APIError.badRequest(
                    "must be a number of metres ≥ 0.5 (got '\(text.prefix(40))')", path: "spacing")
            }
            return s
        }
        let key = "heatmap|\(day.iso8601)|\(band.map { "\($0.startSeconds)-\($0.endSeconds)" } ?? "")|\(spacing ?? 0)"
        // Cost known before work: the grid's estimate, on the light lane (it reads the scene
        // and culls a few tiles), unless the picture is already made.
        let budget = computed.budget
        let plan = try await computed.plan(
            key: key + "|" + c.keyPrefix, request: request, context: context, saved: c.saved
        ) { scene, zone in
            let work = try Self.mapIssue { () throws(SceneIssue) -> GroundWorkEstimate in
                try GroundWorkEstimate(
                    scene: scene, on: day, zone: zone, profile: c.profile, band: band, planeHeight: 0)
            }
            return try budget.spacing(requested: spacing, preferred: SunHoursMap.defaultSpacing(for: scene)) {
                work.seconds(SunHoursMap.grid(for: scene, spacingMeters: $0))
            }
        }
        return try await picture(request, context, c, key: key, estimate: plan?.seconds ?? 0) { scene, zone in
            let map = try await Self.mapIssueAsync { () async throws(SceneIssue) -> SunHoursMap in
                try await SunHoursMap.make(
                    scene: scene, zone: zone, profile: c.profile, date: day, band: band,
                    spacingMeters: plan?.spacing ?? spacing, language: c.options.language, workers: 1)
            }
            try Task.checkCancellation()  // the grid stopped early: nothing to draw
            return map.picture(c.options)
        }
    }

    @Sendable func sunpath(_ request: Request, context: ServerContext) async throws -> Response {
        let c = try await common(request, context)
        let window = try flat(request, name: "window")
        let allTerms = try request.bool("allTerms")
        let days: SunPathDays
        if allTerms {
            guard try request.query("date") == nil else {
                throw APIError.badRequest("give either 'date' or 'allTerms=true', not both", path: "date")
            }
            days = .allTerms(year: try request.year(default: 2026))
        } else {
            days = .date(try request.date(required: true)!)
        }
        let projectionText = try request.query("projection") ?? "stereographic"
        guard let projection = SkyProjection.Kind(rawValue: projectionText) else {
            throw APIError.badRequest(
                "must be stereographic or equidistant (got '\(projectionText.prefix(40))')", path: "projection")
        }
        let key = "sunpath|\(days)|\(window?.description ?? "")|\(projection.rawValue)"
        let budget = computed.budget
        return try await picture(
            request, context, c, key: key,
            cost: { scene, _ in
                let seconds = ComputeBudget.edgeSeconds(scene)
                guard window == nil || budget.fits(seconds) else {
                    throw budget.refusal(
                        estimate: seconds, parameter: "window",
                        advice: "a window's skyline among this many buildings is over it; leave out 'window'")
                }
                return window == nil ? 0 : seconds
            }
        ) { scene, zone in
            let diagram = try Self.mapIssue { () throws(SceneIssue) -> SunPathDiagram in
                try SunPathDiagram.make(
                    scene: scene, zone: zone, profile: c.profile, days: days, flat: window,
                    language: c.options.language, projection: projection)
            }
            return diagram.picture(c.options)
        }
    }

    /// Serves the PNG through the one computed-response path (drawn on a compute slot, cached).
    ///
    /// - Parameters:
    ///   - estimate: seconds of one core the picture needs, when the route knows it already.
    ///   - cost: otherwise, the estimate from the scene (run on the light lane unless the picture
    ///     is cached); it throws the 422 that names what to change when over the budget.
    func picture(
        _ request: Request, _ context: ServerContext, _ c: Common, key route: String, estimate: Double? = nil,
        cost: (@Sendable (Scene, SystemTimeZone) throws -> Double)? = nil,
        draw: @escaping @Sendable (Scene, SystemTimeZone) async throws -> Picture
    ) async throws -> Response {
        let (saved, scenes) = (c.saved, computed.scenes)
        let key = route + "|" + c.keyPrefix
        var seconds = estimate ?? 0
        if estimate == nil, let cost {
            seconds = try await computed.plan(key: key, request: request, context: context, saved: saved, cost) ?? 0
        }
        return try await computed.respond(
            to: request, context: context, route: String(route.prefix { $0 != "|" }), key: key,
            contentType: "image/png", sceneRevision: saved.revision, estimate: seconds
        ) {
            let (scene, zone) = try scenes.load(saved)
            let picture = try await draw(scene, zone)
            try Task.checkCancellation()
            do {
                return Array(try picture.data(.png))
            } catch {
                throw APIError(
                    .internalServerError, code: "render_failed", message: "the picture could not be drawn: \(error)")
            }
        }
    }

    /// A flat, unit or window the scene lacks is 404; any other bad parameter 400.
    static func issue(_ issue: SceneIssue) -> APIError {
        let notFound = ["building", "floor", "unit", "window", "flat"].contains(issue.path)
        return APIError(
            notFound ? .notFound : .badRequest, code: notFound ? "no_flat" : "bad_request",
            message: "\(issue.path) \(issue.message)", path: issue.path)
    }

    static func mapIssue<T>(_ body: () throws(SceneIssue) -> T) throws -> T {
        do { return try body() } catch { throw issue(error) }
    }

    static func mapIssueAsync<T>(_ body: () async throws(SceneIssue) -> T) async throws -> T {
        do { return try await body() } catch { throw issue(error) }
    }
}
