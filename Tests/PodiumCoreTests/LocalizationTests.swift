import Foundation
import Testing
@testable import PodiumCore

@Suite struct LocalizationTests {
    // MARK: Language negotiation

    @Test(arguments: [
        ("zh-CN,zh;q=0.9,en;q=0.8", Language.zhHans),
        ("en-US,en;q=0.9", .en),
        ("fr-FR, en;q=0.5", .en),
        ("en;q=0.5, zh;q=0.9", .zhHans),
        ("zh-TW", .zhHans),
        ("zh-Hant-HK", .zhHans),
        ("zh-Hans-SG", .zhHans),
        ("EN-gb", .en),
        ("zh;q=0, en;q=0.1", .en),
        ("en;q=0.8, zh;q=0.8", .en),
        ("zh;q=0.8, en;q=0.8", .zhHans),
        ("en;q=0.5, zh", .zhHans),
        ("fr, de;q=0.9, zh-CN;q=0.2", .zhHans),
        ("  en  ;  q=0.3 ", .en),
    ])
    func negotiates(header: String, expected: Language) {
        #expect(Language.negotiate(acceptLanguage: header) == expected)
    }

    @Test(arguments: ["fr", "fr-FR, de;q=0.9", "*", "", ",,,", "en;q=0", "zh;q=0.0, en;q=0", "english", "en;q=abc"])
    func noShippedLanguage(_ header: String) {
        #expect(Language.negotiate(acceptLanguage: header) == nil)
    }

    @Test func nilHeader() {
        #expect(Language.negotiate(acceptLanguage: nil) == nil)
    }

    @Test func languageTags() {
        #expect(Language(tag: "zh-CN") == .zhHans)
        #expect(Language(tag: "en-GB") == .en)
        #expect(Language(tag: "fr") == nil)
        #expect(Language(tag: "") == nil)
        #expect(Language.zhHans.htmlTag == "zh-Hans")
        #expect(Language.en.htmlTag == "en")
    }

    // MARK: Localizer

    private let localizer = Localizer(tables: [
        .en: ["greeting": "Hello, {name}!", "onlyEnglish": "English only", "range": "{min} to {max}", "plain": "Plain"],
        .zhHans: ["greeting": "你好，{name}！", "range": "{min}至{max}", "plain": "普通"],
    ])

    @Test func looksUpInRequestedLanguage() {
        #expect(localizer.string("plain", .en) == "Plain")
        #expect(localizer.string("plain", .zhHans) == "普通")
    }

    @Test func fallsBackToEnglishThenKey() {
        #expect(localizer.string("onlyEnglish", .zhHans) == "English only")
        #expect(localizer.string("missing.key", .zhHans) == "missing.key")
        #expect(localizer.string("missing.key", .en) == "missing.key")
        #expect(Localizer(tables: [:]).string("greeting", .zhHans, ["name": "x"]) == "greeting")
    }

    @Test func fillsArguments() {
        #expect(localizer.string("greeting", .en, ["name": "Li"]) == "Hello, Li!")
        #expect(localizer.string("greeting", .zhHans, ["name": "李"]) == "你好，李！")
        #expect(localizer.string("range", .en, ["min": "1", "max": "9"]) == "1 to 9")
        #expect(localizer.string("range", .zhHans, ["min": "1", "max": "9"]) == "1至9")
        // Missing arguments stay as placeholders; unused ones are ignored.
        #expect(localizer.string("range", .en, ["min": "1", "other": "x"]) == "1 to {max}")
        #expect(localizer.string("greeting", .en) == "Hello, {name}!")
    }

    @Test func fillReplacesEveryOccurrence() {
        #expect(Localizer.fill("{a}-{a}-{b}", ["a": "1", "b": "2"]) == "1-1-2")
        #expect(Localizer.fill("no braces", ["a": "1"]) == "no braces")
    }

    @Test func localizesMessages() {
        #expect(localizer.message(LocalizedMessage("greeting", ["name": "Ann"]), .en) == "Hello, Ann!")
        #expect(localizer.message(LocalizedMessage("unknown"), .zhHans) == "unknown")
    }

    @Test func keysAndHas() {
        #expect(localizer.keys(.zhHans) == ["greeting", "range", "plain"])
        #expect(localizer.has("onlyEnglish", .en))
        #expect(!localizer.has("onlyEnglish", .zhHans))
        #expect(Localizer(tables: [:]).keys(.en).isEmpty)
    }

