import Testing
@testable import PodiumCore

@Suite("Schedule items from events")
struct EventScheduleTests {
    func word(_ message: LocalizedMessage) -> String { message.description }

    func entries(_ count: Int) -> [(entryID: Int, people: [Int])] { (1...count).map { ($0, [100 + $0]) } }

    @Test func defaultsFollowTheFormatAndTheSport() {
        #expect(EventPlan.defaults(format: .timed, templateID: "100m-men") == EventPlan(kinds: [.track], minutes: 5))
        #expect(EventPlan.defaults(format: .measured, templateID: nil) == EventPlan(kinds: [.field], minutes: 30))
        #expect(EventPlan.defaults(format: .counted, templateID: nil) == EventPlan(kinds: [.hall, .other], minutes: 20))
        #expect(EventPlan.defaults(format: .headToHead, templateID: "basketball") == EventPlan(kinds: [.hall], minutes: 40))
        #expect(EventPlan.defaults(format: .headToHead, templateID: "badminton-mixed-doubles") == EventPlan(kinds: [.court], minutes: 20))
        #expect(EventPlan.defaults(format: .headToHead, templateID: "tug-of-war") == EventPlan(kinds: [.field], minutes: 10))
        #expect(EventPlan.kinds("other, hall,nonsense") == [.hall, .other])
        #expect(EventPlan(kinds: [.other, .hall], minutes: 20).kindsText == "hall,other")
        #expect(EventPlan(kinds: [], minutes: 0).issues.map(\.field) == ["venueKinds", "minutes"])
    }

    @Test func timedEventsGetAHeatPerFullTrackThenAFinal() {
        let plan = EventPlan(kinds: [.track], minutes: 5)
        let nine = EventScheduleInput(eventID: 7, name: "100 m", format: .timed, plan: plan, entries: entries(9), draw: nil)
        let items = EventSchedule.items([nine], lanes: 8, word: word)
        #expect(items.map(\.key) == ["e7-h1", "e7-h2", "e7-f"])
        #expect(items.map(\.item.roundIndex) == [1, 1, 2])
        #expect(items.allSatisfy { $0.item.participants.count == 9 && $0.item.duration == 5 })
        #expect(items.map(\.item.id) == [1, 2, 3])
        let one = EventSchedule.items([nine], lanes: 10, word: word)
        #expect(one.map(\.key) == ["e7-f"] && one[0].item.roundIndex == 1)
        #expect(EventSchedule.items([EventScheduleInput(eventID: 8, name: "Empty", format: .timed, plan: plan, entries: [], draw: nil)],
                                    lanes: nil, word: word).map(\.key) == ["e8-f"])
        let jump = EventScheduleInput(eventID: 9, name: "Long jump", format: .measured, plan: EventPlan(kinds: [.field], venueID: 3, minutes: 30),
                                      entries: entries(3), draw: nil)
        let session = EventSchedule.items([jump], lanes: 8, word: word)
        #expect(session.map(\.key) == ["e9-s"] && session[0].item.venues == .venue(3) && session[0].item.label == "Long jump")
    }

    @Test func seededHeatsHoldTheirOwnRunnersAndWinOverTheLaneCount() {
        let plan = EventPlan(kinds: [.track], minutes: 5)
        // Nine runners seeded on a four-lane track in three heats; runner 9 entered after seeding.
        let seeded = EventScheduleInput(eventID: 7, name: "100 m", format: .timed, plan: plan, entries: entries(9), draw: nil,
                                        heats: [1: [1, 4, 7], 2: [2, 5], 3: [3, 6, 8]])
        let items = EventSchedule.items([seeded], lanes: 8, word: word)
        #expect(items.map(\.key) == ["e7-h1", "e7-h2", "e7-h3", "e7-f"])
        #expect(items[0].item.participants == [101, 104, 107, 109])
        #expect(items[1].item.participants == [102, 105, 109])
        #expect(items[3].item.participants.count == 9 && items[3].item.roundIndex == 2)
        // Heats that share nobody run side by side on two tracks (the late runner above would tie them together).
        let allSeeded = EventScheduleInput(eventID: 7, name: "100 m", format: .timed, plan: plan, entries: entries(8), draw: nil,
                                           heats: [1: [1, 4, 7], 2: [2, 5], 3: [3, 6, 8]])
        let apart = EventSchedule.items([allSeeded], lanes: 8, word: word)
        let tracks = [Venue(id: 1, name: "A", kind: .track), Venue(id: 2, name: "B", kind: .track)]
        let result = TimetablePlanner.plan(items: apart.map(\.item), venues: tracks, settings: TimetableSettings(dayStart: 480, dayEnd: 720))
        #expect(result.isComplete)
        let starts = apart.prefix(3).compactMap { result.placement(of: $0.item.id)?.start }
        #expect(starts.filter { $0 == 480 }.count == 2)
        // One seeded heat: the final alone.
        let single = EventScheduleInput(eventID: 8, name: "400 m", format: .timed, plan: plan, entries: entries(3), draw: nil, heats: [1: [1, 2, 3]])
        #expect(EventSchedule.items([single], lanes: 8, word: word).map(\.key) == ["e8-f"])
    }

    @Test func knockoutMatchesListWhoMayStillPlayThem() throws {
        let draw = try HeadToHeadDraw(structure: .singleElimination, entrants: [1, 2, 3, 4], groups: [], qualifiersPerGroup: 0, thirdPlaceMatch: true,
                                      rules: .standard, outcomes: [.knockout(1): MatchOutcome(winner: .home, games: [GameScore(40, 30)])])
        let event = EventScheduleInput(eventID: 5, name: "Basketball", format: .headToHead, plan: EventPlan(kinds: [.hall], minutes: 40),
                                       entries: entries(4), draw: draw)
        let items = EventSchedule.items([event], lanes: nil, word: word)
        #expect(items.map(\.key) == ["e5-k1", "e5-k2", "e5-k3", "e5-k4"])
        // Semi-finals in round 1; the third-place game shares the final's round.
        #expect(items.map(\.item.roundIndex) == [1, 1, 2, 2])
        let semi1 = items[0].item.participants, semi2 = items[1].item.participants
        #expect(semi1.count == 2 && semi2.count == 2 && semi1.isDisjoint(with: semi2))
        // Match 1 is played: its winner is known for the final, the other side may be either of match 2.
        let final = items.first { $0.key == "e5-k4" }!.item
        #expect(final.participants.count == 3)
        #expect(items[0].item.label.contains("bracket.round.semifinal"))
    }

    @Test func groupRoundsComeBeforeTheKnockout() throws {
        let draw = try HeadToHeadDraw(structure: .groupsKnockout, entrants: [1, 2, 3, 4, 5, 6], groups: [[1, 3, 5], [2, 4, 6]], qualifiersPerGroup: 1,
                                      thirdPlaceMatch: false, rules: .standard, outcomes: [:])
        let event = EventScheduleInput(eventID: 2, name: "Table tennis", format: .headToHead, plan: EventPlan(kinds: [.court], minutes: 20),
                                       entries: entries(6), draw: draw)
        let items = EventSchedule.items([event], lanes: nil, word: word)
        let groupItems = items.filter { $0.key.hasPrefix("e2-g") }
        let knockout = items.filter { $0.key.hasPrefix("e2-k") }
        #expect(groupItems.count == 6 && knockout.count == 1)
        #expect(groupItems.allSatisfy { $0.item.participants.count == 2 })
        #expect(knockout[0].item.roundIndex == (groupItems.map(\.item.roundIndex).max() ?? 0) + 1)
        #expect(knockout[0].item.participants.count == 6)
    }
}
