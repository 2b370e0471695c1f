import Foundation
import GeoImport
import Scene
import SunSpotIO
import Testing

/// The outward normal azimuth of every edge, worked out without assuming the ring's
/// orientation: of the two perpendiculars, the outward one is the one whose probe point
/// just off the edge's midpoint lies outside the polygon (even–odd ray test).
private func independentOutwardAzimuths(_ ring: [[Double]]) -> [Double] {
    func inside(_ x: Double, _ y: Double) -> Bool {
        var odd = false
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            if (a[1] > y) != (b[1] > y), x < a[0] + (y - a[1]) / (b[1] - a[1]) * (b[0] - a[0]) { odd.toggle() }
        }
        return odd
    }
    return ring.indices.map { i in
        let a = ring[i], b = ring[(i + 1) % ring.count]
        let len = hypot(b[0] - a[0], b[1] - a[1])
        var n = ((b[1] - a[1]) / len, -(b[0] - a[0]) / len)
        let mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2
        if inside(mx + n.0 * 0.05, my + n.1 * 0.05) { n = (-n.0, -n.1) }
        let az = atan2(n.0, n.1) * 180 / .pi  // clockwise from north (+y)
        return az < 0 ? az + 360 : az
    }
}

private func gap(_ a: Double, _ b: Double) -> Double {
    let d = abs(a - b).truncatingRemainder(dividingBy: 360)
    return min(d, 360 - d)
}

/// The edge a brute-force search picks: of the edges whose normal is within 45° of the
/// direction, the longest (ties to the nearer normal); nil when none is.
private func expectedEdge(_ ring: [[Double]], facing azimuth: Double) -> Int? {
    let normals = independentOutwardAzimuths(ring)
    func length(_ i: Int) -> Double {
        let a = ring[i], b = ring[(i + 1) % ring.count]
        return hypot(b[0] - a[0], b[1] - a[1])
    }
    return ring.indices.filter { gap(normals[$0], azimuth) <= 45 + 1e-9 }.min { i, j in
        abs(length(i) - length(j)) > 1e-6 ? length(i) > length(j) : gap(normals[i], azimuth) < gap(normals[j], azimuth)
    }
}

@Suite struct UnitLayoutTests {
    @Test("a spec reads as unit, direction and signed offset; a repeated unit gets more windows")
    func parsesTheSpec() throws {
        let layout = try UnitLayout.parse(
            "east:south:+12, west:S:-12,corner:south-east:0,corner:east:3.5", windowWidthMeters: 1.5)
        #expect(layout.entries.map(\.unit) == ["east", "west", "corner", "corner"])
        #expect(layout.entries.map(\.facing.azimuthDegrees) == [180, 180, 135, 90])
        #expect(layout.entries.map(\.offsetMeters) == [12, -12, 0, 3.5])
        #expect(layout.windowWidthMeters == 1.5)
        let box: [[Double]] = [[-30, -7], [30, -7], [30, 7], [-30, 7]]
        let units = try layout.units(on: box).get()
        #expect(units.map(\.id) == ["east", "west", "corner"])
        // southeast on a 60 × 14 box: south and east both face within 45°; the longer south side wins
        #expect(units[2].windows.map(\.edge) == [0, 1])
    }

