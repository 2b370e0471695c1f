import SolarCore

/// How much memory a ``SunlightAnalyzer`` holds, so that a server keeping one analysis per
/// scene revision can bound its cache in bytes rather than in entries (a 3-building sketch
/// and a 400-building district differ by two orders of magnitude).
///
/// The estimate counts every array the analysis keeps — its count × the element's stride,
/// plus a heap header per array — and the text of identifiers. It does not count the
/// allocator's rounding or Swift's reserve capacity, so it is a floor within a few percent.
extension SunlightAnalyzer {
    public var estimatedBytes: Int {
        MemoryLayout<SunlightAnalyzer>.stride
            + scene.estimatedBytes
            + HeapSize.array(terms) + HeapSize.array(events) + HeapSize.array(bands)
            + HeapSize.array(days) + days.reduce(0) { $0 + $1.heapBytes }
            + HeapSize.array(obstacles) + obstacles.reduce(0) { $0 + HeapSize.array($1.footprint) }
            + HeapSize.array(trueSolarClocks)
            + trueSolarClocks.reduce(0) { $0 + HeapSize.arrayHeader + $1.nodeCount * MemoryLayout<Double>.stride }
    }
}

extension Scene {
    /// The scene's model and the document it was built from (see ``SunlightAnalyzer/estimatedBytes``).
    public var estimatedBytes: Int {
        var bytes = MemoryLayout<Scene>.stride + HeapSize.string(timeZoneIdentifier) + HeapSize.array(buildings)
        for b in buildings {
            bytes += HeapSize.string(b.id) + HeapSize.string(b.name) + HeapSize.array(b.footprint)
            bytes += HeapSize.array(b.units)
            for u in b.units { bytes += HeapSize.string(u.id) + HeapSize.string(u.name) + HeapSize.array(u.windows) }
        }
        return bytes + document.heapBytes
    }
}

extension SceneDocument {
    var heapBytes: Int {
        var bytes = HeapSize.string(name) + HeapSize.string(site.timeZone) + HeapSize.array(buildings)
        for b in buildings {
            bytes += HeapSize.string(b.id) + HeapSize.string(b.name)
            if let footprint = b.footprint {
                bytes += HeapSize.array(footprint) + footprint.reduce(0) { $0 + HeapSize.array($1) }
            }
            guard let units = b.units else { continue }
            bytes += HeapSize.array(units)
            for u in units {
                bytes += HeapSize.string(u.id) + HeapSize.string(u.name) + HeapSize.array(u.windows)
                bytes += u.windows.reduce(0) { $0 + HeapSize.string($1.face) }
            }
        }
        return bytes
    }
}

extension SunDay {
    /// The arrays behind one day: daylight spans, the azimuth minima's sparse table, the
    /// sun-direction table, and the ephemeris nodes (`SolarDay.nodeStride` bytes a node).
    /// `lowestTanByAzimuth` is not counted: it shares its buffer with the sparse table's level 0.
    var heapBytes: Int {
        HeapSize.array(daylight) + HeapSize.array(table)
            + HeapSize.array(lowestTanSparse) + lowestTanSparse.reduce(0) { $0 + HeapSize.array($1) }
            + HeapSize.arrayHeader + solar.nodeCount * SolarDay.nodeStride
    }
}

/// Byte counts of Swift's heap storage, shared by the estimates above.
enum HeapSize {
    /// An array buffer's header (reference count, metadata, count, capacity).
    static let arrayHeader = 32

    static func array<T>(_ a: [T]) -> Int { arrayHeader + a.count * MemoryLayout<T>.stride }

    /// Strings of up to 15 UTF-8 bytes live inline; longer ones have a heap buffer.
    static func string(_ s: String?) -> Int {
        guard let n = s?.utf8.count, n > 15 else { return 0 }
        return arrayHeader + n
    }
}
