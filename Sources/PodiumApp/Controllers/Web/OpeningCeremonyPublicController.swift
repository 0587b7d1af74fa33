import PodiumCore
import Vapor

/// `/p/{slug}/opening-ceremony`: the running order of a games program's opening ceremony, for everyone once the
/// program is out of draft; a march-in lists its formations and when each passes the stand.
struct OpeningCeremonyPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "opening-ceremony", use: show)
    }

    func show(req: Request) async throws -> Response {
        let program = try await req.staffProgram()
        let show = try await req.runOfShow.runOfShow(programID: program.id!)
        let rows = show.segments.map(req.runOfShowRow)
        let context = PublicRunOfShowContext(page: PageContext(req, title: "\(req.t("runOfShow.title")) · \(program.name)"),
                                             program: ProgramView(program.dto, req), startsAt: show.startsAt, endsAt: show.endsAt,
                                             segments: rows, hasSegments: !rows.isEmpty)
        return try await req.page("games/opening-ceremony", context)
    }
}
