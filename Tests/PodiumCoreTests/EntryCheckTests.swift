import Foundation
import Testing
@testable import PodiumCore

@Suite("Entry rules")
struct EntryCheckTests {
    static let day = CalendarDate(year: 2023, month: 11, day: 18)!
    static let sprint = EventRules(eventID: 1, name: "100 m", category: .competition, gender: .men, age: AgeRule(maximum: 45), date: day, teamQuota: 2)
    static let tug = EventRules(eventID: 2, name: "Tug of war", category: .competition, gender: .mixed, date: day, lineUpMin: 8, lineUpMax: 10, minimumWomen: 2)
    static let threeLegged = EventRules(eventID: 3, name: "Three-legged race", category: .parentChild, date: day, parentChild: true, childAge: AgeRule(minimum: 6, maximum: 12))
    static let longJump = EventRules(eventID: 4, name: "Long jump", category: .competition, date: day, deadline: Date(timeIntervalSince1970: 1_700_000_000))
    static let funRelay = EventRules(eventID: 5, name: "Fun relay", category: .fun, date: day, countsTowardPersonLimit: false)

    func man(_ id: Int, born year: Int = 1990, team: Int? = 1) -> Athlete {
        Athlete(personID: id, name: "M\(id)", kind: .employee, gender: .male, birthDate: CalendarDate(year: year, month: 6, day: 1), teamID: team)
    }
    func woman(_ id: Int, team: Int? = 1) -> Athlete {
        Athlete(personID: id, name: "W\(id)", kind: .employee, gender: .female, birthDate: CalendarDate(year: 1992, month: 1, day: 1), teamID: team)
    }
    func check(_ existing: [ExistingEntry] = [], limit: Int? = nil) -> EntryCheck {
        EntryCheck(rules: [Self.sprint, Self.tug, Self.threeLegged, Self.longJump, Self.funRelay], existing: existing, personEventLimit: limit)
    }
    func rules(_ violations: [RuleViolation]) -> [EntryRule] { violations.map(\.rule) }

    @Test func aValidIndividualEntryBreaksNothing() {
        #expect(check().violations(eventID: 1, teamID: 1, members: [man(1)], now: nil).isEmpty)
    }

    @Test func genderAgeAndTeamAreEachStatedInWords() {
        let found = check().violations(eventID: 1, teamID: 1, members: [Athlete(personID: 9, name: "李娜", kind: .employee, gender: .female,
                                                                                birthDate: CalendarDate(year: 1970, month: 1, day: 1), teamID: 2)], now: nil)
        #expect(rules(found) == [.team, .gender, .age])
        #expect(found[1].message == LocalizedMessage("rule.gender.menOnly", ["name": "李娜", "event": "100 m"]))
        #expect(found[2].message.args["age"] == "53")
    }

    @Test func ageIsTakenOnTheEventDate() {
        #expect(check().violations(eventID: 1, teamID: 1, members: [man(1, born: 1978)], now: nil).isEmpty)
        let birthdayAfter = Athlete(personID: 2, name: "X", kind: .employee, gender: .male, birthDate: CalendarDate(year: 1977, month: 11, day: 19), teamID: 1)
        #expect(check().violations(eventID: 1, teamID: 1, members: [birthdayAfter], now: nil).isEmpty)
        let birthdayOn = Athlete(personID: 3, name: "Y", kind: .employee, gender: .male, birthDate: CalendarDate(year: 1977, month: 11, day: 18), teamID: 1)
        #expect(rules(check().violations(eventID: 1, teamID: 1, members: [birthdayOn], now: nil)) == [.age])
    }

    @Test func teamQuotaAndDoubleEntries() {
        let existing = [ExistingEntry(entryID: 10, eventID: 1, teamID: 1, personIDs: [1]), ExistingEntry(entryID: 11, eventID: 1, teamID: 1, personIDs: [2])]
        #expect(rules(check(existing).violations(eventID: 1, teamID: 1, members: [man(3)], now: nil)) == [.teamQuota])
        #expect(check(existing).violations(eventID: 1, teamID: 2, members: [man(3, team: 2)], now: nil).isEmpty)
        #expect(check(existing).violations(eventID: 1, teamID: 1, members: [man(3)], replacing: 11, now: nil).isEmpty)
        #expect(rules(check(existing).violations(eventID: 1, teamID: 1, members: [man(1)], replacing: 11, now: nil)) == [.duplicate])
    }

