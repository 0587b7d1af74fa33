import Fluent
import PodiumCore
import Vapor

/// `/p/{slug}/brackets` and `/p/{slug}/brackets/{eventId}`: the public draw sheets of head-to-head events.
struct GamesBracketPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "brackets", use: index)
        routes.get("p", ":slug", "brackets", ":eventId", use: bracket)
    }

    func index(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let events = try await GamesEventModel.query(on: req.db).filter(\.$program.$id == program.id!)
            .filter(\.$format == EventFormat.headToHead.rawValue).sort(\.$id).all()
        let draws = try await GamesDrawModel.query(on: req.db).filter(\.$event.$id ~~ events.compactMap(\.id)).all()
        let structures = Dictionary(uniqueKeysWithValues: draws.map { ($0.$event.id, $0.structure) })
        let rows = events.compactMap { event -> GamesBracketsContext.Event? in
            guard let structure = structures[event.id!].flatMap(DrawStructure.init(rawValue:)) else { return nil }
            return .init(id: event.id!, name: event.name, structure: req.t(structure.localizationKey), url: "/p/\(program.slug)/brackets/\(event.id!)")
        }
        return try await req.page("games/brackets", GamesBracketsContext(page: PageContext(req, title: "\(program.name) · \(req.t("draw.brackets"))"),
                                                                         program: ProgramView(program.dto, req), events: rows, hasEvents: !rows.isEmpty))
    }

    func bracket(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let service = GamesDrawService(db: req.db, clock: req.application.clock)
        let event = try await service.event(programID: program.id!, eventID: try req.intParameter("eventId"), on: req.db)
        guard let loaded = try await service.load(event: event, on: req.db) else {
            throw PodiumError.notFound(LocalizedMessage("error.draw.none", ["event": event.name]))
        }
        return try await req.page("games/bracket", GamesBracketContext(page: PageContext(req, title: "\(event.name) · \(req.t("draw.brackets"))"),
                                                                       program: ProgramView(program.dto, req), eventName: event.name,
                                                                       board: DrawBoard(loaded.dto(req), req)))
    }
}
