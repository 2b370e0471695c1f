import Scene
import SolarCore
import SunSpotIO

/// The JSON shape of `sunspot facade --format json`: sun on every point of a facade grid
/// for one term, row by row from the lowest height.
public struct FacadeReport: Codable, Sendable, Equatable {
    public struct Sample: Codable, Sendable, Equatable {
        /// Distance from the facade's midpoint, positive to the right seen from outside.
        public var offset: Double
        /// Height above ground.
        public var height: Double
        public var totalMinutes: Double
        public var bandMinutes: Double
        public var meetsStandard: Bool?

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(offset, forKey: .offset)
            try c.encode(height, forKey: .height)
            try c.encode(totalMinutes, forKey: .totalMinutes)
            try c.encode(bandMinutes, forKey: .bandMinutes)
            try c.encode(meetsStandard, forKey: .meetsStandard)
        }
    }

    public var building: String
    public var edge: Int
    /// Azimuth the facade faces, degrees clockwise from north.
    public var facing: Double
    public var term: String
    public var termEn: String
    public var date: String
    public var standard: String
    public var requiredMinutes: Double?
    public var offsets: [Double]
    public var heights: [Double]
    public var samples: [Sample]

    public init(_ map: FacadeMap, analyzer: SunlightAnalyzer) {
        let term = analyzer.terms[map.termIndex]
        let minutes = { (s: Double) in (s / 60).rounded(places: 2) }
        building = map.grid.building
        edge = map.grid.edge
        facing = map.facingAzimuthDegrees.rounded(places: 2)
        self.term = term.name.chinese
        termEn = term.name.english
        date = analyzer.days[map.termIndex].date.iso8601
        standard = analyzer.profile.id
        requiredMinutes = map.samples.first?.row.requiredMinutes
        offsets = map.grid.offsetsMeters.map { $0.rounded(places: 3) }
        heights = map.grid.heightsMeters.map { $0.rounded(places: 3) }
        samples = map.samples.map {
            Sample(
                offset: $0.offsetMeters.rounded(places: 3), height: $0.heightMeters.rounded(places: 3),
                totalMinutes: minutes($0.row.totalSeconds), bandMinutes: minutes($0.row.bandSeconds),
                meetsStandard: $0.row.meetsStandard)
        }
    }

    /// The facade as people look at it: highest row on top, offsets left to right, band
    /// minutes in each cell (✗ where the requirement is not met).
    public func table(_ lang: Language) -> TextTable {
        let l = lang.pick
        let columns = offsets.count
        let rows = heights.indices.reversed().map { r -> [String] in
            [String(heights[r])]
                + (0..<columns).map { c in
                    let s = samples[r * columns + c]
                    // Whole minutes, as the verdict reads them: 119.7 shows as 119✗.
                    return String(Int(s.bandMinutes.rounded(.down))) + (s.meetsStandard == false ? "✗" : "")
                }
        }
        return TextTable(
            headers: [l("高度 m \\ 位置 m", "height m \\ offset m")] + offsets.map { String($0) }, rows: rows,
            rightAligned: Set(0...columns))
    }

    public func caption(_ lang: Language) -> String {
        let l = lang.pick
        let need = requiredMinutes.map { l("，要求 ≥ \(Int($0)) 分", ", required ≥ \(Int($0)) min") } ?? ""
        return l(
            "建筑 \(building) 立面（边 \(edge)，朝向 \(facing)°）· \(term) \(date) · 有效时段日照（分）\(need)；标准 \(standard)",
            "Building \(building) facade (edge \(edge), facing \(facing)°) · \(termEn) \(date) · band minutes\(need); standard \(standard)"
        )
            + "\n"
    }
}
