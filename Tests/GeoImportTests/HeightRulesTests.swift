import GeoImport
import Testing

/// Heights from properties, OpenStreetMap's Simple 3D Buildings way; expected
/// values worked out by hand.
@Suite struct HeightRulesTests {
    let rules = HeightRules()

    func extent(_ properties: [String: PropertyValue]) throws(ImportError) -> HeightRules.Extent {
        let decision = rules.decide(properties, path: "features[0]")
        if let first = decision.warnings.first { throw first }
        return decision.extent
    }

    @Test func heightAloneIsTheVolume() throws {
        #expect(try extent(["height": .number(24)]) == .init(height: 24, floors: nil, floorHeight: nil, base: nil))
        #expect(try extent(["height": .string("24")]).height == 24)
        #expect(try extent(["height": .string(" 24.5 m")]).height == 24.5)
        #expect(try extent(["height": .string("24m")]).height == 24)
    }

    @Test func levelsAloneUseTheFloorHeightOption() throws {
        #expect(
            try extent(["building:levels": .string("6")]) == .init(height: nil, floors: 6, floorHeight: 3, base: nil))
        let tall = HeightRules(floorHeightMeters: 2.9)
        #expect(
            tall.decide(["building:levels": .number(18)], path: "").extent
                == .init(height: nil, floors: 18, floorHeight: 2.9, base: nil))
    }

    @Test func heightAndLevelsShareTheHeightRoundedDown() throws {
        // 60 / 18 = 3.333… → 3.333 (down, so 18 × 3.333 = 59.994 ≤ 60).
        #expect(try extent(["height": .number(60), "building:levels": .number(18)]).floorHeight == 3.333)
        #expect(
            try extent(["height": .number(17.5), "building:levels": .number(6)])
                == .init(height: 17.5, floors: 6, floorHeight: 2.916, base: nil))
    }

    @Test func minHeightAndMinLevelRaiseTheBase() throws {
        // A bridge from 15 m to 19 m.
        #expect(
            try extent(["height": .number(19), "min_height": .number(15)])
                == .init(height: 4, floors: nil, floorHeight: nil, base: 15))
        // Levels 4–10 of a 10-level part: 6 floors of 3 m from 12 m up.
        #expect(
            try extent(["building:levels": .number(10), "building:min_level": .number(4)])
                == .init(height: nil, floors: 6, floorHeight: 3, base: 12))
        // min_height wins over min_level for the base; height counts from the ground.
        #expect(
            try extent([
                "height": .number(30), "min_height": .number(9), "building:levels": .number(10),
                "building:min_level": .number(3),
            ]) == .init(height: 21, floors: 7, floorHeight: 3, base: 9))
    }

    @Test func customPropertyNames() throws {
        let rules = HeightRules(heightProperty: "HEIGHT_M", levelsProperty: "FLOORS")
        #expect(rules.decide(["HEIGHT_M": .number(40), "height": .string("ignored")], path: "").extent.height == 40)
        #expect(rules.decide(["FLOORS": .number(5)], path: "").extent.floors == 5)
    }

    @Test func feetAreConvertedToMetres() throws {
        // 1 ft = 0.3048 m exactly (international foot); 80 ft = 24.384 m.
        #expect(try extent(["height": .string("80 ft")]).height == 24.384)
        #expect(try extent(["height": .string("80'")]).height == 24.384)
        // 10'6" = 3.048 + 0.1524 = 3.2004 m, kept to the millimetre.
        #expect(try extent(["height": .string("10'6\"")]).height == 3.2)
    }

    @Test func fractionalLevelsMakeAVolumeWithItsWholeFloors() throws {
        // 3.5 storeys of 3 m: a 10.5 m volume holding 3 whole floors.
        let d = rules.decide(["building:levels": .string("3.5")], path: "features[0]")
        #expect(d.extent == .init(height: 10.5, floors: 3, floorHeight: 3, base: nil))
        #expect(d.source == .levels && d.warnings.isEmpty)
        // roof:levels add height, not floors: (5 + 1) × 3 m.
        let roof = rules.decide(["building:levels": .number(5), "roof:levels": .string("1")], path: "")
        #expect(roof.extent == .init(height: 18, floors: 5, floorHeight: 3, base: nil))
        #expect(roof.rule == "(building:levels=5 + roof:levels=1) × 3 m")
        // Height and fractional levels: 10 m over 3.5 storeys = 2.857 m a storey.
        let both = rules.decide(["height": .number(10), "building:levels": .number(3.5)], path: "")
        #expect(both.extent == .init(height: 10, floors: 3, floorHeight: 2.857, base: nil))
        #expect(both.source == .measured)
    }

    @Test func noHeightOrLevelsAssumesTheTypesDefaultAndSaysSo() {
        let house = rules.decide(["building": .string("house")], path: "features[4]")
        #expect(house.extent == .init(height: nil, floors: 2, floorHeight: 3, base: nil))
        #expect(house.source == .assumed)
        #expect(house.rule == "assumed 2 storey(s) × 3 m (the default for building=house)")
        #expect(house.warnings.map(\.location) == ["features[4].properties"])
        // building=yes (and any type not in the table) takes the fallback, 3 storeys.
        #expect(rules.decide(["building": .string("yes")], path: "").extent.floors == 3)
        #expect(rules.decide(["building": .string("pagoda")], path: "").extent.floors == 3)
        // --default-levels overrides: apartments=6, *=2.
        let custom = HeightRules(defaultLevels: try! DefaultLevels.parse("apartments=6,*=2"))
        #expect(custom.decide(["building": .string("apartments")], path: "").extent.floors == 6)
        #expect(custom.decide(["building": .string("yes")], path: "").extent.floors == 2)
        #expect(custom.decide(["building": .string("house")], path: "").extent.floors == 2 /* table entry kept */)
        #expect(HeightRules(defaultLevels: try! DefaultLevels.parse("5")).decide([:], path: "").extent.floors == 5)
    }

    @Test func contradictionsAreResolvedByTheDocumentedRuleWithAWarning() {
        // height=2 with 5 storeys: 0.4 m a storey is not a storey, the levels win (5 × 3 m).
        let low = rules.decide(["height": .string("2"), "building:levels": .string("5")], path: "features[1]")
        #expect(low.extent == .init(height: nil, floors: 5, floorHeight: 3, base: nil))
        #expect(low.source == .levels)
        #expect(low.warnings.map(\.location) == ["features[1].properties.height"])
        #expect(low.warnings.first?.message.contains("0.4 m a storey") == true)
        // A one-level church 30 m high: the height stands, its floor gets 3 m.
        let church = rules.decide(["height": .number(30), "building:levels": .number(1)], path: "")
        #expect(church.extent == .init(height: 30, floors: 1, floorHeight: 3, base: nil))
        #expect(church.source == .measured && church.warnings.count == 1)
        // A base above the top is ignored: min_height 12 under height 10.
        let raised = rules.decide(["height": .number(10), "min_height": .number(12)], path: "")
        #expect(raised.extent == .init(height: 10, floors: nil, floorHeight: nil, base: nil))
        #expect(raised.warnings.map(\.location) == ["properties.min_height"])
    }

    @Test func malformedValuesAreIgnoredAndTheNextRuleApplies() {
        // A height that is not a length falls back to the levels.
        let d = rules.decide(["height": .string("~10"), "building:levels": .string("4")], path: "features[2]")
        #expect(d.source == .levels && d.extent.floors == 4)
        #expect(d.warnings.map(\.location) == ["features[2].properties.height"])
        // Levels "3;4" are not a number: with nothing else, the default is assumed.
        let e = rules.decide(["building:levels": .string("3;4")], path: "")
        #expect(e.source == .assumed)
        #expect(e.warnings.map(\.location) == ["properties.building:levels", "properties"])
    }

    @Test func defaultLevelsOptionIsCheckedAndNamed() {
        for bad in ["0", "x", "house=", "=3", "house=two", "-1"] {
            #expect(throws: ImportError.self) { try DefaultLevels.parse(bad) }
        }
        do {
            _ = try DefaultLevels.parse("house=two")
        } catch {
            #expect(
                error.description == "--default-levels: house='two' is not a number of storeys above 0 (e.g. 3 or 2.5)")
        }
    }
}
