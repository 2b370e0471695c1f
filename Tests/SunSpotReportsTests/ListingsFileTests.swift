import Scene
import SunSpotReports
import Testing

@Suite("Listings files: every bad row named by its line, before any work")
struct ListingsFileTests {
    @Test func csvWithQuotesBOMAndCRLF() {
        let text =
            "\u{FEFF}listing,scene,building,floor,unit,title,address\r\n"
            + "L1,a.json,3,5,east,\"Sunny, quiet\",\"No. 1 \"\"Garden\"\" Rd\"\r\n"
            + "L2,a.json,T1,12,u2,,\r\n"
        let (requests, issues) = ListingsFile.parse(text, format: .csv)
        #expect(issues.isEmpty)
        #expect(requests.count == 2)
        #expect(requests[0].title == "Sunny, quiet")
        #expect(requests[0].address == "No. 1 \"Garden\" Rd")
        #expect(requests[0].flat == FlatAddress(building: "3", floor: 5, unit: "east"))
        #expect(requests[1].title == nil)
        #expect(requests.map(\.line) == [2, 3])
    }

    @Test func columnsInAnyOrder() {
        let (requests, issues) = ListingsFile.parse(
            "unit,floor,building,scene,listing\neast,5,3,a.json,L1\n", format: .csv)
        #expect(issues.isEmpty)
        #expect(requests.first?.flat == FlatAddress(building: "3", floor: 5, unit: "east"))
    }

    @Test func everyBadRowIsReportedWithItsLine() {
        let text = """
            listing,scene,building,floor,unit
            L1,a.json,3,5,east
            L2,a.json,3,five,east
            ,a.json,3,5,east
            L4,a.json,3,5
            L5,a.json,3,"multi
            line",east
            L1,a.json,3,6,east
            L7,a.json,3,0,east
            L8,a.json,3,2,"never closed
            """
        let (requests, issues) = ListingsFile.parse(text, format: .csv)
        #expect(requests.map(\.listing) == ["L1"])
        let byLine = Dictionary(issues.map { ($0.line, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(byLine[3]?.contains("floor 'five'") == true)
        #expect(byLine[4]?.contains("listing is empty") == true)
        #expect(byLine[5]?.contains("4 fields, the header has 5") == true)
        #expect(byLine[6]?.contains("floor") == true)  // the quoted floor spans two lines; the record starts on line 6
        #expect(byLine[8]?.contains("repeats line 2") == true)
        #expect(byLine[9]?.contains("not a whole number ≥ 1") == true)
        #expect(byLine[10]?.contains("never closed") == true)
        #expect(issues.map(\.line) == issues.map(\.line).sorted())
    }

    @Test func headerProblems() {
        #expect(ListingsFile.parse("", format: .csv).issues.first?.message.contains("empty file") == true)
        let missing = ListingsFile.parse("listing,scene,floor\nL1,a,1\n", format: .csv).issues
        #expect(missing.first?.line == 1)
        #expect(missing.first?.message.contains("missing column(s) building, unit") == true)
        let unknown = ListingsFile.parse("listing,scene,building,floor,unit,price\nL1,a,1,1,u,9\n", format: .csv).issues
        #expect(unknown.first?.message.contains("unknown column 'price'") == true)
    }

    @Test func jsonLines() {
        let text = """
            {"listing":"L1","scene":"a.json","building":"3","floor":5,"unit":"east","title":"A"}

            {"listing":"L2","scene":"a.json","building":"3","floor":"x","unit":"east"}
            not json
            {"listing":"L4","scene":"a.json","building":"3","floor":2,"unit":"east","price":1}
            """
        let (requests, issues) = ListingsFile.parse(text, format: .jsonLines)
        #expect(requests.map(\.listing) == ["L1"])
        #expect(requests.first?.title == "A")
        #expect(issues.map(\.line) == [3, 4, 5])
        #expect(issues[2].message.contains("unknown field 'price'"))
    }
}
