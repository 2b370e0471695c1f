internal import CCairo
import SunSpotIO
import Synchronization

/// Finds, through fontconfig (cairo's font backend on Linux), a family that really has
/// the CJK glyphs the labels need.
///
/// Fontconfig never says "not found": an unknown family silently falls back to the
/// default sans, which usually lacks CJK. So each candidate is asked to map sample
/// characters to glyphs; glyph index 0 is the "missing glyph" box (tofu).
public enum FontCatalog {
    /// Tried in order; Noto Sans CJK comes with fonts-noto-cjk (DESIGN.md's system packages).
    public static let cjkCandidates = [
        "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
        "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Serif CJK SC",
    ]
    /// Characters every Chinese label set uses (compass, units, sunlight words).
    public static let cjkSample = "北东南西日照时冬至号楼"

    private static let cache = Mutex<[String: String]>([:])

    /// The first candidate family that covers `sample`.
    ///
    /// - Throws: ``RenderError/noCJKFont(tried:)`` when none does.
    public static func family(
        covering sample: String = cjkSample,
        candidates: [String] = cjkCandidates
    ) throws(RenderError) -> String {
        let key = sample + "\u{0}" + candidates.joined(separator: "\u{0}")
        if let hit = cache.withLock({ $0[key] }) { return hit }
        guard let found = candidates.first(where: { covers($0, sample) }) else {
            throw RenderError.noCJKFont(tried: candidates)
        }
        pin(found)
        cache.withLock { $0[key] = found }
        return found
    }

    /// The family for a picture's labels: a CJK one for Chinese; for English a CJK one
    /// when installed (building names are often Chinese), else the default sans.
    public static func labelFamily(for language: Language) throws(RenderError) -> String {
        if language == .zh { return try family() }
        if let cjk = try? family() { return cjk }
        pin("sans-serif")
        return "sans-serif"
    }

    /// Families whose label faces are resolved and held (see ``pin(_:)``).
    private static let pinned = Mutex<Set<String>>([])

    /// Resolves the family's label faces (regular and bold) on an image surface and holds
    /// them for the life of the process.
    ///
    /// cairo resolves a toy font face through fontconfig once, with the font options of the
    /// surface that first uses it, and keeps that resolution (hinting, antialiasing) for every
    /// later surface while the face lives. A PDF surface turns hinting off: a daemon that drew
    /// a report PDF before a picture would draw other PNG bytes than `sunspot` (which draws
    /// the picture alone). Resolved here first, on an image surface, and never released, the
    /// faces draw every picture the same whatever the process drew before.
    static func pin(_ family: String) {
        pinned.withLock { done in
            guard !done.contains(family) else { return }
            for weight in [CAIRO_FONT_WEIGHT_NORMAL, CAIRO_FONT_WEIGHT_BOLD] {
                // Deliberately never destroyed: the face and its resolution stay for the process.
                guard let face = cairo_toy_font_face_create(family, CAIRO_FONT_SLANT_NORMAL, weight),
                    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8)
                else { continue }
                defer { cairo_surface_destroy(surface) }
                guard let cr = cairo_create(surface) else { continue }
                defer { cairo_destroy(cr) }
                cairo_set_font_face(cr, face)
                cairo_set_font_size(cr, 12)
                _ = cairo_get_scaled_font(cr)
            }
            done.insert(family)
        }
    }

    /// Whether `family`, as fontconfig resolves it, has a glyph for every character of `sample`.
    public static func covers(_ family: String, _ sample: String) -> Bool {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 8, 8) else { return false }
        defer { cairo_surface_destroy(surface) }
        guard let cr = cairo_create(surface) else { return false }
        defer { cairo_destroy(cr) }
        cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 12)
        guard let font = cairo_get_scaled_font(cr), cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS else {
            return false
        }
        var glyphs: UnsafeMutablePointer<cairo_glyph_t>? = nil
        var count: Int32 = 0
        let status = sample.withCString { text in
            cairo_scaled_font_text_to_glyphs(font, 0, 0, text, -1, &glyphs, &count, nil, nil, nil)
        }
        guard status == CAIRO_STATUS_SUCCESS, let glyphs else { return false }
        defer { cairo_glyph_free(glyphs) }
        return count == sample.unicodeScalars.count && (0..<Int(count)).allSatisfy { glyphs[$0].index != 0 }
    }
}
