import SolarCore

extension SceneDocument {
    /// Checks every rule of DESIGN.md's scene format and resolves the geometry.
    ///
    /// - Parameter isKnownTimeZone: whether an IANA zone exists (the edges ask the
    ///   system database; the core does no I/O).
    /// - Throws: ``SceneValidationError`` listing every broken rule with its JSON path.
    public func validated(isKnownTimeZone: (String) -> Bool) throws(SceneValidationError) -> Scene {
        var v = Validator()
        let site = v.site(self.site, isKnownTimeZone: isKnownTimeZone)
        if version != 1 { v.fail("version", "must be 1 (got \(version))") }
        if let name, name.count > SceneLimits.nameLength {
            v.fail("name", "must be at most \(SceneLimits.nameLength) characters")
        }
        if buildings.isEmpty { v.fail("buildings", "must list at least one building") }
        if buildings.count > SceneLimits.buildings {
            v.fail("buildings", "has \(buildings.count) buildings; the limit is \(SceneLimits.buildings)")
        }
        var seen: [String: Int] = [:]
        var resolved: [Building] = []
        let northAngle = self.site.northAngle ?? 0
        for (i, b) in buildings.prefix(SceneLimits.buildings).enumerated() {
            let path = "buildings[\(i)]"
            if b.id.isEmpty || b.id.count > 64 || b.id.contains("/") {
                v.fail("\(path).id", "must be 1–64 characters without '/'")
            } else if let first = seen[b.id] {
                v.fail("\(path).id", "'\(b.id)' duplicates buildings[\(first)].id")
            } else {
                seen[b.id] = i
            }
            if let building = v.building(b, path: path, northAngle: northAngle) { resolved.append(building) }
        }
        let flatWindows = resolved.reduce(0) { sum, b in
            sum + (b.floors ?? 0) * b.units.reduce(0) { $0 + $1.windows.count }
        }
        if flatWindows > SceneLimits.flatWindows {
            v.fail("buildings", "have \(flatWindows) windows over all floors; the limit is \(SceneLimits.flatWindows)")
        }
        if !v.issues.isEmpty { throw SceneValidationError(issues: v.issues) }
        return Scene(document: self, site: site, timeZoneIdentifier: self.site.timeZone, buildings: resolved)
    }
}

/// Collects issues while walking the document.
private struct Validator {
    var issues: [SceneIssue] = []

    mutating func fail(_ path: String, _ message: String) { issues.append(SceneIssue(path: path, message: message)) }

    /// Records a failure unless `value` is finite and in `range`; returns whether it passed.
    @discardableResult
    mutating func number(_ value: Double, _ path: String, in range: ClosedRange<Double>, _ what: String) -> Bool {
        guard value.isFinite else {
            fail(path, "must be a finite number")
            return false
        }
        guard range.contains(value) else {
            fail(path, what)
            return false
        }
        return true
    }

    mutating func site(_ s: SiteSpec, isKnownTimeZone: (String) -> Bool) -> GeoSite {
        number(s.latitude, "site.latitude", in: -90...90, "must be within -90...90 degrees")
        number(s.longitude, "site.longitude", in: -180...180, "must be within -180...180 degrees")
        if let e = s.elevation { number(e, "site.elevation", in: -500...9000, "must be within -500...9000 m") }
        if let n = s.northAngle { number(n, "site.northAngle", in: -360...360, "must be within -360...360 degrees") }
        if !isKnownTimeZone(s.timeZone) { fail("site.timeZone", "'\(s.timeZone)' is not a known IANA time zone") }
        return GeoSite(latitude: s.latitude, longitude: s.longitude, heightMeters: s.elevation ?? 0)
    }

