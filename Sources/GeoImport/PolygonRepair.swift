internal import CGEOS
import Foundation

/// A self-intersecting footprint (a bow-tie, a ring that crosses itself where a mapper
/// dragged a node) made valid with GEOS's MakeValid, instead of losing the building.
///
/// MakeValid (GEOS ≥ 3.8, the "linework" method) keeps every part of the input's area:
/// a bow-tie becomes its two triangles. Each polygonal part of the result is returned
/// with its holes; lines and points (zero-area leftovers) are dropped.
enum PolygonRepair {
    static func makeValid(outer: [Coordinate], holes: [[Coordinate]]) -> [(outer: [Coordinate], holes: [[Coordinate]])]
    {
        guard outer.count >= 3, let context = GEOS_init_r() else { return [] }
        defer { GEOS_finish_r(context) }
        func ring(_ points: [Coordinate]) -> OpaquePointer? {
            var closed = points
            if let f = closed.first, f != closed.last { closed.append(f) }
            guard closed.count >= 4 else { return nil }
            var flat: [Double] = []
            for p in closed { flat += [p.x, p.y] }
            guard let sequence = GEOSCoordSeq_copyFromBuffer_r(context, flat, UInt32(closed.count), 0, 0) else {
                return nil
            }
            return GEOSGeom_createLinearRing_r(context, sequence)
        }
        guard let shell = ring(outer) else { return [] }
        var inner: [OpaquePointer?] = holes.compactMap(ring)
        guard let polygon = GEOSGeom_createPolygon_r(context, shell, &inner, UInt32(inner.count)) else { return [] }
        defer { GEOSGeom_destroy_r(context, polygon) }
        guard let valid = GEOSMakeValid_r(context, polygon) else { return [] }
        defer { GEOSGeom_destroy_r(context, valid) }
        var out: [(outer: [Coordinate], holes: [[Coordinate]])] = []
        func collect(_ g: OpaquePointer) {
            let type = GEOSGeomTypeId_r(context, g)
            if type == Int32(GEOS_POLYGON.rawValue) {
                guard let exterior = GEOSGetExteriorRing_r(context, g) else { return }
                var holes: [[Coordinate]] = []
                for h in 0..<max(0, GEOSGetNumInteriorRings_r(context, g)) {
                    if let r = GEOSGetInteriorRingN_r(context, g, h) { holes.append(GEOSCoordinates.of(context, r)) }
                }
                out.append((GEOSCoordinates.of(context, exterior), holes))
            } else if type == Int32(GEOS_MULTIPOLYGON.rawValue) || type == Int32(GEOS_GEOMETRYCOLLECTION.rawValue) {
                for i in 0..<max(0, GEOSGetNumGeometries_r(context, g)) {
                    if let part = GEOSGetGeometryN_r(context, g, i) { collect(part) }
                }
            }
        }
        collect(valid)
        return out
    }
}
