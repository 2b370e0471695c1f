import GeoImport
import Testing

/// Ring clean-up, against rings drawn by hand.
@Suite struct FootprintRingTests {
    func ring(_ points: [(Double, Double)]) -> [Coordinate] { points.map { Coordinate($0.0, $0.1) } }

    func clean(_ points: [(Double, Double)]) -> [[Double]]? {
        if case .success(let f) = FootprintRing.footprint(from: ring(points)) { return f }
        return nil
    }

    func problem(_ points: [(Double, Double)]) -> String? {
        if case .failure(let e) = FootprintRing.footprint(from: ring(points)) { return e.message }
        return nil
    }

    @Test func closingVertexIsDropped() {
        #expect(clean([(0, 0), (10, 0), (10, 5), (0, 5), (0, 0)]) == [[0, 0], [10, 0], [10, 5], [0, 5]])
    }

    @Test func clockwiseRingsAreReversed() {
        #expect(clean([(0, 0), (0, 5), (10, 5), (10, 0), (0, 0)]) == [[10, 0], [10, 5], [0, 5], [0, 0]])
    }

    @Test func repeatsWithinACentimetreAreDropped() {
        #expect(
            clean([(0, 0), (0.004, 0.003), (10, 0), (10, 0), (10, 5), (0, 5), (0.002, 0)]) == [
                [0, 0], [10, 0], [10, 5], [0, 5],
            ])
    }

    @Test func coordinatesAreKeptToTheMillimetre() {
        #expect(
            clean([(0.00049, 0), (10.1234, 0), (10.1236, 5.0004), (0, 5)]) == [
                [0, 0], [10.123, 0], [10.124, 5], [0, 5],
            ])
    }

    @Test func aBowTieIsRejectedNamingTheCrossingEdges() {
        // 0→1 runs along y = 0; 2→3 runs back along y = 10: edges 1–2 and 3–0 cross at (5, 5).
        #expect(
            problem([(0, 0), (10, 0), (0, 10), (10, 10), (0, 0)])
                == "is self-intersecting: edge 1–2 crosses edge 3–0 (vertex numbers of the file's ring)")
    }

    @Test func degenerateRingsAreRejected() {
        #expect(problem([(0, 0), (10, 0), (0, 0)])?.hasPrefix("has 2 distinct vertices") == true)
        #expect(problem([(0, 0), (5, 0), (10, 0), (0, 0)]) != nil)
    }
}
