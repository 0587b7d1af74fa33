import PodiumCore
import Vapor

/// `/api/v1/programs`: public reading, organizers writing.
struct ProgramsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let programs = routes.grouped("api", "v1", "programs")
        programs.get(use: list)
        programs.post(use: create)
        programs.get(":slug", use: get)
        programs.put(":slug", use: update)
        programs.post(":slug", "status", use: changeStatus)
        programs.post(":slug", "announcement", use: draftAnnouncement)
    }

    /// Drafts are listed only for organizers.
    func list(req: Request) async throws -> [ProgramDTO] {
        try await req.programs.list(publicOnly: !req.allows(.managePrograms))
    }

    func get(req: Request) async throws -> ProgramDTO {
        let program = try await req.programs.get(slug: req.parameters.get("slug") ?? "")
        if program.status == .draft, !req.allows(.managePrograms) { throw PodiumError.notFound(LocalizedMessage("error.program.notFound")) }
        return program
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.programs.create(try req.content.decode(ProgramInput.self), by: req.actor)
        return try await program.encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> ProgramDTO {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(slug: req.parameters.get("slug") ?? "")
        return try await req.programs.update(program.id, try req.content.decode(ProgramInput.self), by: req.actor)
    }

    func changeStatus(req: Request) async throws -> ProgramDTO {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(slug: req.parameters.get("slug") ?? "")
        let input = try req.content.decode(StatusChangeInput.self)
        return try await req.programs.changeStatus(program.id, to: input.status, expectedVersion: input.version, by: req.actor)
    }

    /// Drafts the program's results announcement as a new draft article linked to it.
    func draftAnnouncement(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.announcedProgram(slug: req.parameters.get("slug") ?? "")
        let input = req.headers.contentType == nil || req.body.data?.readableBytes ?? 0 == 0
            ? AnnouncementInput() : try req.content.decode(AnnouncementInput.self)
        let article = try await req.announcements.draft(program: program, language: try req.announcementLanguage(input.language), by: req.actor)
        return try await article.encodeResponse(status: .created, for: req)
    }
}
