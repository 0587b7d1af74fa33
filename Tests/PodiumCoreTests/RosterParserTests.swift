import Foundation
import Testing
@testable import PodiumCore

@Suite struct RosterParserTests {
    static let today = CalendarDate(year: 2024, month: 6, day: 1)!
    static let header = "工号,姓名,性别,出生日期,部门,状态\n"

    private func parse(_ text: String) throws -> RosterParseResult {
        try RosterParser.parse(Data(text.utf8), today: Self.today)
    }

    private func date(_ y: Int, _ m: Int, _ d: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: d)! }

    private func msg(_ key: String, _ args: [String: String] = [:]) -> LocalizedMessage { LocalizedMessage(key, args) }

    /// Parses one data row below the standard header and returns its rejection reasons.
    private func reasons(_ row: String) throws -> [LocalizedMessage] {
        let result = try parse(Self.header + row + "\n")
        #expect(result.rows.isEmpty)
        let rejection = try #require(result.rejections.first)
        #expect(rejection.line == 2)
        return rejection.reasons
    }

    // MARK: Columns

    @Test func chineseHeaders() throws {
        let result = try parse("工号,姓名,性别,出生日期,部门\nE001,张伟,男,1985-03-12,集团/机械公司/设备部\n")
        #expect(result.rejections.isEmpty)
        #expect(result.ignoredColumns.isEmpty)
        #expect(result.rows == [RosterRow(line: 2, employeeNumber: "E001", name: "张伟", gender: .male,
                                          birthDate: date(1985, 3, 12), unitPath: ["集团", "机械公司", "设备部"],
                                          status: .active)])
    }

    @Test func englishAndMixedHeadersInAnyOrderAndSpelling() throws {
        let text = "Dept, SEX ,Full_Name,employeeNo,Date-of-Birth,在职状态,备注,\n"
            + "HQ > Finance,F,Zoë O'Brien,0042,1990/1/2,retired,hello,\n"
        let result = try parse(text)
        #expect(result.ignoredColumns == ["备注"])
        #expect(result.rows == [RosterRow(line: 2, employeeNumber: "0042", name: "Zoë O'Brien", gender: .female,
                                          birthDate: date(1990, 1, 2), unitPath: ["HQ", "Finance"], status: .retired)])
    }

    @Test(arguments: [
        ("employee number", RosterColumn.employeeNumber), ("Employee No.", .employeeNumber), ("STAFF_ID", .employeeNumber),
        ("员工编号", .employeeNumber), ("full name", .name), ("员工姓名", .name), ("Gender", .gender), ("DOB", .birthDate),
        ("出生年月日", .birthDate), ("Organisation", .unit), ("unit path", .unit), ("所属部门", .unit),
        ("Employment Status", .status), ("员工状态", .status), ("birthDate", .birthDate),
    ])
    func headerAliases(header: String, column: RosterColumn) {
        #expect(RosterColumn(header: header) == column)
    }

    @Test(arguments: ["备注", "email", "", "name2"])
    func unknownHeaders(_ header: String) {
        #expect(RosterColumn(header: header) == nil)
    }

    @Test func duplicateColumnNamesTheSecondHeader() {
        #expect(throws: PodiumError.badRequest(msg("error.import.duplicateColumn", ["column": "department"]))) {
            try parse("工号,姓名,性别,出生日期,部门,department\nE1,张伟,男,1990-01-01,A,B\n")
        }
    }

    @Test func everyMissingRequiredColumnIsReported() {
        let expected = PodiumError.validation([
            FieldIssue("file", "error.import.missingColumn", ["column": "employee number", "aliases": "工号 / employee number"]),
            FieldIssue("file", "error.import.missingColumn", ["column": "gender", "aliases": "性别 / gender"]),
            FieldIssue("file", "error.import.missingColumn", ["column": "birth date", "aliases": "出生日期 / birth date"]),
            FieldIssue("file", "error.import.missingColumn", ["column": "unit", "aliases": "部门 / unit"]),
        ])
        #expect(throws: expected) {
            try parse("姓名,状态,备注\n张伟,在职,x\n")
        }
    }

    @Test func fileErrorsPassThrough() {
        #expect(throws: PodiumError.badRequest(msg("error.import.empty"))) { try parse(Self.header) }
    }

    // MARK: Values

    @Test func statusColumnIsOptional() throws {
        let result = try parse("工号,姓名,性别,出生日期,部门\nE1,李娜,女,1990-01-01,A\n")
        #expect(result.rows.map(\.status) == [.active])
    }

    @Test(arguments: [("", EmployeeStatus.active), ("在职", .active), ("休假", .onLeave), ("LEFT", .left), ("退休", .retired)])
    func statusValues(text: String, status: EmployeeStatus) throws {
        let result = try parse(Self.header + "E1,李娜,女,1990-01-01,A,\(text)\n")
        #expect(result.rows.map(\.status) == [status])
    }

    @Test(arguments: [
        ("  张伟 ", "张伟"), ("阿卜杜拉·艾买提", "阿卜杜拉·艾买提"), ("Zoë   O'Brien", "Zoë O'Brien"),
        ("\"张\u{3000}\u{3000}伟\"", "张 伟"), ("\"Anna\nMaria\"", "Anna Maria"),
    ])
    func namesKeepUnicodeAndCollapseWhitespace(text: String, name: String) throws {
        let result = try parse(Self.header + "E1,\(text),女,1990-01-01,A,\n")
        #expect(result.rows.map(\.name) == [name])
    }

    @Test(arguments: [
        ("Group / Sector/Company", ["Group", "Sector", "Company"]),
        ("集团／机械板块＞设备公司", ["集团", "机械板块", "设备公司"]),
        ("HQ>Finance > Payroll", ["HQ", "Finance", "Payroll"]),
        ("Finance", ["Finance"]),
    ])
    func unitPaths(text: String, path: [String]) throws {
        let result = try parse(Self.header + "E1,张伟,男,1990-01-01,\(text),\n")
        #expect(result.rows.map(\.unitPath) == [path])
    }

    @Test(arguments: [
        ("2000-02-29", true), ("2024-02-29", true), ("2023-02-29", false), ("1900-02-29", false),
        ("2023年2月28日", true), ("19960229", true), ("2023.2.30", false),
    ])
    func leapDays(text: String, valid: Bool) throws {
        let result = try parse(Self.header + "E1,张伟,男,\(text),A,\n")
        if valid {
            #expect(result.rows.count == 1)
        } else {
            #expect(result.rejections == [RosterRejection(line: 2, reasons: [msg("error.roster.birthDateInvalid", ["value": text])])])
        }
    }

    @Test(arguments: [("1900-01-01", true), ("1899-12-31", false), ("2024-06-01", true), ("2024-06-02", false), ("2030-01-01", false)])
    func birthDateRange(text: String, valid: Bool) throws {
        let result = try parse(Self.header + "E1,张伟,男,\(text),A,\n")
        if valid {
            #expect(result.rows.map(\.birthDate.iso) == [text])
        } else {
            #expect(result.rejections == [RosterRejection(line: 2, reasons: [msg("error.roster.birthDateOutOfRange", ["value": text])])])
        }
    }

    @Test func lengthLimitsAreInclusive() throws {
        let number = String(repeating: "9", count: 32)
        let name = String(repeating: "伟", count: 100)
        let result = try parse(Self.header + "\(number),\(name),男,1990-01-01,A,\n")
        #expect(result.rows.map(\.employeeNumber) == [number])
        #expect(result.rows.map(\.name) == [name])
    }

    // MARK: Rejections

    @Test(arguments: [
        (",张伟,男,1990-01-01,A,", "error.roster.employeeNumberMissing", [String: String]()),
        ("\(String(repeating: "1", count: 33)),张伟,男,1990-01-01,A,", "error.roster.employeeNumberTooLong",
         ["value": String(repeating: "1", count: 33), "max": "32"]),
        ("E1, ,男,1990-01-01,A,", "error.roster.nameMissing", [:]),
        ("E1,\(String(repeating: "a", count: 101)),男,1990-01-01,A,", "error.roster.nameTooLong", ["max": "100"]),
        ("E1,张伟,,1990-01-01,A,", "error.roster.genderMissing", [:]),
        ("E1,张伟,X,1990-01-01,A,", "error.roster.genderUnknown", ["value": "X"]),
        ("E1,张伟,男,,A,", "error.roster.birthDateMissing", [:]),
        ("E1,张伟,男,yesterday,A,", "error.roster.birthDateInvalid", ["value": "yesterday"]),
        ("E1,张伟,男,2023-02-30,A,", "error.roster.birthDateInvalid", ["value": "2023-02-30"]),
        ("E1,张伟,男,1850-01-01,A,", "error.roster.birthDateOutOfRange", ["value": "1850-01-01"]),
        ("E1,张伟,男,1990-01-01,,", "error.roster.unitMissing", [:]),
        ("E1,张伟,男,1990-01-01,A//B,", "error.roster.unitPathInvalid", ["value": "A//B"]),
        ("E1,张伟,男,1990-01-01,A / ,", "error.roster.unitPathInvalid", ["value": "A /"]),
        ("E1,张伟,男,1990-01-01,/A,", "error.roster.unitPathInvalid", ["value": "/A"]),
        ("E1,张伟,男,1990-01-01,A,maybe", "error.roster.statusUnknown", ["value": "maybe"]),
        ("E1,张伟,男,1990-01-01,A,,extra", "error.roster.fieldCount", ["expected": "6", "found": "7"]),
        ("E1,张伟,男,1990-01-01", "error.roster.fieldCount", ["expected": "6", "found": "4"]),
    ])
    func singleRejection(row: String, key: String, args: [String: String]) throws {
        #expect(try reasons(row) == [msg(key, args)])
    }

    @Test func everyProblemOfARowIsReported() throws {
        #expect(try reasons(",,?,2023-13-01,A//B,gone") == [
            msg("error.roster.employeeNumberMissing"),
            msg("error.roster.nameMissing"),
            msg("error.roster.genderUnknown", ["value": "?"]),
            msg("error.roster.birthDateInvalid", ["value": "2023-13-01"]),
            msg("error.roster.unitPathInvalid", ["value": "A//B"]),
            msg("error.roster.statusUnknown", ["value": "gone"]),
        ])
    }

    @Test func trailingEmptyFieldsAreTolerated() throws {
        let result = try parse("工号,姓名,性别,出生日期,部门,,\nE1,张伟,男,1990-01-01,A\nE2,李娜,女,1991-01-01,B,,,,\n")
        #expect(result.rejections.isEmpty)
        #expect(result.rows.map(\.employeeNumber) == ["E1", "E2"])
    }

    @Test func rejectionLinesCountMultiLineFieldsAndBlankLines() throws {
        let text = Self.header
            + "E1,\"张\n伟\",男,1990-01-01,\"集团/\n机械公司\",\n"  // lines 2-4
            + "\n"                                                   // line 5
            + "E2,李娜,?,1990-01-01,A,\n"                           // line 6
            + "E3,王芳,女,1990-01-01,A,\n"                          // line 7
            + "E4,赵磊,男,,A,\n"                                     // line 8
        let result = try parse(text)
        #expect(result.rows.map(\.line) == [2, 7])
        #expect(result.rows.first?.unitPath == ["集团", "机械公司"])
        #expect(result.rows.first?.name == "张 伟")
        #expect(result.rejections == [
            RosterRejection(line: 6, reasons: [msg("error.roster.genderUnknown", ["value": "?"])]),
            RosterRejection(line: 8, reasons: [msg("error.roster.birthDateMissing")]),
        ])
    }

    @Test func duplicateEmployeeNumbersKeepTheFirstRow() throws {
        let text = Self.header
            + "E1,张伟,男,1990-01-01,A,\n"
            + "E2,李娜,女,1991-01-01,A,\n"
            + "E1,张伟,男,1990-01-01,B,\n"
            + "E1,王芳,X,1990-01-01,C,\n"
        let result = try parse(text)
        #expect(result.rows.map(\.line) == [2, 3])
        #expect(result.rows.map(\.unitPath) == [["A"], ["A"]])
        #expect(result.rejections == [
            RosterRejection(line: 4, reasons: [msg("error.roster.duplicateEmployeeNumber", ["value": "E1", "firstLine": "2"])]),
            RosterRejection(line: 5, reasons: [
                msg("error.roster.genderUnknown", ["value": "X"]),
                msg("error.roster.duplicateEmployeeNumber", ["value": "E1", "firstLine": "2"]),
            ]),
        ])
    }

    @Test func semicolonFileWithBOMAndCRLF() throws {
        let text = "\u{FEFF}Employee ID;Name;Gender;DOB;Department\r\n\"E 7\";\"Li; Na\";F;1988-08-08;Ops\r\n"
        let result = try parse(text)
        #expect(result.rows == [RosterRow(line: 2, employeeNumber: "E 7", name: "Li; Na", gender: .female,
                                          birthDate: date(1988, 8, 8), unitPath: ["Ops"], status: .active)])
    }

    // MARK: Hire date

    @Test(arguments: [
        ("hire date", RosterColumn.hireDate), ("Date of Hire", .hireDate), ("start_date", .hireDate), ("Joined", .hireDate),
        ("入职日期", .hireDate), ("入职时间", .hireDate), ("参加工作时间", .hireDate), ("hireDate", .hireDate),
    ])
    func hireDateAliases(header: String, column: RosterColumn) {
        #expect(RosterColumn(header: header) == column)
        #expect(!column.isRequired)
    }

    @Test func hireDateColumnIsOptional() throws {
        let result = try parse(Self.header + "E1,张伟,男,1990-01-01,A,\n")
        #expect(result.rows.map(\.hireDate) == [nil])
    }

    @Test func hireDatesAreReadAndAnEmptyCellIsNone() throws {
        let result = try parse("工号,姓名,性别,出生日期,部门,入职日期\nE1,张伟,男,1990-01-01,A,2012年7月1日\nE2,李娜,女,1991-02-03,A,\n")
        #expect(result.rejections.isEmpty)
        #expect(result.rows == [
            RosterRow(line: 2, employeeNumber: "E1", name: "张伟", gender: .male, birthDate: date(1990, 1, 1), unitPath: ["A"], status: .active,
                      hireDate: date(2012, 7, 1)),
            RosterRow(line: 3, employeeNumber: "E2", name: "李娜", gender: .female, birthDate: date(1991, 2, 3), unitPath: ["A"], status: .active),
        ])
    }

    @Test(arguments: [
        ("soon", "error.roster.hireDateInvalid", ["value": "soon"]),
        ("2023-02-30", "error.roster.hireDateInvalid", ["value": "2023-02-30"]),
        ("2024-06-02", "error.roster.hireDateOutOfRange", ["value": "2024-06-02"]),
        ("1949-12-31", "error.roster.hireDateOutOfRange", ["value": "1949-12-31"]),
        ("1989-12-31", "error.roster.hireDateBeforeBirth", ["value": "1989-12-31", "birthDate": "1990-01-01"]),
    ])
    func badHireDates(text: String, key: String, args: [String: String]) throws {
        let result = try parse("Employee ID,Name,Gender,DOB,Department,Start date\nE1,张伟,男,1990-01-01,A,\(text)\n")
        #expect(result.rows.isEmpty)
        #expect(result.rejections == [RosterRejection(line: 2, reasons: [msg(key, args)])])
    }

    @Test(arguments: [("2024-06-01", true), ("1990-01-01", true), ("1950-01-01", false)])
    func hireDateBounds(text: String, valid: Bool) throws {
        let result = try parse("工号,姓名,性别,出生日期,部门,参加工作时间\nE1,张伟,男,1990-01-01,A,\(text)\n")
        #expect(result.rows.count == (valid ? 1 : 0))
    }

    @Test func tabSeparatedFile() throws {
        let result = try parse("工号\t姓名\t性别\t出生日期\t部门\nE1\t张伟\tM\t1990-01-01\t集团/公司\n")
        #expect(result.rows.map(\.unitPath) == [["集团", "公司"]])
    }
}
