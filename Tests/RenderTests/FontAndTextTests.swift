import Foundation
import Render
import Synchronization
import Testing

@Suite("Fonts and labels")
struct FontAndTextTests {
    @Test("a CJK family is found through fontconfig and really has the glyphs")
    func cjkFamilyIsFound() throws {
        let family = try FontCatalog.family()
        #expect(FontCatalog.covers(family, "日照轨迹图冬至东南西北"))
    }

    @Test("a family without Chinese glyphs is not taken for one; none found is a clear error")
    func noCJKIsAnError() {
        // DejaVu Sans (fonts-dejavu-core) has Latin but no Han glyphs.
        #expect(FontCatalog.covers("DejaVu Sans", "NESW 12"))
        #expect(!FontCatalog.covers("DejaVu Sans", "冬至"))
        #expect(throws: RenderError.noCJKFont(tried: ["DejaVu Sans"])) {
            try FontCatalog.family(covering: "冬至", candidates: ["DejaVu Sans"])
        }
        #expect(RenderError.noCJKFont(tried: ["X"]).description.contains("fonts-noto-cjk"))
    }

    @Test("labels have ink: Chinese text is about one em per character, and its box is drawn dark")
    func labelsHaveExtents() throws {
        let measured = Mutex<(Double, Double, Point, Double, Double)>((0, 0, Point(0, 0), 0, 0))
        let picture = Picture(options: PictureOptions(width: 400, height: 200)) { canvas in
            let size = canvas.textSize("日照轨迹图", size: 30)
            let box = canvas.text("冬至日照", at: Point(20, 20), size: 40, Color(0, 0, 0), anchor: .topLeft)
            measured.withLock { $0 = (size.width, size.height, box.origin, box.width, box.height) }
        }
        let image = try picture.raster()
        let (w, h, origin, bw, bh) = measured.withLock { $0 }
        #expect(w > 4.5 * 30 && w < 5.5 * 30, "width \(w)")
        #expect(h > 0 && bw > 0 && bh > 0)
        var dark = 0
        for y in stride(from: origin.y, to: origin.y + bh, by: 1) {
            for x in stride(from: origin.x, to: origin.x + bw, by: 1) where image.color(at: Point(x, y)).luminance < 0.3
            {
                dark += 1
            }
        }
        // Four characters of strokes: a real share of the box is ink, and nothing outside it.
        #expect(Double(dark) > 0.08 * bw * bh, "dark \(dark) of \(bw * bh)")
        #expect(image.color(at: Point(390, 190)).luminance > 0.99)
    }
}
