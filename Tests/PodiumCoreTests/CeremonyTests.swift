import Foundation
import Testing
@testable import PodiumCore

@Suite struct CeremonyTests {
    // MARK: Times

    @Test(arguments: [("14:00", "14:00"), ("9:05", "09:05"), ("09:05", "09:05"), ("00:00", "00:00"), ("23:59", "23:59"),
                      (" 8:30 ", "08:30"), ("14：00", "14:00")])
    func readsClockTimes(text: String, expected: String) throws {
        #expect(try #require(ClockTime(parsing: text)).text == expected)
    }

    @Test(arguments: ["24:00", "12:60", "7", "14", "1400", "14:0", "14:000", "-1:00", "14.00", "ab:cd", "", "14:00:00", "１４:００", "1 4:00"])
    func refusesOtherTimes(_ text: String) {
        #expect(ClockTime(parsing: text) == nil)
    }

    @Test func timesCompareAndEncodeAsText() throws {
        #expect(ClockTime(hour: 9, minute: 5)! < ClockTime(hour: 14, minute: 0)!)
        #expect(ClockTime(hour: 24, minute: 0) == nil)
        let data = try JSONEncoder().encode([ClockTime(hour: 9, minute: 5)!])
        #expect(String(decoding: data, as: UTF8.self) == #"["09:05"]"#)
        #expect(try JSONDecoder().decode([ClockTime].self, from: Data(#"["23:59"]"#.utf8)) == [ClockTime(hour: 23, minute: 59)!])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ClockTime].self, from: Data(#"["25:00"]"#.utf8)) }
    }

    // MARK: Agenda items

    private func item(_ time: String? = "14:00", kind: String = "report", title: String = "Work report", speaker: String? = "Lu Ming") -> AgendaItemDraft {
        AgendaItemDraft(startsAt: time, kind: kind, title: title, speaker: speaker)
    }

    @Test func aGoodItemIsTidiedUp() throws {
        let checked = try item(" 9:30 ", kind: " speech ", title: "  Speech   by\u{3000}the chairman ", speaker: "  ").checked()
        #expect(checked == AgendaItemDraft.Checked(startsAt: ClockTime(hour: 9, minute: 30), kind: .speech, title: "Speech by the chairman", speaker: nil))
        #expect(try item(nil).checked().startsAt == nil)
        #expect(try item("").checked().startsAt == nil)
        #expect(try item("   ").checked().startsAt == nil)
    }

