import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/venues`, `/timetable/...` and `/schedule`: a games program's venues, the frame of
/// the meet day, each event's plan and the timetable. Organizers change them; anyone may read them once
/// the program is out of draft.
struct GamesTimetableAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let games = routes.grouped("api", "v1", "programs", ":slug")
        games.get("venues", use: venues)
        games.post("venues", use: createVenue)
        games.put("venues", ":venueId", use: updateVenue)
        games.delete("venues", ":venueId", use: deleteVenue)
        games.get("timetable", "settings", use: settings)
        games.put("timetable", "settings", use: updateSettings)
        games.get("timetable", "plans", use: plans)
        games.put("timetable", "plans", ":eventId", use: updatePlan)
        games.get("schedule", use: schedule)
        games.post("schedule", "plan", use: plan)
        games.put("schedule", ":itemKey", use: move)
        games.delete("schedule", ":itemKey", "pin", use: unpin)
    }

    private func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.games.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    func venues(req: Request) async throws -> [VenueDTO] {
        try await req.timetable.venues(programID: try await program(req).id!).map(\.dto)
    }

    func createVenue(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let venue = try await req.timetable.createVenue(programID: try await program(req).id!, try req.content.decode(VenueInput.self), by: req.actor)
        return try await venue.encodeResponse(status: .created, for: req)
    }

    func updateVenue(req: Request) async throws -> VenueDTO {
        try await req.require(.managePrograms)
        return try await req.timetable.updateVenue(programID: try await program(req).id!, venueID: try req.intParameter("venueId"),
                                                   try req.content.decode(VenueInput.self), by: req.actor)
    }

    func deleteVenue(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        try await req.timetable.deleteVenue(programID: try await program(req).id!, venueID: try req.intParameter("venueId"),
                                            version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    func settings(req: Request) async throws -> TimetableSettingsDTO {
        let (settings, version) = try await req.timetable.settings(programID: try await program(req).id!)
        return settings.dto(version: version)
    }

    func updateSettings(req: Request) async throws -> TimetableSettingsDTO {
        try await req.require(.managePrograms)
        return try await req.timetable.updateSettings(programID: try await program(req).id!, try req.content.decode(TimetableSettingsInput.self),
                                                      by: req.actor)
    }

    func plans(req: Request) async throws -> [EventPlanDTO] {
        try await req.timetable.plans(programID: try await program(req).id!).map(\.dto)
    }

    func updatePlan(req: Request) async throws -> EventPlanDTO {
        try await req.require(.managePrograms)
        return try await req.timetable.updatePlan(programID: try await program(req).id!, eventID: try req.intParameter("eventId"),
                                                  try req.content.decode(EventPlanInput.self), by: req.actor).dto
    }

    /// The timetable; organizers also get the rules it breaks.
    func schedule(req: Request) async throws -> ScheduleDTO {
        let program = try await program(req)
        return try await req.timetable.schedule(programID: program.id!, words: req.words, checked: req.allows(.managePrograms)).dto(req)
    }

    func plan(req: Request) async throws -> ScheduleDTO {
        try await req.require(.managePrograms)
        return try await req.timetable.plan(programID: try await program(req).id!, words: req.words, by: req.actor).dto(req)
    }

    func move(req: Request) async throws -> ScheduleItemDTO {
        try await req.require(.managePrograms)
        return try await req.timetable.move(programID: try await program(req).id!, itemKey: req.parameters.get("itemKey") ?? "",
                                            try req.content.decode(ScheduleMoveInput.self), words: req.words, by: req.actor).dto
    }

    func unpin(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        try await req.timetable.unpin(programID: try await program(req).id!, itemKey: req.parameters.get("itemKey") ?? "",
                                      version: try req.queryVersion(), by: req.actor)
        return .noContent
    }
}

extension GamesTimetableService.Row {
    var dto: ScheduleItemDTO {
        ScheduleItemDTO(key: model.itemKey, eventId: model.$event.id, event: event, label: label, roundIndex: model.roundIndex, venueId: venue.id!,
                        venue: venue.name, venueKind: VenueKind(rawValue: venue.kind) ?? .other, start: MinuteOfDay.text(model.startsAt),
                        end: MinuteOfDay.text(model.endsAt), pinned: model.pinned, version: model.version)
    }
}

extension GamesTimetableService.Schedule {
    func dto(_ req: Request) -> ScheduleDTO {
        ScheduleDTO(items: rows.map(\.dto), unplaced: unplaced.map { UnplacedItemDTO(key: $0.key, eventId: $0.item.eventID, label: $0.item.label) },
                    problems: problems.map { ScheduleProblemDTO(key: $0.key, message: req.t($0.message)) })
    }
}

extension GamesTimetableService.PlanRow {
    /// What the minutes count for this event.
    var per: String {
        switch format {
        case .timed: return "heat"
        case .headToHead: return "match"
        case .measured, .counted, .judged: return "session"
        }
    }

    var dto: EventPlanDTO {
        EventPlanDTO(eventId: event.id!, event: event.name, venueKinds: VenueKind.allCases.filter(plan.kinds.contains), venueId: plan.venueID,
                     minutes: plan.minutes, per: per, isDefault: model == nil, version: model?.version ?? 0)
    }
}
