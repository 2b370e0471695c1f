internal import CProj
import Synchronization

/// Transforms coordinates from one CRS to another through PROJ.
///
/// Both CRSs are given as PROJ understands them (`EPSG:4547`, a WKT string, or a
/// PROJ string with `+type=crs`). Axes are normalised for visualisation, so points
/// go in and come out as (easting|longitude, northing|latitude) whatever the
/// authority's order: without this, EPSG:4326 would expect latitude first.
///
/// PROJ objects are not thread-safe, so each projector owns its own `PJ_CONTEXT`
/// and serialises its calls behind a mutex; create one per task for parallel work.
public final class Projector: Sendable {
    /// The CRS text points come from, as given.
    public let source: String
    /// The CRS text points go to, as given.
    public let target: String
    private let state: Mutex<Handles>

    /// The C handles, owned by the projector and destroyed with it.
    private struct Handles: ~Copyable {
        let context: OpaquePointer
        let transformation: OpaquePointer
        deinit {
            proj_destroy(transformation)
            proj_context_destroy(context)
        }
    }

    /// Builds the transformation, or says which CRS is wrong and why.
    public init(from source: String, to target: String) throws(ProjectionError) {
        guard let context = proj_context_create() else {
            throw .noTransformation(source: source, target: target, reason: "PROJ could not create a context")
        }
        // PROJ logs errors to stderr by default; the caller reports them in one line instead.
        proj_log_level(context, PJ_LOG_NONE)
        do {
            try Self.checkCRS(source, context: context)
            try Self.checkCRS(target, context: context)
        } catch {
            proj_context_destroy(context)
            throw error
        }
        guard let raw = proj_create_crs_to_crs(context, source, target, nil) else {
            let reason = Self.lastError(context)
            proj_context_destroy(context)
            throw .noTransformation(source: source, target: target, reason: reason)
        }
        let normalized = proj_normalize_for_visualization(context, raw)
        proj_destroy(raw)
        guard let normalized else {
            let reason = Self.lastError(context)
            proj_context_destroy(context)
            throw .noTransformation(source: source, target: target, reason: reason)
        }
        self.source = source
        self.target = target
        self.state = Mutex(Handles(context: context, transformation: normalized))
    }

    /// Transforms every point; throws on the first one PROJ cannot transform.
    public func transform(_ points: [Coordinate]) throws(ProjectionError) -> [Coordinate] {
        let source = self.source
        let result: Result<[Coordinate], ProjectionError> = state.withLock { handles in
            var coords = points.map { proj_coord($0.x, $0.y, 0, 0) }
            proj_errno_reset(handles.transformation)
            // 0 when every point transformed, else the error code of the failures.
            let status = coords.withUnsafeMutableBufferPointer { buffer in
                proj_trans_array(handles.transformation, PJ_FWD, buffer.count, buffer.baseAddress)
            }
            var out: [Coordinate] = []
            out.reserveCapacity(points.count)
            for (i, c) in coords.enumerated() {
                // PROJ marks a failed point with HUGE_VAL; NaN input comes back as NaN.
                guard c.xy.x.isFinite, c.xy.y.isFinite else {
                    let reason = status != 0 ? Self.errorText(handles.context, status) : "not a finite coordinate"
                    return .failure(.pointFailed(index: i, point: points[i], crs: source, reason: reason))
                }
                out.append(Coordinate(c.xy.x, c.xy.y))
            }
            return .success(out)
        }
        return try result.get()
    }

    /// Transforms one point.
    public func transform(_ point: Coordinate) throws(ProjectionError) -> Coordinate {
        try transform([point])[0]
    }

    private static func checkCRS(_ text: String, context: OpaquePointer) throws(ProjectionError) {
        guard let object = proj_create(context, text) else {
            // PROJ 9 reports a code missing from proj.db only as its generic PROJ_ERR_OTHER.
            let code = proj_context_errno(context)
            let reason =
                code == 0 || code == PROJ_ERR_OTHER
                ? "not in its database and not a valid definition" : errorText(context, code)
            throw .unknownCRS(crs: text, reason: reason)
        }
        defer { proj_destroy(object) }
        guard proj_is_crs(object) != 0 else { throw .notACRS(crs: text) }
    }

    private static func lastError(_ context: OpaquePointer) -> String {
        let code = proj_context_errno(context)
        return code == 0 ? "unknown error" : errorText(context, code)
    }

    private static func errorText(_ context: OpaquePointer, _ code: Int32) -> String {
        guard let text = proj_context_errno_string(context, code) else { return "PROJ error \(code)" }
        return String(cString: text)
    }
}