    @Test func everyKindIsAccepted() throws {
        for kind in AgendaItemKind.allCases {
            #expect(try item(kind: kind.rawValue).checked().kind == kind)
            #expect(kind.localizationKey == "ceremony.kind.\(kind.rawValue)")
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        #expect(item("25:00", kind: "toast", title: " ", speaker: String(repeating: "张", count: 101)).issues() == [
            FieldIssue("startsAt", "error.ceremony.time", ["value": "25:00"]),
            FieldIssue("kind", "error.ceremony.kind", ["value": "toast", "allowed": "report, commendation, speech, award, other"]),
            FieldIssue("title", "error.ceremony.titleRequired"),
            FieldIssue("speaker", "error.ceremony.speakerTooLong", ["max": "100"]),
        ])
        #expect(throws: PodiumError.validation([FieldIssue("kind", "error.ceremony.kindRequired")])) { try item(kind: "").checked() }
    }

    @Test func lengthLimitsAreInclusive() {
        #expect(item(title: String(repeating: "表", count: 200), speaker: String(repeating: "张", count: 100)).issues() == [])
        #expect(item(title: String(repeating: "表", count: 201)).issues() == [FieldIssue("title", "error.ceremony.titleTooLong", ["max": "200"])])
    }

    // MARK: Order

    @Test func movingUpAndDown() {
        #expect(AgendaOrder.moving(3, .up, in: [1, 2, 3, 4]) == [1, 3, 2, 4])
        #expect(AgendaOrder.moving(3, .down, in: [1, 2, 3, 4]) == [1, 2, 4, 3])
        #expect(AgendaOrder.moving(1, .up, in: [1, 2, 3]) == nil)
        #expect(AgendaOrder.moving(3, .down, in: [1, 2, 3]) == nil)
        #expect(AgendaOrder.moving(9, .up, in: [1, 2, 3]) == nil)
    }

    @Test func placingAtAPosition() {
        #expect(AgendaOrder.placing(4, at: 1, in: [1, 2, 3, 4]) == [4, 1, 2, 3])
        #expect(AgendaOrder.placing(1, at: 3, in: [1, 2, 3, 4]) == [2, 3, 1, 4])
        #expect(AgendaOrder.placing(2, at: 99, in: [1, 2, 3]) == [1, 3, 2])
        #expect(AgendaOrder.placing(2, at: -5, in: [1, 2, 3]) == [2, 1, 3])
        #expect(AgendaOrder.placing(7, at: 2, in: [1, 2]) == [1, 7, 2])
        #expect(AgendaOrder.placing(2, at: .min, in: [1, 2, 3]) == [2, 1, 3])
        #expect(AgendaOrder.placing(2, at: .max, in: [1, 2, 3]) == [1, 3, 2])
    }

    // MARK: Attendees

    @Test func aGuestNeedsANameAndEveryoneAGroup() throws {
        #expect(AttendeeDraft(fromRoster: false, name: " ", group: "", unitName: nil, seat: nil).issues() == [
            FieldIssue("group", "error.ceremony.groupRequired"),
            FieldIssue("name", "error.ceremony.nameRequired"),
        ])
        #expect(AttendeeDraft(fromRoster: true, name: "", group: "vip", unitName: nil, seat: String(repeating: "9", count: 21)).issues() == [
            FieldIssue("group", "error.ceremony.group", ["value": "vip", "allowed": "leader, cadre, honoree, guest"]),
            FieldIssue("seat", "error.ceremony.seatTooLong", ["max": "20"]),
        ])
        let guest = try AttendeeDraft(fromRoster: false, name: " 程  立新 ", group: "guest", unitName: " District union ", seat: "").checked()
        #expect(guest == AttendeeDraft.Checked(name: "程 立新", group: .guest, unitName: "District union", seat: nil))
    }

    @Test func groupsSortInTheNoticesOrder() {
        #expect(AttendeeGroup.allCases.sorted() == [.leader, .cadre, .honoree, .guest])
        #expect(AttendeeGroup.guest > AttendeeGroup.leader)
        #expect(AttendeeGroup.honoree.localizationKey == "ceremony.group.honoree")
    }

    @Test func theListSortsByGroupThenName() {
        let people: [(group: AttendeeGroup, name: String, id: Int)] = [
            (.guest, "Anna", 1), (.leader, "Zhou", 2), (.cadre, "bo", 3), (.cadre, "Al", 4), (.leader, "Bai", 5), (.cadre, "al", 6),
        ]
        #expect(people.sorted(by: AttendeeOrder.precedes).map(\.id) == [5, 2, 4, 6, 3, 1])
    }

    @Test func unitNamesKeepTheLastTwoLevels() {
        #expect(AttendeeDraft.unitName(path: ["Group", "Sector", "Jinghua Technology", "Production"]) == "Jinghua Technology › Production")
        #expect(AttendeeDraft.unitName(path: ["Group"]) == "Group")
        #expect(AttendeeDraft.unitName(path: []) == nil)
    }

    @Test func countsPerGroupThenTheTotal() {
        let counts = AttendanceCount.tally([(.cadre, true), (.leader, false), (.cadre, false), (.leader, true), (.leader, true)])
        #expect(counts == [
            AttendanceCount(group: .leader, expected: 3, checkedIn: 2),
            AttendanceCount(group: .cadre, expected: 2, checkedIn: 1),
            AttendanceCount(group: nil, expected: 5, checkedIn: 3),
        ])
        #expect(AttendanceCount.tally([]) == [AttendanceCount(group: nil, expected: 0, checkedIn: 0)])
    }

    @Test func searchMatchesEveryWordInAnyField() {
        let fields: [String?] = ["张伟", "Jinghua Technology › Production", "A-3", "JH100002"]
        #expect(AttendeeSearch.matches("", fields))
        #expect(AttendeeSearch.matches("张", fields))
        #expect(AttendeeSearch.matches("jinghua prod", fields))
        #expect(AttendeeSearch.matches("jh100002", fields))
        #expect(AttendeeSearch.matches("ＪＨ１０００", fields))
        #expect(AttendeeSearch.matches("a-3", fields))
        #expect(!AttendeeSearch.matches("张 robotics", fields))
        #expect(!AttendeeSearch.matches("李", [nil, nil]))
    }
}