    @Test func loadsTablesFromDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-l10n-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"a": "A {x}", "b": "B"}"#.utf8).write(to: directory.appendingPathComponent("en.json"))
        try Data(#"{"a": "甲{x}"}"#.utf8).write(to: directory.appendingPathComponent("zh-Hans.json"))
        let loaded = try Localizer(directory: directory)
        #expect(loaded.string("a", .zhHans, ["x": "1"]) == "甲1")
        #expect(loaded.string("b", .zhHans) == "B")
    }

    @Test func loadingFailsWithoutFiles() {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-missing-\(UUID().uuidString)")
        #expect(throws: (any Error).self) { try Localizer(directory: directory) }
    }

    // MARK: DateDisplay

    private func day(_ year: Int, _ month: Int, _ day: Int) throws -> CalendarDate {
        try #require(CalendarDate(year: year, month: month, day: day))
    }

    @Test func dates() throws {
        #expect(DateDisplay.date(try day(2023, 11, 18), .en) == "18 Nov 2023")
        #expect(DateDisplay.date(try day(2023, 11, 18), .zhHans) == "2023年11月18日")
        #expect(DateDisplay.date(try day(2024, 1, 5), .en) == "5 Jan 2024")
        #expect(DateDisplay.date(try day(2024, 1, 5), .zhHans) == "2024年1月5日")
        #expect(DateDisplay.date(try day(2024, 12, 31), .en) == "31 Dec 2024")
    }

    @Test func dateRanges() throws {
        let start = try day(2023, 11, 18)
        let end = try day(2023, 11, 19)
        #expect(DateDisplay.dateRange(start, end, .en) == "18 Nov 2023 – 19 Nov 2023")
        #expect(DateDisplay.dateRange(start, end, .zhHans) == "2023年11月18日 – 2023年11月19日")
        #expect(DateDisplay.dateRange(start, start, .en) == "18 Nov 2023")
        #expect(DateDisplay.dateRange(start, nil, .zhHans) == "2023年11月18日")
    }

    @Test func dateTimesInShanghai() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        // 2023-11-18 06:05:00 UTC is 14:05 in Shanghai.
        let instant = Date(timeIntervalSince1970: 1_700_287_500)
        #expect(DateDisplay.dateTime(instant, timeZone: shanghai, .en) == "18 Nov 2023, 14:05")
        #expect(DateDisplay.dateTime(instant, timeZone: shanghai, .zhHans) == "2023年11月18日 14:05")
        // 2023-11-18 17:30 UTC is already the next day in Shanghai.
        let evening = Date(timeIntervalSince1970: 1_700_328_600)
        #expect(DateDisplay.dateTime(evening, timeZone: shanghai, .en) == "19 Nov 2023, 01:30")
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(DateDisplay.dateTime(evening, timeZone: utc, .zhHans) == "2023年11月18日 17:30")
    }

    @Test func calendarDateOfInstant() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        let evening = Date(timeIntervalSince1970: 1_700_328_600)
        #expect(DateDisplay.calendarDate(evening, timeZone: shanghai) == (try day(2023, 11, 19)))
        #expect(DateDisplay.calendarDate(evening, timeZone: utc) == (try day(2023, 11, 18)))
    }

    // MARK: NumberDisplay

    @Test(arguments: [
        (0, "零"), (1, "一"), (5, "五"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
        (99, "九十九"), (100, "一百"), (105, "一百零五"), (110, "一百一十"), (111, "一百一十一"),
        (1000, "一千"), (1001, "一千零一"), (1010, "一千零一十"), (1100, "一千一百"), (2024, "二千零二十四"),
        (9999, "九千九百九十九"), (10000, "10000"), (-1, "-1"),
    ])
    func chineseNumerals(n: Int, expected: String) {
        #expect(NumberDisplay.chinese(n) == expected)
    }

    @Test func editions() {
        #expect(NumberDisplay.edition(5, .zhHans) == "第五届")
        #expect(NumberDisplay.edition(12, .zhHans) == "第十二届")
        #expect(NumberDisplay.edition(5, .en) == "5th edition")
        #expect(NumberDisplay.edition(21, .en) == "21st edition")
    }

    @Test(arguments: [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"), (13, "13th"),
        (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th"), (1000, "1000th"),
    ])
    func englishOrdinals(n: Int, expected: String) {
        #expect(NumberDisplay.englishOrdinal(n) == expected)
    }
}
