import Fluent
import Foundation
import PodiumCore

/// Drafts a program's results announcement from what its public pages show (the games standings and awards,
/// the relay board, the honor roll) and saves it as a new draft article linked to the program, through
/// `NewsService.create`, so it is checked and audited like any article. PodiumCore writes the words.
struct AnnouncementService {
    let db: any Database
    let clock: PodiumClock
    let news: NewsService
    let localizer: Localizer

    /// The article drafted for the program, not yet saved: what `draft` would create.
    func compose(program: ProgramModel, language: Language) async throws -> Announcement {
        let status = ProgramStatus(rawValue: program.status) ?? .draft
        guard ResultsAnnouncement.allowedStatuses.contains(status) else {
            throw PodiumError.invalid("program", "error.announcement.status",
                                      ["program": program.name, "status": localizer.string(status.localizationKey, language)])
        }
        let occasion = AnnouncementOccasion(name: program.name, edition: program.edition, theme: program.theme,
                                            startDate: CalendarDate(parsing: program.startDate), endDate: program.endDate.flatMap(CalendarDate.init(parsing:)),
                                            venue: program.venue)
        func refuse(_ key: String?) throws {
            if let key { throw PodiumError.invalid("program", key, ["program": program.name]) }
        }
        switch ProgramKind(rawValue: program.kind) ?? .games {
        case .games:
            let facts = try await gamesFacts(programID: program.id!)
            try refuse(ResultsAnnouncement.missing(games: facts))
            return ResultsAnnouncement.games(occasion, facts, language)
        case .relay:
            let facts = try await relayFacts(program: program, language: language)
            try refuse(ResultsAnnouncement.missing(relay: facts))
            return ResultsAnnouncement.relay(occasion, facts, language)
        case .recognition:
            let facts = try await recognitionFacts(program: program)
            try refuse(ResultsAnnouncement.missing(recognition: facts))
            return ResultsAnnouncement.recognition(occasion, facts, language)
        }
    }

    /// Creates a new draft article with the announcement, linked to the program. A second call makes a second draft.
    func draft(program: ProgramModel, language: Language, by actor: Actor) async throws -> NewsArticleDTO {
        let text = try await compose(program: program, language: language)
        var title = text.title
        if title.count > ArticleDraft.maxTitleLength { title = String(title.prefix(ArticleDraft.maxTitleLength - 1)) + "…" }
        return try await news.create(NewsArticleInput(title: title, body: text.body, status: .draft, programId: program.id!), by: actor)
    }

    /// Articles linked to the program, newest first: earlier announcement drafts among them.
    func articles(programID: Int) async throws -> [NewsArticleModel] {
        try await NewsArticleModel.query(on: db).filter(\.$program.$id == programID).sort(\.$updatedAt, .descending).sort(\.$id, .descending).all()
    }

    // MARK: Facts, from the services behind the public pages

