import Foundation
import Testing
@testable import PodiumCore

@Suite struct CalendarDateTests {
    private func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    // MARK: Parsing

    @Test(arguments: ["2023-11-18", "2023/11/18", "2023.11.18", "2023年11月18日", "20231118", "  2023-11-18 "])
    func parsesSpreadsheetForms(_ text: String) throws {
        let date = try #require(CalendarDate(parsing: text))
        #expect(date.year == 2023)
        #expect(date.month == 11)
        #expect(date.day == 18)
    }

    @Test(arguments: ["2023-1-5", "2023/1/5", "2023.1.5", "2023年1月5日", "2023-01-05", "20230105"])
    func parsesSingleDigitMonthAndDay(_ text: String) throws {
        let date = try #require(CalendarDate(parsing: text))
        #expect(date == (try day(2023, 1, 5)))
        #expect(date.iso == "2023-01-05")
    }

    @Test func rejectsTwentyNinthOfFebruaryInCommonYear() {
        #expect(CalendarDate(parsing: "2023-02-29") == nil)
        #expect(CalendarDate(parsing: "20230229") == nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
    }

    @Test func acceptsTwentyNinthOfFebruaryInLeapYears() throws {
        let leap = try #require(CalendarDate(parsing: "2024-02-29"))
        #expect(leap.iso == "2024-02-29")
        let century400 = try #require(CalendarDate(parsing: "2000-02-29"))
        #expect(century400.iso == "2000-02-29")
    }

    @Test func rejectsTwentyNinthOfFebruaryInCenturyNotDivisibleBy400() {
        #expect(CalendarDate(parsing: "1900-02-29") == nil)
        #expect(!CalendarDate.isLeap(1900))
        #expect(CalendarDate.isLeap(2000))
        #expect(CalendarDate.isLeap(2024))
        #expect(!CalendarDate.isLeap(2023))
    }

    @Test func daysInMonth() {
        #expect(CalendarDate.daysIn(month: 1, year: 2023) == 31)
        #expect(CalendarDate.daysIn(month: 2, year: 2023) == 28)
        #expect(CalendarDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CalendarDate.daysIn(month: 4, year: 2023) == 30)
        #expect(CalendarDate.daysIn(month: 11, year: 2023) == 30)
        #expect(CalendarDate.daysIn(month: 12, year: 2023) == 31)
        #expect(CalendarDate(parsing: "2023-04-31") == nil)
        #expect(CalendarDate(parsing: "2023-04-30") != nil)
    }

    @Test(arguments: ["2023-13-01", "20231301", "2023-00-10", "2023-11-00", "2023-11-32"])
    func rejectsImpossibleMonthOrDay(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test(arguments: ["", "   ", "abc", "2023-11", "2023-11-18-01", "23-11-18", "2023-11-18T10:00",
                      "2023--18", "2023-aa-18", "2023111", "202311180", "18/11/2023", "２０２３-11-18"])
    func rejectsGarbage(_ text: String) {
        #expect(CalendarDate(parsing: text) == nil)
    }

    @Test func rejectsYearOutOfRange() {
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 9999, month: 12, day: 31) != nil)
    }

    // MARK: Output and ordering

    @Test func isoOutputPadsWithZeros() throws {
        #expect(try day(2023, 11, 18).iso == "2023-11-18")
        #expect(try day(2023, 1, 5).iso == "2023-01-05")
        #expect(try day(987, 3, 4).iso == "0987-03-04")
        #expect(try day(2023, 1, 5).description == "2023-01-05")
        #expect("\(try day(2024, 2, 29))" == "2024-02-29")
    }

    @Test func ordersByYearThenMonthThenDay() throws {
        let a = try day(2022, 12, 31)
        let b = try day(2023, 1, 1)
        let c = try day(2023, 1, 2)
        let d = try day(2023, 2, 1)
        #expect(a < b)
        #expect(b < c)
        #expect(c < d)
        #expect(!(d < a))
        #expect(!(b < b))
        #expect([d, b, a, c].sorted() == [a, b, c, d])
        #expect(try day(2023, 1, 31) < (try day(2023, 2, 1)))
    }

    // MARK: Age

    @Test func ageCountsWholeYears() throws {
        let birth = try day(2000, 6, 15)
        #expect(birth.age(on: try day(2023, 6, 14)) == 22)
        #expect(birth.age(on: try day(2023, 6, 15)) == 23)
        #expect(birth.age(on: try day(2023, 6, 16)) == 23)
        #expect(birth.age(on: try day(2023, 12, 31)) == 23)
        #expect(birth.age(on: try day(2024, 1, 1)) == 23)
        #expect(birth.age(on: birth) == 0)
    }

    @Test func ageForLeapDayBirthday() throws {
        let birth = try day(2020, 2, 29)
        #expect(birth.age(on: try day(2023, 2, 28)) == 2)
        #expect(birth.age(on: try day(2023, 3, 1)) == 3)
        #expect(birth.age(on: try day(2024, 2, 28)) == 3)
        #expect(birth.age(on: try day(2024, 2, 29)) == 4)
    }

    // MARK: Codable

    private struct Wrapper: Codable, Equatable {
        let date: CalendarDate
    }

    @Test func codableRoundTrip() throws {
        let original = Wrapper(date: try day(2023, 1, 5))
        let data = try JSONEncoder().encode(original)
        #expect(String(decoding: data, as: UTF8.self) == #"{"date":"2023-01-05"}"#)
        let decoded = try JSONDecoder().decode(Wrapper.self, from: data)
        #expect(decoded == original)
    }

    @Test func decodesOtherSpreadsheetForms() throws {
        let decoded = try JSONDecoder().decode(Wrapper.self, from: Data(#"{"date":"2023/11/18"}"#.utf8))
        #expect(decoded.date == (try day(2023, 11, 18)))
    }

    @Test(arguments: [#"{"date":"2023-02-29"}"#, #"{"date":"not a date"}"#, #"{"date":20231118}"#])
    func decodingRejectsInvalidDates(_ json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Wrapper.self, from: Data(json.utf8))
        }
    }

    @Test func decodingErrorIsDataCorrupted() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Wrapper.self, from: Data(#"{"date":"2023-13-01"}"#.utf8))
        }
        guard case .dataCorrupted(let context)? = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains("2023-13-01"))
        #expect(context.codingPath.map(\.stringValue) == ["date"])
    }
}