    mutating func building(_ b: BuildingSpec, path: String, northAngle: Double) -> Building? {
        let before = issues.count
        if let name = b.name, name.count > SceneLimits.nameLength {
            fail("\(path).name", "must be at most \(SceneLimits.nameLength) characters")
        }
        let limit = SceneLimits.coordinateMeters
        var outline: [Vec2] = []
        var boxSides = false
        switch (b.box, b.footprint) {
        case (nil, nil): fail(path, "needs a box or a footprint")
        case (.some, .some): fail(path, "has both box and footprint; give one")
        case (let box?, nil):
            boxSides = true
            let ok = [
                number(box.x, "\(path).box.x", in: -limit...limit, "must be within ±\(Int(limit)) m"),
                number(box.y, "\(path).box.y", in: -limit...limit, "must be within ±\(Int(limit)) m"),
                number(box.width, "\(path).box.width", in: 0.01...limit, "must be > 0"),
                number(box.depth, "\(path).box.depth", in: 0.01...limit, "must be > 0"),
                number(box.rotation ?? 0, "\(path).box.rotation", in: -360...360, "must be within -360...360 degrees"),
            ]
            if !ok.contains(false) {
                let w = box.width / 2
                let d = box.depth / 2
                let r = box.rotation ?? 0
                // South, east, north, west faces are edges 0, 1, 2, 3.
                outline = [Vec2(-w, -d), Vec2(w, -d), Vec2(w, d), Vec2(-w, d)].map {
                    $0.rotated(degrees: r) + Vec2(box.x, box.y)
                }
            }
        case (nil, let points?):
            outline = footprint(points, path: "\(path).footprint")
        }
        var top = 0.0
        let base = b.base ?? 0
        number(
            base, "\(path).base", in: 0...SceneLimits.heightMeters,
            "must be within 0...\(Int(SceneLimits.heightMeters)) m")
        if let floors = b.floors, !(1...SceneLimits.floors).contains(floors) {
            fail("\(path).floors", "must be within 1...\(SceneLimits.floors)")
        }
        if let fh = b.floorHeight { number(fh, "\(path).floorHeight", in: 1.5...20, "must be within 1.5...20 m") }
        if let h = b.height {
            if number(
                h, "\(path).height", in: 0.01...SceneLimits.heightMeters,
                "must be > 0 and at most \(Int(SceneLimits.heightMeters)) m")
            {
                top = base + h
                if let f = b.floors, let fh = b.floorHeight, Double(f) * fh > h + 1e-6 {
                    fail("\(path).height", "is lower than floors × floorHeight (\(Double(f) * fh) m)")
                }
            }
        } else if let f = b.floors, let fh = b.floorHeight {
            top = base + Double(f) * fh
        } else {
            fail(path, "needs height, or floors and floorHeight")
        }
        let unitsSpec = b.units ?? []
        if !unitsSpec.isEmpty && (b.floors == nil || b.floorHeight == nil) {
            fail("\(path).units", "need the building's floors and floorHeight to place flats")
        }
        if unitsSpec.count > SceneLimits.unitsPerBuilding {
            fail("\(path).units", "has \(unitsSpec.count) units; the limit is \(SceneLimits.unitsPerBuilding)")
        }
        var units: [UnitColumn] = []
        var unitIds: [String: Int] = [:]
        for (u, spec) in unitsSpec.prefix(SceneLimits.unitsPerBuilding).enumerated() {
            let upath = "\(path).units[\(u)]"
            if spec.id.isEmpty || spec.id.count > 64 || spec.id.contains("/") {
                fail("\(upath).id", "must be 1–64 characters without '/'")
            } else if let first = unitIds[spec.id] {
                fail("\(upath).id", "'\(spec.id)' duplicates \(path).units[\(first)].id")
            } else {
                unitIds[spec.id] = u
            }
            if spec.windows.isEmpty { fail("\(upath).windows", "must list at least one window") }
            if spec.windows.count > SceneLimits.windowsPerUnit {
                fail(
                    "\(upath).windows", "has \(spec.windows.count) windows; the limit is \(SceneLimits.windowsPerUnit)")
            }
            var windows: [Window] = []
            for (w, ws) in spec.windows.prefix(SceneLimits.windowsPerUnit).enumerated() {
                if let win = window(
                    ws, path: "\(upath).windows[\(w)]", outline: outline, boxSides: boxSides,
                    floorHeight: b.floorHeight)
                {
                    windows.append(win)
                }
            }
            units.append(UnitColumn(id: spec.id, name: spec.name, windows: windows))
        }
        guard issues.count == before else { return nil }
        let rotated = outline.map { $0.rotated(degrees: -northAngle) }
        let turn = { (w: Window) -> Window in
            Window(
                edgeIndex: w.edgeIndex, centre: w.centre.rotated(degrees: -northAngle),
                along: w.along.rotated(degrees: -northAngle), outward: w.outward.rotated(degrees: -northAngle),
                widthMeters: w.widthMeters, sillMeters: w.sillMeters, details: w.details)
        }
        return Building(
            id: b.id, name: b.name, footprint: rotated, baseMeters: base, topMeters: top, floors: b.floors,
            floorHeightMeters: b.floorHeight,
            units: units.map { UnitColumn(id: $0.id, name: $0.name, windows: $0.windows.map(turn)) })
    }

