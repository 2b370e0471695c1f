internal import CCairo
import Foundation
import SunSpotIO
import SunSpotResults

/// A multi-page PDF written page by page to a file (cairo's PDF surface, one
/// `cairo_show_page` per page), for reports of hundreds or thousands of pages.
///
/// Pages stream into a temporary file beside the output; ``commit()`` finishes the document
/// and renames it over the output, ``discard()`` removes it. So a failed or interrupted run
/// never leaves a half-written PDF behind. Pages can be drawn here directly
/// (``addPage(_:)``) or recorded on other threads (``RecordedPage``) and replayed here
/// in order (``add(_:)``): cairo contexts are per thread, the document is one writer.
public final class PDFDocument: @unchecked Sendable {  // one writer: used by one task at a time
    public let path: String
    /// Page size in points (A4 portrait: 595 × 842).
    public let widthPoints: Double
    public let heightPoints: Double
    public let language: Language
    public private(set) var pageCount = 0
    let temporaryPath: String
    let fontFamily: String
    private var surface: OpaquePointer?
    private var cr: OpaquePointer?

    public static let a4 = (width: 595.0, height: 842.0)

    /// Opens the temporary file; nothing appears at `path` before ``commit()``.
    ///
    /// - Throws: ``RenderError/write(path:reason:)`` when the directory is missing or not writable,
    ///   ``RenderError/noCJKFont(tried:)`` for Chinese without a CJK font.
    public init(
        path: String, widthPoints: Double = PDFDocument.a4.width, heightPoints: Double = PDFDocument.a4.height,
        language: Language
    ) throws(RenderError) {
        self.path = path
        self.widthPoints = widthPoints
        self.heightPoints = heightPoints
        self.language = language
        fontFamily = try FontCatalog.labelFamily(for: language)
        let directory = (path as NSString).deletingLastPathComponent
        let dir = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RenderError.write(path: path, reason: "directory \(dir) does not exist")
        }
        temporaryPath = (dir as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).partial-\(getpid())")
        // cairo opens the file lazily and reports failures only on finish, so check writability now.
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
            throw RenderError.write(path: path, reason: "directory \(dir) is not writable")
        }
        guard let s = cairo_pdf_surface_create(temporaryPath, widthPoints, heightPoints),
            cairo_surface_status(s) == CAIRO_STATUS_SUCCESS, let c = cairo_create(s)
        else {
            unlink(temporaryPath)
            throw RenderError.cairo("cannot create a PDF surface for \(temporaryPath)")
        }
        surface = s
        cr = c
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "SunSpot \(SunSpotVersion.current)")
    }

    deinit { discard() }

    /// Sets the document's title (shown by PDF viewers).
    public func setTitle(_ title: String) {
        guard let surface else { return }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
    }

    /// Draws one page directly and ends it.
    public func addPage(_ draw: (Canvas) -> Void) throws(RenderError) {
        guard let cr else { throw RenderError.cairo("the PDF was already finished") }
        cairo_save(cr)
        let canvas = Canvas(cr: cr, width: widthPoints, height: heightPoints, fontFamily: fontFamily)
        canvas.rectangle(Point(0, 0), width: widthPoints, height: heightPoints, fill: Palette.background)
        draw(canvas)
        cairo_restore(cr)
        try endPage()
    }

    /// Replays a page recorded elsewhere (its vector drawing and text, not pixels) and ends it.
    public func add(_ page: RecordedPage) throws(RenderError) {
        guard let cr else { throw RenderError.cairo("the PDF was already finished") }
        cairo_save(cr)
        cairo_set_source_surface(cr, page.surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
        try endPage()
    }

    private func endPage() throws(RenderError) {
        guard let cr else { return }
        cairo_show_page(cr)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
        }
        pageCount += 1
    }

    /// Finishes the document and moves it to ``path`` (atomically: a rename in the same directory).
    public func commit() throws(RenderError) {
        guard let surface, let cr else { throw RenderError.cairo("the PDF was already finished") }
        cairo_destroy(cr)
        self.cr = nil
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        self.surface = nil
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temporaryPath)
            throw RenderError.write(path: path, reason: String(cString: cairo_status_to_string(status)))
        }
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw RenderError.write(path: path, reason: reason)
        }
    }

    /// Drops the document: the temporary file is removed and nothing is written at ``path``.
    public func discard() {
        if let cr { cairo_destroy(cr) }
        if let surface {
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
            unlink(temporaryPath)
        }
        cr = nil
        surface = nil
    }
}

/// One page drawn into a cairo recording surface: the drawing commands kept as vectors, so
/// pages can be drawn on worker threads and replayed into a ``PDFDocument`` in order.
public final class RecordedPage: @unchecked Sendable {  // the surface is touched by one thread at a time
    let surface: OpaquePointer

    /// Records `draw` on a page of this size, with the labels' font for `language`.
    public init(
        widthPoints: Double = PDFDocument.a4.width, heightPoints: Double = PDFDocument.a4.height,
        language: Language, draw: (Canvas) -> Void
    ) throws(RenderError) {
        let family = try FontCatalog.labelFamily(for: language)
        var extents = cairo_rectangle_t(x: 0, y: 0, width: widthPoints, height: heightPoints)
        guard let s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents) else {
            throw RenderError.cairo("cannot create a recording surface")
        }
        guard let cr = cairo_create(s) else {
            cairo_surface_destroy(s)
            throw RenderError.cairo("cannot create a drawing context")
        }
        let canvas = Canvas(cr: cr, width: widthPoints, height: heightPoints, fontFamily: family)
        canvas.rectangle(Point(0, 0), width: widthPoints, height: heightPoints, fill: Palette.background)
        draw(canvas)
        let status = cairo_status(cr)
        cairo_destroy(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
        }
        surface = s
    }

    deinit { cairo_surface_destroy(surface) }
}

extension Canvas {
    /// Draws `picture` (at its own logical size and label scale) into a rectangle of this
    /// canvas, scaled to fit `width` and clipped to its box: the picture's own drawing code,
    /// unchanged, on a translated and scaled context.
    ///
    /// - Returns: the height the picture occupies.
    @discardableResult
    public func place(_ picture: Picture, at origin: Point, width: Double) -> Double {
        let k = width / Double(picture.options.width)
        let height = Double(picture.options.height) * k
        cairo_save(cr)
        cairo_translate(cr, origin.x, origin.y)
        cairo_scale(cr, k, k)
        cairo_new_path(cr)
        cairo_rectangle(cr, 0, 0, Double(picture.options.width), Double(picture.options.height))
        cairo_clip(cr)
        let inner = Canvas(
            cr: cr, width: Double(picture.options.width), height: Double(picture.options.height),
            fontFamily: fontFamily)
        inner.rectangle(Point(0, 0), width: inner.width, height: inner.height, fill: Palette.background)
        picture.draw(inner)
        cairo_restore(cr)
        return height
    }
}
