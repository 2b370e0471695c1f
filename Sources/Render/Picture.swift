internal import CCairo
import Foundation

/// A picture: a size, a language and a drawing. Rendered in memory to PNG, PDF or SVG
/// bytes (what the daemon serves), or written to a file atomically (what the CLI does).
public struct Picture: Sendable {
    public let options: PictureOptions
    let draw: @Sendable (Canvas) -> Void

    public init(options: PictureOptions, draw: @escaping @Sendable (Canvas) -> Void) {
        self.options = options
        self.draw = draw
    }

    /// The encoded file, entirely in memory.
    public func data(_ format: ImageFormat) throws(RenderError) -> Data {
        try options.validate()
        let sink = ByteSink()
        let w = Double(options.width) * options.scale
        let h = Double(options.height) * options.scale
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        let surface: OpaquePointer?
        switch format {
        case .png: surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w.rounded()), Int32(h.rounded()))
        case .pdf: surface = cairo_pdf_surface_create_for_stream(byteSinkWrite, opaque, w, h)
        case .svg: surface = cairo_svg_surface_create_for_stream(byteSinkWrite, opaque, w, h)
        }
        guard let surface else { throw RenderError.cairo("cannot create a \(format.rawValue) surface") }
        defer { cairo_surface_destroy(surface) }
        try paint(on: surface)
        if format == .png {
            let status = cairo_surface_write_to_png_stream(surface, byteSinkWrite, opaque)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
            }
        } else {
            cairo_surface_finish(surface)  // flushes the PDF/SVG document into the sink
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
            }
        }
        return sink.data
    }

    /// The picture as pixels, for checking what was drawn where.
    public func raster() throws(RenderError) -> RasterImage {
        try options.validate()
        let w = Int32((Double(options.width) * options.scale).rounded())
        let h = Int32((Double(options.height) * options.scale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h) else {
            throw RenderError.cairo("cannot create an image surface")
        }
        defer { cairo_surface_destroy(surface) }
        try paint(on: surface)
        return RasterImage(surface: surface)
    }

    /// Every label the picture draws, with the box it fills (logical units), in drawing order.
    public func labels() throws(RenderError) -> [TextBox] {
        try options.validate()
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(options.width), Int32(options.height))
        else {
            throw RenderError.cairo("cannot create an image surface")
        }
        defer { cairo_surface_destroy(surface) }
        var scaleOne = self.options
        scaleOne.scale = 1
        return try Picture(options: scaleOne, draw: draw).paint(on: surface)
    }

    /// Renders and writes to `path` atomically (a temporary file in the same directory,
    /// then a rename), so an error never leaves a half-written file behind.
    public func write(to path: String, format: ImageFormat) throws(RenderError) {
        let bytes = try data(format)
        do {
            try bytes.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RenderError.write(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    @discardableResult
    private func paint(on surface: OpaquePointer) throws(RenderError) -> [TextBox] {
        let family = try FontCatalog.labelFamily(for: options.language)
        guard let cr = cairo_create(surface) else { throw RenderError.cairo("cannot create a drawing context") }
        defer { cairo_destroy(cr) }
        cairo_scale(cr, options.scale, options.scale)
        let canvas = Canvas(cr: cr, width: Double(options.width), height: Double(options.height), fontFamily: family)
        canvas.rectangle(Point(0, 0), width: canvas.width, height: canvas.height, fill: Palette.background)
        draw(canvas)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(String(cString: cairo_status_to_string(status)))
        }
        return canvas.drawnText
    }
}

/// Collects what cairo writes through its stream callbacks.
final class ByteSink {
    var data = Data()
}

/// cairo_write_func_t: appends to the ``ByteSink`` passed as closure.
let byteSinkWrite: cairo_write_func_t = { closure, bytes, length in
    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
    Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
    return CAIRO_STATUS_SUCCESS
}
