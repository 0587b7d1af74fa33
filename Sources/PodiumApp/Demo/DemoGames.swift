import Fluent
import PodiumCore

/// The demo's 5th Workers' Games, modelled on the reference meet: 20 events in competition, parent-child
/// and fun categories, one team per company with about 60 athletes, every result entered. Each event
/// awards its top 3 with distinct marks, so the awards page reads "36 individual awards, 18 collective
/// awards, 6 parent-child awards".
struct DemoGames {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    /// A company's people as the demo made them.
    struct Company {
        let unitID: Int
        let employees: [PersonDTO]
        let children: [PersonDTO]
    }

    /// How the demo invents an event's marks: the winner's mark and the gaps to the next, in the mark's
    /// units (milliseconds, millimetres, counts); nil for events placed by their matches.
    struct Plan {
        let template: String
        let best: Int
        let gaps: ClosedRange<Int>
        var quota: Int? = 2
        var lineUp: Int? = nil
        var women: Int = 0
        var status: ResultStatus? = nil
        /// Run in heats then a final of eight, the others placed by their heat times.
        var final = false

        static func placed(_ template: String, quota: Int? = 2, lineUp: Int? = nil, women: Int = 0) -> Plan {
            Plan(template: template, best: 0, gaps: 0...0, quota: quota, lineUp: lineUp, women: women)
        }
    }

    static let plans: [Plan] = [
        Plan(template: "100m-men", best: 11_900, gaps: 5...35, final: true),
        Plan(template: "100m-women", best: 13_800, gaps: 5...40, final: true),
        Plan(template: "400m-men", best: 56_000, gaps: 50...300),
        Plan(template: "400m-women", best: 66_000, gaps: 80...400),
        Plan(template: "1500m-men", best: 290_000, gaps: 300...1500, status: .dns),
        Plan(template: "1500m-women", best: 350_000, gaps: 400...2000, status: .dnf),
        Plan(template: "long-jump-men", best: 5_900, gaps: 5...25, status: .nm),
        Plan(template: "long-jump-women", best: 4_300, gaps: 4...20),
        Plan(template: "shot-put-men", best: 11_200, gaps: 15...60),
        Plan(template: "shot-put-women", best: 8_600, gaps: 12...50),
        Plan(template: "rope-skipping", best: 198, gaps: 2...9),
        .placed("table-tennis-singles", quota: 1),
        Plan(template: "4x100m-relay", best: 52_300, gaps: 30...150, quota: 1, lineUp: 4, women: 2),
        .placed("tug-of-war", quota: 1, lineUp: 10, women: 3),
        .placed("basketball", quota: 1, lineUp: 8),
        Plan(template: "fun-relay", best: 78_000, gaps: 80...400, quota: 1, lineUp: 6, women: 2),
        Plan(template: "centipede-race", best: 24_500, gaps: 40...200, quota: 1, lineUp: 5, women: 1),
        Plan(template: "group-rope-skipping", best: 96, gaps: 2...8, quota: 1, lineUp: 10, women: 3),
        Plan(template: "three-legged", best: 14_200, gaps: 20...120),
        Plan(template: "kangaroo-jump", best: 17_600, gaps: 30...150),
    ]

    static let athletesPerTeam = 60
    static let personEventLimit = 3

    func seedFinished(program: ProgramModel, companies: [Company]) async throws {
        var random = NameGenerator(seed: 1118)
        let games = GamesService(db: db, clock: clock)
        _ = try await GamesScoringService(db: db, clock: clock)
            .update(programID: program.id!, GamesSettingsInput(personEventLimit: Self.personEventLimit, version: 0), by: actor)
        var teams: [(team: TeamDTO, company: Company)] = []
        for company in companies {
            teams.append((try await games.createTeam(programID: program.id!, TeamInput(unitId: company.unitID), by: actor), company))
        }
        let eventDate = CalendarDate(parsing: program.startDate)!
        for plan in Self.plans {
            let event = try await games.createEvent(program: program, EventInput(templateId: plan.template, teamQuota: plan.quota, awardTopN: 3),
                                                    language: .en, by: actor)
            var entries: [EntryDTO] = []
            for (team, company) in teams {
                for lineUp in try await lineUps(for: event, plan: plan, company: company, programID: program.id!, on: eventDate) {
                    entries.append(try await games.createEntry(program: program, EntryInput(eventId: event.id, teamId: team.id, personIds: lineUp),
                                                               by: actor, mayOverride: true))
                }
            }
            let matches = DemoMatches(db: db, clock: clock, actor: actor)
            switch plan.template {
            case "basketball": try await matches.basketball(programID: program.id!, eventID: event.id, random: &random)
            case "table-tennis-singles": try await matches.tableTennis(programID: program.id!, eventID: event.id, random: &random)
            default:
                if GamesStartListService.seedableFormats.contains(event.format.rawValue), !entries.isEmpty {
                    // Heats and flights drawn by lot, as on the day nobody sent in entry marks.
                    _ = try await GamesStartListService(db: db, clock: clock).seed(
                        programID: program.id!, eventID: event.id, .init(marks: [:], laneOrder: "", lanes: 8, flightSize: 8), seed: 1118, by: actor)
                }
                try await enterResults(event: event, plan: plan, entries: entries, programID: program.id!, random: &random)
            }
        }
    }

