import Foundation
import SolarCore
import Testing

@testable import Scene

// The window skyline (ObstructionView+Skyline) against two independent references:
// a brute-force march along the plan ray through every footprint, and the engine's
// own ray test (Obstacle.entryDistance, a different algorithm: clip by height, then
// segment against footprint) for thousands of sky directions.

/// The sample compound's south window of 1/1/east (the tower T1 right in front), its
/// east window of 3/1/east (buildings 2 and 4 around it) and the sill of 5/2/inner
/// (a concave corner), built from a scene written out here.
private func views() throws -> [(String, ObstructionView)] {
    let doc = SceneDocument(
        site: SiteSpec(latitude: 31.2304, longitude: 121.4737, timeZone: "Asia/Shanghai"),
        buildings: [
            BuildingSpec(
                id: "1", box: BoxSpec(x: -32, y: 0, width: 50, depth: 12), floors: 6, floorHeight: 2.9,
                units: [UnitSpec(id: "east", windows: [WindowSpec(face: "south", offset: 12, width: 1.8)])]),
            BuildingSpec(id: "2", box: BoxSpec(x: 32, y: 0, width: 50, depth: 12), floors: 6, floorHeight: 2.9),
            BuildingSpec(
                id: "3", box: BoxSpec(x: -32, y: 30, width: 50, depth: 12), floors: 6, floorHeight: 2.9,
                units: [UnitSpec(id: "east", windows: [WindowSpec(face: "east", offset: 0, width: 1.5)])]),
            BuildingSpec(
                id: "4", box: BoxSpec(x: 32, y: 30, width: 50, depth: 12, rotation: 8), floors: 11, floorHeight: 2.9),
            BuildingSpec(
                id: "5", footprint: [[-60, 55], [-20, 55], [-20, 67], [-45, 67], [-45, 85], [-60, 85]],
                floors: 8, floorHeight: 3.0,
                units: [UnitSpec(id: "inner", windows: [WindowSpec(edge: 3, offset: -6, width: 1.5)])]),
            // A raised walkway: the sky under it stays open (a gap in the skyline).
            BuildingSpec(id: "B", box: BoxSpec(x: 0, y: 62, width: 14, depth: 4), height: 3, base: 9),
            BuildingSpec(id: "T1", footprint: [[-20, -45], [25, -45], [25, -20], [-20, -20]], height: 98),
        ])
    let scene = try doc.scene()
    let a = SunlightAnalyzer(scene: scene, zone: FixedOffsetZone(hours: 8), profile: .gb50180(), year: 2026)
    var out: [(String, ObstructionView)] = []
    for (flat, w) in [("1/1/east", 0), ("3/1/east", 0), ("5/2/inner", 0)] {
        let address = FlatAddress(flat)!
        let (b, u) = try a.locate(address)
        let window = u.windows[w]
        let p = a.calculationPoints(building: b, window: window, floor: address.floor)[0]
        out.append((flat, ObstructionView(point: p, outward: window.outward, obstacles: a.obstacles)))
    }
    // A free point on the ground under the walkway's span, looking everywhere.
    out.append(("free", ObstructionView(point: Vec3(0, 55, 1.5), outward: nil, obstacles: a.obstacles)))
    return out
}

/// Brute force: walk the plan ray in 4 cm steps; where it first enters a footprint, bisect
/// the step with the point-in-polygon test alone; the top of that prism is seen from
/// there at atan((top − z)/t). The skyline top is the largest of those.
private func marchedTop(_ view: ObstructionView, azimuthDegrees: Double) -> (elevation: Double, building: Int?) {
    let a = azimuthDegrees * Double.pi / 180
    let d = Vec2(sin(a), cos(a))
    let p = view.point
    var best = 0.0
    var who: Int?
    for o in view.obstacles where o.topMeters > p.z {
        var t = 0.005
        func inside(_ t: Double) -> Bool { Polygon.contains(o.footprint, Vec2(p.x + d.x * t, p.y + d.y * t)) }
        while t < 400 {
            if inside(t) {
                var outside = max(0, t - 0.04)
                if !inside(outside) {
                    for _ in 0..<40 {
                        let m = (outside + t) / 2
                        if inside(m) { t = m } else { outside = m }
                    }
                } else {
                    t = outside
                }
                // The highest point of the prism over q that the ray can meet (the base caps it from below only).
                let e = atan2(o.topMeters - p.z, t) * 180 / Double.pi
                if e > best {
                    best = e
                    who = o.buildingIndex
                }
                break  // farther points of this footprint along the ray are seen lower
            }
            t += 0.04
        }
    }
    return (best, who)
}

