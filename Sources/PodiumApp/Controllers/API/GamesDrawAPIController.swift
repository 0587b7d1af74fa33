import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/events/{eventId}/draw` and `/matches/{key}`: head-to-head draws and match results.
struct GamesDrawAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let event = routes.grouped("api", "v1", "programs", ":slug", "events", ":eventId")
        event.get("draw", use: draw)
        event.put("draw", use: saveDraw)
        event.put("matches", ":key", use: recordMatch)
        event.delete("matches", ":key", use: clearMatch)
        event.put("draw", "groups", ":group", "tie", use: decideTie)
        event.delete("draw", "groups", ":group", "tie", use: withdrawTie)
    }

    private func program(_ req: Request) async throws -> ProgramModel { try await req.publicGamesProgram() }

    private func service(_ req: Request) -> GamesDrawService { GamesDrawService(db: req.db, clock: req.application.clock) }

    func draw(req: Request) async throws -> DrawDTO {
        let program = try await program(req)
        guard let loaded = try await service(req).load(programID: program.id!, eventID: try req.intParameter("eventId")) else {
            throw PodiumError.notFound(LocalizedMessage("error.draw.none", ["event": "\(try req.intParameter("eventId"))"]))
        }
        return loaded.dto(req)
    }

    func saveDraw(req: Request) async throws -> DrawDTO {
        try await req.require(.managePrograms)
        let program = try await program(req)
        return try await service(req).save(programID: program.id!, eventID: try req.intParameter("eventId"), try req.content.decode(DrawInput.self),
                                           seed: req.application.random.seed(), by: req.actor).dto(req)
    }

    func recordMatch(req: Request) async throws -> MatchDTO {
        let (program, ref) = try await officiating(req)
        let input = try req.content.decode(MatchResultInput.self)
        let loaded = try await service(req).record(programID: program.id!, eventID: try req.intParameter("eventId"), ref: ref, input,
                                                   version: input.version, by: req.actor)
        return loaded.dto(req).matches.first { $0.key == ref.key }!
    }

    func clearMatch(req: Request) async throws -> HTTPStatus {
        let (program, ref) = try await officiating(req)
        _ = try await service(req).record(programID: program.id!, eventID: try req.intParameter("eventId"), ref: ref, nil,
                                          version: try req.queryVersion(), by: req.actor)
        return .noContent
    }

    func decideTie(req: Request) async throws -> DrawDTO {
        try await req.require(.managePrograms)
        let program = try await program(req)
        return try await service(req).decideTie(programID: program.id!, eventID: try req.intParameter("eventId"), group: try req.intParameter("group"),
                                                try req.content.decode(GroupTieInput.self), seed: req.application.random.seed(), by: req.actor).dto(req)
    }

    func withdrawTie(req: Request) async throws -> DrawDTO {
        try await req.require(.managePrograms)
        let program = try await program(req)
        var rank: Int?
        if let text = req.query[String.self, at: "rank"], !text.isEmpty {
            guard let value = Int(text) else { throw PodiumError.invalid("rank", "error.field.integer", ["value": text]) }
            rank = value
        }
        return try await service(req).withdrawTie(programID: program.id!, eventID: try req.intParameter("eventId"), group: try req.intParameter("group"),
                                                  rank: rank, version: try req.queryVersion(), by: req.actor).dto(req)
    }

    private func officiating(_ req: Request) async throws -> (ProgramModel, MatchRef) {
        let program = try await program(req)
        try await req.require(.officiate(programID: program.id!))
        guard let ref = MatchRef(key: req.parameters.get("key") ?? "") else {
            throw PodiumError.notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": req.parameters.get("key") ?? ""]))
        }
        return (program, ref)
    }
}

extension GamesDrawService.Loaded {
    func dto(_ req: Request) -> DrawDTO {
        let seedOf = Dictionary(uniqueKeysWithValues: draw.entrants.enumerated().map { ($1, $0 + 1) })
        let entrantDTOs = draw.entrants.map { id in
            DrawEntrantDTO(entryId: id, seed: seedOf[id]!, teamName: entrants[id]?.teamName ?? "", names: entrants[id]?.names ?? [],
                           label: entrants[id]?.label ?? "")
        }
        func side(_ id: Int?, _ from: LocalizedMessage?) -> String {
            if let id { return entrants[id]?.label ?? "" }
            return from.map(req.t) ?? req.t("draw.bye")
        }
        let matches = draw.matches.map { match in
            let stored = results[match.ref]
            return MatchDTO(key: match.ref.key, stage: match.ref.stage.rawValue, group: match.ref.group, number: match.ref.number, round: match.round,
                            roundLabel: req.t(match.label), thirdPlace: match.isThirdPlace, homeEntryId: match.home, awayEntryId: match.away,
                            home: side(match.home, match.homeFrom), away: side(match.away, match.awayFrom),
                            score: match.outcome?.display, ending: match.outcome?.ending, winner: match.outcome?.winner,
                            official: stored?.official ?? false, ready: match.isReady, version: stored?.version)
        }
        let tables = draw.tables.enumerated().map { index, rows in
            GroupTableDTO(group: index + 1, name: draw.structure == .roundRobin ? req.t("draw.table") : req.t("draw.group", ["group": GroupsToKnockout.groupName(index)]),
                          rows: rows.map { row in
                              GroupTableRowDTO(entryId: row.entryID, label: entrants[row.entryID]?.label ?? "", rank: row.rank, tied: row.tied, played: row.played,
                                               wins: row.wins, draws: row.draws, losses: row.losses, gamesFor: row.gamesFor, gamesAgainst: row.gamesAgainst,
                                               pointsFor: row.pointsFor, pointsAgainst: row.pointsAgainst, matchPoints: row.matchPoints,
                                               separatedBy: row.separatedBy?.rawValue)
                          })
        }
        let counts = Dictionary(draw.places.map { ($0.place, 1) }, uniquingKeysWith: +)
        var scoringName = "points", bestOf = 1, gamePoints = 0, cap: Int?, allowDraw = false
        switch settings.scoring {
        case .points(let draw): allowDraw = draw
        case .games(let b, let g, let c): (scoringName, bestOf, gamePoints, cap) = ("games", b, g, c)
        }
        return DrawDTO(eventId: event.id!, structure: settings.structure, scoring: scoringName, bestOf: bestOf, gamePoints: gamePoints, gameCap: cap,
                       allowDraw: allowDraw, thirdPlace: settings.thirdPlaceMatch, groupCount: settings.groupCount,
                       qualifiersPerGroup: settings.qualifiersPerGroup, winPoints: settings.rules.winPoints, drawPoints: settings.rules.drawPoints,
                       lossPoints: settings.rules.lossPoints, tieBreaks: settings.rules.tieBreaks.map(\.rawValue), entrants: entrantDTOs,
                       groups: draw.groups, matches: matches, tables: tables,
                       places: draw.places.map { DrawPlaceDTO(entryId: $0.entryID, place: $0.place, tied: (counts[$0.place] ?? 0) > 1) },
                       ties: draw.ties.map { tie in
                           GroupTieDTO(group: tie.group, name: req.t("draw.group", ["group": GroupsToKnockout.groupName(tie.group - 1)]), rank: tie.rank,
                                       lastRank: tie.ranks.upperBound, entryIds: tie.entries, labels: tie.entries.map { entrants[$0]?.label ?? "" },
                                       open: tie.isOpen, method: tie.decision?.method, atQualifyingLine: tie.straddlesQualifying)
                       },
                       complete: draw.isComplete, version: model.version)
    }
}
