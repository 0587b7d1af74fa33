import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/teams|events|entries`: a games program's teams, events and entries.
struct GamesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let games = routes.grouped("api", "v1", "programs", ":slug")
        games.get("teams", use: teams)
        games.post("teams", use: createTeam)
        games.get("events", use: events)
        games.post("events", use: createEvent)
        games.get("entries", use: entries)
        games.post("entries", use: createEntry)
        games.put("events", ":eventId", use: updateEvent)
        games.delete("events", ":eventId", use: deleteEvent)
        games.delete("entries", ":entryId", use: deleteEntry)
        games.get("entries", "flagged", use: flaggedEntries)
        games.get("scoring", use: scoring)
        games.put("scoring", use: updateScoring)
        games.get("entries.csv", use: entriesCSV)
        games.get("results.csv", use: resultsCSV)
        games.get("standings.csv", use: standingsCSV)
        games.get("events", ":eventId", "results", use: results)
        games.post("events", ":eventId", "results", use: recordResult)
        games.get("standings", use: standings)
        games.get("awards", use: awards)
        routes.get("api", "v1", "event-templates", use: templates)
    }

    private func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.games.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    func teams(req: Request) async throws -> [TeamDTO] {
        try await req.games.teams(programID: try await program(req).id!)
    }

    func createTeam(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let team = try await req.games.createTeam(programID: try await program(req).id!, try req.content.decode(TeamInput.self), by: req.actor)
        return try await team.encodeResponse(status: .created, for: req)
    }

    func events(req: Request) async throws -> [EventDTO] {
        try await req.games.events(programID: try await program(req).id!)
    }

    func createEvent(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let event = try await req.games.createEvent(program: try await program(req), try req.content.decode(EventInput.self),
                                                    language: req.language, by: req.actor)
        return try await event.encodeResponse(status: .created, for: req)
    }

    func updateEvent(req: Request) async throws -> EventUpdateDTO {
        try await req.require(.managePrograms)
        let (event, flagged) = try await req.games.updateEvent(program: try await program(req), eventID: try req.intParameter("eventId"),
                                                               try req.content.decode(EventInput.self), by: req.actor)
        return EventUpdateDTO(event: event, entriesBreakingRules: flagged.map { $0.dto(req) })
    }

    func deleteEvent(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        try await req.games.deleteEvent(programID: try await program(req).id!, eventID: try req.intParameter("eventId"), by: req.actor)
        return .noContent
    }

    /// Organizers see every entry; a team leader sees and makes their own team's only.
    func entries(req: Request) async throws -> [EntryDTO] {
        let program = try await program(req)
        let teams = try await visibleTeamIDs(req, program: program)
        return try await req.games.entries(programID: program.id!).filter { teams == nil || teams!.contains($0.teamId) }
    }

    /// nil for every team (organizers); otherwise the teams the actor leads, refusing those who lead none.
    private func visibleTeamIDs(_ req: Request, program: ProgramModel) async throws -> Set<Int>? {
        if req.allows(.managePrograms) { return nil }
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        let policy = AccessPolicy(tree: try await req.units.tree())
        let own = try await req.games.teams(programID: program.id!).filter { policy.allows(req.actor, .enterTeam(unitID: $0.unitId)) }
        guard !own.isEmpty else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        return Set(own.map(\.id))
    }

    /// Entries that break a rule as the rules stand now, e.g. after an event or the person limit changed.
    func flaggedEntries(req: Request) async throws -> [FlaggedEntryDTO] {
        let program = try await program(req)
        let teams = try await visibleTeamIDs(req, program: program)
        return try await req.games.flaggedEntries(programID: program.id!).filter { teams == nil || teams!.contains($0.teamID) }.map { $0.dto(req) }
    }

    func deleteEntry(req: Request) async throws -> HTTPStatus {
        let program = try await program(req)
        let entryID = try req.intParameter("entryId")
        let team = try await req.games.entry(entryID, programID: program.id!).team
        try await req.require(.enterTeam(unitID: team.$unit.id))
        try await req.games.deleteEntry(program: program, entryID: entryID, by: req.actor, mayOverride: req.allows(.managePrograms))
        return .noContent
    }

    func scoring(req: Request) async throws -> GamesSettingsDTO {
        try await GamesScoringService(db: req.db, clock: req.application.clock).settingsDTO(programID: try await program(req).id!)
    }

    func updateScoring(req: Request) async throws -> GamesSettingsDTO {
        try await req.require(.managePrograms)
        return try await GamesScoringService(db: req.db, clock: req.application.clock)
            .update(programID: try await program(req).id!, try req.content.decode(GamesSettingsInput.self), by: req.actor)
    }

    func entriesCSV(req: Request) async throws -> Response {
        let program = try await program(req)
        let teams = try await visibleTeamIDs(req, program: program)
        return GamesExport.response(try await GamesExport(req: req, program: program).entries(teams: teams), filename: "\(program.slug)-entries.csv")
    }

    func resultsCSV(req: Request) async throws -> Response {
        let program = try await program(req)
        return GamesExport.response(try await GamesExport(req: req, program: program).results(), filename: "\(program.slug)-results.csv")
    }

    func standingsCSV(req: Request) async throws -> Response {
        let program = try await program(req)
        return GamesExport.response(try await GamesExport(req: req, program: program).standings(), filename: "\(program.slug)-standings.csv")
    }

    func createEntry(req: Request) async throws -> Response {
        let program = try await program(req)
        let input = try req.content.decode(EntryInput.self)
        let team = try await req.games.team(input.teamId, programID: program.id!)
        try await req.require(.enterTeam(unitID: team.$unit.id))
        let entry = try await req.games.createEntry(program: program, input, by: req.actor, mayOverride: req.allows(.managePrograms))
        return try await entry.encodeResponse(status: .created, for: req)
    }

    func results(req: Request) async throws -> [RankedResultDTO] {
        let program = try await program(req)
        return try await GamesResultsService(db: req.db, clock: req.application.clock).ranking(programID: program.id!, eventID: try req.intParameter("eventId"))
    }

    /// Officials of the program (and organizers) enter results.
    func recordResult(req: Request) async throws -> ResultDTO {
        let program = try await program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await GamesResultsService(db: req.db, clock: req.application.clock)
            .record(programID: program.id!, eventID: try req.intParameter("eventId"), try req.content.decode(ResultInput.self), by: req.actor)
    }

    func standings(req: Request) async throws -> [StandingDTO] {
        let program = try await program(req)
        return try await GamesResultsService(db: req.db, clock: req.application.clock).standings(programID: program.id!)
    }

    func awards(req: Request) async throws -> AwardsDTO {
        let program = try await program(req)
        return try await GamesResultsService(db: req.db, clock: req.application.clock).awards(programID: program.id!)
    }

    struct TemplateDTO: Content {
        let id: String
        let name: String
        let category: EventCategory
        let format: EventFormat
        let gender: EventGender
        let lineUpMin: Int
        let lineUpMax: Int
        let awardKind: AwardKind
    }

    func templates(req: Request) async throws -> [TemplateDTO] {
        EventTemplate.catalogue.map {
            TemplateDTO(id: $0.id, name: $0.name(req.language), category: $0.category, format: $0.format, gender: $0.gender,
                        lineUpMin: $0.lineUpMin, lineUpMax: $0.lineUpMax, awardKind: $0.award)
        }
    }
}

extension FlaggedEntry {
    func dto(_ req: Request) -> FlaggedEntryDTO {
        FlaggedEntryDTO(entryId: entryID, eventId: eventID, teamId: teamID, names: names,
                        problems: violations.map { FlaggedEntryDTO.Problem(rule: $0.rule, message: req.t($0.message)) })
    }
}
