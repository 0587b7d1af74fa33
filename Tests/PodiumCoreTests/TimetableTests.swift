import Testing
@testable import PodiumCore

@Suite("Meet-day timetable")
struct TimetableTests {
    /// A fixed-seed generator so the large instance is the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func at(_ hour: Int, _ minute: Int = 0) -> Int { hour * 60 + minute }

    let track = Venue(id: 1, name: "Track", kind: .track)
    let field = Venue(id: 2, name: "Long-jump pit", kind: .field)
    let court1 = Venue(id: 3, name: "Court 1", kind: .court)
    let court2 = Venue(id: 4, name: "Court 2", kind: .court)
    let morning = TimetableSettings(dayStart: at(8), dayEnd: at(12))
    let names = [1: "Li Lei", 2: "Han Meimei", 3: "Wang Fang"]

    func item(_ id: Int, event: Int, round: Int = 1, _ label: String, _ duration: Int, _ kinds: Set<VenueKind> = [.track],
              _ people: Set<Int>, earliest: Int? = nil) -> ScheduleItem {
        ScheduleItem(id: id, eventID: event, roundIndex: round, label: label, duration: duration, venues: .kinds(kinds),
                     participants: people, earliestStart: earliest)
    }

    func starts(_ result: PlanResult) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: result.placements.map { ($0.itemID, $0.start) })
    }

    /// The ids the planner's first pass, item by item across events, leaves out on its own (later rounds of an item
    /// left out with it), in id order. A plan that places them owes it to the whole-events passes that follow.
    func leftOutItemByItem(_ items: [ScheduleItem], venues: [Venue], settings: TimetableSettings) -> [Int] {
        let byEvent = Dictionary(grouping: items, by: \.eventID)
        let position = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        var board = TimetablePlanner.Board(settings: settings, venues: venues)
        var leftOut: [ScheduleItem] = []
        for item in TimetablePlanner.longestChainFirst(items, byEvent: byEvent, position: position, settings: settings) {
            guard !leftOut.contains(where: { $0.eventID == item.eventID && $0.roundIndex < item.roundIndex }),
                  case .success(let placement) = board.earliest(item, sameEvent: byEvent[item.eventID]!) else {
                leftOut.append(item)
                continue
            }
            board.add(item, placement)
        }
        return leftOut.map(\.id).sorted()
    }

    // MARK: - Automatic plan

    @Test func twoEventsSharingAPersonAreTheChangeoverApart() {
        let items = [item(1, event: 1, "100 m", 30, [.track], [1, 2]), item(2, event: 2, "Long jump", 30, [.field], [1, 3])]
        let result = TimetablePlanner.plan(items: items, venues: [track, field], settings: morning)
        #expect(result.isComplete)
        #expect(result.placements == [Placement(itemID: 1, venueID: 1, start: Self.at(8), end: Self.at(8, 30)),
                                      Placement(itemID: 2, venueID: 2, start: Self.at(8, 40), end: Self.at(9, 10))])

        // A 7-minute changeover ends at 08:37; the next start on the 5-minute grid is 08:40, on a 15-minute grid 08:45.
        var settings = morning
        settings.changeover = 7
        #expect(starts(TimetablePlanner.plan(items: items, venues: [track, field], settings: settings))[2] == Self.at(8, 40))
        settings.slot = 15
        #expect(starts(TimetablePlanner.plan(items: items, venues: [track, field], settings: settings))[2] == Self.at(8, 45))

        // Without a shared person both start at once.
        let apart = [item(1, event: 1, "100 m", 30, [.track], [1, 2]), item(2, event: 2, "Long jump", 30, [.field], [3])]
        #expect(starts(TimetablePlanner.plan(items: apart, venues: [track, field], settings: morning)) == [1: Self.at(8), 2: Self.at(8)])
    }

    @Test func roundsRunInOrderWithTheGap() {
        let items = [
            item(3, event: 1, round: 2, "60 m — final", 15, [.track], [1, 2, 3, 4]),
            item(1, event: 1, round: 1, "60 m — heat 1", 20, [.track], [1, 2]),
            item(2, event: 1, round: 1, "60 m — heat 2", 20, [.track], [3, 4]),
        ]
        let result = TimetablePlanner.plan(items: items, venues: [track], settings: morning)
        #expect(result.isComplete)
        #expect(starts(result) == [1: Self.at(8), 2: Self.at(8, 20), 3: Self.at(9)])
        #expect(result.placements.map(\.itemID) == [1, 2, 3])

        var settings = morning
        settings.roundGap = 45
        #expect(starts(TimetablePlanner.plan(items: items, venues: [track], settings: settings))[3] == Self.at(9, 25))
    }

    @Test func twoCourtsAreUsedSideBySide() {
        let items = [
            item(1, event: 5, "Badminton R1 — A", 30, [.court], [1, 2]), item(2, event: 5, "Badminton R1 — B", 30, [.court], [3, 4]),
            item(3, event: 5, "Badminton R1 — C", 30, [.court], [5, 6]), item(4, event: 5, "Badminton R1 — D", 30, [.court], [7, 8]),
            item(5, event: 5, round: 2, "Badminton final", 40, [.court], Set(1...8)),
        ]
        let result = TimetablePlanner.plan(items: items, venues: [court1, court2, track], settings: morning)
        #expect(result.isComplete)
        #expect(result.placements == [
            Placement(itemID: 1, venueID: 3, start: Self.at(8), end: Self.at(8, 30)),
            Placement(itemID: 2, venueID: 4, start: Self.at(8), end: Self.at(8, 30)),
            Placement(itemID: 3, venueID: 3, start: Self.at(8, 30), end: Self.at(9)),
            Placement(itemID: 4, venueID: 4, start: Self.at(8, 30), end: Self.at(9)),
            Placement(itemID: 5, venueID: 3, start: Self.at(9, 20), end: Self.at(10)),
        ])
    }

    @Test func aNamedVenueIsTheOnlyOneUsed() {
        let final = ScheduleItem(id: 1, eventID: 1, roundIndex: 1, label: "Table tennis final", duration: 30, venues: .venue(4), participants: [1, 2])
        let result = TimetablePlanner.plan(items: [final], venues: [court1, court2], settings: morning)
        #expect(result.placements == [Placement(itemID: 1, venueID: 4, start: Self.at(8), end: Self.at(8, 30))])
    }

    @Test func longerChainsGoFirst() {
        // One track: the event with a final still to come takes the morning's first slot.
        let items = [item(1, event: 1, "Sack race", 30, [.track], [1]), item(2, event: 2, "200 m — heats", 30, [.track], [2]),
                     item(3, event: 2, round: 2, "200 m — final", 10, [.track], [2])]
        #expect(starts(TimetablePlanner.plan(items: items, venues: [track], settings: morning)) == [2: Self.at(8), 1: Self.at(8, 30), 3: Self.at(9)])
    }

    @Test func venueHoursAndEarliestStartsAreRespected() {
        let late = Venue(id: 9, name: "Gym", kind: .hall, opens: Self.at(9, 30), closes: Self.at(11))
        let items = [item(1, event: 1, "Basketball", 40, [.hall], [1]), item(2, event: 2, "Relay", 20, [.track], [2], earliest: Self.at(10, 2))]
        let result = TimetablePlanner.plan(items: items, venues: [late, track], settings: morning)
        #expect(starts(result) == [1: Self.at(9, 30), 2: Self.at(10, 5)])

        let short = [item(3, event: 3, "Basketball final", 100, [.hall], [1])]
        #expect(TimetablePlanner.plan(items: short, venues: [late], settings: morning).problems
            == [PlanProblem(itemID: 3, "error.timetable.doesNotFit", ["item": "Basketball final", "dayEnd": "12:00"])])
    }

    @Test func fixedPlacementsStayWhereTheyAre() {
        let items = [item(1, event: 1, "100 m", 30, [.track], [1]), item(2, event: 2, "Long jump", 30, [.field], [1])]
        // Placed by hand off the grid at 08:03; the other item waits for the changeover and the grid.
        let fixed = [Placement(itemID: 2, venueID: 2, start: Self.at(8, 3), end: Self.at(8, 33))]
        let result = TimetablePlanner.plan(items: items, venues: [track, field], settings: morning, fixed: fixed)
        #expect(result.isComplete)
        #expect(result.placements == [fixed[0], Placement(itemID: 1, venueID: 1, start: Self.at(8, 45), end: Self.at(9, 15))])

        // A fixed venue booking blocks automatic items on that venue.
        let same = [item(3, event: 3, "400 m", 30, [.track], [7]), item(4, event: 4, "800 m", 30, [.track], [8])]
        let booked = TimetablePlanner.plan(items: same, venues: [track], settings: morning,
                                           fixed: [Placement(itemID: 4, venueID: 1, start: Self.at(8, 10), end: Self.at(8, 40))])
        #expect(starts(booked) == [4: Self.at(8, 10), 3: Self.at(8, 40)])
    }

    @Test func aFixedLaterRoundCapsTheEarlierOne() {
        let heats = item(1, event: 1, "100 m — heats", 30, [.track], [1, 2])
        let final = item(2, event: 1, round: 2, "100 m — final", 10, [.track], [1, 2])
        let fixedFinal = [Placement(itemID: 2, venueID: 1, start: Self.at(9), end: Self.at(9, 10))]
        #expect(starts(TimetablePlanner.plan(items: [heats, final], venues: [track], settings: morning, fixed: fixedFinal)) == [1: Self.at(8), 2: Self.at(9)])

        // The final fixed at 08:30 leaves no room for heats plus the 20-minute gap.
        let tooEarly = [Placement(itemID: 2, venueID: 1, start: Self.at(8, 30), end: Self.at(8, 40))]
        let result = TimetablePlanner.plan(items: [heats, final], venues: [track], settings: morning, fixed: tooEarly)
        #expect(result.placements == tooEarly)
        #expect(result.problems == [PlanProblem(itemID: 1, "error.timetable.roundOrder", ["item": "100 m — heats", "other": "100 m — final"])])
    }

    @Test func clashingFixedPlacementsAreReportedNotMoved() {
        let items = [item(1, event: 1, "100 m", 30, [.track], [1, 2]), item(2, event: 2, "Long jump — flight A", 30, [.field], [2, 3]),
                     item(3, event: 2, round: 2, "Long jump — final", 30, [.field], [2, 3]), item(4, event: 3, "200 m", 30, [.track], [9])]
        let fixed = [
            Placement(itemID: 2, venueID: 2, start: Self.at(8, 20), end: Self.at(8, 50)),
            Placement(itemID: 1, venueID: 1, start: Self.at(8), end: Self.at(8, 30)),
            Placement(itemID: 4, venueID: 1, start: Self.at(8, 15), end: Self.at(8, 45)),
        ]
        let result = TimetablePlanner.plan(items: items, venues: [track, field], settings: morning, fixed: fixed, names: names)
        // Earliest first: the 100 m at 08:00 is kept; the long jump shares Han Meimei; the 200 m wants the busy track.
        #expect(result.placements == [fixed[1]])
        #expect(result.problems == [
            PlanProblem(itemID: 2, "error.timetable.fixedClash", ["item": "Long jump — flight A", "other": "100 m", "person": "Han Meimei"]),
            PlanProblem(itemID: 3, "error.timetable.previousRoundUnplaced", ["item": "Long jump — final", "other": "Long jump — flight A"]),
            PlanProblem(itemID: 4, "error.timetable.venueBusy", ["venue": "Track", "other": "100 m", "item": "200 m", "time": "08:00–08:30"]),
        ])
        // Without names the person is given by id.
        let unnamed = TimetablePlanner.plan(items: items, venues: [track, field], settings: morning, fixed: fixed)
        #expect(unnamed.problems[0].message.args["person"] == "2")
    }

    @Test func aDayTooShortIsReportedWithTheItemsLeftOut() {
        var settings = morning
        settings.dayEnd = Self.at(9)
        let items = [
            item(1, event: 1, "100 m — heat 1", 30, [.track], [1, 2]), item(2, event: 1, "100 m — heat 2", 30, [.track], [3, 4]),
            item(3, event: 1, round: 2, "100 m — final", 10, [.track], [1, 2, 3, 4]),
            item(4, event: 1, round: 3, "100 m — victory lap", 5, [.track], [1, 2, 3, 4]),
            item(5, event: 2, "Marathon", 90, [.track], [5]),
        ]
        let result = TimetablePlanner.plan(items: items, venues: [track], settings: settings)
        #expect(!result.isComplete)
        #expect(starts(result) == [1: Self.at(8), 2: Self.at(8, 30)])
        #expect(result.problems == [
            PlanProblem(itemID: 3, "error.timetable.doesNotFit", ["item": "100 m — final", "dayEnd": "09:00"]),
            PlanProblem(itemID: 4, "error.timetable.previousRoundUnplaced", ["item": "100 m — victory lap", "other": "100 m — final"]),
            PlanProblem(itemID: 5, "error.timetable.doesNotFit", ["item": "Marathon", "dayEnd": "09:00"]),
        ])
    }

    /// One pit and 90 minutes of jumping until 09:30: only a plan that never leaves the pit idle fits. Item by item, the
    /// triple jump's longer chain opens, the long-jump qualifying fills its round gap and the long-jump final (more
    /// people) takes 08:50, leaving the triple-jump final a 20-minute hole and then no time. Whole events, the longer
    /// chain first, leave out the long-jump final instead; with the long jump moved to the front the next pass fits.
    @Test func wholeEventsOneAfterTheOtherPlaceWhatTheItemByItemPassLeftOut() {
        var settings = morning
        settings.dayEnd = Self.at(9, 30)
        let items = [
            item(1, event: 1, "Long jump — qualifying", 10, [.field], [2, 3]), item(2, event: 1, round: 2, "Long jump — final", 30, [.field], [2, 3]),
            item(3, event: 2, "Triple jump — qualifying", 20, [.field], [1]), item(4, event: 2, round: 2, "Triple jump — final", 30, [.field], [1]),
        ]
        #expect(leftOutItemByItem(items, venues: [field], settings: settings) == [4])

        let result = TimetablePlanner.plan(items: items, venues: [field], settings: settings, names: names)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.placements == [
            Placement(itemID: 1, venueID: 2, start: Self.at(8), end: Self.at(8, 10)),
            Placement(itemID: 3, venueID: 2, start: Self.at(8, 10), end: Self.at(8, 30)),
            Placement(itemID: 2, venueID: 2, start: Self.at(8, 30), end: Self.at(9)),
            Placement(itemID: 4, venueID: 2, start: Self.at(9), end: Self.at(9, 30)),
        ])
        // Every round after its qualifying with the gap, nobody in two places, nothing on the pit twice at once.
        #expect(Self.brokenRules(result.placements, items: items, venues: [field], settings: settings) == [])
        #expect(TimetablePlanner.conflicts(placements: result.placements, items: items, venues: [field], settings: settings).isEmpty)
    }

    /// One pit and 100 minutes for 150 minutes of jumping: no order fits it all. Item by item leaves three items out;
    /// whole events, the ones that did not fit moved to the front, come back round to an order already tried and stop,
    /// keeping the pass that leaves out only the triple jump, each of its items with its own reason.
    @Test(.timeLimit(.minutes(1))) func aDayTooShortEvenForWholeEventsReportsEachItemLeftOut() {
        var settings = morning
        settings.dayEnd = Self.at(9, 40)
        let items = [
            item(1, event: 1, "Long jump — qualifying", 30, [.field], [2]), item(2, event: 1, round: 2, "Long jump — final", 20, [.field], [2]),
            item(3, event: 2, "Triple jump — qualifying", 50, [.field], [1, 2, 3]),
            item(4, event: 2, round: 2, "Triple jump — final", 30, [.field], [1, 2, 3]),
            item(5, event: 3, "Standing long jump", 20, [.field], [1, 2]),
        ]
        #expect(leftOutItemByItem(items, venues: [field], settings: settings) == [2, 4, 5])

        let result = TimetablePlanner.plan(items: items, venues: [field], settings: settings, names: names)
        #expect(result.placements == [
            Placement(itemID: 1, venueID: 2, start: Self.at(8), end: Self.at(8, 30)),
            Placement(itemID: 2, venueID: 2, start: Self.at(8, 50), end: Self.at(9, 10)),
            Placement(itemID: 5, venueID: 2, start: Self.at(9, 20), end: Self.at(9, 40)),
        ])
        #expect(result.problems == [
            PlanProblem(itemID: 3, "error.timetable.doesNotFit", ["item": "Triple jump — qualifying", "dayEnd": "09:40"]),
            PlanProblem(itemID: 4, "error.timetable.previousRoundUnplaced", ["item": "Triple jump — final", "other": "Triple jump — qualifying"]),
        ])
        #expect(result.placements.count + result.problems.count == items.count)
        #expect(Self.brokenRules(result.placements, items: items, venues: [field], settings: settings) == [])
        // Deterministic.
        #expect(TimetablePlanner.plan(items: items, venues: [field], settings: settings, names: names) == result)
    }

    @Test func itemsWithoutAVenueOfTheirKindAreReported() {
        let items = [
            item(1, event: 1, "Basketball — group A", 40, [.hall], [1]), item(2, event: 1, round: 2, "Basketball — final", 40, [.hall], [1]),
            ScheduleItem(id: 3, eventID: 2, roundIndex: 1, label: "Table tennis", duration: 30, venues: .venue(99), participants: [2]),
            item(4, event: 3, "Tug of war", 20, [], [3]),
            item(5, event: 4, "Relay", 0, [.track], [4]),
            item(6, event: 5, "60 m", 10, [.track], [5]),
        ]
        let result = TimetablePlanner.plan(items: items, venues: [track, field], settings: morning)
        #expect(result.placements == [Placement(itemID: 6, venueID: 1, start: Self.at(8), end: Self.at(8, 10))])
        #expect(result.problems == [
            PlanProblem(itemID: 1, "error.timetable.noVenue", ["item": "Basketball — group A"]),
            PlanProblem(itemID: 2, "error.timetable.previousRoundUnplaced", ["item": "Basketball — final", "other": "Basketball — group A"]),
            PlanProblem(itemID: 3, "error.timetable.noVenue", ["item": "Table tennis"]),
            PlanProblem(itemID: 4, "error.timetable.noVenue", ["item": "Tug of war"]),
            PlanProblem(itemID: 5, "error.timetable.duration", ["item": "Relay", "value": "0"]),
        ])
    }

    @Test func anEmptyProgrammeIsACompletePlan() {
        let result = TimetablePlanner.plan(items: [], venues: [], settings: morning)
        #expect(result.isComplete && result.placements.isEmpty)
    }

    /// About 120 items on 10 venues for 400 people: every rule holds and everything fits the day.
    @Test func aFullMeetDayKeepsEveryRule() throws {
        let (items, venues) = Self.fullMeet()
        #expect(items.count >= 115 && items.count <= 130)
        let settings = TimetableSettings(dayStart: Self.at(8), dayEnd: Self.at(18))
        let result = TimetablePlanner.plan(items: items, venues: venues, settings: settings)
        #expect(result.isComplete, "\(result.problems)")
        #expect(result.placements.count == items.count)
        #expect(Self.brokenRules(result.placements, items: items, venues: venues, settings: settings) == [])
        #expect(TimetablePlanner.conflicts(placements: result.placements, items: items, venues: venues, settings: settings).isEmpty)
        // Deterministic.
        #expect(TimetablePlanner.plan(items: items, venues: venues, settings: settings) == result)

        // A day too short for it all still gives a plan that keeps every rule, and says what is left out.
        let short = TimetableSettings(dayStart: Self.at(8), dayEnd: Self.at(11))
        let partial = TimetablePlanner.plan(items: items, venues: venues, settings: short)
        #expect(!partial.isComplete)
        #expect(partial.placements.count + partial.problems.count == items.count)
        #expect(Self.brokenRules(partial.placements, items: items, venues: venues, settings: short) == [])
        let keys = Set(partial.problems.map(\.message.key))
        #expect(keys.isSubset(of: ["error.timetable.doesNotFit", "error.timetable.previousRoundUnplaced"]))
    }

    static func fullMeet() -> ([ScheduleItem], [Venue]) {
        var random = Generator(state: 2024)
        let venues = [
            Venue(id: 1, name: "Track", kind: .track), Venue(id: 2, name: "Field A", kind: .field), Venue(id: 3, name: "Field B", kind: .field),
            Venue(id: 4, name: "Court 1", kind: .court), Venue(id: 5, name: "Court 2", kind: .court), Venue(id: 6, name: "Court 3", kind: .court),
            Venue(id: 7, name: "Court 4", kind: .court), Venue(id: 8, name: "Hall A", kind: .hall, opens: at(8, 30)),
            Venue(id: 9, name: "Hall B", kind: .hall, opens: at(8, 30), closes: at(17)), Venue(id: 10, name: "Square", kind: .other),
        ]
        var items: [ScheduleItem] = []
        var nextID = 1
        var event = 0
        func add(_ round: Int, _ label: String, _ duration: Int, _ kinds: Set<VenueKind>, _ people: [Int]) {
            items.append(ScheduleItem(id: nextID, eventID: event, roundIndex: round, label: label, duration: duration,
                                      venues: .kinds(kinds), participants: Set(people)))
            nextID += 1
        }
        // Most people enter one event; about one entry in six is someone's second or third.
        var entered: [Int: Int] = [:]
        var fresh = Array(1...400).shuffled(using: &random)
        var again: [Int] = []
        func entrants(_ count: Int) -> [Int] {
            var chosen: [Int] = []
            while chosen.count < count {
                if Int.random(in: 0..<6, using: &random) == 0 || fresh.isEmpty, let person = again.randomElement(using: &random), !chosen.contains(person) {
                    chosen.append(person)
                } else if let person = fresh.popLast() {
                    chosen.append(person)
                }
            }
            for person in chosen {
                entered[person, default: 0] += 1
                if entered[person] == 1 { again.append(person) }
                if entered[person] == 3 { again.removeAll { $0 == person } }
            }
            return chosen
        }
        for _ in 1...6 { // sprints: 3 heats of 8, then a final
            event += 1
            let people = entrants(24)
            for heat in 0..<3 { add(1, "Track \(event) — heat \(heat + 1)", 10, [.track], Array(people[(heat * 8)..<(heat * 8 + 8)])) }
            add(2, "Track \(event) — final", 10, [.track], people)
        }
        for _ in 1...4 { // jumps and throws: two flights, then a final
            event += 1
            let people = entrants(16)
            add(1, "Field \(event) — flight A", 30, [.field], Array(people[0..<8]))
            add(1, "Field \(event) — flight B", 30, [.field], Array(people[8..<16]))
            add(2, "Field \(event) — final", 30, [.field], people)
        }
        for _ in 1...4 { // badminton and table tennis: 16 players, knock-out
            event += 1
            let people = entrants(16)
            for block in 0..<4 { add(1, "Court \(event) — R1 block \(block + 1)", 20, [.court], Array(people[(block * 4)..<(block * 4 + 4)])) }
            for block in 0..<2 { add(2, "Court \(event) — R2 block \(block + 1)", 20, [.court], people) }
            add(3, "Court \(event) — semi-finals", 20, [.court], people)
            add(4, "Court \(event) — final", 20, [.court], people)
        }
        for _ in 1...2 { // basketball: 8 teams of 5, three round-robin rounds of 4 games, then a final
            event += 1
            let people = entrants(40)
            let teams = (0..<8).map { Array(people[($0 * 5)..<($0 * 5 + 5)]) }
            let pairings = [[(0, 1), (2, 3), (4, 5), (6, 7)], [(0, 2), (1, 3), (4, 6), (5, 7)], [(0, 3), (1, 2), (4, 7), (5, 6)]]
            for (round, games) in pairings.enumerated() {
                for (home, away) in games { add(round + 1, "Basketball \(event) — R\(round + 1) \(home)v\(away)", 30, [.hall], teams[home] + teams[away]) }
            }
            add(4, "Basketball \(event) — final", 30, [.hall], people)
        }
        for _ in 1...4 { // tug of war: 8 teams of 4, knock-out on the square or a field
            event += 1
            let people = entrants(32)
            for pull in 0..<4 { add(1, "Tug \(event) — R1 pull \(pull + 1)", 10, [.other, .field], Array(people[(pull * 8)..<(pull * 8 + 8)])) }
            for pull in 0..<2 { add(2, "Tug \(event) — semi \(pull + 1)", 10, [.other, .field], people) }
            add(3, "Tug \(event) — final", 10, [.other, .field], people)
        }
        return (items, venues)
    }

    /// An independent check of every rule, as text for readable failures.
    static func brokenRules(_ placements: [Placement], items: [ScheduleItem], venues: [Venue], settings: TimetableSettings) -> [String] {
        var broken: [String] = []
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        let venueByID = Dictionary(uniqueKeysWithValues: venues.map { ($0.id, $0) })
        if Set(placements.map(\.itemID)).count != placements.count { broken.append("an item placed twice") }
        for p in placements {
            let item = byID[p.itemID]!, venue = venueByID[p.venueID]!
            if !item.venues.allows(venue) { broken.append("\(item.label) on \(venue.name)") }
            if p.start % settings.slot != 0 { broken.append("\(item.label) off the grid") }
            if p.end - p.start != item.duration { broken.append("\(item.label) wrong length") }
            if p.start < max(settings.dayStart, venue.opens) || p.end > min(settings.dayEnd, venue.closes) { broken.append("\(item.label) outside hours") }
            for q in placements where q.itemID > p.itemID {
                let other = byID[q.itemID]!
                if p.venueID == q.venueID, p.start < q.end, q.start < p.end { broken.append("\(item.label) and \(other.label) share a venue") }
                if !item.participants.isDisjoint(with: other.participants),
                   !(p.end + settings.changeover <= q.start || q.end + settings.changeover <= p.start) {
                    broken.append("\(item.label) and \(other.label) share a person")
                }
                if item.eventID == other.eventID, item.roundIndex != other.roundIndex {
                    let (first, second) = item.roundIndex < other.roundIndex ? (p, q) : (q, p)
                    if second.start < first.end + settings.roundGap { broken.append("\(item.label) and \(other.label) out of order") }
                }
            }
        }
        for p in placements {
            let item = byID[p.itemID]!
            for earlier in items where earlier.eventID == item.eventID && earlier.roundIndex < item.roundIndex
                && !placements.contains(where: { $0.itemID == earlier.id }) {
                broken.append("\(item.label) placed without \(earlier.label)")
            }
        }
        return broken
    }

    // MARK: - Manual moves

    /// 100 m heats 08:00 and final 09:00 on the track, long jump 09:30 in the pit, a court match 08:00.
    struct Board {
        let items: [ScheduleItem]
        let placements: [Placement]
    }

    var board: Board {
        let items = [
            item(1, event: 1, "100 m — heats", 30, [.track], [1, 2]), item(2, event: 1, round: 2, "100 m — final", 20, [.track], [1, 2]),
            item(3, event: 2, "Long jump", 30, [.field], [2, 3]), item(4, event: 3, "Badminton", 30, [.court], [4]),
            item(5, event: 4, "Sack race", 20, [.track], [9], earliest: Self.at(10)),
        ]
        let placements = [
            Placement(itemID: 1, venueID: 1, start: Self.at(8), end: Self.at(8, 30)), Placement(itemID: 2, venueID: 1, start: Self.at(9), end: Self.at(9, 20)),
            Placement(itemID: 3, venueID: 2, start: Self.at(9, 30), end: Self.at(10)), Placement(itemID: 4, venueID: 3, start: Self.at(8), end: Self.at(8, 30)),
        ]
        return Board(items: items, placements: placements)
    }

    func move(_ itemID: Int, to venueID: Int, _ start: Int) -> [FieldIssue] {
        TimetablePlanner.checkMove(itemID: itemID, to: venueID, start: start, placements: board.placements, items: board.items,
                                   venues: [track, field, court1, court2], settings: morning, names: names)
    }

    @Test func aMoveThatKeepsEveryRuleIsAccepted() {
        #expect(move(3, to: 2, Self.at(10, 30)) == [])
        #expect(move(1, to: 1, Self.at(8)) == [])               // its own place does not count against it
        #expect(move(3, to: 2, Self.at(9, 30)) == [])           // exactly the changeover after the final
        #expect(move(4, to: 4, Self.at(11, 30)) == [])          // the last slot of the day
        #expect(move(5, to: 1, Self.at(10)) == [])
    }

    @Test func aPersonClashNamesThePersonAndTheOtherItem() {
        #expect(move(3, to: 2, Self.at(8, 30)) == [
            FieldIssue("start", "error.timetable.personClash", ["person": "Han Meimei", "item": "Long jump", "other": "100 m — heats", "time": "08:00–08:30"]),
            FieldIssue("start", "error.timetable.personClash", ["person": "Han Meimei", "item": "Long jump", "other": "100 m — final", "time": "09:00–09:20"]),
        ])
        #expect(move(3, to: 2, Self.at(8, 35)).count == 2)      // five minutes short of the changeover both ways
    }

    @Test func aBusyVenueIsRefused() {
        #expect(move(5, to: 1, Self.at(9, 10)).contains(
            FieldIssue("venueId", "error.timetable.venueBusy", ["venue": "Track", "other": "100 m — final", "item": "Sack race", "time": "09:00–09:20"])))
        #expect(move(4, to: 3, Self.at(8, 15)) == [])            // its own booking
        let items = board.items + [item(6, event: 6, "Table tennis", 30, [.court], [8])]
        let issues = TimetablePlanner.checkMove(itemID: 6, to: 3, start: Self.at(8, 25), placements: board.placements, items: items,
                                                venues: [court1], settings: morning)
        #expect(issues == [FieldIssue("venueId", "error.timetable.venueBusy", ["venue": "Court 1", "other": "Badminton", "item": "Table tennis",
                                                                                "time": "08:00–08:30"])])
    }

    @Test func roundsCannotSwapOrCrowdEachOther() {
        // The final 20 minutes after the heats at least; the person clash with the heats is not repeated.
        #expect(move(2, to: 1, Self.at(8, 35)) == [FieldIssue("start", "error.timetable.roundOrder", ["item": "100 m — final", "other": "100 m — heats"])])
        #expect(move(2, to: 1, Self.at(8, 50)) == [])
        // Heats moved after the final: on the same track, out of order, and too close to the long jump.
        #expect(move(1, to: 1, Self.at(9, 10)) == [
            FieldIssue("venueId", "error.timetable.venueBusy", ["venue": "Track", "other": "100 m — final", "item": "100 m — heats", "time": "09:00–09:20"]),
            FieldIssue("start", "error.timetable.roundOrder", ["item": "100 m — heats", "other": "100 m — final"]),
            FieldIssue("start", "error.timetable.personClash", ["person": "Han Meimei", "item": "100 m — heats", "other": "Long jump", "time": "09:30–10:00"]),
        ])
        #expect(move(1, to: 1, Self.at(8, 15)) == [FieldIssue("start", "error.timetable.roundOrder", ["item": "100 m — heats", "other": "100 m — final"])])
    }

    @Test func hoursVenueKindAndGridAreChecked() {
        let hours = ["item": "Badminton", "venue": "Court 1", "opens": "08:00", "closes": "12:00"]
        #expect(move(4, to: 3, Self.at(7, 30)) == [FieldIssue("start", "error.timetable.outsideHours", hours)])
        #expect(move(4, to: 3, Self.at(11, 35)) == [FieldIssue("start", "error.timetable.outsideHours", hours)])
        #expect(move(4, to: 1, Self.at(10)) == [FieldIssue("venueId", "error.timetable.wrongVenue", ["item": "Badminton", "venue": "Track"])])
        #expect(move(4, to: 3, Self.at(10, 2)) == [FieldIssue("start", "error.timetable.offGrid", ["item": "Badminton", "slot": "5", "time": "10:02"])])
        #expect(move(5, to: 1, Self.at(9, 40)) == [FieldIssue("start", "error.timetable.beforeEarliest", ["item": "Sack race", "time": "10:00"])])

        let gym = Venue(id: 8, name: "Gym", kind: .court, opens: Self.at(9), closes: Self.at(10))
        #expect(TimetablePlanner.checkMove(itemID: 4, to: 8, start: Self.at(9, 45), placements: [], items: board.items, venues: [gym], settings: morning)
            == [FieldIssue("start", "error.timetable.outsideHours", ["item": "Badminton", "venue": "Gym", "opens": "09:00", "closes": "10:00"])])
    }

    @Test func unknownItemsAndVenuesAreNamed() {
        #expect(move(42, to: 1, Self.at(9)) == [FieldIssue("itemId", "error.timetable.unknownItem", ["id": "42"])])
        #expect(move(1, to: 42, Self.at(9)) == [FieldIssue("venueId", "error.timetable.unknownVenue", ["id": "42"])])
    }

    @Test func validateMoveThrowsEveryIssue() {
        #expect(throws: PodiumError.validation(move(4, to: 1, Self.at(7, 2)))) {
            try TimetablePlanner.validateMove(itemID: 4, to: 1, start: Self.at(7, 2), placements: board.placements, items: board.items,
                                              venues: [track, field, court1, court2], settings: morning, names: names)
        }
        #expect(move(4, to: 1, Self.at(7, 2)).map(\.message.key) == ["error.timetable.offGrid", "error.timetable.wrongVenue", "error.timetable.outsideHours"])
    }

    @Test func conflictsOfAWholeTimetableAreEachReportedOnce() {
        var placements = board.placements
        placements[2] = Placement(itemID: 3, venueID: 2, start: Self.at(8, 30), end: Self.at(9))   // too close to the heats and the final
        let problems = TimetablePlanner.conflicts(placements: placements, items: board.items, venues: [track, field, court1], settings: morning, names: names)
        #expect(problems == [
            PlanProblem(itemID: 1, "error.timetable.personClash", ["person": "Han Meimei", "item": "100 m — heats", "other": "Long jump", "time": "08:30–09:00"]),
            PlanProblem(itemID: 3, "error.timetable.personClash", ["person": "Han Meimei", "item": "Long jump", "other": "100 m — final", "time": "09:00–09:20"]),
        ])
        #expect(TimetablePlanner.conflicts(placements: board.placements, items: board.items, venues: [track, field, court1], settings: morning).isEmpty)
    }

    // MARK: - Settings and display

    @Test func settingsAndVenuesAreValidated() {
        #expect(morning.issues.isEmpty)
        let bad = TimetableSettings(dayStart: Self.at(12), dayEnd: Self.at(8), slot: 0, changeover: -1, roundGap: 500)
        #expect(bad.issues.map(\.field) == ["dayEnd", "slot", "changeover", "roundGap"])
        #expect(bad.issues[0] == FieldIssue("dayEnd", "error.timetable.dayRange", ["start": "12:00", "end": "08:00"]))
        #expect(Venue(id: 1, name: "  ", kind: .hall, opens: Self.at(10), closes: Self.at(9)).issues.map(\.message.key) == ["error.venue.nameRequired", "error.venue.hours"])
        #expect(Venue(id: 1, name: "Hall", kind: .hall).issues.isEmpty)
        #expect(VenueKind.court.localizationKey == "venue.kind.court")
    }

    @Test func minutesReadAndWriteAsClockTimes() {
        #expect(MinuteOfDay.text(Self.at(9, 5)) == "09:05")
        #expect(MinuteOfDay.text(24 * 60) == "24:00")
        #expect(MinuteOfDay.span(Self.at(8), Self.at(8, 30)) == "08:00–08:30")
        #expect(MinuteOfDay.parse("14：30") == Self.at(14, 30))
        #expect(MinuteOfDay.parse("25:00") == nil)
        #expect(TimeSpan(start: 0, end: 10).overlaps(TimeSpan(start: 10, end: 20)) == false)
        #expect(TimeSpan(start: 0, end: 10).tooClose(to: TimeSpan(start: 19, end: 30), changeover: 10))
        #expect(!TimeSpan(start: 0, end: 10).tooClose(to: TimeSpan(start: 20, end: 30), changeover: 10))
    }
}
