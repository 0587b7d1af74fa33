import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/ceremony/...`: a recognition conference's agenda and attendee list with check-in.
/// Organizers edit; organizers and the program's officials check people in and read the list; the agenda
/// is public once the program is out of draft.
struct CeremonyAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ceremony = routes.grouped("api", "v1", "programs", ":slug", "ceremony")
        ceremony.get("agenda", use: agenda)
        ceremony.post("agenda", use: addAgendaItem)
        ceremony.put("agenda", ":itemId", use: updateAgendaItem)
        ceremony.delete("agenda", ":itemId", use: deleteAgendaItem)
        ceremony.get("attendees", use: attendees)
        ceremony.post("attendees", use: addAttendee)
        ceremony.delete("attendees", ":attendeeId", use: removeAttendee)
        ceremony.post("attendees", ":attendeeId", "check-in", use: checkIn)
        ceremony.delete("attendees", ":attendeeId", "check-in", use: undoCheckIn)
    }

    /// The recognition program; a draft exists only for those who run it.
    static func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.ceremony.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.officiate(programID: program.id!)) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    func agenda(req: Request) async throws -> [AgendaItemDTO] {
        try await req.ceremony.agenda(programID: try await Self.program(req).id!)
    }

    func addAgendaItem(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let item = try await req.ceremony.addAgendaItem(program: program, try req.content.decode(AgendaItemInput.self), by: req.actor)
        return try await item.encodeResponse(status: .created, for: req)
    }

    func updateAgendaItem(req: Request) async throws -> AgendaItemDTO {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        return try await req.ceremony.updateAgendaItem(program: program, itemID: try req.intParameter("itemId"),
                                                       try req.content.decode(AgendaItemInput.self), by: req.actor)
    }

    /// `?version=` makes a stale delete fail with 409.
    func deleteAgendaItem(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        try await req.ceremony.deleteAgendaItem(program: program, itemID: try req.intParameter("itemId"), version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    /// `?q=` narrows the list by name, unit, seat or employee number; the counts stay those of everyone.
    func attendees(req: Request) async throws -> AttendeeListDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await req.ceremony.attendees(programID: program.id!, query: req.query[String.self, at: "q"] ?? "")
    }

    func addAttendee(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let attendee = try await req.ceremony.addAttendee(program: program, try req.content.decode(AttendeeInput.self), by: req.actor)
        return try await attendee.encodeResponse(status: .created, for: req)
    }

    func removeAttendee(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        try await req.ceremony.removeAttendee(program: program, attendeeID: try req.intParameter("attendeeId"), by: req.actor)
        return .noContent
    }

    func checkIn(req: Request) async throws -> AttendeeDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await req.ceremony.checkIn(program: program, attendeeID: try req.intParameter("attendeeId"),
                                              version: try Self.bodyVersion(req), by: req.actor)
    }

    func undoCheckIn(req: Request) async throws -> AttendeeDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await req.ceremony.undoCheckIn(program: program, attendeeID: try req.intParameter("attendeeId"),
                                                  version: try Self.bodyVersion(req) ?? req.queryVersion(), by: req.actor)
    }

    /// The version of an optional JSON body (`{"version": 3}`); no body is no version.
    private static func bodyVersion(_ req: Request) throws -> Int? {
        guard let body = req.body.data, body.readableBytes > 0 else { return try req.queryVersion() }
        return try req.content.decode(CheckInInput.self).version
    }

}
