import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}/start-lists`: heats and lanes, flights and the order of competition, seeded from
/// entry marks by an organizer and printed for the starter and the call room (one A4 page per event).
struct GamesStartListController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let lists = routes.grouped("admin", "games", ":slug", "start-lists")
        lists.get(use: index)
        lists.get("print", use: printAll)
        lists.get(":eventId", use: show)
        lists.post(":eventId", use: seed)
    }

    struct SeedForm: Content {
        var mark: [String: String]?
        var laneOrder: String?
        var lanes: String?
        var flightSize: String?
    }

    private func access(_ req: Request) async throws -> (ProgramModel, canSeed: Bool) {
        let (program, isOrganizer) = try await GamesOffice.officiating(req)
        return (program, isOrganizer)
    }

    private func seedableEvents(_ req: Request, programID: Int) async throws -> [GamesEventModel] {
        try await GamesEventModel.query(on: req.db).filter(\.$program.$id == programID)
            .filter(\.$format ~~ Array(GamesStartListService.seedableFormats)).sort(\.$id).all()
    }

    func index(req: Request) async throws -> Response {
        let (program, _) = try await access(req)
        let service = GamesStartListService(db: req.db, clock: req.application.clock)
        var rows: [GamesStartListsContext.Event] = []
        for event in try await seedableEvents(req, programID: program.id!) {
            let list = try await service.startList(event: event, on: req.db)
            rows.append(.init(id: event.id!, name: event.name,
                              state: list.isSeeded ? req.t(list.isTrack ? "startList.heats" : "startList.flights", ["count": "\(list.byHeat.count)"])
                                  : req.t("startList.notYet")))
        }
        return try await req.page("admin/games-start-lists", GamesStartListsContext(
            page: PageContext(req, title: req.t("startList.title"), backOffice: true), program: ProgramView(program.dto, req),
            events: rows, hasEvents: !rows.isEmpty, sheets: [], printAll: false))
    }

    /// Every seeded start list, one event per printed page.
    func printAll(req: Request) async throws -> Response {
        let (program, _) = try await access(req)
        let service = GamesStartListService(db: req.db, clock: req.application.clock)
        var sheets: [StartListSheet] = []
        for event in try await seedableEvents(req, programID: program.id!) {
            let list = try await service.startList(event: event, on: req.db)
            if list.isSeeded { sheets.append(StartListSheet(list, req, final: try await final(req, list))) }
        }
        return try await req.page("admin/games-start-lists", GamesStartListsContext(
            page: PageContext(req, title: req.t("startList.title"), backOffice: true), program: ProgramView(program.dto, req),
            events: [], hasEvents: false, sheets: sheets, printAll: true))
    }

    func show(req: Request) async throws -> Response {
        let (program, canSeed) = try await access(req)
        let list = try await GamesStartListService(db: req.db, clock: req.application.clock).startList(programID: program.id!, eventID: try req.intParameter("eventId"))
        return try await render(req, program: program, list: list, canSeed: canSeed, form: nil, issues: [], status: .ok)
    }

    func seed(req: Request) async throws -> Response {
        let (program, canSeed) = try await access(req)
        guard canSeed else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let eventID = try req.intParameter("eventId")
        let form = try req.content.decode(SeedForm.self)
        var marks: [Int: String] = [:]
        for (key, value) in form.mark ?? [:] { if let id = Int(key) { marks[id] = value } }
        let request = GamesStartListService.SeedRequest(marks: marks, laneOrder: form.laneOrder ?? "", lanes: Int(form.lanes ?? "") ?? 8,
                                                         flightSize: Int(form.flightSize ?? "") ?? 8)
        let service = GamesStartListService(db: req.db, clock: req.application.clock)
        do {
            _ = try await service.seed(programID: program.id!, eventID: eventID, request, seed: req.application.random.seed(), by: req.actor)
        } catch let error as PodiumError {
            let list = try await service.startList(programID: program.id!, eventID: eventID)
            return try await render(req, program: program, list: list, canSeed: canSeed, form: form,
                                    issues: GamesDrawAdminController.issues(error), status: MappedError.from(error).status)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/start-lists/\(eventID)", flash: req.t("startList.saved"))
    }

    private func final(_ req: Request, _ list: GamesStartListService.StartList) async throws -> GamesFinalService.Loaded? {
        guard list.isTrack, list.isSeeded else { return nil }
        return try await GamesFinalService(db: req.db, clock: req.application.clock).load(event: list.event, on: req.db)
    }

    private func render(_ req: Request, program: ProgramModel, list: GamesStartListService.StartList, canSeed: Bool, form: SeedForm?,
                        issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let byField = Dictionary(grouping: issues, by: \.field)
        let marks = list.lines.map { line in
            GamesStartListContext.MarkInput(entryID: line.entryID, label: "\(line.names.joined(separator: "、")) (\(line.teamName))",
                                            value: form?.mark?["\(line.entryID)"] ?? line.seedMark,
                                            error: byField["mark.\(line.entryID)"].map { $0.map { req.t($0.message) }.joined(separator: " ") })
        }
        let general = issues.filter { !$0.field.hasPrefix("mark.") }.map { req.t($0.message) }
        let laterRounds = try await GamesStartListService(db: req.db, clock: req.application.clock).laterRoundsOrder(list).enumerated().map { index, item in
            StartListSheet.Line(position: "\(index + 1)", names: item.line.names.joined(separator: "、"), team: item.line.teamName, seedMark: item.best)
        }
        let track = list.isTrack ? try await GamesStartListService(db: req.db, clock: req.application.clock).savedTrack(for: list.event, on: req.db) : nil
        let context = GamesStartListContext(
            page: PageContext(req, title: "\(list.event.name) · \(req.t("startList.title"))", backOffice: true), program: ProgramView(program.dto, req),
            sheet: StartListSheet(list, req, final: try await final(req, list)), callRoom: (try? req.query.get(String.self, at: "view")) == "call-room", canSeed: canSeed,
            isTrack: list.isTrack, marks: marks, laneOrder: form?.laneOrder ?? track?.laneOrder ?? "", lanes: form?.lanes ?? "\(track?.lanes ?? 8)", flightSize: form?.flightSize ?? "8",
            errors: general + (issues.contains { $0.field.hasPrefix("mark.") } ? [req.t("startList.fixMarks")] : []),
            hasErrors: !issues.isEmpty, markHint: req.t(list.isTrack ? "startList.markHint.time" : "startList.markHint.distance"),
            laterRounds: laterRounds, hasLaterRounds: !laterRounds.isEmpty)
        return try await req.page("admin/games-start-list", context, status: status)
    }
}
