import PodiumCore
import Vapor

/// `/p/{slug}/schedule`: a games program's timetable for the public, by time, filtered by venue with
/// `?venue=ID`. Prints as the programme schedule.
struct GamesSchedulePublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "schedule", use: schedule)
    }

    func schedule(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let schedule = try await req.timetable.schedule(programID: program.id!, words: req.words, checked: false)
        let chosen = (try? req.query.get(Int.self, at: "venue")).flatMap { id in schedule.day.venues.first { $0.id == id } }
        let rows = schedule.rows.filter { chosen == nil || $0.venue.id == chosen?.id }
        let slots = GamesScheduleContext.slots(rows, req)
        let venues = schedule.day.venues.map { FieldView.Option(value: "\($0.id!)", label: $0.name, selected: $0.id == chosen?.id) }
        let title = "\(program.name) · \(req.t("games.schedule"))"
        return try await req.page("games/schedule", GamesScheduleContext(
            page: PageContext(req, title: title), program: ProgramView(program.dto, req), venues: venues, filtered: chosen != nil,
            venueName: chosen?.name ?? "", slots: slots, hasSlots: !slots.isEmpty))
    }
}