    /// The venues of the day (an eight-lane track, the field, three table tennis courts, the sports hall) and
    /// the timetable the planner makes for them, from 09:15 once the opening ceremony (08:30–09:07) is over.
    func planTheDay(programID: Int, words: Words) async throws {
        let timetable = GamesTimetableService(db: db, clock: clock)
        let venues: [VenueInput] = [
            VenueInput(name: "Track", kind: VenueKind.track.rawValue, lanes: 8, laneOrder: "4 5 3 6 2 7 1 8"),
            VenueInput(name: "Field", kind: VenueKind.field.rawValue),
            VenueInput(name: "Court 1", kind: VenueKind.court.rawValue),
            VenueInput(name: "Court 2", kind: VenueKind.court.rawValue),
            VenueInput(name: "Court 3", kind: VenueKind.court.rawValue),
            VenueInput(name: "Sports hall", kind: VenueKind.hall.rawValue),
        ]
        for venue in venues { _ = try await timetable.createVenue(programID: programID, venue, by: actor) }
        _ = try await timetable.updateSettings(programID: programID, TimetableSettingsInput(dayStart: "09:15", dayEnd: "17:30", version: 0), by: actor)
        _ = try await timetable.plan(programID: programID, words: words, by: actor)
    }

    /// The 6th Games, open for entries: the same teams and events, nobody entered yet.
    func seedOpen(program: ProgramModel, companies: [Company]) async throws {
        let games = GamesService(db: db, clock: clock)
        _ = try await GamesScoringService(db: db, clock: clock)
            .update(programID: program.id!, GamesSettingsInput(personEventLimit: Self.personEventLimit, version: 0), by: actor)
        for company in companies { _ = try await games.createTeam(programID: program.id!, TeamInput(unitId: company.unitID), by: actor) }
        for plan in Self.plans {
            _ = try await games.createEvent(program: program, EventInput(templateId: plan.template, teamQuota: plan.quota, awardTopN: 3),
                                            language: .en, by: actor)
        }
    }

    /// The team's line-ups for one event, drawn from its first 60 active employees, favouring those with the
    /// fewest events so far and never going past the per-person limit.
    private func lineUps(for event: EventDTO, plan: Plan, company: Company, programID: Int, on date: CalendarDate) async throws -> [[Int]] {
        let pool = Array(company.employees.filter { $0.status == .active }.prefix(Self.athletesPerTeam))
        let counted = try await eventsEntered(pool.map(\.id), programID: programID)
        func available(_ gender: Gender?) -> [PersonDTO] {
            pool.filter { ($0.gender == gender || gender == nil) && (counted[$0.id] ?? 0) < Self.personEventLimit }
                .sorted { ((counted[$0.id] ?? 0), $0.id) < ((counted[$1.id] ?? 0), $1.id) }
        }
        if event.parentChild {
            let childAge = AgeRule(minimum: event.childAgeMin, maximum: event.childAgeMax)
            let used = try await enteredChildren(programID: programID)
            let pairs = company.children.filter { child in
                guard let birth = child.birthDate, !used.contains(child.id), childAge.admits(age: birth.age(on: date)) else { return false }
                return pool.contains { $0.id == child.guardianId && (counted[$0.id] ?? 0) < Self.personEventLimit }
            }
            return pairs.prefix(plan.quota ?? 1).map { [$0.guardianId!, $0.id] }
        }
        if let size = plan.lineUp {
            let women = available(.female).prefix(plan.women)
            let others = available(nil).filter { person in !women.contains { $0.id == person.id } }.filter { event.gender != .men || $0.gender == .male }
            return [Array(women.map(\.id) + others.prefix(size - women.count).map(\.id))]
        }
        let gender: Gender? = event.gender == .men ? .male : (event.gender == .women ? .female : nil)
        return available(gender).prefix(plan.quota ?? 1).map { [$0.id] }
    }

