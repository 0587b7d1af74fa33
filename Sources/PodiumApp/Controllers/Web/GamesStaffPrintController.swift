import Foundation
import PodiumCore
import Vapor

/// `/admin/games/{slug}/staff/print`: the duty list on A4, one section per post with who is on it and when,
/// then everyone's own duties, for the organizers' folder and the notice board.
struct GamesStaffPrintController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "games", ":slug", "staff", "print", use: print)
    }

    func print(req: Request) async throws -> Response {
        let program = try await GamesOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let roster = try await req.duties.roster(programID: program.id!)
        let posts = roster.postDTOs()
        let assignments = roster.assignmentDTOs()
        let ordered = DutyKind.allCases.flatMap { kind in posts.filter { $0.kind == kind } }
        let sections = ordered.map { post in
            GamesStaffPrintContext.Post(
                name: post.name, kind: req.t(post.kind.localizationKey), venue: post.venueName,
                shifts: post.shifts.map { req.t("staff.printShift", ["time": "\($0.starts)–\($0.ends)",
                                                                     "coverage": req.t("staff.coverage", ["assigned": "\($0.assignedPersonIds.count)", "needed": "\($0.needed)"])]) },
                rows: assignments.filter { $0.postId == post.id }.map {
                    .init(time: "\($0.starts)–\($0.ends)", name: $0.personName, number: $0.employeeNumber, unit: $0.unitName, note: $0.note)
                })
        }
        let people = Dictionary(grouping: assignments, by: \.personId).values
            .map { duties in
                let first = duties[0]
                return GamesStaffPrintContext.Person(name: first.personName, number: first.employeeNumber, unit: first.unitName,
                                                     duties: duties.map { .init(post: $0.postName, time: "\($0.starts)–\($0.ends)") })
            }
            .sorted { ($0.name, $0.number ?? "") < ($1.name, $1.number ?? "") }
        let context = GamesStaffPrintContext(page: PageContext(req, title: "\(req.t("staff.printTitle")) · \(program.name)", backOffice: true),
                                             program: ProgramView(program.dto, req), back: "/admin/games/\(program.slug)/staff", posts: sections,
                                             people: people, assignmentCount: assignments.count)
        return try await req.page("admin/games-staff-print", context)
    }
}
