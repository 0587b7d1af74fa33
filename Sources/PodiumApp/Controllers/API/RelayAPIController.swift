import PodiumCore
import Vapor

/// `/api/v1/programs/{slug}/relay/...`: a relay's course, teams and line-ups, timing reads, corrections and results.
struct RelayAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let relay = routes.grouped("api", "v1", "programs", ":slug", "relay")
        relay.get(use: settings)
        relay.put(use: updateSettings)
        relay.post("start", use: start)
        relay.get("teams", use: teams)
        relay.post("teams", use: createTeam)
        relay.delete("teams", ":teamId", use: deleteTeam)
        relay.put("teams", ":teamId", "line-up", use: setLineUp)
        relay.put("teams", ":teamId", "status", use: setStatus)
        relay.get("line-up-problems", use: lineUpProblems)
        relay.get("reads", use: reads)
        // Chip readers send their backlog in one request: up to 20,000 reads.
        relay.upload("reads", maxSize: "8mb", use: postReads)
        relay.upload("reads.csv", maxSize: "8mb", use: importReads)
        relay.post("reads", ":readId", "corrections", use: correct)
        relay.get("review", use: review)
        relay.get("results", use: results)
        relay.get("results.csv", use: resultsCSV)
    }

    static func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.relay.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    func settings(req: Request) async throws -> RelaySettingsDTO {
        try await req.relay.settings(programID: try await Self.program(req).id!)
    }

    func updateSettings(req: Request) async throws -> RelaySettingsDTO {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let result = try await req.relay.updateSettings(program: program, try req.content.decode(RelaySettingsInput.self), by: req.actor)
        return result
    }

    /// The starter's gun: the mass start, or a restart at an exchange (`point`).
    func start(req: Request) async throws -> RelaySettingsDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        let result = try await req.relay.recordStart(program: program, try req.content.decode(RelayStartInput.self), by: req.actor)
        return result
    }

    func teams(req: Request) async throws -> [RelayTeamDTO] {
        try await req.relay.teams(programID: try await Self.program(req).id!)
    }

    func createTeam(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        let team = try await req.relay.createTeam(program: program, try req.content.decode(RelayTeamInput.self), by: req.actor)
        return try await team.encodeResponse(status: .created, for: req)
    }

    func deleteTeam(req: Request) async throws -> HTTPStatus {
        try await req.require(.managePrograms)
        let program = try await Self.program(req)
        try await req.relay.deleteTeam(program: program, teamID: try req.intParameter("teamId"), by: req.actor)
        return .noContent
    }

    /// Organizers and the team's own leaders set the line-up.
    func setLineUp(req: Request) async throws -> RelayTeamDTO {
        let program = try await Self.program(req)
        let team = try await req.relay.team(try req.intParameter("teamId"), programID: program.id!)
        try await req.require(.enterTeam(unitID: team.$unit.id))
        let result = try await req.relay.setLineUp(program: program, teamID: team.id!, try req.content.decode(RelayLineUpInput.self),
                                                   by: req.actor, mayOverride: req.allows(.managePrograms))
        return result
    }

    func setStatus(req: Request) async throws -> RelayTeamDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        let result = try await req.relay.setStatus(program: program, teamID: try req.intParameter("teamId"),
                                                   try req.content.decode(RelayTeamStatusInput.self), by: req.actor)
        return result
    }

    struct LineUpProblemDTO: Content {
        let teamId: Int
        let rule: RelayLineUpRule
        let message: String
    }

    func lineUpProblems(req: Request) async throws -> [LineUpProblemDTO] {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await req.relay.lineUpProblems(programID: program.id!).sorted { $0.key < $1.key }.flatMap { teamID, problems in
            problems.map { LineUpProblemDTO(teamId: teamID, rule: $0.rule, message: req.t($0.message)) }
        }
    }

    func reads(req: Request) async throws -> [TimingReadDTO] {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        return try await req.relayTiming.readDTOs(programID: program.id!)
    }

    /// A batch of reads from a chip reader, a timekeeper's phone or another system. Sending the same
    /// reads again stores nothing twice.
    func postReads(req: Request) async throws -> ReadBatchResultDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        let input = try req.content.decode(ReadBatchInput.self)
        let source: ReadSource = req.requestActor.via == .bearer ? .api : .manual
        let drafts = input.reads.map { read in
            ReadDraft(bib: RelayTiming.normalizeBib(read.bib), point: read.point, at: read.at.ms,
                      device: read.device?.trimmingCharacters(in: .whitespaces) ?? req.actor.displayName,
                      clientReadID: read.readId?.trimmingCharacters(in: .whitespaces) ?? "")
        }
        let result = try await req.relayTiming.ingest(program: program, drafts, source: input.source ?? source, by: req.actor)
        return result
    }

    /// A CSV file of reads (`bib,point,time`), as the body with Content-Type text/csv.
    func importReads(req: Request) async throws -> ReadBatchResultDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        guard let body = req.body.data, body.readableBytes > 0 else { throw PodiumError.invalid("file", "error.import.noFile") }
        let result = try await req.relayTiming.importCSV(program: program, Data(buffer: body), device: req.query[String.self, at: "device"], by: req.actor)
        return result
    }

    func correct(req: Request) async throws -> TimingReadDTO {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        let result = try await req.relayTiming.correct(program: program, readID: try req.intParameter("readId"),
                                                       try req.content.decode(TimingCorrectionInput.self), by: req.actor)
        return result
    }

    struct ReviewItemDTO: Content {
        /// `suspect` or `missing`.
        let kind: String
        let readId: Int?
        let reason: SuspectReason?
        let teamId: Int?
        let bib: String?
        let point: Int
        let at: Int64?
        let message: String
    }

    /// Suspect reads and exchanges passed without a read, oldest first.
    func review(req: Request) async throws -> [ReviewItemDTO] {
        let program = try await Self.program(req)
        try await req.require(.officiate(programID: program.id!))
        let snapshot = try await req.relayTiming.snapshot(program: program)
        return snapshot.board.reviews.map { item in
            let words = RelayReviewWords(item: item, snapshot: snapshot, words: req.words)
            switch item.kind {
            case .suspectRead(let readID, let reason):
                return ReviewItemDTO(kind: "suspect", readId: readID, reason: reason, teamId: item.teamID, bib: item.bib, point: item.point,
                                     at: item.at, message: words.message)
            case .missingRead:
                return ReviewItemDTO(kind: "missing", readId: nil, reason: nil, teamId: item.teamID, bib: item.bib, point: item.point,
                                     at: nil, message: words.message)
            }
        }
    }

    func results(req: Request) async throws -> RelayResultsDTO {
        let program = try await Self.program(req)
        return RelayResultsDTO(try await req.relayTiming.snapshot(program: program, includeReads: false))
    }

    func resultsCSV(req: Request) async throws -> Response {
        let program = try await Self.program(req)
        let csv = RelayExport.resultsCSV(try await req.relayTiming.snapshot(program: program, includeReads: false), words: req.words)
        return GamesExport.response(csv, filename: "\(program.slug)-results.csv")
    }
}

extension Request {
    var relay: RelayService { RelayService(db: db, clock: application.clock) }
    var relayTiming: RelayTimingService { RelayTimingService(db: db, clock: application.clock, boardCache: application.relayBoardCache) }
}
