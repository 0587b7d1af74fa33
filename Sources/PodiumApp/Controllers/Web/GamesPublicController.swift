import Fluent
import PodiumCore
import Vapor

/// The public results and standings of a games program.
struct GamesPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "results", use: results)
        routes.get("p", ":slug", "standings", use: standings)
        routes.get("p", ":slug", "awards", use: awards)
    }

    func results(req: Request) async throws -> Response {
        if let relay = try await ProgramModel.query(on: req.db).filter(\.$slug == (req.parameters.get("slug") ?? ""))
            .filter(\.$kind == ProgramKind.relay.rawValue).first(),
           relay.status != ProgramStatus.draft.rawValue || req.allows(.managePrograms) {
            return try await RelayPublicController.results(req: req, program: relay)
        }
        let program = try await req.publicGamesProgram()
        let context = try await GamesResultsService.Context.load(programID: program.id!, db: req.db)
        let events = context.events.map { event -> GamesResultsContext.Event in
            let lines = context.ranked(event).map { line in
                GamesResultsContext.Line(
                    place: line.place.map { "\($0)\(line.tied ? "=" : "")" } ?? "",
                    names: line.names.joined(separator: "、"), team: line.teamName,
                    mark: line.status.map { $0 == .ok ? line.mark : req.t($0.localizationKey) } ?? "—",
                    points: line.points == "0" ? "" : line.points, award: line.award, provisional: line.status != nil && !line.official,
                    fromHeat: line.round == .heat)
            }
            return .init(id: event.id!, name: event.name, category: req.t((EventCategory(rawValue: event.category) ?? .competition).localizationKey),
                         lines: lines, hasLines: !lines.isEmpty)
        }
        let title = "\(program.name) · \(req.t("games.results"))"
        return try await req.page("games/results", GamesResultsContext(page: PageContext(req, title: title), program: ProgramView(program.dto, req),
                                                                       events: events, hasEvents: !events.isEmpty))
    }

    /// Summarised the way the results are announced: "36 individual awards, 18 collective awards ...".
    func awards(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let awards = try await GamesResultsService(db: req.db, clock: req.application.clock).awards(programID: program.id!)
        let summary = req.t("games.awardSummary", ["individual": "\(awards.individual)", "collective": "\(awards.collective)",
                                                   "parentChild": "\(awards.parentChild)"])
        let prizes = awards.prizes.map { req.t("games.prizeWon", ["team": $0.teamName, "prize": req.prizeName($0.prize)]) }
        let events = awards.events.map { event in
            GamesAwardsContext.Event(name: event.name, kind: req.t(event.kind.localizationKey),
                                     awardees: event.awardees.map { "\($0.place). \($0.names.joined(separator: "、")) (\($0.teamName))" },
                                     hasAwardees: !event.awardees.isEmpty)
        }
        let title = "\(program.name) · \(req.t("games.awards"))"
        return try await req.page("games/awards", GamesAwardsContext(page: PageContext(req, title: title), program: ProgramView(program.dto, req),
                                                                     summary: summary, prizes: prizes, medals: awards.medals,
                                                                     hasMedals: !awards.medals.isEmpty, events: events))
    }

    func standings(req: Request) async throws -> Response {
        let program = try await req.publicGamesProgram()
        let standings = try await GamesResultsService(db: req.db, clock: req.application.clock).standings(programID: program.id!)
        let rows = standings.map { row in
            GamesStandingsContext.Row(rank: "\(row.rank)\(row.tied ? "=" : "")", team: row.teamName, points: row.points,
                                      firsts: row.placeCounts.first ?? 0, seconds: row.placeCounts.dropFirst().first ?? 0,
                                      thirds: row.placeCounts.dropFirst(2).first ?? 0,
                                      prize: row.prize.map { req.prizeName($0) })
        }
        let title = "\(program.name) · \(req.t("games.standings"))"
        return try await req.page("games/standings", GamesStandingsContext(page: PageContext(req, title: title), program: ProgramView(program.dto, req),
                                                                           rows: rows, hasRows: !rows.isEmpty))
    }
}
