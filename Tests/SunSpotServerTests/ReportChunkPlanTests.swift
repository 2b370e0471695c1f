import Testing

@testable import SunSpotServer

/// How a report's listings are cut into chunks on PostgreSQL (``ReportChunkPlan``): every
/// listing once, no chunk over the size, a flat's listings in one chunk, a scene's together.
@Suite struct ReportChunkPlanTests {
    static func listing(_ i: Int, scene: String, flat: Int) -> ReportDefinition.Listing {
        .init(listing: "L\(i)", scene: scene, building: "b\(flat % 3)", floor: flat / 3 + 1, unit: "east")
    }

    /// Like the cluster benchmark: two scenes, each listing cycling through a scene's 86
    /// flats, so every flat is listed two or three times, far apart in the input.
    static let listed = (0..<400).map { i in listing(i, scene: i < 200 ? "a" : "b", flat: i % 200 % 86) }

    @Test func everyListingIsInExactlyOneChunkAndNoChunkIsOverTheSize() {
        let chunks = ReportChunkPlan.chunks(of: Self.listed, size: 50)
        #expect(chunks.joined().sorted() == Array(0..<400))
        #expect(chunks.allSatisfy { $0.count <= 50 && $0 == $0.sorted() })
        // Packing whole flats wastes little: 400 listings in 9 chunks, not 8 (2-3 per flat).
        #expect(chunks.count == 9)
    }

    @Test func aFlatsListingsShareAChunkAndAScenesChunksAreConsecutive() {
        let chunks = ReportChunkPlan.chunks(of: Self.listed, size: 50)
        var chunksOfFlat: [String: Set<Int>] = [:]
        var chunksOfScene: [String: Set<Int>] = [:]
        for (c, seqs) in chunks.enumerated() {
            for s in seqs {
                let l = Self.listed[s]
                chunksOfFlat["\(l.scene)/\(l.building)/\(l.floor)/\(l.unit)", default: []].insert(c)
                chunksOfScene[l.scene, default: []].insert(c)
            }
        }
        #expect(chunksOfFlat.count == 172)
        #expect(chunksOfFlat.values.allSatisfy { $0.count == 1 })
        // A scene's analysis is needed by a run of chunks, not by chunks spread over the report.
        for (scene, cs) in chunksOfScene {
            #expect(cs == Set(cs.min()!...cs.max()!), "scene \(scene) in chunks \(cs.sorted())")
        }
    }

    @Test func oneFlatListedMoreThanAChunkHoldsFillsWholeChunksInInputOrder() {
        let same = (0..<120).map { Self.listing($0, scene: "s", flat: 0) }
        #expect(ReportChunkPlan.chunks(of: same, size: 50) == [Array(0..<50), Array(50..<100), Array(100..<120)])
    }

    @Test func noListingsMakeNoChunks() {
        #expect(ReportChunkPlan.chunks(of: [], size: 50).isEmpty)
    }
}
