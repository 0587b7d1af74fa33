import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/check-in`: the phone page at the conference door. Organizers and the program's
/// officials find a person (a script filters as they type; without it `?q=` filters on the server) and
/// check them in with one tap; a mistaken check-in can be undone.
struct CeremonyCheckInController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let door = routes.grouped("admin", "recognition", ":slug", "check-in")
        door.get(use: page)
        door.post(":attendeeId", use: checkIn)
        door.post(":attendeeId", "undo", use: undo)
    }

    struct CheckInForm: Content {
        var version: Int?
        /// The search the list was narrowed by, kept when the page comes back with a refusal.
        var q: String?
    }

    func page(req: Request) async throws -> Response {
        let program = try await CeremonyAdminController.program(req)
        return try await render(req, program: program, query: req.query[String.self, at: "q"] ?? "")
    }

    func checkIn(req: Request) async throws -> Response {
        let program = try await CeremonyAdminController.program(req)
        try await req.require(.officiate(programID: program.id!))
        let attendeeID = try req.intParameter("attendeeId")
        let form = try req.content.decode(CheckInForm.self)
        let attendee: AttendeeDTO
        do {
            attendee = try await req.ceremony.checkIn(program: program, attendeeID: attendeeID, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, query: form.q ?? "", refused: (attendeeID, req.t(message)), status: .conflict)
        }
        let time = attendee.checkedInAt.map { CeremonyService.clockText($0, program) } ?? ""
        return req.redirect(to: "/admin/recognition/\(program.slug)/check-in", flash: req.t("ceremony.checkedInFlash", ["name": attendee.name, "time": time]))
    }

    func undo(req: Request) async throws -> Response {
        let program = try await CeremonyAdminController.program(req)
        try await req.require(.officiate(programID: program.id!))
        let attendeeID = try req.intParameter("attendeeId")
        let form = try req.content.decode(CheckInForm.self)
        let attendee: AttendeeDTO
        do {
            attendee = try await req.ceremony.undoCheckIn(program: program, attendeeID: attendeeID, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, query: form.q ?? "", refused: (attendeeID, req.t(message)), status: .conflict)
        }
        var location = "/admin/recognition/\(program.slug)/check-in"
        if let q = form.q?.trimmingCharacters(in: .whitespaces), !q.isEmpty {
            location += "?q=" + (q.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)?.replacingOccurrences(of: "&", with: "%26") ?? "")
        }
        return req.redirect(to: location + "#a-\(attendee.id)", flash: req.t("ceremony.undoneFlash", ["name": attendee.name]))
    }

    private func render(_ req: Request, program: ProgramModel, query: String, refused: (id: Int, message: String)? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let query = query.trimmingCharacters(in: .whitespaces)
        // The counts are everyone's, however the list is narrowed.
        let list = try await req.ceremony.attendees(programID: programID, query: query)
        let (counts, total) = req.ceremonyCounts(list)
        let rows = list.attendees.map { req.ceremonyRow($0, program: program, error: $0.id == refused?.id ? refused?.message : nil) }
        let context = CeremonyCheckInContext(
            page: PageContext(req, title: "\(req.t("ceremony.checkIn.title")) · \(program.name)", backOffice: true), program: ProgramView(program.dto, req),
            back: "/admin/recognition/\(program.slug)/ceremony", query: query, total: total, counts: counts, attendees: rows,
            shownNote: query.isEmpty ? nil : req.t("ceremony.checkIn.shown", ["shown": "\(rows.count)", "total": "\(list.total.expected)"]),
            errors: refused.map { [$0.message] } ?? [])
        return try await req.page("admin/ceremony-check-in", context, status: status)
    }
}
