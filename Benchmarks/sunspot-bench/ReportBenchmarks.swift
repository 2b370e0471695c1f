import Foundation
import Render
import Scene
import SolarCore
import SunSpotReports
import SunSpotResults

/// 50 compounds across China's latitudes, each a few slabs of 18–33 floors.
func syntheticCompounds(count: Int) -> [SceneDocument] {
    (0..<count).map { c in
        let latitude = 22.5 + Double(c % 12) * 2
        let buildings = 6 + c % 5
        let specs = (0..<buildings).map { i in
            BuildingSpec(
                id: "\(i + 1)",
                box: BoxSpec(
                    x: Double(i % 3) * 70, y: Double(i / 3) * 85, width: 48, depth: 14,
                    rotation: Double((c + i) % 9) - 4),
                floors: 18 + (c + 3 * i) % 16, floorHeight: 3,
                units: ["east", "mid", "west"].enumerated().map { k, id in
                    UnitSpec(id: id, windows: [WindowSpec(face: "south", offset: Double(k - 1) * 15, width: 1.8)])
                })
        }
        return SceneDocument(
            name: "compound \(c + 1)",
            site: SiteSpec(latitude: latitude, longitude: 104 + Double(c % 17), timeZone: "Asia/Shanghai"),
            buildings: specs)
    }
}

let reportSuite = BenchSuite(
    name: "report", summary: "batch listings reports: 200 listings to PDF, 10,000 listings over 50 compounds to CSV"
) { options in
    var report = SuiteReport(unit: "listings")
    let zone = FixedOffsetZone(hours: 8)
    let documents = syntheticCompounds(count: 50)
    var sources: [String: BatchReport.Source] = [:]
    var flats: [(String, FlatAddress)] = []
    for (i, d) in documents.enumerated() {
        let scene = try! d.validated(isKnownTimeZone: { _ in true })
        let name = "compound-\(i + 1).json"
        sources[name] = BatchReport.Source(scene: scene, zone: zone, revision: "bench")
        for b in scene.buildings {
            for f in 1...(b.floors ?? 1) {
                for u in b.units { flats.append((name, FlatAddress(building: b.id, floor: f, unit: u.id))) }
            }
        }
    }
    // 10,000 listings: a deterministic spread over the compounds' flats (some flats listed twice).
    var state: UInt64 = 2026
    let requests = (0..<10_000).map { i -> ListingRequest in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let (scene, flat) = flats[Int(state >> 33) % flats.count]
        return ListingRequest(listing: "L\(i + 1)", scene: scene, flat: flat, line: i + 2)
    }
    let workers = ProcessInfo.processInfo.activeProcessorCount
    // 200 listings to PDF first, so the process's peak memory after it is the PDF run's.
    let pdfRequests = Array(requests.prefix(200))
    let pdfPath = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-bench-report.pdf").path
    defer { try? FileManager.default.removeItem(atPath: pdfPath) }
    var pages = 0
    let pdf = await measure(
        "200 listings → PDF (cover + 200 A4 pages), \(workers) cores", items: pdfRequests.count,
        options: BenchOptions(warmUpRounds: 0, rounds: max(1, min(options.rounds, 3)))
    ) {
        // Everything `sunspot report … -o out.pdf` does: the rows, then every page drawn and written.
        let batch = BatchReport(
            requests: pdfRequests, sources: sources, profile: .gb50180(), standardName: "gb50180",
            year: 2026)
        let document = try! PDFDocument(path: pdfPath, language: .zh)
        pages = try! await ListingReportPDF.assemble(batch, into: document, generated: "bench", workers: workers).count
        try! document.commit()
        return pages
    }
    report.measurements.append(pdf)
    let pdfMiB = peakMemoryMiB()
    let pdfBytes = (try? FileManager.default.attributesOfItem(atPath: pdfPath)[.size] as? Int) ?? 0
    report.notes.append(
        (
            "200 listings to PDF",
            "\(fixed(pdf.minSeconds, 2)) s, \(fixed(Double(pages) / pdf.minSeconds, 1)) pages/s (target ≥ 10 pages/s on 2 cores); \(pages) listing pages, \(pdfBytes / 1024) KiB"
        ))
    report.notes.append(("peak memory after the PDF run (max RSS)", "\(pdfMiB) MiB"))
    report.facts.append(("report.pdf200.seconds", fixed(pdf.minSeconds, 3)))
    report.facts.append(("report.pdf200.pages_per_second", fixed(Double(pages) / pdf.minSeconds, 1)))
    report.facts.append(("report.pdf200.peak_mib", "\(pdfMiB)"))

    let output = FileManager.default.temporaryDirectory.appendingPathComponent("sunspot-bench-report.csv").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    var rows = 0
    let whole = await measure(
        "10,000 listings, 50 compounds → CSV, \(workers) cores", items: requests.count,
        options: BenchOptions(warmUpRounds: 0, rounds: max(1, min(options.rounds, 3)))
    ) {
        // Everything a run does: analysing each compound, every flat, writing the CSV.
        let batch = BatchReport(
            requests: requests, sources: sources, profile: .gb50180(), standardName: "gb50180", year: 2026)
        let out = try! ReportOutput(path: output, resume: false, expect: ("gb50180", 2026))
        rows = (try? await batch.run(workers: workers) { try out.append($0) }) ?? 0
        try! out.close()
        return rows
    }
    report.measurements.append(whole)
    let bytes = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    report.notes.append(
        (
            "10,000 listings to CSV",
            "\(fixed(whole.minSeconds, 2)) s, \(Int(Double(requests.count) / whole.minSeconds)) listings/s (target < 10 s on 2 cores); \(rows) rows, \(bytes / 1024) KiB"
        ))
    report.notes.append(("peak memory (max RSS)", "\(peakMemoryMiB()) MiB"))
    report.facts.append(("report.csv10000.seconds", fixed(whole.minSeconds, 3)))
    report.facts.append(("report.peak_mib", "\(peakMemoryMiB())"))
    return report
}
