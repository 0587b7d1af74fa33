import Testing
@testable import PodiumCore

@Suite("Duty roster")
struct DutyRosterTests {
    static func at(_ hour: Int, _ minute: Int = 0) -> Int { hour * 60 + minute }

    let names = [1: "Wang Fang", 2: "Zhao Lei", 3: "Chen Jing", 4: "Liu Yang"]
    let posts = [10: "Call room", 20: "Long-jump judges", 30: "First aid"]

    func duty(_ person: Int, _ post: Int, _ start: Int, _ end: Int) -> DutyAssignment {
        DutyAssignment(personID: person, postID: post, start: start, end: end)
    }

    @Test func overlappingDutiesOfOnePersonAreNamed() {
        let assignments = [
            duty(1, 20, Self.at(9), Self.at(10)),
            duty(1, 10, Self.at(9, 30), Self.at(11)),          // overlaps the judging
            duty(1, 30, Self.at(11), Self.at(12)),             // back to back is fine
            duty(2, 10, Self.at(9), Self.at(11)),              // someone else at the same time is fine
            duty(3, 30, Self.at(10), Self.at(10)),             // ends when it starts
            duty(1, 30, Self.at(8), Self.at(13)),              // overlaps all three of Wang Fang's
        ]
        #expect(DutyRoster.check(assignments: assignments, names: names, postNames: posts) == [
            FieldIssue("assignments[1]", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "Call room", "other": "Long-jump judges", "time": "09:00–10:00"]),
            FieldIssue("assignments[4]", "error.duty.timeRange", ["person": "Chen Jing", "post": "First aid", "time": "10:00–10:00"]),
            FieldIssue("assignments[5]", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "First aid", "other": "Long-jump judges", "time": "09:00–10:00"]),
            FieldIssue("assignments[5]", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "First aid", "other": "Call room", "time": "09:30–11:00"]),
            FieldIssue("assignments[5]", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "First aid", "other": "First aid", "time": "11:00–12:00"]),
        ])
        #expect(DutyRoster.check(assignments: Array(assignments.prefix(1)) + [assignments[2], assignments[3]]).isEmpty)
        // Without names, ids.
        #expect(DutyRoster.check(assignments: Array(assignments.prefix(2)))[0].message.args["person"] == "1")
    }

    @Test func aNewAssignmentIsCheckedAgainstTheExistingOnes() {
        let existing = [duty(1, 20, Self.at(9), Self.at(10)), duty(1, 30, Self.at(12), Self.at(13)), duty(2, 10, Self.at(9), Self.at(12))]
        #expect(DutyRoster.checkNew(duty(1, 10, Self.at(10), Self.at(12)), existing: existing, names: names, postNames: posts).isEmpty)
        #expect(DutyRoster.checkNew(duty(1, 10, Self.at(9, 45), Self.at(12, 15)), existing: existing, names: names, postNames: posts) == [
            FieldIssue("personId", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "Call room", "other": "Long-jump judges", "time": "09:00–10:00"]),
            FieldIssue("personId", "error.duty.doubleBooked", ["person": "Wang Fang", "post": "Call room", "other": "First aid", "time": "12:00–13:00"]),
        ])
        #expect(DutyRoster.checkNew(duty(4, 10, Self.at(11), Self.at(10)), existing: existing, names: names, postNames: posts)
            == [FieldIssue("end", "error.duty.timeRange", ["person": "Liu Yang", "post": "Call room", "time": "11:00–10:00"])])
    }

    @Test func coverageShowsWhoIsThereAndWhatIsMissing() {
        let shifts = [DutyShift(postID: 20, start: Self.at(9), end: Self.at(11), needed: 3), DutyShift(postID: 10, start: Self.at(9), end: Self.at(10), needed: 1)]
        let assignments = [
            duty(1, 20, Self.at(8), Self.at(12)),              // covers the whole shift
            duty(2, 20, Self.at(9), Self.at(11)),
            duty(3, 20, Self.at(10), Self.at(11)),             // only part of it
            duty(4, 10, Self.at(9), Self.at(10)),
            duty(4, 20, Self.at(11), Self.at(12)),             // after the shift
        ]
        let coverage = DutyRoster.coverage(shifts: shifts, assignments: assignments)
        #expect(coverage.map(\.assigned) == [[1, 2], [4]])
        #expect(coverage.map(\.partial) == [[3], []])
        #expect(coverage.map(\.missing) == [1, 0])
        #expect(coverage.map(\.isCovered) == [false, true])
    }

    @Test func autoFillSpreadsTheLoadWithoutDoubleBooking() {
        let shifts = [
            DutyShift(postID: 30, start: Self.at(9, 30), end: Self.at(10, 30), needed: 2),
            DutyShift(postID: 20, start: Self.at(9), end: Self.at(10), needed: 2),
        ]
        // Wang Fang already has two hours in the afternoon, so the others go first.
        let existing = [duty(1, 10, Self.at(13), Self.at(15))]
        let fill = DutyRoster.autoFill(shifts: shifts, volunteers: [1, 2, 3], existing: existing)
        #expect(fill.added == [duty(2, 20, Self.at(9), Self.at(10)), duty(3, 20, Self.at(9), Self.at(10)), duty(1, 30, Self.at(9, 30), Self.at(10, 30))])
        #expect(fill.unfilled.count == 1)
        #expect(fill.unfilled.first?.shift == shifts[0])
        #expect(fill.unfilled.first?.missing == 1)
        #expect(!fill.isComplete)
        #expect(DutyRoster.check(assignments: existing + fill.added).isEmpty)
    }

    @Test func autoFillTakesTheLeastLoadedAndCountsWhatIsAlreadyThere() {
        let shifts = (0..<4).map { DutyShift(postID: 10, start: Self.at(9 + $0), end: Self.at(10 + $0), needed: 1) }
        let fill = DutyRoster.autoFill(shifts: shifts, volunteers: [1, 2, 2], existing: [])
        #expect(fill.added.map(\.personID) == [1, 2, 1, 2])
        #expect(fill.isComplete)

        // A shift already staffed is left alone; someone busy is skipped.
        let staffed = [duty(3, 10, Self.at(9), Self.at(10)), duty(1, 20, Self.at(10), Self.at(11))]
        let rest = DutyRoster.autoFill(shifts: Array(shifts.prefix(2)), volunteers: [1, 2], existing: staffed)
        #expect(rest.added == [duty(2, 10, Self.at(10), Self.at(11))])

        // Nobody free: reported, not looped.
        let none = DutyRoster.autoFill(shifts: [DutyShift(postID: 10, start: Self.at(9), end: Self.at(10), needed: 2)], volunteers: [], existing: [])
        #expect(none.added.isEmpty && none.unfilled.map(\.missing) == [2])
    }

    @Test func peopleWhoCompeteAreKeptOffDutyAndClashesAreNamed() {
        let items = [ScheduleItem(id: 1, eventID: 1, roundIndex: 1, label: "100 m — heats", duration: 20, venues: .kinds([.track]), participants: [1, 2])]
        let placements = [Placement(itemID: 1, venueID: 1, start: Self.at(9, 30), end: Self.at(9, 50))]
        let competing = DutyRoster.competingTimes(placements: placements, items: items)
        #expect(competing[1] == [TimeSpan(start: Self.at(9, 30), end: Self.at(9, 50))])
        #expect(competing[3] == nil)

        let shift = DutyShift(postID: 10, start: Self.at(9), end: Self.at(10), needed: 1)
        let fill = DutyRoster.autoFill(shifts: [shift], volunteers: [1, 2, 3], existing: [], unavailable: competing)
        #expect(fill.added == [duty(3, 10, Self.at(9), Self.at(10))])

        let assignments = [duty(1, 10, Self.at(9), Self.at(10)), duty(2, 20, Self.at(9, 50), Self.at(11)), duty(3, 30, Self.at(9), Self.at(10))]
        let clashes = DutyRoster.competitionClashes(assignments: assignments, placements: placements, items: items, names: names, postNames: posts)
        #expect(clashes.map(\.personID) == [1])
        #expect(clashes.first?.message == LocalizedMessage("error.duty.competing", ["person": "Wang Fang", "post": "Call room", "item": "100 m — heats", "time": "09:30–09:50"]))
        // With ten minutes to get from the track to the post, Zhao Lei's duty from 09:50 clashes too.
        let margin = DutyRoster.competitionClashes(assignments: assignments, placements: placements, items: items, margin: 10)
        #expect(margin.map(\.personID) == [1, 2])
    }

    @Test func kindsHaveLocalizationKeys() {
        #expect(DutyKind.firstAid.localizationKey == "duty.kind.firstAid")
        #expect(DutyKind.allCases.count == 7)
    }
}