    mutating func footprint(_ points: [[Double]], path: String) -> [Vec2] {
        guard points.count >= 3 else {
            fail(path, "needs at least 3 vertices")
            return []
        }
        guard points.count <= SceneLimits.verticesPerFootprint else {
            fail(path, "has \(points.count) vertices; the limit is \(SceneLimits.verticesPerFootprint)")
            return []
        }
        var out: [Vec2] = []
        let limit = SceneLimits.coordinateMeters
        for (i, p) in points.enumerated() {
            guard p.count == 2 else {
                fail("\(path)[\(i)]", "must be a pair [x, y]")
                return []
            }
            guard number(p[0], "\(path)[\(i)][0]", in: -limit...limit, "must be within ±\(Int(limit)) m"),
                number(p[1], "\(path)[\(i)][1]", in: -limit...limit, "must be within ±\(Int(limit)) m")
            else { return [] }
            out.append(Vec2(p[0], p[1]))
        }
        for i in out.indices where (out[i] - out[(i + 1) % out.count]).length < 0.01 {
            fail("\(path)[\((i + 1) % out.count)]", "repeats vertex \(i) (edges must be at least 1 cm long)")
            return []
        }
        if let (i, j) = Polygon.selfIntersection(out) {
            fail(path, "is self-intersecting (edges \(i) and \(j) cross)")
            return []
        }
        let area = Polygon.signedDoubleArea(out) / 2
        if abs(area) < 0.01 {
            fail(path, "has no area")
            return []
        }
        if area < 0 {
            fail(path, "must list its vertices counter-clockwise (they run clockwise)")
            return []
        }
        return out
    }

    mutating func window(
        _ w: WindowSpec, path: String, outline: [Vec2], boxSides: Bool, floorHeight: Double?
    ) -> Window? {
        let before = issues.count
        var edge = -1
        switch (w.face, w.edge) {
        case (nil, nil): fail(path, "needs a face (box) or an edge (footprint)")
        case (.some, .some): fail(path, "has both face and edge; give one")
        case (let face?, nil):
            let faces = ["south": 0, "east": 1, "north": 2, "west": 3]
            if !boxSides {
                fail("\(path).face", "applies to box buildings; use edge for a footprint")
            } else if let e = faces[face] {
                edge = e
            } else {
                fail("\(path).face", "must be one of south, north, east, west (got '\(face)')")
            }
        case (nil, let e?):
            if boxSides {
                fail("\(path).edge", "applies to footprint buildings; use face for a box")
            } else if outline.isEmpty || e < 0 || e >= outline.count {
                fail("\(path).edge", "must be a footprint edge index 0...\(max(0, outline.count - 1)) (got \(e))")
            } else {
                edge = e
            }
        }
        number(w.width, "\(path).width", in: 0.1...100, "must be within 0.1...100 m")
        number(
            w.offset, "\(path).offset", in: -SceneLimits.coordinateMeters...SceneLimits.coordinateMeters,
            "is out of range")
        if let sill = w.sill {
            number(sill, "\(path).sill", in: 0...max(0, floorHeight ?? 20), "must be within 0 and the floor height")
        }
        guard issues.count == before, edge >= 0, !outline.isEmpty else { return nil }
        let a = outline[edge]
        let b = outline[(edge + 1) % outline.count]
        let length = (b - a).length
        if abs(w.offset) + w.width / 2 > length / 2 + 1e-9 {
            fail(
                w.width > length ? "\(path).width" : "\(path).offset",
                w.width > length
                    ? "is wider than its facade (\(rounded(length)) m)"
                    : "puts the window past the facade's end (facade \(rounded(length)) m long)")
            return nil
        }
        let along = (b - a) * (1 / length)
        let outward = Vec2(along.y, -along.x)  // right of a counter-clockwise edge
        let centre = (a + b) * 0.5 + along * w.offset
        guard let details = details(w, path: path, facadeLength: length, floorHeight: floorHeight) else { return nil }
        let window = Window(
            edgeIndex: edge, centre: centre, along: along, outward: outward, widthMeters: w.width,
            sillMeters: w.sill, details: details)
        if details.carvesWall {
            // The notch must stay inside the building: a simple, counter-clockwise outline.
            let carved = window.carvedFootprint(outline)
            if Polygon.selfIntersection(carved) != nil || Polygon.signedDoubleArea(carved) <= 0 {
                fail(
                    w.reveal != nil && w.recess == nil ? "\(path).reveal" : "\(path).recess.depth",
                    "cuts through the building's footprint (the recess and reveal must stay inside it)")
                return nil
            }
        }
        return window
    }

