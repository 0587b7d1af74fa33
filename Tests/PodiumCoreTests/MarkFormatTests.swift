import Testing
@testable import PodiumCore

@Suite("Marks typed by officials")
struct MarkFormatTests {
    @Test(arguments: [("12.34", 12_340), ("12.3", 12_300), ("9", 9_000), ("1:02.3", 62_300), ("1:02:03", 3_723_000),
                      ("1:02:03.45", 3_723_450), ("0:59.999", 59_999), (" 7.1 ", 7_100), ("1：02.3", 62_300)])
    func timesAreRead(text: String, millis: Int) throws {
        #expect(try MarkFormat.parseTime(text) == millis)
    }

    @Test(arguments: ["", "abc", "12.3456", "1:60.0", "1:61:00", "1::02", "-3.2", "0", "0.00", "12.", ".5", "1:2:3:4"])
    func impossibleTimesAreRefusedWithTheValue(text: String) {
        #expect(throws: PodiumError.invalid("mark", "error.mark.time", ["value": text])) { try MarkFormat.parseTime(text) }
    }

    @Test func distancesCountsAndScores() throws {
        #expect(try MarkFormat.parseDistance("5.62") == 5_620)
        #expect(try MarkFormat.parseDistance("5.6") == 5_600)
        #expect(try MarkFormat.parseDistance("12") == 12_000)
        #expect(try MarkFormat.parseDistance("5.62m") == 5_620)
        #expect(throws: PodiumError.self) { try MarkFormat.parseDistance("5.625") }
        #expect(throws: PodiumError.self) { try MarkFormat.parseDistance("0") }
        #expect(throws: PodiumError.self) { try MarkFormat.parseDistance("five") }
        #expect(try MarkFormat.parseCount("120") == 120)
        #expect(try MarkFormat.parseCount("0") == 0)
        #expect(throws: PodiumError.self) { try MarkFormat.parseCount("12.5") }
        #expect(throws: PodiumError.self) { try MarkFormat.parseCount("-1") }
        #expect(try MarkFormat.parseScore("9.25") == 925)
        #expect(try MarkFormat.parseScore("9.5") == 950)
        #expect(try MarkFormat.parseScore("10") == 1_000)
        #expect(throws: PodiumError.self) { try MarkFormat.parseScore("9.255") }
        #expect(try MarkFormat.parse("1:02.3", as: .time) == 62_300)
    }

    @Test(arguments: [(12_340, MarkKind.time, "12.34"), (62_300, .time, "1:02.30"), (3_723_000, .time, "1:02:03.00"), (61_050, .time, "1:01.05"),
                      (5_620, .distance, "5.62"), (5_050, .distance, "5.05"), (120, .count, "120"), (925, .score, "9.25"), (905, .score, "9.05")])
    func marksAreShownAsTyped(value: Int, kind: MarkKind, text: String) throws {
        #expect(MarkFormat.format(value, as: kind) == text)
        #expect(try MarkFormat.parse(text, as: kind) == value)
    }
}

@Suite("Results as officials type them")
struct TypedResultTests {
    func read(_ status: ResultStatus? = nil, mark: String? = nil, attempts: [String]? = nil, format: EventFormat = .measured) throws(PodiumError) -> TypedResult {
        try TypedResult.read(status: status, mark: mark, attempts: attempts, format: format, maxAttempts: 3)
    }

    @Test func fieldEventsTakeTheBestAttemptAndOnlyFoulsMakeNM() throws {
        #expect(try read(attempts: ["5.20", "x", "5.62"]) == TypedResult(status: .ok, mark: 5_620, attempts: [5_200, 5_620], series: [5_200, nil, 5_620]))
        #expect(try read(attempts: ["x", "X", "-"]) == TypedResult(status: .nm, mark: nil, series: [nil, nil, nil]))
        // Fouls keep their place in the series, stored as `x`, so the first three attempts stay the first three.
        #expect(try read(attempts: ["x", "", "5.10"]).storedSeries == "x,x,5100")
        #expect(try read(attempts: ["5.10", "x", ""]).storedSeries == "5100,x")
        #expect(TypedResult.series(stored: "x,x,5100") == [nil, nil, 5_100])
        #expect(TypedResult.series(stored: "5200,5620") == [5_200, 5_620])
        #expect(TypedResult.series(stored: nil).isEmpty)
        #expect(try read(attempts: ["4.90", "", ""]) == TypedResult(status: .ok, mark: 4_900, attempts: [4_900]))
        #expect(try read(mark: "5.01") == TypedResult(status: .ok, mark: 5_010))
        #expect(try read(.dns, attempts: ["5.20"]) == TypedResult(status: .dns, mark: nil))
    }

    @Test func blankOrUnreadableInputIsRefusedWithTheField() {
        func field(_ body: () throws -> TypedResult) -> String? {
            do { _ = try body(); return nil } catch {
                guard case .validation(let issues) = error as? PodiumError else { return nil }
                return issues.first?.field
            }
        }
        #expect(field { try read(attempts: ["", " "]) } == "mark")
        #expect(field { try read(attempts: ["5", "5", "5", "5"]) } == "attempts")
        #expect(field { try read(attempts: ["5.20", "five"]) } == "attempts[1]")
        #expect(field { try read(format: .timed) } == "mark")
        #expect(field { try read(mark: "12,34", format: .timed) } == "mark")
        #expect(TypedResult.isBlank(status: nil, mark: " ", attempts: ["", ""]))
        #expect(!TypedResult.isBlank(status: .dns, mark: nil, attempts: nil))
        #expect(!TypedResult.isBlank(status: nil, mark: nil, attempts: ["x"]))
    }
}