@Suite("Opening ceremony run of show")
struct RunOfShowTests {
    @Test func segmentsFollowEachOtherFromTheStart() {
        let segments = [
            RunOfShowSegment(kind: .marchIn, title: "Teams march in", duration: 1, formations: (1...10).map { "Team \($0)" }, secondsPerFormation: 30),
            RunOfShowSegment(kind: .flag, title: "Raising the flag", duration: 5),
            RunOfShowSegment(kind: .speech, title: "Opening speech", duration: 10, performer: "General manager"),
            RunOfShowSegment(kind: .declaration, title: "Athletes' oath", duration: 3),
            RunOfShowSegment(kind: .performance, title: "Dragon dance", duration: 15, performer: "Youth league"),
        ]
        let timings = RunOfShow.timings(start: 9 * 60, segments: segments)
        #expect(timings.map(\.start) == [540, 545, 550, 560, 563])
        #expect(timings.map(\.end) == [545, 550, 560, 563, 578])
        #expect(timings[2].segment.performer == "General manager")
        #expect(RunOfShow.timings(start: 540, segments: []).isEmpty)
    }

    @Test func aMarchInLastsAsLongAsItsFormationsRoundedUp() {
        let marchIn = RunOfShowSegment(kind: .marchIn, title: "March-in", duration: 20, formations: (1...7).map { "Team \($0)" }, secondsPerFormation: 25)
        #expect(marchIn.minutes == 3)                             // 175 seconds
        #expect(RunOfShowSegment(kind: .marchIn, title: "March-in", duration: 20).minutes == 20)
        // An absurd typed value is clamped here and refused by `issues`, never an overflow.
        let absurd = RunOfShowSegment(kind: .marchIn, title: "March-in", duration: 0, formations: ["A", "B"], secondsPerFormation: .max)
        #expect(absurd.minutes == 20)
        #expect(!RunOfShow.issues(segments: [absurd]).isEmpty)
        #expect(RunOfShowSegment(kind: .speech, title: "Speech", duration: 8, formations: ["x"]).minutes == 8)
        let cues = RunOfShow.cues(start: 9 * 60, segment: marchIn)
        #expect(cues.map(\.second) == [32_400, 32_425, 32_450, 32_475, 32_500, 32_525, 32_550])
        #expect(cues[2].text == "09:00:50" && cues[2].formation == "Team 3")
    }

