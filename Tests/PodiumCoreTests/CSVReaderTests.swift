import Foundation
import Testing
@testable import PodiumCore

@Suite struct CSVReaderTests {
    private func read(_ text: String) throws -> CSVTable {
        try CSVReader.read(Data(text.utf8))
    }

    @Test func readsSimpleCommaFile() throws {
        let table = try read("a,b,c\n1,2,3\n4,5,6\n")
        #expect(table.delimiter == ",")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.records == [CSVRecord(line: 2, fields: ["1", "2", "3"]),
                                  CSVRecord(line: 3, fields: ["4", "5", "6"])])
    }

    @Test func lastLineWithoutNewline() throws {
        let table = try read("a,b\n1,2")
        #expect(table.records == [CSVRecord(line: 2, fields: ["1", "2"])])
    }

    @Test func stripsByteOrderMark() throws {
        let table = try CSVReader.read(Data([0xEF, 0xBB, 0xBF]) + Data("工号,姓名\nE1,张伟\n".utf8))
        #expect(table.header == ["工号", "姓名"])
        #expect(table.records[0].fields == ["E1", "张伟"])
    }

    @Test(arguments: [
        ("a;b;c\n1;2,5;3\n", Character(";"), ["1", "2,5", "3"]),
        ("a\tb\tc\n1\t2;x\t3\n", Character("\t"), ["1", "2;x", "3"]),
        ("a,b;c\n1,2;3\n", Character(","), ["1", "2;3"]),
        ("\"a;b\",c\n\"1;2\",3\n", Character(","), ["1;2", "3"]),
    ])
    func detectsDelimiter(text: String, delimiter: Character, fields: [String]) throws {
        let table = try read(text)
        #expect(table.delimiter == delimiter)
        #expect(table.records[0].fields == fields)
    }

    @Test func delimiterDetectionSkipsLeadingBlankLines() throws {
        let table = try read("\n\na;b\n1;2\n")
        #expect(table.delimiter == ";")
        #expect(table.header == ["a", "b"])
        #expect(table.records == [CSVRecord(line: 4, fields: ["1", "2"])])
    }

    @Test func quotedFieldsWithDelimiterQuoteAndNewline() throws {
        let table = try read("name,note,unit\n\"O'Brien, Zoë\",\"said \"\"hi\"\"\nthen left\",HQ\nx,y,z\n")
        #expect(table.records == [
            CSVRecord(line: 2, fields: ["O'Brien, Zoë", "said \"hi\"\nthen left", "HQ"]),
            CSVRecord(line: 4, fields: ["x", "y", "z"]),
        ])
    }

    @Test func newlinesInsideQuotesBecomeLineFeedsAndCountLines() throws {
        let table = try read("a,b\r\n\"1\r\n2\r3\",x\r\ny,z\r\n")
        #expect(table.records == [
            CSVRecord(line: 2, fields: ["1\n2\n3", "x"]),
            CSVRecord(line: 5, fields: ["y", "z"]),
        ])
    }

    @Test(arguments: ["\r\n", "\n", "\r"])
    func lineEndings(_ newline: String) throws {
        let table = try read(["a,b", "1,2", "", "3,4", ""].joined(separator: newline))
        #expect(table.header == ["a", "b"])
        #expect(table.records == [CSVRecord(line: 2, fields: ["1", "2"]), CSVRecord(line: 4, fields: ["3", "4"])])
    }

    @Test func blankAndDelimiterOnlyLinesAreSkippedButCounted() throws {
        let table = try read("a,b\n\n   \n,\n1,2\n\n")
        #expect(table.records == [CSVRecord(line: 5, fields: ["1", "2"])])
    }

    @Test func trimsSpacesOutsideQuotesOnly() throws {
        let table = try read(" a , b ,c\n  1  ,\"  2 \"  , 3 4 \n")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.records[0].fields == ["1", "  2 ", "3 4"])
    }

    @Test func quoteInsideUnquotedFieldIsLiteral() throws {
        let table = try read("a,b\nO\"Brien,x\n")
        #expect(table.records[0].fields == ["O\"Brien", "x"])
    }

    @Test func emptyAndTrailingFields() throws {
        let table = try read("a,b,c\n1,,\n\"\",2,\n")
        #expect(table.records == [CSVRecord(line: 2, fields: ["1", "", ""]),
                                  CSVRecord(line: 3, fields: ["", "2", ""])])
    }

    @Test func rejectsInvalidUTF8() {
        // "张" in GBK: what Excel on a Chinese Windows writes by default.
        #expect(throws: PodiumError.badRequest(LocalizedMessage("error.import.notUTF8"))) {
            try CSVReader.read(Data([0x61, 0x2C, 0x62, 0x0A, 0xD5, 0xC5, 0x2C, 0x31, 0x0A]))
        }
    }

    @Test(arguments: ["", "\u{FEFF}", "\n\n  \n", "a,b,c\n", "a,b\n\n,\n"])
    func emptyFiles(_ text: String) {
        #expect(throws: PodiumError.badRequest(LocalizedMessage("error.import.empty"))) {
            try read(text)
        }
    }

    @Test func unterminatedQuoteReportsTheLineWhereItOpened() {
        let error = PodiumError.badRequest(LocalizedMessage("error.import.unterminatedQuote", ["line": "3"]))
        #expect(throws: error) {
            try read("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n")
        }
    }

    @Test func largeFileKeepsEveryRecordAndLine() throws {
        var text = "工号,姓名,性别,出生日期,部门\n"
        for i in 0..<20_000 {
            text += "E\(i),张伟\(i),男,1990-01-01,\"集团/公司, \(i % 7)\"\n"
        }
        let table = try read(text)
        #expect(table.records.count == 20_000)
        #expect(table.records.last == CSVRecord(line: 20_001, fields: ["E19999", "张伟19999", "男", "1990-01-01", "集团/公司, 0"]))
    }
}

@Suite("CSV writer")
struct CSVWriterTests {
    @Test func fieldsAreQuotedOnlyWhenNeededAndFormulasAreDefused() throws {
        var csv = CSVWriter(header: ["place", "name", "mark"])
        csv.append(["1", "张伟, 王芳", "12.34"])
        csv.append(["", "He said \"go\"", "=SUM(A1)"])
        csv.append(["2", "-5", "@x"])
        #expect(csv.text == "\u{FEFF}place,name,mark\r\n1,\"张伟, 王芳\",12.34\r\n,\"He said \"\"go\"\"\",'=SUM(A1)\r\n2,-5,'@x\r\n")
        // What the writer writes, the reader reads back.
        let table = try CSVReader.read(Data(csv.text.utf8))
        #expect(table.header == ["place", "name", "mark"])
        #expect(table.records.count == 3 && table.records[0].fields[1] == "张伟, 王芳" && table.records[1].fields[1] == "He said \"go\"")
    }
}