    /// Checks and resolves the optional reveal, recess and overhang of a window.
    ///
    /// Heights are checked against the floor: the opening and the recess end at or below
    /// the next floor level, the opening fits in its recess, and the slab is not below the
    /// opening's head. Without `sill` the checks use 0.9 m, every profile's sill height.
    mutating func details(_ w: WindowSpec, path: String, facadeLength: Double, floorHeight: Double?) -> WindowDetails? {
        let before = issues.count
        let storey = floorHeight ?? 20
        let sill = w.sill ?? 0.9
        if let h = w.height {
            number(
                h, "\(path).height", in: 0.1...max(0.1, storey - sill),
                "must be within 0.1 m and the room left above the sill (\(rounded(storey - sill)) m)")
        }
        if let r = w.reveal { number(r, "\(path).reveal", in: 0.01...2, "must be within 0.01...2 m") }
        let head = sill + (w.height ?? storey - sill)
        var recess: WindowDetails.Recess?
        if let spec = w.recess {
            let p = "\(path).recess"
            number(spec.depth, "\(p).depth", in: 0.05...10, "must be within 0.05...10 m")
            if number(spec.width, "\(p).width", in: 0.1...SceneLimits.coordinateMeters, "must be > 0") {
                if spec.width < w.width - 1e-9 {
                    fail("\(p).width", "must be at least the window's width (\(w.width) m)")
                } else if abs(w.offset) + spec.width / 2 > facadeLength / 2 + 1e-9 {
                    fail("\(p).width", "puts the recess past the facade's end (facade \(rounded(facadeLength)) m long)")
                }
            }
            if let h = spec.height,
                number(h, "\(p).height", in: 0.1...storey, "must be within 0.1 m and the floor height (\(storey) m)"),
                h < head - 1e-9
            {
                fail("\(p).height", "is below the window's head (\(rounded(head)) m above the floor)")
            }
            recess = WindowDetails.Recess(depthMeters: spec.depth, widthMeters: spec.width, heightMeters: spec.height)
        }
        var overhang: WindowDetails.Overhang?
        if let spec = w.overhang {
            let p = "\(path).overhang"
            number(spec.depth, "\(p).depth", in: 0.05...20, "must be within 0.05...20 m")
            if number(spec.aboveSill, "\(p).aboveSill", in: 0.01...SceneLimits.heightMeters, "must be > 0"),
                let h = w.height, spec.aboveSill < h - 1e-9
            {
                fail("\(p).aboveSill", "is below the window's head (height \(h) m above the sill)")
            }
            if let e = spec.extend { number(e, "\(p).extend", in: 0...50, "must be within 0...50 m") }
            if let t = spec.thickness { number(t, "\(p).thickness", in: 0.01...5, "must be within 0.01...5 m") }
            overhang = WindowDetails.Overhang(
                depthMeters: spec.depth, aboveSillMeters: spec.aboveSill,
                extendMeters: spec.extend ?? 0, thicknessMeters: spec.thickness ?? 0.1)
        }
        guard issues.count == before else { return nil }
        return WindowDetails(
            openingHeightMeters: w.height, revealMeters: w.reveal ?? 0, recess: recess,
            overhang: overhang)
    }

    func rounded(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}
