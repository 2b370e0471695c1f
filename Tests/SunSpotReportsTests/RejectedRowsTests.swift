import Foundation
import SunSpotReports
import SunSpotResults
import Testing

@Suite("the errors file of a batch report")
struct RejectedRowsTests {
    @Test("one RFC 4180 row per issue, in line order: line, listing, field, reason")
    func rowsInLineOrder() {
        let text = RejectedRows.csv(
            [
                ListingsIssue(line: 7, message: "floor 99 is out of range 1...6", listing: "B", field: "floor"),
                ListingsIssue(line: 3, message: "a quote inside an unquoted field, \"here\"", listing: nil),
            ], excel: false)
        #expect(
            text == """
                line,listing,field,reason
                3,,,"a quote inside an unquoted field, ""here\"\""
                7,B,floor,floor 99 is out of range 1...6

                """)
    }

    @Test("--excel puts the UTF-8 byte order mark first")
    func excelByteOrderMark() {
        let text = RejectedRows.csv(
            [ListingsIssue(line: 2, message: "is empty", listing: "A", field: "unit")], excel: true)
        #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text.dropFirst().hasPrefix("line,listing,field,reason\n2,A,unit,is empty"))
    }

    @Test(
        "the default errors file sits beside the output",
        arguments: [
            ("report.csv", "report.errors.csv"), ("out/all.pdf", "out/all.errors.csv"), ("r.jsonl", "r.errors.csv"),
        ])
    func defaultPath(output: String, errors: String) {
        #expect(RejectedRows.defaultPath(forOutput: output) == errors)
    }
}