    @Test func lineUpSizeAndMinimumWomen() {
        let eightMen = (1...8).map { man($0) }
        #expect(rules(check().violations(eventID: 2, teamID: 1, members: eightMen, now: nil)) == [.minimumWomen])
        let valid = (1...6).map { man($0) } + [woman(7), woman(8)]
        #expect(check().violations(eventID: 2, teamID: 1, members: valid, now: nil).isEmpty)
        let short = check().violations(eventID: 2, teamID: 1, members: Array(valid.prefix(7)), now: nil)
        #expect(rules(short) == [.lineUpSize, .minimumWomen])
        #expect(short[0].message.args["count"] == "7")
        #expect(rules(check().violations(eventID: 2, teamID: 1, members: valid + valid.prefix(1), now: nil)).contains(.duplicate))
    }

    @Test func parentChildPairs() {
        let parent = man(1)
        let child = Athlete(personID: 50, name: "小明", kind: .family, gender: .male, birthDate: CalendarDate(year: 2015, month: 3, day: 1), teamID: nil, guardianID: 1)
        #expect(check().violations(eventID: 3, teamID: 1, members: [parent, child], now: nil).isEmpty)
        let strangersChild = Athlete(personID: 51, name: "小红", kind: .family, gender: .female, birthDate: CalendarDate(year: 2015, month: 3, day: 1), teamID: nil, guardianID: 2)
        #expect(rules(check().violations(eventID: 3, teamID: 1, members: [parent, strangersChild], now: nil)) == [.parentChild])
        let teenager = Athlete(personID: 52, name: "大明", kind: .family, gender: .male, birthDate: CalendarDate(year: 2008, month: 3, day: 1), teamID: nil, guardianID: 1)
        let tooOld = check().violations(eventID: 3, teamID: 1, members: [parent, teenager], now: nil)
        #expect(tooOld.map(\.message.key) == ["rule.parentChild.childAge"])
        #expect(rules(check().violations(eventID: 3, teamID: 1, members: [parent], now: nil)) == [.parentChild])
    }

    @Test func theDeadlineIsCheckedWhenAnEntryIsMade() {
        let before = Date(timeIntervalSince1970: 1_699_999_999), after = Date(timeIntervalSince1970: 1_700_000_001)
        #expect(check().violations(eventID: 4, teamID: 1, members: [man(1)], now: before).isEmpty)
        #expect(rules(check().violations(eventID: 4, teamID: 1, members: [man(1)], now: after)) == [.deadline])
    }

    @Test func thePersonLimitCountsOnlyEventsThatCount() {
        let existing = [ExistingEntry(entryID: 1, eventID: 4, teamID: 1, personIDs: [1]), ExistingEntry(entryID: 2, eventID: 5, teamID: 1, personIDs: [1])]
        #expect(check(existing, limit: 2).violations(eventID: 1, teamID: 1, members: [man(1)], now: nil).isEmpty)
        #expect(rules(check(existing, limit: 1).violations(eventID: 1, teamID: 1, members: [man(1)], now: nil)) == [.personLimit])
        #expect(check(existing, limit: 1).violations(eventID: 5, teamID: 1, members: [man(1)], replacing: 2, now: nil).isEmpty)
    }

    @Test func aRuleChangedAfterEntriesExistFlagsOnlyTheEntriesThatNowBreakIt() {
        let existing = [ExistingEntry(entryID: 10, eventID: 1, teamID: 1, personIDs: [1]), ExistingEntry(entryID: 11, eventID: 1, teamID: 1, personIDs: [2]),
                        ExistingEntry(entryID: 12, eventID: 1, teamID: 1, personIDs: [3])]
        var tightened = Self.sprint
        tightened.teamQuota = 2
        tightened.age = AgeRule(maximum: 30)
        let recheck = EntryCheck(rules: [tightened], existing: existing, personEventLimit: nil)
        let flagged = recheck.recheckAll(members: [10: [man(1, born: 1995)], 11: [man(2, born: 1980)], 12: [man(3, born: 1996)]])
        #expect(flagged.map(\.entryID) == [11, 12])
        #expect(flagged[0].violations.map(\.rule) == [.age])
        #expect(flagged[1].violations.map(\.rule) == [.teamQuota])
    }
}