    @Test(
        "a bad spec is refused naming the bad piece",
        arguments: [
            ("east:south", "entry 1 'east:south'", "UNIT:DIRECTION:OFFSET"),
            ("east:south:+12,west:sout:-12", "entry 2 'west:sout:-12'", "'sout' is not a direction"),
            ("east:south:twelve", "entry 1 'east:south:twelve'", "'twelve' is not an offset"),
            ("east:south:+12,", "entry 2 ''", "UNIT:DIRECTION:OFFSET"),
            ("a/b:south:0", "entry 1 'a/b:south:0'", "without '/'"),
            ("east:south:+12,east:south:12", "entry 2", "repeats an earlier window"),
            ("east:400:0", "entry 1", "'400' is not a direction"),
        ])
    func badSpec(spec: String, location: String, message: String) {
        #expect {
            _ = try UnitLayout.parse(spec)
        } throws: { error in
            let e = error as! ImportError
            return e.location.contains(location) && e.message.contains(message) && !e.description.contains("\n")
        }
    }

    @Test("--window-width outside the scene's range is refused")
    func badWidth() {
        #expect(throws: ImportError("--window-width", "must be within 0.1...100 m (got 0.05)")) {
            _ = try UnitLayout.parse("a:south:0", windowWidthMeters: 0.05)
        }
    }

    @Test(
        "the facade is the longest edge facing within ±45°, on shapes of every orientation",
        arguments: [0.0, 8.0, 33.0, 45.0, 90.0, 137.0, 180.0, 222.5, 301.0])
    func nearestNormal(rotation: Double) {
        // An L-shape and a pentagon, turned; their edges face many directions.
        let shapes: [[[Double]]] = [
            [[0, 0], [40, 0], [40, 12], [15, 12], [15, 30], [0, 30]],
            [[0, 0], [30, -5], [42, 18], [20, 35], [-6, 20]],
        ]
        let r = rotation * .pi / 180
        for shape in shapes {
            let ring = shape.map { [$0[0] * cos(r) - $0[1] * sin(r), $0[0] * sin(r) + $0[1] * cos(r)] }
            for azimuth in stride(from: 0.0, to: 360, by: 7.5) {
                #expect(
                    FacadeChoice.edge(facing: azimuth, footprint: ring) == expectedEdge(ring, facing: azimuth),
                    "rotation \(rotation), azimuth \(azimuth)")
            }
            let mine = FacadeChoice.outwardAzimuths(of: ring)
            for (a, b) in zip(mine, independentOutwardAzimuths(ring)) { #expect(gap(a, b) < 1e-9) }
        }
    }

    @Test("a short jog facing due south loses to the long wall facing 170°; no edge within 45° means no facade")
    func realFacadeNotATinyEdge() throws {
        // A 30 m wall turned 10° (normal 170°), with a 0.9 m jog whose normal is exactly 180°.
        let t = 10 * Double.pi / 180
        let wall = [30 * cos(t), 30 * sin(t)]  // runs east-north-east: outward normal 180° − 10°
        let ring: [[Double]] = [[0, 0], [0.9, 0], [0.9 + wall[0], wall[1]], [0.9 + wall[0], 12], [0, 12]]
        let normals = FacadeChoice.outwardAzimuths(of: ring)
        #expect(abs(normals[0] - 180) < 1e-9 && abs(normals[1] - 170) < 1e-9)
        #expect(FacadeChoice.edge(facing: 180, footprint: ring) == 1)
        // A 45°-turned square: its normals are 45°, 135°, 225°, 315°; south (180°) is 45°
        // from two of them (both taken, the same length, lower index wins), and a
        // direction 50° from every normal has no facade.
        let diamond: [[Double]] = [[0, -10], [10, 0], [0, 10], [-10, 0]]
        #expect(FacadeChoice.edge(facing: 180, footprint: diamond) != nil)
        let tri: [[Double]] = [[0, 0], [10, 10], [0, 20]]  // normals 135°, 45°, 270°
        #expect(FacadeChoice.edge(facing: 0, footprint: tri) == 1)
        #expect(FacadeChoice.edge(facing: 200, footprint: tri) == nil)
        let misfit = try #require(
            {
                if case .failure(let m) = try UnitLayout.parse("flat:200:0").units(on: tri) { return m }
                return nil
            }())
        #expect(misfit.message == "no facade faces within ±45° of 200° (200.0°)")
    }

    @Test(
        "offset + is to the right seen from outside: east on a south facade, west on a north one, north on an east one")
    func offsetConvention() throws {
        let box: [[Double]] = [[-30, -7], [30, -7], [30, 7], [-30, 7]]
        let layout = try UnitLayout.parse("s:south:+10,n:north:+10,e:east:+3")
        let document = SceneDocument(
            site: SiteSpec(latitude: 39.9, longitude: 116.4, timeZone: "Asia/Shanghai"),
            buildings: [
                BuildingSpec(
                    id: "1", footprint: box, floors: 6, floorHeight: 3,
                    units: try layout.units(on: box).get())
            ])
        let scene = try document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        let centres = scene.buildings[0].units.map { ($0.windows[0].centre.x, $0.windows[0].centre.y) }
        #expect(abs(centres[0].0 - 10) < 1e-9 && abs(centres[0].1 + 7) < 1e-9)  // south face, 10 m east of its middle
        #expect(abs(centres[1].0 + 10) < 1e-9 && abs(centres[1].1 - 7) < 1e-9)  // north face, 10 m west
        #expect(abs(centres[2].0 - 30) < 1e-9 && abs(centres[2].1 - 3) < 1e-9)  // east face, 3 m north
    }

    @Test("the sample GeoJSON: units land on the edges facing south on every building with storeys, and validate")
    func sampleUnitsOnTheRightEdges() throws {
        let layout = try UnitLayout.parse("east:south:+10,west:south:-10,side:east:0")
        let result = try GeoImporter.importScene(
            geoJSON: Data(contentsOf: dataURL("sample-buildings.geojson")),
            options: ImportOptions(timeZone: "Asia/Shanghai", units: layout))
        let buildings = result.document.buildings
        #expect(result.buildingsWithUnits.map { buildings[$0].id } == ["1", "2", "3", "5", "T1"])
        for (i, b) in buildings.enumerated() {
            guard b.floors != nil else {
                #expect(b.units == nil, "building \(b.id) has no storeys, so no flats")
                continue
            }
            // The kindergarten's courtyard block is two pieces: the southern one has no
            // east wall (its east side is a cut), the northern one no south wall. Neither
            // can take all three units, so neither gets flats, and the report says so.
            if b.id.hasPrefix("way-118800231~") {
                #expect(b.units == nil)
                #expect(result.report.buildings[i].warnings.contains { $0.contains("gets no flats") })
                continue
            }
            let ring = try #require(b.footprint)
            let normals = independentOutwardAzimuths(ring)
            let units = try #require(b.units)
            #expect(units.map(\.id) == ["east", "west", "side"], "building \(b.id)")
            for (unit, target) in zip(units, [180.0, 180, 90]) {
                let edge = try #require(unit.windows[0].edge)
                #expect(edge == expectedEdge(ring, facing: target), "building \(i) \(b.id) unit \(unit.id)")
                // Every sample building is a quadrilateral, so the chosen facade faces within 45° of it.
                #expect(
                    gap(normals[edge], target) <= 45, "building \(b.id) unit \(unit.id): facade faces \(normals[edge])°"
                )
            }
        }
        let scene = try result.document.validated(isKnownTimeZone: { SystemTimeZone(identifier: $0) != nil })
        // East is east: on each south facade the east unit's window is 20 m from the west
        // unit's, along the wall, towards the east.
        for b in scene.buildings where !b.units.isEmpty {
            let east = b.units[0].windows[0].centre, west = b.units[1].windows[0].centre
            #expect(abs(hypot(east.x - west.x, east.y - west.y) - 20) < 1e-6, "building \(b.id)")
            #expect(east.x - west.x > 15, "building \(b.id): east − west = \(east.x - west.x) m")
        }
    }

    @Test("a window that does not fit its facade names the feature, the building and the unit")
    func misfitNamesTheBuildingAndUnit() throws {
        let layout = try UnitLayout.parse("east:south:+12,west:south:-12")
        var options = ImportOptions(timeZone: "Asia/Shanghai", units: layout)
        // Without --strict the building gets no flats and the report says why.
        let lenient = try GeoImporter.importScene(
            geoJSON: Data(contentsOf: dataURL("sample-buildings.geojson")), options: options)
        let five = try #require(lenient.report.buildings.firstIndex { $0.id == "5" })
        #expect(lenient.document.buildings[five].units == nil)
        #expect(
            lenient.report.buildings[five].warnings.contains {
                $0.hasPrefix("features[4]: building '5' (5号楼), unit 'east': a 1.8 m window at offset +12 m")
                    && $0.hasSuffix("; this building gets no flats")
            })
        options.strict = true
        #expect {
            _ = try GeoImporter.importScene(
                geoJSON: Data(contentsOf: dataURL("sample-buildings.geojson")), options: options)
        } throws: { error in
            let e = error as! ImportError
            // 5号楼 (features[4], id "5") is 24 m square: 12 + 0.9 > 12.
            return e.location == "features[4]"
                && e.message.hasPrefix(
                    "building '5' (5号楼), unit 'east': a 1.8 m window at offset +12 m does not fit its south facade")
        }
    }
}