    func gamesFacts(programID: Int) async throws -> GamesAnnouncementFacts {
        let results = GamesResultsService(db: db, clock: clock)
        let context = try await GamesResultsService.Context.load(programID: programID, db: db)
        let awards = try await results.awards(programID: programID)
        let standings = try await results.standings(programID: programID)
        let awardsByEvent = Dictionary(uniqueKeysWithValues: awards.events.map { ($0.eventId, $0) })
        var events: [GamesAnnouncementFacts.Event] = []
        var teamIDs = Set<Int>()
        var entryIDs: [Int] = []
        var awardPlaces: [AwardKind: [Int]] = [:]
        for event in context.events {
            let lines = context.ranked(event).filter { $0.place != nil }
            guard !lines.isEmpty else { continue }
            teamIDs.formUnion(lines.map(\.teamId))
            entryIDs += lines.map(\.entryId)
            let kind = AwardKind(rawValue: event.awardKind) ?? .individual
            let awardees = awardsByEvent[event.id!]?.awardees ?? []
            awardPlaces[kind, default: []] += awardees.map(\.place)
            events.append(.init(name: event.name, category: EventCategory(rawValue: event.category) ?? .competition, awardKind: kind,
                                winners: awardees.filter { $0.place == 1 }.map { .init(names: $0.names, team: $0.teamName) }))
        }
        let athletes = entryIDs.isEmpty ? 0 : Set(try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entryIDs).all(\.$person.$id)).count
        let ranking = standings.filter { teamIDs.contains($0.teamId) }.map {
            GamesAnnouncementFacts.Standing(rank: $0.rank, tied: $0.tied, team: $0.teamName, points: $0.points, prize: $0.prize)
        }
        return GamesAnnouncementFacts(teams: teamIDs.count, athletes: athletes, events: events, awardPlaces: awardPlaces, standings: ranking)
    }

    func relayFacts(program: ProgramModel, language: Language) async throws -> RelayAnnouncementFacts {
        let snapshot = try await RelayTimingService(db: db, clock: clock).snapshot(program: program)
        let teams = Dictionary(uniqueKeysWithValues: snapshot.teams.map { ($0.id, $0) })
        func classLabel(_ code: String) -> String {
            let key = "relay.class.\(code)"
            return localizer.has(key, language) ? localizer.string(key, language) : code
        }
        let entered = snapshot.teams.map { team in
            let people = Dictionary(team.runners.map { ($0.personId, $0.gender) }, uniquingKeysWith: { first, _ in first })
            return RelayAnnouncementFacts.Team(name: team.name, classLabel: classLabel(team.teamClass), runners: people.count,
                                               women: people.values.filter { $0 == .female }.count)
        }
        var finishers: [RelayAnnouncementFacts.Finisher] = []
        var unplaced: [RelayAnnouncementFacts.Unplaced] = []
        for result in snapshot.board.teams {
            if result.progress == .finished, let place = result.place, let total = result.total {
                finishers.append(.init(place: place, tied: result.placeTied, team: result.team.name, totalMs: total))
            } else {
                switch result.progress {
                case .dns: unplaced.append(.init(team: result.team.name, reason: .dns))
                case .dnf: unplaced.append(.init(team: result.team.name, reason: .dnf))
                case .dq: unplaced.append(.init(team: result.team.name, reason: .dq))
                default: break
                }
            }
        }
        finishers.sort { ($0.place, $0.totalMs) < ($1.place, $1.totalMs) }
        // The fastest run of each leg: the leg time the board ranks first (after a restart, timed from the restart).
        var fastest: [RelayAnnouncementFacts.LegBest] = []
        for leg in snapshot.course.legs {
            for result in snapshot.board.teams {
                guard let split = result.legs.first(where: { $0.order == leg.order }), let time = split.time, split.rank == 1 else { continue }
                let runner = teams[result.team.id]?.runners.first { $0.leg == leg.order }?.name ?? ""
                fastest.append(.init(leg: leg.order, meters: leg.distanceMeters, runner: runner, team: result.team.name, timeMs: time))
            }
        }
        return RelayAnnouncementFacts(legMeters: snapshot.course.legs.map(\.distanceMeters), teams: entered, finishers: finishers,
                                      unplaced: unplaced, fastestLegs: fastest)
    }

    func recognitionFacts(program: ProgramModel) async throws -> RecognitionAnnouncementFacts {
        let awards = AwardDecisionService(db: db, clock: clock)
        let roll = try await awards.honorRoll(program: program)
        let kinds = Dictionary(uniqueKeysWithValues: try await RecognitionService(db: db, clock: clock).categories(programID: program.id!)
            .map { ($0.code, $0.categoryKind) })
        let byCategory = Dictionary(grouping: roll.honorees, by: \.category)
        return RecognitionAnnouncementFacts(categories: roll.categories.map { category in
            RecognitionAnnouncementFacts.Category(
                name: category.name, kind: kinds[category.code] ?? (category.special ? .special : .individual),
                honorees: (byCategory[category.code] ?? []).map { .init(name: $0.nominee, unit: $0.organization) })
        })
    }
}
