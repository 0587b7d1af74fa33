import PodiumCore
import Vapor

/// `/p/{slug}/programme`: the programme booklet (秩序册) of a games program, one page to read on a phone and to
/// print on A4: cover, contents, opening ceremony, schedule, teams, events with their heats or draws, organizing team.
struct GamesProgrammePublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "programme", use: programme)
    }

    func programme(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let booklet = try await GamesProgrammeService(db: req.db, clock: req.application.clock).booklet(programID: program.id!, words: req.words)
        return try await req.page("games/programme", GamesProgrammeContext(program: program.dto, booklet: booklet, req))
    }
}
