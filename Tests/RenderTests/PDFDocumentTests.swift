import Foundation
import Render
import Scene
import SolarCore
import Testing

// The page API: a picture placed into a rectangle of a page is that picture's own drawing,
// scaled (compared pixel by pixel with the picture rendered alone) and clipped to its box;
// a multi-page document appears only when committed, with one page per addPage.

@Suite("PDF pages and placed pictures")
struct PDFDocumentTests {
    @Test func aPlacedPictureIsThePictureScaledIntoItsBox() throws {
        let scene = try sampleScene()
        let noon = CivilDateTime(
            date: CivilDate(year: 2026, month: 12, day: 22), secondsOfDay: 12 * 3600,
            utcOffsetSeconds: 8 * 3600
        ).instant
        let map = try ShadowMap.instant(
            scene: scene, zone: shanghai, profile: .gb50180(), at: noon,
            flat: FlatAddress(building: "3", floor: 5, unit: "east"), language: .en)
        let inner = map.picture(PictureOptions(width: 400, height: 400, language: .en))
        let alone = try inner.raster()
        let origin = Point(300, 100)
        let k = 0.5
        let page = Picture(options: PictureOptions(width: 800, height: 600, language: .en)) { c in
            c.rectangle(Point(0, 0), width: 800, height: 600, fill: Color(hex: 0x0000FF))
            c.place(inner, at: origin, width: 400 * k)
        }
        let placed = try page.raster()
        // Where the picture alone is flat colour over a 5 × 5 neighbourhood, the placed copy has that colour.
        var compared = 0
        var mismatched: [String] = []
        for y in stride(from: 4.0, to: 396, by: 6) {
            for x in stride(from: 4.0, to: 396, by: 6) {
                let here = alone.color(at: Point(x, y))
                let flat = (-2...2).allSatisfy { dx in
                    (-2...2).allSatisfy { dy in
                        alone.color(at: Point(x + Double(dx), y + Double(dy))).maxDifference(here) < 0.02
                    }
                }
                guard flat else { continue }
                compared += 1
                let there = placed.color(at: Point(origin.x + x * k, origin.y + y * k))
                if there.maxDifference(here) > 0.06 { mismatched.append("(\(x),\(y))") }
            }
        }
        #expect(compared > 1000)
        #expect(Double(mismatched.count) < 0.02 * Double(compared), "\(mismatched.prefix(20))")
        // Outside the box the page is untouched: the picture is clipped to it.
        for p in [
            Point(origin.x - 3, origin.y + 50), Point(origin.x + 203, origin.y + 50),
            Point(origin.x + 50, origin.y + 203),
            Point(10, 10), Point(790, 590),
        ] {
            #expect(placed.color(at: p).maxDifference(Color(hex: 0x0000FF)) < 0.02, "\(p)")
        }
    }

    @Test func pagesAppearOnlyWhenCommitted() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-pdfdoc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("three.pdf").path
        let document = try PDFDocument(path: path, language: .en)
        for i in 0..<3 {
            try document.addPage { c in c.text("page \(i + 1)", at: Point(50, 50), size: 20, Palette.ink) }
        }
        let recorded = try RecordedPage(language: .en) { c in c.text("page 4", at: Point(50, 50), size: 20, Palette.ink)
        }
        try document.add(recorded)
        #expect(document.pageCount == 4)
        #expect(!FileManager.default.fileExists(atPath: path))
        try document.commit()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Data("%PDF-".utf8)))
        #expect(String(decoding: bytes, as: UTF8.self).contains("/Count 4"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["three.pdf"])

        let dropped = try PDFDocument(path: dir.appendingPathComponent("dropped.pdf").path, language: .en)
        try dropped.addPage { _ in }
        dropped.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["three.pdf"])
        #expect(throws: RenderError.self) {
            try PDFDocument(path: dir.appendingPathComponent("none/x.pdf").path, language: .en)
        }
    }
}

extension Color {
    func maxDifference(_ other: Color) -> Double {
        max(abs(red - other.red), abs(green - other.green), abs(blue - other.blue))
    }
}