@Suite("Window skyline, exact from the prisms")
struct SkylineTests {
    @Test("the skyline top at every azimuth equals a brute-force march along the ray (within 1e-5°)")
    func topMatchesRayMarch() throws {
        var worst = 0.0
        for (name, view) in try views() {
            let azimuths =
                name == "free"
                ? Array(stride(from: 3.0, to: 360, by: 7.3))
                : Array(
                    stride(
                        from: (view.outward.map { atan2($0.x, $0.y) * 180 / Double.pi } ?? 0) - 88,
                        to: (view.outward.map { atan2($0.x, $0.y) * 180 / Double.pi } ?? 0) + 88, by: 5.3))
            for az in azimuths {
                let sample = view.skyline(azimuthDegrees: (az + 360).truncatingRemainder(dividingBy: 360))
                let brute = marchedTop(view, azimuthDegrees: az)
                let deviation = abs(sample.topElevationDegrees - brute.elevation)
                worst = max(worst, deviation)
                #expect(
                    deviation < 1e-5,
                    "\(name) azimuth \(az): skyline \(sample.topElevationDegrees)°, march \(brute.elevation)°")
                if brute.elevation > 0.5 {
                    #expect(sample.topBuilding == brute.building, "\(name) azimuth \(az)")
                }
            }
        }
        print("skyline vs ray march: max deviation \(worst)°")
    }

    @Test("covered or open agrees with the engine's ray test for 20,000 sky directions")
    func coverageMatchesRayTest() throws {
        var generator = SystemRandomNumberGenerator()
        var checked = 0
        for (name, view) in try views() {
            for _ in 0..<5_000 {
                let az = Double.random(in: 0..<360, using: &generator)
                let el = Double.random(in: 0.05..<89.5, using: &generator)
                let s = Vec3(
                    cos(el * .pi / 180) * sin(az * .pi / 180), cos(el * .pi / 180) * cos(az * .pi / 180),
                    sin(el * .pi / 180))
                if let n = view.outward, Vec2(s.x, s.y).dot(n) <= 1e-9 { continue }  // behind the facade
                let sample = view.skyline(azimuthDegrees: az)
                // Directions within 1e-6° of a cover's edge are a tie either way.
                if sample.covers.contains(where: { abs($0.lowDegrees - el) < 1e-6 || abs($0.highDegrees - el) < 1e-6 })
                {
                    continue
                }
                let engine = view.state(toward: s)
                #expect(
                    sample.isCovered(elevationDegrees: el) == (engine != .sunlit),
                    "\(name) az \(az) el \(el): skyline covers \(sample.covers), engine \(engine)")
                checked += 1
            }
        }
        #expect(checked > 10_000)
    }

    @Test("under a raised walkway the skyline has a gap: covered above, open below")
    func raisedVolumeLeavesAGap() throws {
        let view = try #require(try views().first { $0.0 == "free" }?.1)
        // Due north from (0, 55, 1.5): the walkway spans y 60…64 at 9…12 m.
        let north = view.skyline(azimuthDegrees: 0)
        let walkway = try #require(north.covers.first { $0.lowDegrees > 0 })
        // Hand-derived: low = atan((9 − 1.5)/9), high = atan((12 − 1.5)/5).
        #expect(abs(walkway.lowDegrees - atan(7.5 / 9) * 180 / .pi) < 1e-9)
        #expect(abs(walkway.highDegrees - atan(10.5 / 5) * 180 / .pi) < 1e-9)
        #expect(!north.isCovered(elevationDegrees: walkway.lowDegrees - 1))
    }

    @Test("the sampled skyline includes every footprint corner's azimuth, where it kinks")
    func samplesIncludeCorners() throws {
        let (_, view) = try #require(try views().first { $0.0 == "1/1/east" })
        let samples = view.skyline(fromDegrees: 90, toDegrees: 270, stepDegrees: 5)
        // T1's corner (25, −20) seen from the sill: its azimuth must be sampled (to 1e-6°).
        let c = Vec2(25, -20) - view.point.xy
        let corner = atan2(c.x, c.y) * 180 / .pi
        #expect(samples.contains { abs($0.azimuthDegrees - corner) < 1e-6 })
        #expect(samples.first!.azimuthDegrees == 90)
        #expect(abs(samples.last!.azimuthDegrees - 270) < 1e-9)
    }
}
