internal import CCairo
import Foundation

/// Decoded pixels of a picture (premultiplied ARGB read back to straight colours), for
/// tests and checks that ask "what colour is drawn here?", never "which bytes?".
public struct RasterImage: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major 0xAARRGGBB, premultiplied, as cairo stores ARGB32.
    let pixels: [UInt32]

    init(surface: OpaquePointer) {
        cairo_surface_flush(surface)
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        var out = [UInt32](repeating: 0, count: width * height)
        if let base = cairo_image_surface_get_data(surface) {
            for y in 0..<height {
                let row = UnsafeRawPointer(base + y * stride)
                for x in 0..<width {
                    var v = row.loadUnaligned(fromByteOffset: x * 4, as: UInt32.self)
                    if format == CAIRO_FORMAT_RGB24 { v |= 0xFF00_0000 }
                    out[y * width + x] = v
                }
            }
        }
        pixels = out
    }

    /// Decodes a PNG (e.g. a file the CLI wrote, or bytes the daemon served).
    public init(png: Data) throws(RenderError) {
        let source = ByteSource(png)
        let opaque = Unmanaged.passUnretained(source).toOpaque()
        guard let surface = cairo_image_surface_create_from_png_stream(byteSourceRead, opaque) else {
            throw RenderError.cairo("cannot decode PNG")
        }
        defer { cairo_surface_destroy(surface) }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo("cannot decode PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        self.init(surface: surface)
    }

    /// The straight colour of the pixel nearest a picture point at `scale`.
    public func color(at p: Point, scale: Double = 1) -> Color {
        let x = min(width - 1, max(0, Int((p.x * scale).rounded(.down))))
        let y = min(height - 1, max(0, Int((p.y * scale).rounded(.down))))
        let v = pixels[y * width + x]
        let a = Double(v >> 24) / 255
        guard a > 0 else { return Color(0, 0, 0, alpha: 0) }
        return Color(
            Double((v >> 16) & 0xFF) / 255 / a, Double((v >> 8) & 0xFF) / 255 / a, Double(v & 0xFF) / 255 / a,
            alpha: a)
    }
}

/// Feeds bytes to cairo's PNG reader.
final class ByteSource {
    let data: Data
    var offset = 0
    init(_ data: Data) { self.data = data }
}

let byteSourceRead: cairo_read_func_t = { closure, buffer, length in
    guard let closure, let buffer else { return CAIRO_STATUS_READ_ERROR }
    let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
    let n = Int(length)
    guard source.offset + n <= source.data.count else { return CAIRO_STATUS_READ_ERROR }
    let start = source.data.startIndex + source.offset
    source.data.copyBytes(to: buffer, from: start..<(start + n))
    source.offset += n
    return CAIRO_STATUS_SUCCESS
}
