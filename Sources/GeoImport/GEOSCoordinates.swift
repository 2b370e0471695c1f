internal import CGEOS

/// The one way GeoImport reads a GEOS ring back into our coordinates (courtyard pieces and
/// repaired footprints both come back from GEOS as rings).
enum GEOSCoordinates {
    /// The ring's vertices in GEOS's order, closing vertex included.
    static func of(_ context: GEOSContextHandle_t, _ ring: OpaquePointer) -> [Coordinate] {
        guard let sequence = GEOSGeom_getCoordSeq_r(context, ring) else { return [] }
        var size: UInt32 = 0
        GEOSCoordSeq_getSize_r(context, sequence, &size)
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        GEOSCoordSeq_copyToBuffer_r(context, sequence, &flat, 0, 0)
        return (0..<Int(size)).map { Coordinate(flat[2 * $0], flat[2 * $0 + 1]) }
    }
}