    @Test func flagsLeadTheMarchInThenTeamsAsTheOrganizerSetThem() {
        #expect(RunOfShow.marchInOrder(teams: ["Finance", " Plant  No. 2 ", "", "Finance", "Sales"], nationalFlag: "National flag", groupFlag: "Group flag")
            == ["National flag", "Group flag", "Finance", "Plant No. 2", "Sales"])
        #expect(RunOfShow.marchInOrder(teams: ["Sales", "Finance"], nationalFlag: nil, groupFlag: "Group flag") == ["Group flag", "Sales", "Finance"])
    }

    @Test func titlesAndLengthsAreChecked() {
        let segments = [
            RunOfShowSegment(kind: .speech, title: "  ", duration: 0),
            RunOfShowSegment(kind: .performance, title: "Dance", duration: 241),
            RunOfShowSegment(kind: .marchIn, title: "March-in", duration: 0, formations: ["A", "B"], secondsPerFormation: 2),
            RunOfShowSegment(kind: .marchIn, title: "March-in", duration: 0, formations: Array(repeating: "A", count: 500), secondsPerFormation: 60),
            RunOfShowSegment(kind: .flag, title: String(repeating: "x", count: 201), duration: 240, performer: String(repeating: "y", count: 101)),
            RunOfShowSegment(kind: .other, title: "Photo", duration: 1),
        ]
        let issues = RunOfShow.issues(segments: segments)
        #expect(issues == [
            FieldIssue("segments[0].title", "error.runOfShow.titleRequired"),
            FieldIssue("segments[0].duration", "error.runOfShow.duration", ["value": "0", "min": "1", "max": "240"]),
            FieldIssue("segments[1].duration", "error.runOfShow.duration", ["value": "241", "min": "1", "max": "240"]),
            FieldIssue("segments[2].secondsPerFormation", "error.runOfShow.secondsPerFormation", ["value": "2", "min": "5", "max": "600"]),
            FieldIssue("segments[3].duration", "error.runOfShow.duration", ["value": "500", "min": "1", "max": "240"]),
            FieldIssue("segments[4].title", "error.runOfShow.titleTooLong", ["max": "200"]),
            FieldIssue("segments[4].performer", "error.runOfShow.performerTooLong", ["max": "100"]),
        ])
        #expect(throws: PodiumError.validation(issues)) { try RunOfShow.validate(segments: segments) }
        #expect(throws: Never.self) { try RunOfShow.validate(segments: [segments[5]]) }
        #expect(RunOfShowKind.marchIn.localizationKey == "runOfShow.kind.marchIn")
    }
}
