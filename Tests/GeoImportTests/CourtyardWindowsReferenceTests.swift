import Foundation
import Scene
import SolarCore
import SunSpotIO
import Testing

@testable import GeoImport

/// Windows on courtyard walls: the engine, on a courtyard block cut into pieces
/// (``CourtyardPieces``), against 1-second ray casting through the block as one prism
/// *with its hole* — a reference that never sees the pieces.
@Suite struct CourtyardWindowsReferenceTests {
    static let outer: [(Double, Double)] = [(-20, -20), (20, -20), (20, 20), (-20, 20)]
    static let hole: [(Double, Double)] = [(-6, -8), (-6, 10), (9, 10), (9, -8)]
    static let top = 18.0  // 6 floors × 3 m

    /// Inside the block: inside the outer ring and not inside the courtyard.
    static func inBlock(_ x: Double, _ y: Double) -> Bool {
        func inside(_ ring: [(Double, Double)]) -> Bool {
            var odd = false
            for i in ring.indices {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                if (a.1 <= y) != (b.1 <= y), x < a.0 + (y - a.1) / (b.1 - a.1) * (b.0 - a.0) { odd.toggle() }
            }
            return odd
        }
        return inside(outer) && !inside(hole)
    }

    /// Whether the ray p + λs (λ > 0) passes through the block between 0 and `top`: its
    /// plan trace is cut at every edge of both rings, and each piece's midpoint decides.
    static func blocked(_ p: Vec3, _ s: (x: Double, y: Double, z: Double)) -> Bool {
        guard s.z > 0 else { return false }
        let l1 = (top - p.z) / s.z
        guard l1 > 0 else { return false }
        var cuts: [Double] = [0, l1]
        for ring in [outer, hole] {
            for i in ring.indices {
                let a = ring[i], b = ring[(i + 1) % ring.count]
                let ex = b.0 - a.0, ey = b.1 - a.1
                let det = ex * s.y - ey * s.x
                if abs(det) < 1e-15 { continue }
                let rx = a.0 - p.x, ry = a.1 - p.y
                let lambda = (ex * ry - ey * rx) / det
                let u = (s.x * ry - s.y * rx) / det
                if u >= 0, u <= 1, lambda > 0, lambda < l1 { cuts.append(lambda) }
            }
        }
        cuts.sort()
        for k in 0..<(cuts.count - 1) where cuts[k + 1] - cuts[k] > 1e-9 {
            let m = (cuts[k] + cuts[k + 1]) / 2
            if inBlock(p.x + s.x * m, p.y + s.y * m) { return true }
        }
        return false
    }

    @Test func courtyardWallWindowsMatchRayCastingThroughTheBlockWithItsHole() throws {
        let cut = try CourtyardPieces.pieces(
            outer: Self.outer.map { Coordinate($0.0, $0.1) }, holes: [Self.hole.map { Coordinate($0.0, $0.1) }]
        ).get()
        let holeCorners = Set(Self.hole.map { [$0.0, $0.1] })
        var buildings: [BuildingSpec] = []
        for (k, piece) in cut.pieces.enumerated() {
            let footprint = try FootprintRing.footprint(from: piece).get()
            var units: [UnitSpec] = []
            for i in footprint.indices {
                let a = footprint[i], b = footprint[(i + 1) % footprint.count]
                // A courtyard wall: both ends are courtyard corners, and it is not a bridge.
                guard holeCorners.contains(a), holeCorners.contains(b),
                    !CourtyardPieces.bridgeEdges(of: footprint, bridges: cut.bridges).contains(i)
                else { continue }
                units.append(UnitSpec(id: "wall\(i)", windows: [WindowSpec(edge: i, offset: 0, width: 1.8)]))
            }
            buildings.append(
                BuildingSpec(
                    id: "block~\(k + 1)", footprint: footprint, floors: 6, floorHeight: 3,
                    units: units.isEmpty ? nil : units))
        }
        let document = SceneDocument(
            site: SiteSpec(latitude: 60.17, longitude: 24.94, timeZone: "Europe/Helsinki"), buildings: buildings)
        let scene = try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        // The courtyard's four walls, each one whole edge of one piece, each with a window.
        #expect(scene.buildings.reduce(0) { $0 + $1.units.count } == 4)
        let zone = try #require(SystemTimeZone(identifier: "Europe/Helsinki"))
        let analyzer = SunlightAnalyzer(scene: scene, zone: zone, profile: .none, year: 2026)
        var compared = 0, litWindows = 0, worst = 0.0
        for name in ["夏至", "春分"] {
            let k = try #require(analyzer.terms.firstIndex { $0.name.chinese == name })
            let day = analyzer.days[k]
            for building in scene.buildings {
                for unit in building.units {
                    let window = unit.windows[0]
                    for floor in [1, 6] {
                        let point = analyzer.calculationPoints(building: building, window: window, floor: floor)[0]
                        let engine = analyzer.termRows(
                            points: [point], outward: window.outward,
                            obstacles: analyzer.obstacles(seenFrom: window, in: building, floor: floor))[k]
                        var lit = 0
                        for span in day.daylight {
                            var t = span.start.rounded(.up)
                            while t <= span.end {
                                let s = day.solar.position(at: Instant(secondsSince1970: t)).direction
                                if s.x * window.outward.x + s.y * window.outward.y > 0, !Self.blocked(point, s) {
                                    lit += 1
                                }
                                t += 1
                            }
                        }
                        // 1-s sampling: each interval's two ends are off by under a second.
                        let allowed = Double(2 * engine.intervals.count + 1)
                        let difference = abs(engine.totalSeconds - Double(lit))
                        worst = max(worst, difference)
                        #expect(
                            difference <= allowed,
                            "\(name) \(building.id) \(unit.id) floor \(floor): engine \(engine.totalSeconds) s, rays \(lit) s"
                        )
                        compared += 1
                        if lit > 0 { litWindows += 1 }
                    }
                }
            }
        }
        #expect(compared == 16)
        // Not a vacuous match: some courtyard windows do get sun.
        #expect(litWindows >= 4)
        print("courtyard windows vs ray casting through the holed block: \(compared) cases, worst \(worst) s")
    }
}
