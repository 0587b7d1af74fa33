import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/events/{eventId}/heats` and `/final`: heat times on the track and the final made from them.
struct GamesFinalAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let event = routes.grouped("api", "v1", "programs", ":slug", "events", ":eventId")
        event.get("heats", use: heats)
        event.put("heats", ":heat", use: recordHeat)
        event.put("final", use: makeFinal)
        event.delete("final", use: withdrawFinal)
    }

    private func program(_ req: Request) async throws -> ProgramModel { try await req.publicGamesProgram() }

    private func service(_ req: Request) -> GamesFinalService { GamesFinalService(db: req.db, clock: req.application.clock) }

    func heats(req: Request) async throws -> HeatsDTO {
        let program = try await program(req)
        return try await service(req).load(programID: program.id!, eventID: try req.intParameter("eventId")).dto
    }

    func recordHeat(req: Request) async throws -> HeatsDTO {
        let program = try await program(req)
        try await req.require(.officiate(programID: program.id!))
        let eventID = try req.intParameter("eventId")
        let input = try req.content.decode(HeatTimesInput.self)
        let rows = input.times.map { GamesFinalService.TimeInput(entryID: $0.entryId, status: $0.status, mark: $0.mark, version: $0.version) }
        _ = try await service(req).recordHeat(programID: program.id!, eventID: eventID, heat: try req.intParameter("heat"), rows: rows, by: req.actor)
        return try await service(req).load(programID: program.id!, eventID: eventID).dto
    }

    func makeFinal(req: Request) async throws -> HeatsDTO {
        try await req.require(.managePrograms)
        let program = try await program(req)
        let input = try req.content.decode(FinalInput.self)
        let eventID = try req.intParameter("eventId")
        // Without lanes the final takes the saved track's lanes and order.
        let event = try await service(req).event(programID: program.id!, eventID: eventID, on: req.db)
        let track = input.lanes == nil ? try await GamesStartListService(db: req.db, clock: req.application.clock).savedTrack(for: event, on: req.db) : nil
        let request = GamesFinalService.FinalRequest(byPlace: input.byPlace, byTime: input.byTime, lanes: input.lanes ?? track?.lanes ?? 8,
                                                     laneOrder: input.laneOrder ?? track?.laneOrder ?? "",
                                                     picks: input.picks ?? [], drawLots: input.drawLots ?? false, version: input.version)
        return try await service(req).makeFinal(programID: program.id!, eventID: eventID, request,
                                                seed: req.application.random.seed(), by: req.actor).dto
    }

    func withdrawFinal(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await program(req)
        try await service(req).withdrawFinal(programID: program.id!, eventID: try req.intParameter("eventId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }
}