    private func eventsEntered(_ personIDs: [Int], programID: Int) async throws -> [Int: Int] {
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).filter(\.$countsTowardLimit == true).all(\.$id)
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ events.compactMap { $0 }).all(\.$id).compactMap { $0 }
        guard !entries.isEmpty else { return [:] }
        let members = try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entries).filter(\.$person.$id ~~ personIDs).all()
        return Dictionary(members.map { ($0.$person.id, 1) }, uniquingKeysWith: +)
    }

    private func enteredChildren(programID: Int) async throws -> Set<Int> {
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).filter(\.$parentChild == true).all(\.$id)
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ events.compactMap { $0 }).all(\.$id).compactMap { $0 }
        guard !entries.isEmpty else { return [] }
        return Set(try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entries).filter(\.$position == 1).all().map { $0.$person.id })
    }

    /// Distinct marks from the best down, dealt out at random; one entry gets the plan's status.
    /// Events placed by matches get 1 to 4 from the semi-finals and bronze match, then shared places for
    /// the earlier rounds.
    private func enterResults(event: EventDTO, plan: Plan, entries: [EntryDTO], programID: Int, random: inout NameGenerator) async throws {
        let results = GamesResultsService(db: db, clock: clock)
        var order = entries
        for index in order.indices.reversed() { order.swapAt(index, random.next(index + 1)) }
        let kind = event.format.markKind
        var mark = plan.best
        var finalMarks: [Int: String?] = [:]
        for (index, entry) in order.enumerated() {
            var input = ResultInput(entryId: entry.id, official: true)
            if kind == .place {
                let place = index < 4 ? index + 1 : (index < 8 ? 5 : 9)
                input.mark = "\(place)"
            } else if let status = plan.status, index == order.count - 1 {
                input.status = status
            } else {
                if index > 0 {
                    let gap = plan.gaps.lowerBound + random.next(plan.gaps.count)
                    mark += kind.lowerIsBetter ? gap * (kind == .time ? 10 : 1) : -gap * (kind == .distance ? 10 : 1)
                }
                if event.format == .measured {
                    // The best attempt, a shorter one and a foul, in a random order.
                    var attempts = [MarkFormat.format(mark, as: kind), MarkFormat.format(mark - 10 * (5 + random.next(40)), as: kind), "x"]
                    attempts.swapAt(0, random.next(3))
                    input.attempts = attempts
                } else {
                    input.mark = MarkFormat.format(mark, as: kind)
                }
            }
            if plan.final { finalMarks[entry.id] = input.mark } else {
                _ = try await results.record(programID: programID, eventID: event.id, input, by: actor)
            }
        }
        if plan.final { try await runHeatsAndFinal(eventID: event.id, programID: programID, marks: finalMarks, random: &random) }
    }

    /// Heat times a little slower than the final marks, a final of the usual size for the heats, and the
    /// finalists' results; a tie at the last place in the final is drawn by lot.
    private func runHeatsAndFinal(eventID: Int, programID: Int, marks: [Int: String?], random: inout NameGenerator) async throws {
        let service = GamesFinalService(db: db, clock: clock)
        let loaded = try await service.load(programID: programID, eventID: eventID)
        for heat in loaded.heats {
            let rows = heat.runners.map { runner in
                let mark = marks[runner.entryID].flatMap { $0 }.flatMap { try? MarkFormat.parse($0, as: .time) }
                return GamesFinalService.TimeInput(entryID: runner.entryID, status: mark == nil ? .dns : nil,
                                                   mark: mark.map { MarkFormat.format($0 + 10 * (3 + random.next(20)), as: .time) })
            }
            _ = try await service.recordHeat(programID: programID, eventID: eventID, heat: heat.number, rows: rows, by: actor)
        }
        let rule = HeatQualification.usualRule(heats: loaded.heats.count, lanes: 8)
        let final = try await service.makeFinal(programID: programID, eventID: eventID,
                                                .init(byPlace: rule.byPlace, byTime: rule.byTime, lanes: 8, laneOrder: "", picks: [], drawLots: true, version: 0),
                                                seed: 1118, by: actor)
        let results = GamesResultsService(db: db, clock: clock)
        for lane in final.lanes {
            _ = try await results.record(programID: programID, eventID: eventID,
                                         ResultInput(entryId: lane.$entry.id, mark: marks[lane.$entry.id].flatMap { $0 }, official: true), by: actor)
        }
    }
}
