import GeoImport
import Testing

/// Heights from properties, OpenStreetMap's Simple 3D Buildings way; expected
/// values worked out by hand.
@Suite struct HeightRulesTests {
    let rules = HeightRules()

    func extent(_ properties: [String: PropertyValue]) throws(ImportError) -> HeightRules.Extent {
        try rules.extent(of: properties, path: "features[0]")
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
            try tall.extent(of: ["building:levels": .number(18)], path: "")
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
        #expect(try rules.extent(of: ["HEIGHT_M": .number(40), "height": .string("ignored")], path: "").height == 40)
        #expect(try rules.extent(of: ["FLOORS": .number(5)], path: "").floors == 5)
    }

    @Test func badValuesNameThePropertyAndTheFeature() {
        func failure(_ p: [String: PropertyValue]) -> ImportError? {
            do {
                _ = try extent(p)
                return nil
            } catch { return error }
        }
        #expect(failure([:])?.location == "features[0].properties")
        #expect(
            failure(["name": .string("x")])?.message.contains("needs 'height' (metres) or 'building:levels'") == true)
        #expect(
            failure(["height": .string("80 ft")])
                == ImportError(
                    "features[0].properties.height", "'80 ft' is not a length in metres (e.g. 54 or \"54 m\")"))
        #expect(failure(["height": .number(-3)])?.location == "features[0].properties.height")
        #expect(failure(["building:levels": .string("3;4")])?.location == "features[0].properties.building:levels")
        #expect(failure(["building:levels": .number(2.5)])?.location == "features[0].properties.building:levels")
        #expect(failure(["building:levels": .number(0)])?.location == "features[0].properties.building:levels")
        #expect(
            failure(["building:levels": .number(3), "building:min_level": .number(3)])?.location
                == "features[0].properties.building:levels")
        #expect(
            failure(["height": .number(10), "min_height": .number(12)])?.location == "features[0].properties.height")
        // 10 m over 12 storeys is 0.833 m a storey: the tags disagree.
        #expect(
            failure(["height": .number(10), "building:levels": .number(12)])?.message.contains("0.833 m per storey")
                == true)
    }
}
